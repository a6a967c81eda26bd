// The head's control report (/control): per manager, leads and deals past their stage deadline
// and records without a next step, with drill-down to the records and to the filtered lists.
// Managers do not get it (hidden in the navigation, "not found" by URL).
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

// Records of each type shown per manager in each report (the counts are complete; the rest are a
// link away, in the filtered list).
const overdueLimit = 20;
const noNextStepLimit = 20;
// The no-next-step report's types: its list (and message key) and record type.
const noNextStepTypes = [
  ["leads", "lead"],
  ["deals", "deal"],
  ["contacts", "contact"],
] as const;

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
      call(client.GET("/api/v1/control/no-next-step", { params: { query: { limit: noNextStepLimit } } })),
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
          <Records
            title={t("leads")}
            type="lead"
            records={row.overdueLeads}
            total={row.overdueLeadCount}
            list={listHref("leads", { owner: String(row.ownerId), overdue: true })}
          />
          <Records
            title={t("deals")}
            type="deal"
            records={row.overdueDeals}
            total={row.overdueDealCount}
            list={listHref("deals", { owner: String(row.ownerId), overdue: true })}
          />
        </>
      )}
      {row.noNextStepCount > 0 && (
        <>
          <h2>{t("noNextStep")}</h2>
          {noNextStepTypes.map(([list, type]) => (
            <Records
              key={type}
              title={t(list)}
              type={type}
              records={row.noNextStep[list]}
              total={row.noNextStepCounts[list]}
              list={listHref(list, { owner: String(row.ownerId), noNextStep: true })}
            />
          ))}
        </>
      )}
    </details>
  );
}

// One type's records of a manager: those the report listed, "and N more" when it has more, and
// the drill-down to all of them in the filtered list.
function Records({
  title,
  type,
  records,
  total,
  list,
}: {
  title: string;
  type: RecordType;
  records: Schemas["RecordTitle"][];
  total: number;
  list: string;
}) {
  const t = useMessages(messages);
  if (total === 0) return null;
  return (
    <div class="records">
      <h3>
        {title} ({total}) · <a href={list}>{t("openList")}</a>
      </h3>
      <ul>
        {records.map((record) => (
          <li key={record.id}>
            <a href={recordHref(type, record.id)}>{record.title}</a>
          </li>
        ))}
        {total > records.length && (
          <li>
            <a href={list}>{t("more", { n: total - records.length })}</a>
          </li>
        )}
      </ul>
    </div>
  );
}
