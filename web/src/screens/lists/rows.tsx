// The rows of each list: the API call that pages it and the columns that show it.
import type { ComponentChild } from "preact";
import { call, client, type Schemas } from "../../api/client";
import type { paths } from "../../api/schema";
import { formatDateTime, formatMoney } from "../../i18n/i18n";
import { nameOf } from "../../ui/directory";
import { RecordLink } from "../../ui/RecordLink";
import { type RecordType, recordHref } from "../../ui/records";
import type { messages } from "./messages";
import type { ApiQuery, ListKind } from "./query";

type Lead = Schemas["Lead"];
type Deal = Schemas["Deal"];
type Contact = Schemas["Contact"];
type Company = Schemas["Company"];
type Task = Schemas["Task"];
export type Row = Lead | Deal | Contact | Company | Task;
type Page = { items: Row[]; next_cursor?: string | null };
export type Key = keyof typeof messages.ru;
type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? Q
  : never;

// One GET per list; `query` holds only what query.ts knows the list accepts.
export function fetchPage(kind: ListKind, query: ApiQuery): Promise<Page> {
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

export interface Context {
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
export const columns: Record<ListKind, Column[]> = {
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
      cell: (row) => {
        const task = row as Task;
        return <RecordLink type={task.record_type} id={task.record_id} title={task.record_title ?? null} />;
      },
    },
    { header: "colStatus", cell: (row, ctx) => ctx.t((row as Task).status === "done" ? "done" : "open") },
    {
      header: "colAssignee",
      cell: (row, ctx) => {
        const task = row as Task;
        return task.assignee_id ? nameOf(ctx.users, task.assignee_id) : "—";
      },
    },
  ],
};

// A row's name for people: a deal's or lead's title, a contact's or company's name, a task's subject.
export function rowTitle(row: Row): string {
  if ("title" in row) return row.title;
  if ("name" in row) return row.name;
  return row.subject;
}
