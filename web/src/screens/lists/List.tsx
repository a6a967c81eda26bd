// One list screen for leads, deals, contacts, companies and tasks: the filters the list's API
// accepts (query.ts), search as you type, sort, and "Show more" over the API's cursor. The
// filters live in the URL, so a filtered list is a link (the control report links to them).
import type { ComponentChild } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { call, client, type Schemas } from "../../api/client";
import type { paths } from "../../api/schema";
import { onNavigate } from "../../app/router";
import type { ScreenProps } from "../../app/routes";
import { formatDateTime, formatMoney, useMessages } from "../../i18n/i18n";
import { nameOf, pipelinesOf, visibleUsers } from "../../ui/directory";
import { describeError } from "../../ui/errors";
import { RecordLink } from "../../ui/RecordLink";
import { patchRecord, type RecordType, recordHref } from "../../ui/records";
import { forEachInTurn } from "./bulk";
import { CreateDialog, type CreateKind } from "./CreateDialog";
import { messages } from "./messages";
import {
  type ApiQuery,
  filtersFromSearch,
  filtersToSearch,
  type ListFilters,
  type ListKind,
  listQuery,
  searchDelayMs,
  specs,
} from "./query";

type Lead = Schemas["Lead"];
type Deal = Schemas["Deal"];
type Contact = Schemas["Contact"];
type Company = Schemas["Company"];
type Task = Schemas["Task"];
type Row = Lead | Deal | Contact | Company | Task;
type Page = { items: Row[]; next_cursor?: string | null };
type Key = keyof typeof messages.ru;
type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? Q
  : never;

// One GET per list; `query` holds only what query.ts knows the list accepts.
function fetchPage(kind: ListKind, query: ApiQuery): Promise<Page> {
  switch (kind) {
    case "leads":
      return call(client.GET("/api/v1/leads", { params: { query: query as QueryOf<"/api/v1/leads"> } }));
    case "deals":
      return call(client.GET("/api/v1/deals", { params: { query: query as QueryOf<"/api/v1/deals"> } }));
    case "contacts":
      return call(
        client.GET("/api/v1/contacts", { params: { query: query as QueryOf<"/api/v1/contacts"> } }),
      );
    case "companies":
      return call(
        client.GET("/api/v1/companies", { params: { query: query as QueryOf<"/api/v1/companies"> } }),
      );
    case "tasks":
      return call(client.GET("/api/v1/tasks", { params: { query: query as QueryOf<"/api/v1/tasks"> } }));
  }
}

interface Context {
  t: (key: Key, values?: Record<string, string | number>) => string;
  users: Schemas["User"][];
  pipelines: Schemas["Pipeline"][];
}

interface Column {
  header: Key;
  cell: (row: Row, ctx: Context) => ComponentChild;
}

const stageName = (ctx: Context, stageId: number) =>
  ctx.pipelines.flatMap((p) => p.stages).find((s) => s.id === stageId)?.name ?? `#${stageId}`;
const owner: Column = { header: "colOwner", cell: (row, ctx) => nameOf(ctx.users, (row as Deal).owner_id) };
const phones: Column = { header: "colPhones", cell: (row) => (row as Contact).phones.join(", ") };
const emails: Column = { header: "colEmails", cell: (row) => (row as Contact).emails.join(", ") };
const stage: Column = {
  header: "colStage",
  cell: (row, ctx) => {
    const record = row as Deal;
    return (
      <>
        {stageName(ctx, record.stage_id)}
        {record.stage_overdue && <span class="badge">{ctx.t("overdue")}</span>}
      </>
    );
  },
};
const amount: Column = {
  header: "colAmount",
  cell: (row) => formatMoney((row as Deal).amount, (row as Deal).currency),
};
const link = (type: RecordType, text: (row: Row) => string): ((row: Row) => ComponentChild) => {
  return (row) => <a href={recordHref(type, (row as Deal).id)}>{text(row)}</a>;
};

// The columns of each list; the first is the link to the record.
const columns: Record<ListKind, Column[]> = {
  leads: [
    { header: "colTitle", cell: link("lead", (row) => (row as Lead).title) },
    {
      header: "colClient",
      cell: (row) => [(row as Lead).name, (row as Lead).company_name].filter(Boolean).join(", "),
    },
    stage,
    amount,
    owner,
  ],
  deals: [{ header: "colTitle", cell: link("deal", (row) => (row as Deal).title) }, stage, amount, owner],
  contacts: [
    { header: "colName", cell: link("contact", (row) => (row as Contact).name) },
    phones,
    emails,
    owner,
  ],
  companies: [
    { header: "colName", cell: link("company", (row) => (row as Company).name) },
    { header: "colInn", cell: (row) => (row as Company).inn ?? "" },
    phones,
    owner,
  ],
  tasks: [
    { header: "colSubject", cell: (row) => (row as Task).subject },
    {
      header: "colDue",
      cell: (row, ctx) => {
        const task = row as Task;
        const late = task.status === "open" && new Date(task.due_at) < new Date();
        return (
          <>
            <time dateTime={task.due_at}>{formatDateTime(task.due_at)}</time>
            {late && <span class="badge">{ctx.t("overdue")}</span>}
          </>
        );
      },
    },
    {
      header: "colRecord",
      cell: (row) => <RecordLink type={(row as Task).record_type} id={(row as Task).record_id} />,
    },
    { header: "colStatus", cell: (row, ctx) => ctx.t((row as Task).status === "done" ? "done" : "open") },
    owner,
  ],
};

const recordTypes: Partial<Record<ListKind, RecordType>> = {
  leads: "lead",
  deals: "deal",
  contacts: "contact",
  companies: "company",
};

// A row's name for people: a deal's or lead's title, a contact's or company's name, a task's subject.
function rowTitle(row: Row): string {
  if ("title" in row) return row.title;
  if ("name" in row) return row.name;
  return row.subject;
}

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

type Option = [value: string, label: string];

function Choice({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: Option[];
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

const sortKey = (sort: string): Key => `sort${sort.startsWith("-") ? sort : `+${sort}`}` as Key;

export function listScreen(kind: ListKind) {
  return (props: ScreenProps) => <ListScreen kind={kind} {...props} />;
}

function ListScreen({ kind, session }: { kind: ListKind } & ScreenProps) {
  const t = useMessages(messages);
  const spec = specs[kind];
  const has = (filter: (typeof spec.filters)[number]) => spec.filters.includes(filter);
  const [filters, setFilters] = useState<ListFilters>(() => filtersFromSearch(kind, location.search));
  const [typedQ, setTypedQ] = useState(filters.q);
  const [users, setUsers] = useState<Schemas["User"][]>([]);
  const [pipelines, setPipelines] = useState<Schemas["Pipeline"][]>([]);
  const [customFields, setCustomFields] = useState<Schemas["CustomField"][]>([]);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [reassignTo, setReassignTo] = useState("");
  const [reassigning, setReassigning] = useState(false);
  const [bulkStatus, setBulkStatus] = useState("");
  const request = useRef(0);

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
    const id = ++request.current;
    setError(null);
    fetchPage(kind, listQuery(kind, filters, null))
      .then((page) => {
        if (id !== request.current) return;
        setRows(page.items);
        setCursor(page.next_cursor ?? null);
        setSelected(new Set());
      })
      .catch((e) => id === request.current && setError(describeError(e)));
  }, [firstQuery]);

  const showMore = async () => {
    if (!cursor || loadingMore) return;
    const id = request.current;
    setLoadingMore(true);
    try {
      const page = await fetchPage(kind, listQuery(kind, filters, cursor));
      if (id !== request.current) return;
      setRows((before) => [...(before ?? []), ...page.items]);
      setCursor(page.next_cursor ?? null);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setLoadingMore(false);
    }
  };

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
  const customField = customFields.find((f) => f.name === filters.customName);
  // Stages of the chosen pipeline, or of the only one.
  const stageChoices =
    (filters.pipeline
      ? pipelines.find((p) => String(p.id) === filters.pipeline)
      : pipelines.length === 1
        ? pipelines[0]
        : undefined
    )?.stages ?? [];

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
      <form class="filters" aria-label={t("filters")} onSubmit={(e) => e.preventDefault()}>
        {has("q") && (
          <label class="grow">
            {t("search")}
            <input type="search" value={typedQ} onInput={(e) => setTypedQ(e.currentTarget.value)} />
          </label>
        )}
        {has("owner") && users.length > 1 && (
          <Choice
            label={t("owner")}
            value={filters.owner}
            options={[["", t("anyOwner")], ...users.map((u): Option => [String(u.id), u.name])]}
            onChange={(owner) => set({ owner })}
          />
        )}
        {has("pipeline") && pipelines.length > 1 && (
          <Choice
            label={t("pipeline")}
            value={filters.pipeline}
            options={[["", t("anyPipeline")], ...pipelines.map((p): Option => [String(p.id), p.name])]}
            onChange={(pipeline) => set({ pipeline, stage: "" })}
          />
        )}
        {has("stage") && stageChoices.length > 0 && (
          <Choice
            label={t("stage")}
            value={filters.stage}
            options={[["", t("anyStage")], ...stageChoices.map((s): Option => [String(s.id), s.name])]}
            onChange={(stage) => set({ stage })}
          />
        )}
        {has("status") && (
          <Choice
            label={t("status")}
            value={filters.status}
            options={[
              ["open", t("statusOpen")],
              ["done", t("statusDone")],
              ["", t("statusAll")],
            ]}
            onChange={(status) => set({ status: status as ListFilters["status"] })}
          />
        )}
        {has("custom") && customFields.length > 0 && (
          <Choice
            label={t("customField")}
            value={filters.customName}
            options={[["", "—"], ...customFields.map((f): Option => [f.name, f.name])]}
            onChange={(customName) => set({ customName, customValue: "" })}
          />
        )}
        {customField &&
          (customField.type === "enum" || customField.type === "bool" ? (
            <Choice
              label={t("customValue", { field: customField.name })}
              value={filters.customValue}
              options={[
                ["", "—"],
                ...(customField.type === "bool"
                  ? ([
                      ["true", t("yes")],
                      ["false", t("no")],
                    ] as Option[])
                  : customField.options.map((o): Option => [o, o])),
              ]}
              onChange={(customValue) => set({ customValue })}
            />
          ) : (
            <label>
              {t("customValue", { field: customField.name })}
              <input
                value={filters.customValue}
                onChange={(e) => set({ customValue: e.currentTarget.value })}
              />
            </label>
          ))}
        {has("sort") && (
          <Choice
            label={t("sort")}
            value={filters.sort}
            options={spec.sorts.map((sort): Option => [sort, t(sortKey(sort))])}
            onChange={(sort) => set({ sort })}
          />
        )}
        {has("overdue") && (
          <label class="check">
            <input
              type="checkbox"
              checked={filters.overdue}
              onChange={(e) => set({ overdue: e.currentTarget.checked })}
            />
            {t(kind === "tasks" ? "overdueTasks" : "overdueStage")}
          </label>
        )}
        {has("noNextStep") && (
          <label class="check">
            <input
              type="checkbox"
              checked={filters.noNextStep}
              onChange={(e) => set({ noNextStep: e.currentTarget.checked })}
            />
            {t("noNextStep")}
          </label>
        )}
      </form>
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
      {cursor && (
        <button type="button" class="secondary more" disabled={loadingMore} onClick={showMore}>
          {loadingMore ? t("loadingMore") : t("showMore")}
        </button>
      )}
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
