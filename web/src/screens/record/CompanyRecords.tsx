// The company card's contacts and deals: GET /api/v1/{contacts,deals}?company_id= paged with
// "Show more", in the lists' own columns (lists/rows.tsx), loaded again on live hints as the lists
// are. What the caller cannot see is not listed (the API's filter narrows the caller's own list).
import { useEffect, useState } from "preact/hooks";
import type { Schemas } from "../../api/client";
import { useHints } from "../../api/stream";
import { useMessages } from "../../i18n/i18n";
import { pipelinesOf } from "../../ui/directory";
import { concernsList } from "../lists/live";
import { messages as listMessages } from "../lists/messages";
import { ShowMore, usePages } from "../lists/paging";
import { type Context, columns, fetchPage, type Key, type Row } from "../lists/rows";
import { messages } from "./messages";

const pageSize = 20;

// The lists' columns the card shows: a contact's name; a deal's title, stage and amount.
const shownColumns: Record<"contacts" | "deals", Key[]> = {
  contacts: ["colName"],
  deals: ["colTitle", "colStage", "colAmount"],
};

export function CompanyRecords({ companyId }: { companyId: number }) {
  const [pipelines, setPipelines] = useState<Schemas["Pipeline"][]>([]);
  useEffect(() => {
    pipelinesOf("deal")
      .then(setPipelines)
      .catch(() => {});
  }, []);
  return (
    <>
      <RelatedList kind="contacts" companyId={companyId} pipelines={pipelines} />
      <RelatedList kind="deals" companyId={companyId} pipelines={pipelines} />
    </>
  );
}

function RelatedList({
  kind,
  companyId,
  pipelines,
}: {
  kind: "contacts" | "deals";
  companyId: number;
  pipelines: Schemas["Pipeline"][];
}) {
  const t = useMessages(messages);
  const tl = useMessages(listMessages);
  const pages = usePages<Row>(
    (after) =>
      fetchPage(kind, { company_id: companyId, limit: pageSize, ...(after ? { cursor: after } : {}) }),
    `${kind}:${companyId}`,
  );
  const { rows, error } = pages;
  // Live: the pages shown are loaded again when a contact or deal changes (api/stream.ts).
  useHints((hint) => concernsList(kind, hint), pages.refresh);

  const ctx: Context = { t: tl, users: [], pipelines };
  const cells = columns[kind].filter((column) => shownColumns[kind].includes(column.header));
  const titleId = `company-${kind}-title`;
  return (
    <section class="company-records" aria-labelledby={titleId}>
      <h2 id={titleId}>{t(kind === "contacts" ? "companyContacts" : "companyDeals")}</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {rows === null ? (
        !error && <p class="loading">…</p>
      ) : rows.length === 0 ? (
        <p class="empty">{t(kind === "contacts" ? "noCompanyContacts" : "noCompanyDeals")}</p>
      ) : (
        <ul class="related">
          {rows.map((row) => (
            <li key={row.id}>
              {cells.map((column) => (
                <span key={column.header} class={`related-${column.header}`}>
                  {column.cell(row, ctx)}
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
      <ShowMore pages={pages} label={tl("showMore")} busyLabel={tl("loadingMore")} />
    </section>
  );
}
