// The head's control report (/control): per manager, leads and deals past their stage deadline
// and records without a next step, with drill-down to the records and to the filtered lists.
// Managers do not get it (hidden in the navigation, "not found" by URL).
import type { ComponentChildren } from "preact";
import { call, client, type Schemas } from "../../api/client";
import { useHints } from "../../api/stream";
import type { ScreenProps } from "../../app/routes";
import { useMessages } from "../../i18n/i18n";
import { headsAndAdmins, Restricted } from "../../ui/Restricted";
import { type RecordType, recordHref } from "../../ui/records";
import { useLoad } from "../../ui/useLoad";
import { listHref } from "../lists/query";
import { NotFound } from "../not-found/NotFound";
import { messages } from "./messages";
import { concernsReport, type ManagerRow, mergeReports } from "./report";

// Records of each type shown per manager in the stage-overdue report (the counts are complete).
const overdueLimit = 20;

export function Control({ session }: ScreenProps) {
  return (
    <Restricted session={session} roles={headsAndAdmins}>
      <Report />
    </Restricted>
  );
}

function Report() {
  const t = useMessages(messages);
  const loaded = useLoad(async () => {
    const [overdue, noNext] = await Promise.all([
      call(client.GET("/api/v1/control/stage-overdue", { params: { query: { limit: overdueLimit } } })),
      call(client.GET("/api/v1/control/no-next-step")),
    ]);
    return mergeReports(overdue, noNext);
  }, []);
  // Live: loaded again when a lead, deal or contact or a task changes (api/stream.ts).
  useHints(concernsReport, loaded.reload);
  const rows = loaded.data ?? null;
  const error = loaded.error;

  if (loaded.missing) return <NotFound />;
  return (
    <section class="control">
      <h1>{t("title")}</h1>
      <p>{t("explain")}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {rows === null ? (
        !error && <p class="loading">…</p>
      ) : rows.length === 0 ? (
        <p class="empty">{t("allClear")}</p>
      ) : (
        <>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard */}
          <section class="table-scroll" aria-label={t("title")} tabIndex={0}>
            <table class="list">
              <thead>
                <tr>
                  <th scope="col">{t("manager")}</th>
                  <th scope="col">{t("overdueLeads")}</th>
                  <th scope="col">{t("overdueDeals")}</th>
                  <th scope="col">{t("noNextStep")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.ownerId}>
                    <th scope="row">{row.ownerName}</th>
                    <td>
                      <a href={listHref("leads", { owner: String(row.ownerId), overdue: true })}>
                        {row.overdueLeadCount}
                      </a>
                    </td>
                    <td>
                      <a href={listHref("deals", { owner: String(row.ownerId), overdue: true })}>
                        {row.overdueDealCount}
                      </a>
                    </td>
                    <td>{row.noNextStepCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {rows.map((row) => (
            <ManagerDetails key={row.ownerId} row={row} />
          ))}
        </>
      )}
    </section>
  );
}

function ManagerDetails({ row }: { row: ManagerRow }) {
  const t = useMessages(messages);
  return (
    <details class="manager">
      <summary>{t("details", { name: row.ownerName })}</summary>
      {(row.overdueLeadCount > 0 || row.overdueDealCount > 0) && (
        <>
          <h2>{t("stageOverdue")}</h2>
          <Records title={t("leads")} type="lead" records={row.overdueLeads} total={row.overdueLeadCount}>
            <a href={listHref("leads", { owner: String(row.ownerId), overdue: true })}>{t("openList")}</a>
          </Records>
          <Records title={t("deals")} type="deal" records={row.overdueDeals} total={row.overdueDealCount}>
            <a href={listHref("deals", { owner: String(row.ownerId), overdue: true })}>{t("openList")}</a>
          </Records>
        </>
      )}
      {row.noNextStepCount > 0 && (
        <>
          <h2>{t("noNextStep")}</h2>
          <Records title={t("leads")} type="lead" records={row.noNextStep.leads}>
            <a href={listHref("leads", { owner: String(row.ownerId), noNextStep: true })}>{t("openList")}</a>
          </Records>
          <Records title={t("deals")} type="deal" records={row.noNextStep.deals}>
            <a href={listHref("deals", { owner: String(row.ownerId), noNextStep: true })}>{t("openList")}</a>
          </Records>
          <Records title={t("contacts")} type="contact" records={row.noNextStep.contacts}>
            <a href={listHref("contacts", { owner: String(row.ownerId), noNextStep: true })}>
              {t("openList")}
            </a>
          </Records>
        </>
      )}
    </details>
  );
}

function Records({
  title,
  type,
  records,
  total = records.length,
  children,
}: {
  title: string;
  type: RecordType;
  records: Schemas["RecordTitle"][];
  total?: number;
  children: ComponentChildren;
}) {
  const t = useMessages(messages);
  if (total === 0) return null;
  return (
    <div class="records">
      <h3>
        {title} ({total}) · {children}
      </h3>
      <ul>
        {records.map((record) => (
          <li key={record.id}>
            <a href={recordHref(type, record.id)}>{record.title}</a>
          </li>
        ))}
        {total > records.length && <li>{t("more", { n: total - records.length })}</li>}
      </ul>
    </div>
  );
}
