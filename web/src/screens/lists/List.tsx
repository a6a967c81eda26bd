// One list screen for leads, deals, contacts, companies and tasks: the filters the list's API
// accepts (query.ts), search as you type, sort, and "Show more" over the API's cursor. The
// filters live in the URL, so a filtered list is a link (the control report links to them).
import { useEffect, useState } from "preact/hooks";
import { call, client, type Schemas } from "../../api/client";
import { useHints } from "../../api/stream";
import { onNavigate } from "../../app/router";
import type { ScreenProps } from "../../app/routes";
import { useMessages } from "../../i18n/i18n";
import { nameOf, pipelinesOf, visibleUsers } from "../../ui/directory";
import { describeError } from "../../ui/errors";
import { patchRecord } from "../../ui/records";
import { searchDelayMs } from "../../ui/search/search";
import { forEachInTurn } from "./bulk";
import { CreateDialog, type CreateKind } from "./CreateDialog";
import { Choice, Filters, type Option } from "./Filters";
import { concernsList } from "./live";
import { messages } from "./messages";
import { ShowMore, usePages } from "./paging";
import {
  filtersFromSearch,
  filtersToSearch,
  type ListFilters,
  type ListKind,
  listQuery,
  recordTypes,
  specs,
} from "./query";
import { type Context, columns, fetchPage, type Key, type Row, rowTitle } from "./rows";

const titles: Record<ListKind, Key> = {
  leads: "titleLeads",
  deals: "titleDeals",
  contacts: "titleContacts",
  companies: "titleCompanies",
  tasks: "titleTasks",
};
const creates: Partial<Record<ListKind, { kind: CreateKind; label: Key }>> = {
  leads: { kind: "lead", label: "newLead" },
  deals: { kind: "deal", label: "newDeal" },
  contacts: { kind: "contact", label: "newContact" },
  companies: { kind: "company", label: "newCompany" },
};

export function listScreen(kind: ListKind) {
  return (props: ScreenProps) => <ListScreen kind={kind} {...props} />;
}

function ListScreen({ kind, session }: { kind: ListKind } & ScreenProps) {
  const t = useMessages(messages);
  const spec = specs[kind];
  const [filters, setFilters] = useState<ListFilters>(() => filtersFromSearch(kind, location.search));
  const [typedQ, setTypedQ] = useState(filters.q);
  const [users, setUsers] = useState<Schemas["User"][]>([]);
  const [pipelines, setPipelines] = useState<Schemas["Pipeline"][]>([]);
  const [customFields, setCustomFields] = useState<Schemas["CustomField"][]>([]);
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [reassignTo, setReassignTo] = useState("");
  const [reassigning, setReassigning] = useState(false);
  const [bulkStatus, setBulkStatus] = useState("");

  useEffect(() => {
    visibleUsers()
      .then(setUsers)
      .catch(() => {});
    if (spec.pipelineType)
      pipelinesOf(spec.pipelineType)
        .then(setPipelines)
        .catch(() => {});
    else if (kind === "tasks") {
      Promise.all([pipelinesOf("lead"), pipelinesOf("deal")])
        .then(([a, b]) => setPipelines([...a, ...b]))
        .catch(() => {});
    }
    const recordType = recordTypes[kind];
    if (recordType && spec.filters.includes("custom"))
      call(client.GET("/api/v1/custom-fields", { params: { query: { record_type: recordType } } }))
        .then((answer) => setCustomFields(answer.items))
        .catch(() => {});
  }, [kind, spec.pipelineType, spec.filters]);

  // A link to this list with other filters (the navigation, the control report) while it is open.
  useEffect(() => {
    const here = location.pathname;
    return onNavigate(() => {
      if (location.pathname !== here) return;
      const next = filtersFromSearch(kind, location.search);
      setFilters(next);
      setTypedQ(next.q);
    });
  }, [kind]);

  // Search as you type: the query waits for a pause in typing.
  useEffect(() => {
    if (typedQ === filters.q) return;
    const timer = setTimeout(() => setFilters((f) => ({ ...f, q: typedQ })), searchDelayMs);
    return () => clearTimeout(timer);
  }, [typedQ, filters.q]);

  const firstQuery = JSON.stringify(listQuery(kind, filters, null));
  useEffect(() => {
    history.replaceState(null, "", location.pathname + filtersToSearch(kind, filters));
  }, [firstQuery]);
  const pages = usePages<Row>(
    (after) => fetchPage(kind, listQuery(kind, filters, after)),
    firstQuery,
    () => setSelected(new Set()),
  );
  const { rows, setRows, error } = pages;
  // Live: the pages shown are loaded again when a record of the list changes (api/stream.ts), so
  // "Show more" and the scroll stay; rows no longer in the list leave the selection.
  useHints((hint) => concernsList(kind, hint), pages.refresh);
  useEffect(() => {
    if (!rows) return;
    setSelected((before) => {
      const kept = new Set(rows.filter((row) => before.has(row.id)).map((row) => row.id));
      return kept.size === before.size ? before : kept;
    });
  }, [rows]);

  const set = (change: Partial<ListFilters>) => setFilters((f) => ({ ...f, ...change }));
  const recordType = recordTypes[kind];
  // Heads and admins see more than themselves, so they can hand records over.
  const canReassign = recordType !== undefined && users.length > 1;
  const toggle = (id: number, on: boolean) =>
    setSelected((before) => {
      const next = new Set(before);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const reassign = async () => {
    if (!recordType || !reassignTo || reassigning) return;
    setReassigning(true);
    setBulkStatus("");
    const chosen = (rows ?? []).filter((row) => selected.has(row.id));
    const outcome = await forEachInTurn(chosen, (row) =>
      patchRecord(recordType, row.id, { owner_id: Number(reassignTo) }),
    );
    const failures = outcome.failed.map((f) => `${rowTitle(f.item)}: ${describeError(f.error)}`);
    setBulkStatus(
      [
        t("reassigned", { n: outcome.done.length, owner: nameOf(users, Number(reassignTo)) }),
        ...failures,
      ].join(" "),
    );
    setReassigning(false);
    setRows((before) =>
      (before ?? []).map((row) =>
        outcome.done.includes(row) ? ({ ...row, owner_id: Number(reassignTo) } as Row) : row,
      ),
    );
    setSelected(new Set(outcome.failed.map((f) => f.item.id)));
  };
  const ctx: Context = { t, users, pipelines };
  const create = creates[kind];

  return (
    <section class="list-screen">
      <div class="list-head">
        <h1>{t(titles[kind])}</h1>
        {create && (
          <button type="button" onClick={() => setCreating(true)}>
            {t(create.label)}
          </button>
        )}
      </div>
      <Filters
        kind={kind}
        filters={filters}
        set={set}
        typedQ={typedQ}
        onType={setTypedQ}
        users={users}
        pipelines={pipelines}
        customFields={customFields}
      />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p class="status" role="status" aria-live="polite">
        {rows ? t("shown", { n: rows.length }) : ""}
        {bulkStatus && ` ${bulkStatus}`}
      </p>
      {canReassign && selected.size > 0 && (
        <div class="bulk-bar">
          <span>{t("selectedCount", { n: selected.size })}</span>
          <Choice
            label={t("reassignTo")}
            value={reassignTo}
            options={[["", "—"], ...users.map((u): Option => [String(u.id), u.name])]}
            onChange={setReassignTo}
          />
          <button type="button" disabled={!reassignTo || reassigning} onClick={reassign}>
            {reassigning ? t("reassigning") : t("reassign")}
          </button>
        </div>
      )}
      {rows === null ? (
        !error && <p class="loading">…</p>
      ) : rows.length === 0 ? (
        <p class="empty">{t("empty")}</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard
        <section class="table-scroll" aria-label={t(titles[kind])} tabIndex={0}>
          <table class="list">
            <thead>
              <tr>
                {canReassign && (
                  <th scope="col" class="select-cell">
                    <input
                      type="checkbox"
                      class="select"
                      aria-label={t("selectAll")}
                      checked={rows.length > 0 && rows.every((row) => selected.has(row.id))}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        setSelected(on ? new Set(rows.map((row) => row.id)) : new Set());
                      }}
                    />
                  </th>
                )}
                {columns[kind].map((column) => (
                  <th key={column.header} scope="col">
                    {t(column.header)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  {canReassign && (
                    <td>
                      <input
                        type="checkbox"
                        class="select"
                        aria-label={t("selectRow", { title: rowTitle(row) })}
                        checked={selected.has(row.id)}
                        onChange={(e) => toggle(row.id, e.currentTarget.checked)}
                      />
                    </td>
                  )}
                  {columns[kind].map((column) => (
                    <td key={column.header}>{column.cell(row, ctx)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <ShowMore pages={pages} label={t("showMore")} busyLabel={t("loadingMore")} />
      {creating && create && (
        <CreateDialog
          kind={create.kind}
          currency={session.settings.currency}
          onClose={() => setCreating(false)}
        />
      )}
    </section>
  );
}
