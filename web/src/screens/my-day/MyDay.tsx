import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import { call, client, type Schemas } from "../../api/client";
import { useHints } from "../../api/stream";
import type { ScreenProps } from "../../app/routes";
import { dayOf, useMessages } from "../../i18n/i18n";
import { describeError } from "../../ui/errors";
import { NotificationList } from "../../ui/NotificationList";
import { RecordLink } from "../../ui/RecordLink";
import { type RecordType, recordHref } from "../../ui/records";
import { TaskRow, useTaskCompletion } from "../../ui/TaskRow";
import { messages } from "./messages";
import { planDay } from "./plan";

type Task = Schemas["Task"];
type NoNextStep = Schemas["NoNextStepReport"];
type Notification = Schemas["Notification"];

interface Data {
  tasks: Task[];
  noNextStep: NoNextStep;
  notifications: Notification[];
}

// Records without a next step listed per type at most (the count is of all of them).
const noNextStepShown = 50;

async function load(userId: number): Promise<Data> {
  const [tasks, noNextStep, notifications] = await Promise.all([
    call(
      client.GET("/api/v1/tasks", { params: { query: { assignee_id: userId, status: "open", limit: 200 } } }),
    ),
    call(client.GET("/api/v1/control/no-next-step", { params: { query: { limit: noNextStepShown } } })),
    call(client.GET("/api/v1/notifications", { params: { query: { unread: true, limit: 20 } } })),
  ]);
  return { tasks: tasks.items, noNextStep, notifications: notifications.items };
}

export function MyDay({ session }: ScreenProps) {
  const t = useMessages(messages);
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");

  const reload = useCallback(() => {
    load(session.user.id)
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e) => setError(describeError(e)));
  }, [session.user.id]);
  useEffect(reload, [reload]);
  useHints(
    (hint) => hint.kind === "task" || hint.kind === "notification" || hint.kind === "notification_read",
    reload,
  );
  const plan = useMemo(() => (data ? planDay(data.tasks, new Date(), (d) => dayOf(d)) : null), [data]);
  const titleOf = (task: Task) => task.record_title ?? `#${task.record_id}`;
  const { complete, dialog } = useTaskCompletion(titleOf, (sentence) => {
    setStatus(sentence);
    reload();
  });

  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!data || !plan) return <p class="loading">…</p>;

  const taskList = (tasks: Task[], empty: string, overdue: boolean) =>
    tasks.length === 0 ? (
      <p class="empty">{empty}</p>
    ) : (
      <ul class="tasks">
        {tasks.map((task) => (
          <TaskRow key={task.id} task={task} overdue={overdue} onComplete={complete}>
            <RecordLink type={task.record_type} id={task.record_id} title={task.record_title ?? null} />
          </TaskRow>
        ))}
      </ul>
    );

  const groups = data.noNextStep.groups;
  const records = groups.flatMap((g) => [
    ...g.leads.map((r) => ({ type: "lead" as RecordType, ...r })),
    ...g.deals.map((r) => ({ type: "deal" as RecordType, ...r })),
    ...g.contacts.map((r) => ({ type: "contact" as RecordType, ...r })),
  ]);

  return (
    <div class="my-day">
      <h1>{t("title")}</h1>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
      <div class="columns">
        <div>
          <section aria-labelledby="overdue-title">
            <h2 id="overdue-title">
              {t("overdue")} <span class="count">{t("taskCount", { n: plan.overdue.length })}</span>
            </h2>
            {taskList(plan.overdue, t("nothingOverdue"), true)}
          </section>
          <section aria-labelledby="today-title">
            <h2 id="today-title">
              {t("today")} <span class="count">{t("taskCount", { n: plan.today.length })}</span>
            </h2>
            {taskList(plan.today, t("nothingToday"), false)}
          </section>
        </div>
        <div>
          <section aria-labelledby="no-next-title">
            <h2 id="no-next-title">
              {t("noNextStep")} <span class="count">{t("recordCount", { n: data.noNextStep.count })}</span>
            </h2>
            {records.length === 0 ? (
              <p class="empty">{t("noNextStepEmpty")}</p>
            ) : (
              <ul class="records">
                {records.slice(0, 50).map((r) => (
                  <li key={`${r.type}:${r.id}`}>
                    <span class="kind">{t(r.type as "lead" | "deal" | "contact")}</span>{" "}
                    <a href={recordHref(r.type, r.id)}>{r.title}</a>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="notifications-title">
            <h2 id="notifications-title">{t("notifications")}</h2>
            <NotificationList items={data.notifications} onChange={reload} />
          </section>
        </div>
      </div>
      {dialog}
    </div>
  );
}
