import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiError, call, client, type Schemas } from "../../api/client";
import type { ScreenProps } from "../../app/routes";
import { formatDateTime, formatMoney, useMessages } from "../../i18n/i18n";
import { describeError } from "../../ui/errors";
import { TaskForm } from "../../ui/TaskForm";
import { TaskRow, useTaskCompletion } from "../../ui/TaskRow";
import { NotFound } from "../not-found/NotFound";
import { messages } from "./messages";

type Kind = "deal" | "lead";
type Deal = Schemas["Deal"];
type Lead = Schemas["Lead"];
type Task = Schemas["Task"];
type TimelineItem = Schemas["TimelineItem"];

interface Data {
  record: Deal | Lead;
  pipeline: Schemas["Pipeline"];
  tasks: Task[];
  timeline: TimelineItem[];
}

async function load(kind: Kind, id: number): Promise<Data> {
  const path = { params: { path: { id } } };
  const record =
    kind === "deal"
      ? await call(client.GET("/api/v1/deals/{id}", path))
      : await call(client.GET("/api/v1/leads/{id}", path));
  const [pipeline, tasks, timeline] = await Promise.all([
    call(client.GET("/api/v1/pipelines/{id}", { params: { path: { id: record.pipeline_id } } })),
    call(
      client.GET("/api/v1/tasks", {
        params: { query: { record_type: kind, record_id: id, status: "open", limit: 200 } },
      }),
    ),
    kind === "deal"
      ? call(client.GET("/api/v1/deals/{id}/timeline", path))
      : call(client.GET("/api/v1/leads/{id}/timeline", path)),
  ]);
  return { record, pipeline, tasks: tasks.items, timeline: timeline.items };
}

export function DealCard(props: ScreenProps) {
  return <RecordCard kind="deal" id={Number(props.params.id)} />;
}

export function LeadCard(props: ScreenProps) {
  return <RecordCard kind="lead" id={Number(props.params.id)} />;
}

function RecordCard({ kind, id }: { kind: Kind; id: number }) {
  const t = useMessages(messages);
  const [data, setData] = useState<Data | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const reload = useCallback(() => {
    load(kind, id)
      .then(setData)
      .catch((e) => {
        if (e instanceof ApiError && e.code === "not_found") setMissing(true);
        else setError(describeError(e));
      });
  }, [kind, id]);
  useEffect(reload, [reload]);
  const { complete, dialog } = useTaskCompletion(
    () => data?.record.title ?? "",
    (sentence) => {
      setStatus(sentence);
      reload();
    },
  );

  if (missing || !Number.isSafeInteger(id) || id <= 0) return <NotFound />;
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!data) return <p class="loading">…</p>;

  const { record, pipeline } = data;
  const stageName = (stageId: unknown) =>
    pipeline.stages.find((s) => s.id === stageId)?.name ?? String(stageId);

  const saveNote = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setNoteError(null);
    try {
      const path = { params: { path: { id } }, body: { text: note } };
      if (kind === "deal") await call(client.POST("/api/v1/deals/{id}/notes", path));
      else await call(client.POST("/api/v1/leads/{id}/notes", path));
      setNote("");
      setStatus(t("noteAdded"));
      reload();
    } catch (e) {
      setNoteError(describeError(e));
    } finally {
      setSaving(false);
    }
  };

  const lead = kind === "lead" ? (record as Lead) : null;
  return (
    <article class="record">
      <header>
        <p class="kind">{t(kind)}</p>
        <h1>{record.title}</h1>
      </header>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
      <div class="record-grid">
        <section aria-label={t(kind)}>
          <dl class="fields">
            <dt>{t("amount")}</dt>
            <dd>{formatMoney(record.amount, record.currency)}</dd>
            <dt>{t("pipeline")}</dt>
            <dd>{pipeline.name}</dd>
            <dt>{t("stage")}</dt>
            <dd>{stageName(record.stage_id)}</dd>
            {record.stage_deadline && (
              <>
                <dt>{t("stageDeadline")}</dt>
                <dd class={record.stage_overdue ? "overdue" : undefined}>
                  {formatDateTime(record.stage_deadline)}
                  {record.stage_overdue && <span class="badge">{t("stageOverdue")}</span>}
                </dd>
              </>
            )}
            {lead?.name && (
              <>
                <dt>{t("contactName")}</dt>
                <dd>{lead.name}</dd>
              </>
            )}
            {lead?.phones && lead.phones.length > 0 && (
              <>
                <dt>{t("phones")}</dt>
                <dd>{lead.phones.join(", ")}</dd>
              </>
            )}
            {lead?.source && (
              <>
                <dt>{t("source")}</dt>
                <dd>{lead.source}</dd>
              </>
            )}
          </dl>
          <h2>{t("openTasks")}</h2>
          {data.tasks.length === 0 ? (
            <p class="empty">{t("noOpenTasks")}</p>
          ) : (
            <ul class="tasks">
              {data.tasks.map((task) => (
                <TaskRow
                  key={task.id}
                  task={task}
                  overdue={new Date(task.due_at) < new Date()}
                  onComplete={complete}
                />
              ))}
            </ul>
          )}
          <details>
            <summary>{t("addTask")}</summary>
            <TaskForm
              onSubmit={async (task) => {
                await call(
                  client.POST("/api/v1/tasks", { body: { ...task, record_type: kind, record_id: id } }),
                );
                setStatus(t("taskAdded"));
                reload();
              }}
            />
          </details>
        </section>
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t("timeline")}</h2>
          <form class="note-form" onSubmit={saveNote}>
            <label>
              {t("noteText")}
              <textarea
                required
                value={note}
                aria-invalid={noteError !== null}
                onInput={(e) => setNote(e.currentTarget.value)}
              />
            </label>
            {noteError && (
              <p class="error" role="alert">
                {noteError}
              </p>
            )}
            <button type="submit" disabled={saving}>
              {t("saveNote")}
            </button>
          </form>
          {data.timeline.length === 0 ? (
            <p class="empty">{t("timelineEmpty")}</p>
          ) : (
            <ol class="timeline">
              {data.timeline.map((item) => (
                <li key={`${item.type}:${item.id}`} class={`entry entry-${item.type}`}>
                  <time dateTime={item.at}>{formatDateTime(item.at)}</time>
                  <TimelineText item={item} stageName={stageName} pipeline={pipeline} />
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      {dialog}
    </article>
  );
}

// Names of the fields whose history is shown; others appear under their API name.
const fieldLabels: Record<string, keyof typeof messages.ru> = {
  title: "fieldTitle",
  amount: "amount",
  stage_id: "stage",
  pipeline_id: "pipeline",
  owner_id: "fieldOwner",
  currency: "fieldCurrency",
};

function TimelineText({
  item,
  stageName,
  pipeline,
}: {
  item: TimelineItem;
  stageName: (id: unknown) => string;
  pipeline: Schemas["Pipeline"];
}) {
  const t = useMessages(messages);
  const text = (key: string) => (typeof item[key] === "string" ? (item[key] as string) : "");
  switch (item.type) {
    case "note":
      return (
        <p>
          <strong>{t("typeNote")}:</strong> {text("text")}
        </p>
      );
    case "task":
      return (
        <p>
          <strong>{t("typeTask")}:</strong> {text("subject")} (
          {item.status === "done" ? t("taskDone") : t("taskOpen")}){text("result") && ` — ${text("result")}`}
        </p>
      );
    case "stage_move":
      return <p>{t("movedTo", { stage: stageName(item.to_stage_id) })}</p>;
    case "message":
      return (
        <p>
          <strong>{t("typeMessage")}:</strong> {text("text")} · {t("messageState", { state: text("state") })}
          {text("last_error") && <span class="error"> {text("last_error")}</span>}
        </p>
      );
    default: {
      const field = text("field");
      const value = (v: unknown) => {
        if (v === null || v === undefined || v === "") return "—";
        if (field === "stage_id") return stageName(Number(v));
        if (field === "pipeline_id" && Number(v) === pipeline.id) return pipeline.name;
        return String(v);
      };
      const label = fieldLabels[field];
      return (
        <p>
          <strong>{t("typeHistory")}:</strong>{" "}
          {t("changed", {
            field: label ? t(label) : field,
            from: value(item.old_value),
            to: value(item.new_value),
          })}
        </p>
      );
    }
  }
}
