// The outbox as people read it: every SMS, e-mail and webhook call the caller may see, its
// delivery state and last error, and a retry for a failed one (admins only, as the API allows).
import { useState } from "preact/hooks";
import { call, client, type Schemas } from "../../api/client";
import type { ScreenProps } from "../../app/routes";
import { formatDateTime, useMessages } from "../../i18n/i18n";
import { describeError } from "../../ui/errors";
import { RecordLink } from "../../ui/RecordLink";
import { headsAndAdmins, isAdmin, Restricted } from "../../ui/Restricted";
import { useLoad } from "../../ui/useLoad";
import { AutomationNav } from "./AutomationNav";
import { messages } from "./messages";

type Message = Schemas["Message"];
type State = Schemas["MessageState"];
type Channel = Schemas["MessageChannel"];
const states: State[] = ["queued", "sending", "sent", "retrying", "failed"];
const channels: Channel[] = ["sms", "email", "webhook"];

export function MessageLog({ session }: ScreenProps) {
  return (
    <Restricted session={session} roles={headsAndAdmins}>
      <Log canRetry={isAdmin(session)} />
    </Restricted>
  );
}

function Log({ canRetry }: { canRetry: boolean }) {
  const t = useMessages(messages);
  const [state, setState] = useState<State | "">("");
  const [channel, setChannel] = useState<Channel | "">("");
  const [loadingMore, setLoadingMore] = useState(false);
  const [more, setMore] = useState<{ items: Message[]; cursor: string | null } | null>(null);
  const [status, setStatus] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const query = { limit: 50, ...(state ? { state } : {}), ...(channel ? { channel } : {}) };
  const list = useLoad(() => {
    setMore(null);
    return call(client.GET("/api/v1/messages", { params: { query } }));
  }, [state, channel]);
  const items = [...(list.data?.items ?? []), ...(more?.items ?? [])];
  const cursor = more ? more.cursor : (list.data?.next_cursor ?? null);

  const loadMore = async () => {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await call(client.GET("/api/v1/messages", { params: { query: { ...query, cursor } } }));
      setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.next_cursor });
    } catch (e) {
      setProblem(describeError(e));
    } finally {
      setLoadingMore(false);
    }
  };
  const [retrying, setRetrying] = useState<number | null>(null);
  const retry = async (message: Message) => {
    if (retrying !== null) return;
    setRetrying(message.id);
    setProblem(null);
    try {
      await call(client.POST("/api/v1/messages/{id}/retry", { params: { path: { id: message.id } } }));
      setStatus(t("retried", { id: message.id }));
      list.reload();
    } catch (e) {
      setProblem(describeError(e));
    } finally {
      setRetrying(null);
    }
  };

  return (
    <section class="admin-screen">
      <h1>{t("title")}</h1>
      <AutomationNav current="messageLog" />
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
      <div class="filters">
        <label>
          {t("channel")}
          <select value={channel} onChange={(e) => setChannel(e.currentTarget.value as Channel | "")}>
            <option value="">{t("anyChannel")}</option>
            {channels.map((c) => (
              <option key={c} value={c}>
                {t(`channel_${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("state")}
          <select value={state} onChange={(e) => setState(e.currentTarget.value as State | "")}>
            <option value="">{t("anyState")}</option>
            {states.map((s) => (
              <option key={s} value={s}>
                {t(`state_${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {(list.error || problem) && (
        <p class="error" role="alert">
          {list.error ?? problem}
        </p>
      )}
      {list.data === undefined && !list.error && <p class="loading">…</p>}
      {list.data &&
        (items.length === 0 ? (
          <p class="empty">{t("noMessages")}</p>
        ) : (
          <table class="data">
            <caption class="visually-hidden">{t("messageLog")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("at")}</th>
                <th scope="col">{t("channel")}</th>
                <th scope="col">{t("messageRecipient")}</th>
                <th scope="col">{t("record")}</th>
                <th scope="col">{t("messageText")}</th>
                <th scope="col">{t("state")}</th>
                <th scope="col">{t("error")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.created_at)}</td>
                  <td>{t(`channel_${m.channel}`)}</td>
                  <td class="clip">{m.recipient}</td>
                  <td>
                    <RecordLink type={m.record_type} id={m.record_id} />
                    {m.rule_id && (
                      <a class="hint" href={`/automation/rules/${m.rule_id}`}>
                        {t("ruleRef", { id: m.rule_id })}
                      </a>
                    )}
                  </td>
                  <td class="clip">{m.subject ?? m.body}</td>
                  <td>
                    <span class={`state state-${m.state}`}>{t(`state_${m.state}`)}</span>
                    {m.attempts > 0 && <span class="hint">{`${t("attempts")}: ${m.attempts}`}</span>}
                    {m.state === "retrying" && (
                      <span class="hint">{t("nextAttempt", { at: formatDateTime(m.next_attempt_at) })}</span>
                    )}
                  </td>
                  <td>
                    {m.last_error && <span class="field-error">{m.last_error}</span>}
                    {canRetry && m.state === "failed" && (
                      <button
                        type="button"
                        class="secondary"
                        aria-label={t("retryMessage", { id: m.id })}
                        disabled={retrying === m.id}
                        onClick={() => retry(m)}
                      >
                        {t("retry")}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {cursor && (
        <button type="button" class="secondary" disabled={loadingMore} onClick={loadMore}>
          {t("more")}
        </button>
      )}
    </section>
  );
}
