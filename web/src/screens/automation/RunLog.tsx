// A rule's run history, newest first: when, on which record, the outcome and each action's.
import { useState } from "preact/hooks";
import { call, client, type Schemas } from "../../api/client";
import type { ScreenProps } from "../../app/routes";
import { formatDateTime, useMessages } from "../../i18n/i18n";
import { describeError } from "../../ui/errors";
import { pending } from "../../ui/Loading";
import { RecordLink } from "../../ui/RecordLink";
import { headsAndAdmins, Restricted } from "../../ui/Restricted";
import { useLoad } from "../../ui/useLoad";
import { NotFound } from "../not-found/NotFound";
import { AutomationNav } from "./AutomationNav";
import { messages } from "./messages";

type Run = Schemas["AutomationRun"];

export function RunLog({ session, params }: ScreenProps) {
  return (
    <Restricted session={session} roles={headsAndAdmins}>
      <Runs id={Number(params.id)} />
    </Restricted>
  );
}

const outcomes = ["ok", "failed", "skipped", "running"] as const;

// A run's outcome in words; one the UI does not know yet as the server wrote it.
function outcomeLabel(t: ReturnType<typeof useMessages<typeof messages.ru>>, outcome: string): string {
  return (outcomes as readonly string[]).includes(outcome)
    ? t(`runOutcome_${outcome as (typeof outcomes)[number]}`)
    : outcome;
}

function Runs({ id }: { id: number }) {
  const t = useMessages(messages);
  const [loadingMore, setLoadingMore] = useState(false);
  const [more, setMore] = useState<{ items: Run[]; cursor: string | null } | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const loaded = useLoad(async () => {
    const path = { path: { id } };
    const [rule, runs] = await Promise.all([
      call(client.GET("/api/v1/automation/rules/{id}", { params: path })),
      call(client.GET("/api/v1/automation/rules/{id}/runs", { params: { ...path, query: { limit: 50 } } })),
    ]);
    return { rule, runs };
  }, [id]);
  if (loaded.missing || !(Number.isSafeInteger(id) && id > 0)) return <NotFound />;
  const wait = pending(loaded);
  if (wait || loaded.data === undefined) return wait;
  const { rule, runs } = loaded.data;
  const items = [...runs.items, ...(more?.items ?? [])];
  const cursor = more ? more.cursor : runs.next_cursor;
  const loadMore = async () => {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await call(
        client.GET("/api/v1/automation/rules/{id}/runs", {
          params: { path: { id }, query: { limit: 50, cursor } },
        }),
      );
      setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.next_cursor });
    } catch (e) {
      setMoreError(describeError(e));
    } finally {
      setLoadingMore(false);
    }
  };
  return (
    <section class="admin-screen">
      <h1>{t("runLogOf", { name: rule.name })}</h1>
      <AutomationNav current="rules" />
      <p>
        <a href={`/automation/rules/${rule.id}`}>{t("edit")}</a>
      </p>
      {items.length === 0 ? (
        <p class="empty">{t("noRuns")}</p>
      ) : (
        <table class="data">
          <caption class="visually-hidden">{t("runLog")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("at")}</th>
              <th scope="col">{t("record")}</th>
              <th scope="col">{t("outcome")}</th>
              <th scope="col">{t("actions")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((run) => (
              <tr key={run.id}>
                <td>{formatDateTime(run.at)}</td>
                <td>
                  <RecordLink type={run.record_type} id={run.record_id} />
                </td>
                <td>
                  {outcomeLabel(t, run.outcome)}
                  {run.detail && <p class="hint">{run.detail}</p>}
                </td>
                <td>
                  <ul class="plain">
                    {run.actions.map((a, i) => (
                      <li key={i} class={a.outcome === "failed" ? "failed" : undefined}>
                        {`${t(`action_${a.type as Schemas["AutomationAction"]["type"]}`)}: ${t(`actionOutcome_${a.outcome}`)}`}
                        {a.error && <span class="field-error">{a.error}</span>}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {moreError && (
        <p class="error" role="alert">
          {moreError}
        </p>
      )}
      {cursor && (
        <button type="button" class="secondary" disabled={loadingMore} onClick={loadMore}>
          {t("more")}
        </button>
      )}
    </section>
  );
}
