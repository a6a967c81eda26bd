// What each list accepts (from the API document: GET /api/v1/{leads,deals,contacts,companies,tasks})
// and how the screen's filters become the URL's query and the API's query. Pure, unit-tested.
// When a list gains a filter in src/api/openapi/*.json, add it to `specs` here.

import type { RecordType } from "../../ui/records";

export type ListKind = "leads" | "deals" | "contacts" | "companies" | "tasks";
export const listKinds: readonly ListKind[] = ["leads", "deals", "contacts", "companies", "tasks"];

// The record type of each list of records (the task list has none).
export const recordTypes: Partial<Record<ListKind, RecordType>> = {
  leads: "lead",
  deals: "deal",
  contacts: "contact",
  companies: "company",
};

export type Filter =
  | "q"
  | "owner"
  | "pipeline"
  | "stage"
  | "overdue"
  | "noNextStep"
  | "status"
  | "sort"
  | "custom";

export interface ListSpec {
  filters: readonly Filter[];
  // The API's `sort` values, the default first; empty when the list has one fixed order.
  sorts: readonly string[];
  // The pipelines' record type, for lists with pipeline and stage filters.
  pipelineType?: "lead" | "deal";
}

const recordSorts = (key: "amount" | "name") => [
  "-id",
  "id",
  "-created_at",
  "created_at",
  "-updated_at",
  "updated_at",
  `-${key}`,
  key,
];

export const specs: Record<ListKind, ListSpec> = {
  leads: {
    filters: ["q", "owner", "pipeline", "stage", "overdue", "noNextStep", "custom", "sort"],
    sorts: recordSorts("amount"),
    pipelineType: "lead",
  },
  deals: {
    filters: ["q", "owner", "pipeline", "stage", "overdue", "noNextStep", "custom", "sort"],
    sorts: recordSorts("amount"),
    pipelineType: "deal",
  },
  contacts: { filters: ["q", "owner", "noNextStep", "custom", "sort"], sorts: recordSorts("name") },
  companies: { filters: ["q", "owner", "noNextStep", "custom", "sort"], sorts: recordSorts("name") },
  tasks: { filters: ["owner", "overdue", "status"], sorts: [] },
};

// The screen's filters; empty string / false means "not set".
export interface ListFilters {
  q: string;
  owner: string;
  pipeline: string;
  stage: string;
  overdue: boolean;
  noNextStep: boolean;
  status: "" | "open" | "done";
  sort: string;
  // One custom field's value (`cf.NAME=value`); the lists take one such filter at least.
  customName: string;
  customValue: string;
}

export function emptyFilters(kind: ListKind): ListFilters {
  return {
    q: "",
    owner: "",
    pipeline: "",
    stage: "",
    overdue: false,
    noNextStep: false,
    status: kind === "tasks" ? "open" : "",
    sort: specs[kind].sorts[0] ?? "",
    customName: "",
    customValue: "",
  };
}

const isId = (value: string | null): value is string => value !== null && /^[1-9]\d{0,17}$/.test(value);

// Reads the filters from a URL's query (?q=&owner_id=&pipeline_id=&stage_id=&overdue=1&
// no_next_step=1&status=&sort=); anything a list does not accept or cannot parse is ignored.
export function filtersFromSearch(kind: ListKind, search: string): ListFilters {
  const spec = specs[kind];
  const params = new URLSearchParams(search);
  const filters = emptyFilters(kind);
  const has = (filter: Filter) => spec.filters.includes(filter);
  if (has("q")) filters.q = params.get("q") ?? "";
  const owner = params.get("owner_id");
  if (has("owner") && isId(owner)) filters.owner = owner;
  const pipeline = params.get("pipeline_id");
  if (has("pipeline") && isId(pipeline)) filters.pipeline = pipeline;
  const stage = params.get("stage_id");
  if (has("stage") && isId(stage)) filters.stage = stage;
  if (has("overdue")) filters.overdue = params.get("overdue") === "1";
  if (has("noNextStep")) filters.noNextStep = params.get("no_next_step") === "1";
  const status = params.get("status");
  if (has("status") && (status === "open" || status === "done" || status === "all"))
    filters.status = status === "all" ? "" : status;
  const sort = params.get("sort");
  if (has("sort") && sort && spec.sorts.includes(sort)) filters.sort = sort;
  const custom = [...params.keys()].find((key) => key.startsWith("cf.") && key.length > 3);
  if (has("custom") && custom) {
    filters.customName = custom.slice(3);
    filters.customValue = params.get(custom) ?? "";
  }
  return filters;
}

// The URL's query for the filters (only what differs from the defaults), "" or "?…".
export function filtersToSearch(kind: ListKind, filters: ListFilters): string {
  const defaults = emptyFilters(kind);
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.owner) params.set("owner_id", filters.owner);
  if (filters.pipeline) params.set("pipeline_id", filters.pipeline);
  if (filters.stage) params.set("stage_id", filters.stage);
  if (filters.overdue) params.set("overdue", "1");
  if (filters.noNextStep) params.set("no_next_step", "1");
  if (filters.status !== defaults.status) params.set("status", filters.status || "all");
  if (filters.sort && filters.sort !== defaults.sort) params.set("sort", filters.sort);
  if (filters.customName && filters.customValue.trim())
    params.set(`cf.${filters.customName}`, filters.customValue.trim());
  const text = params.toString();
  return text ? `?${text}` : "";
}

// A link to a list filtered so (the rest as by default): what other screens link to.
export function listHref(kind: ListKind, filters: Partial<ListFilters>): string {
  return `/${kind}${filtersToSearch(kind, { ...emptyFilters(kind), ...filters })}`;
}

export type ApiQuery = Record<string, string | number | boolean>;

// The API's query for one page: the list's own parameter names (tasks call the owner
// `assignee_id` and the overdue filter `overdue`, records `owner_id` and `overdue_stage`).
export function listQuery(kind: ListKind, filters: ListFilters, cursor: string | null, limit = 50): ApiQuery {
  const spec = specs[kind];
  const has = (filter: Filter) => spec.filters.includes(filter);
  const query: ApiQuery = { limit };
  if (cursor) query.cursor = cursor;
  const q = filters.q.trim();
  if (has("q") && q) query.q = q;
  if (has("owner") && filters.owner)
    query[kind === "tasks" ? "assignee_id" : "owner_id"] = Number(filters.owner);
  if (has("pipeline") && filters.pipeline) query.pipeline_id = Number(filters.pipeline);
  if (has("stage") && filters.stage) query.stage_id = Number(filters.stage);
  if (has("overdue") && filters.overdue) query[kind === "tasks" ? "overdue" : "overdue_stage"] = true;
  if (has("noNextStep") && filters.noNextStep) query.no_next_step = true;
  if (has("status") && filters.status) query.status = filters.status;
  if (has("sort") && filters.sort && filters.sort !== "id") query.sort = filters.sort;
  const customValue = filters.customValue.trim();
  if (has("custom") && filters.customName && customValue) query[`cf.${filters.customName}`] = customValue;
  return query;
}
