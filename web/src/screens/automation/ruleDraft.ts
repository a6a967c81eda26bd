// The rule editor's form state and its translation to and from the API's rule. Every value is
// kept as typed (text), and sent as typed where it is not a clean number, so the server's 422
// names the JSON path of what is wrong and the editor shows it at that control.
import type { Schemas } from "../../api/client";

export type Rule = Schemas["AutomationRule"];
export type NewRule = Schemas["NewAutomationRule"];
export type TriggerType = Schemas["AutomationTrigger"]["type"];
export type ActionType = Schemas["AutomationAction"]["type"];
export type Op = Schemas["AutomationCondition"]["op"];
export type RecordType = Schemas["RecordType"];

export const triggerTypes: readonly TriggerType[] = [
  "record_created",
  "stage_entered",
  "stage_overdue",
  "field_changed",
  "task_overdue",
  "deal_won",
  "deal_lost",
  "scheduled",
];
export const actionTypes: readonly ActionType[] = [
  "send_sms",
  "send_email",
  "create_task",
  "change_owner",
  "move_stage",
  "webhook",
  "notify",
];
export const ops: readonly Op[] = ["=", "!=", ">", "<", "in", "empty"];
export const recordTypes: readonly RecordType[] = ["deal", "lead", "contact", "company"];

export interface TriggerDraft {
  type: TriggerType;
  pipeline_id: string;
  stage_id: string;
  field: string;
  to: string;
  relative_to: string;
  offset: string;
}
export type TriggerKey = Exclude<keyof TriggerDraft, "type">;

// The keys each trigger type takes (the API refuses the others). When the API adds a trigger
// type, also add it to triggerTypes and to the catalogue (automation/messages.ts).
export const triggerKeys: Record<TriggerType, readonly TriggerKey[]> = {
  record_created: [],
  stage_entered: ["pipeline_id", "stage_id"],
  stage_overdue: ["pipeline_id", "stage_id"],
  field_changed: ["field", "to"],
  task_overdue: [],
  deal_won: [],
  deal_lost: [],
  scheduled: ["relative_to", "offset"],
};

export interface ConditionDraft {
  field: string;
  op: Op;
  value: string;
}

export interface ActionDraft {
  type: ActionType;
  template_id: string;
  to: string;
  kind: string;
  subject: string;
  due: string;
  assignee_id: string;
  location: string;
  owner_id: string;
  stage_id: string;
  url: string;
  secret: string;
  text: string;
  user_ids: string;
  owner: boolean;
  head: boolean;
}
export type ActionKey = Exclude<keyof ActionDraft, "type">;

// The keys each action type takes. When the API adds an action type, also add it to
// actionTypes and to the catalogue.
export const actionKeys: Record<ActionType, readonly ActionKey[]> = {
  send_sms: ["template_id", "to"],
  send_email: ["template_id", "to"],
  create_task: ["kind", "subject", "due", "assignee_id", "location"],
  change_owner: ["owner_id"],
  move_stage: ["stage_id"],
  webhook: ["url", "secret"],
  notify: ["text", "user_ids", "owner", "head"],
};

export interface RuleDraft {
  name: string;
  enabled: boolean;
  record_type: RecordType;
  department_id: string;
  trigger: TriggerDraft;
  conditions: ConditionDraft[];
  actions: ActionDraft[];
  delay: string;
}

export function emptyAction(type: ActionType = "notify"): ActionDraft {
  return {
    type,
    template_id: "",
    to: "contact",
    kind: "call",
    subject: "",
    due: "PT2H",
    assignee_id: "",
    location: "",
    owner_id: "",
    stage_id: "",
    url: "",
    secret: "",
    text: "",
    user_ids: "",
    owner: true,
    head: false,
  };
}

export function emptyCondition(): ConditionDraft {
  return { field: "amount", op: ">", value: "" };
}

export function emptyRule(): RuleDraft {
  return {
    name: "",
    enabled: true,
    record_type: "deal",
    department_id: "",
    trigger: {
      type: "record_created",
      pipeline_id: "",
      stage_id: "",
      field: "",
      to: "",
      relative_to: "",
      offset: "",
    },
    conditions: [],
    actions: [emptyAction()],
    delay: "PT0S",
  };
}

const text = (value: unknown): string => (value === null || value === undefined ? "" : String(value));

// A condition's value as typed: lists comma-separated, everything else as JSON would write it
// (strings without quotes).
export function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(text).join(", ");
  return text(value);
}

// A typed value as the API takes it: `empty` a boolean; `in` a list (comma-separated); numbers
// and true/false as such; anything else as the string typed.
export function parseValue(op: Op, typed: string): unknown {
  const scalar = (s: string): unknown => {
    const t = s.trim();
    if (t === "true") return true;
    if (t === "false") return false;
    if (t !== "" && /^-?\d+(\.\d+)?$/.test(t)) return Number(t);
    return t;
  };
  if (op === "empty") return typed.trim() !== "false";
  if (op === "in")
    return typed
      .split(",")
      .map(scalar)
      .filter((v) => v !== "");
  return scalar(typed);
}

// An id as typed: a number when it is one, else the text (the server names the field).
function id(typed: string): number | string {
  const t = typed.trim();
  return /^\d+$/.test(t) ? Number(t) : t;
}

export function draftOf(rule: Rule): RuleDraft {
  const trigger = rule.trigger;
  return {
    name: rule.name,
    enabled: rule.enabled,
    record_type: rule.record_type,
    department_id: text(rule.department_id),
    trigger: {
      type: trigger.type,
      pipeline_id: text(trigger.pipeline_id),
      stage_id: text(trigger.stage_id),
      field: text(trigger.field),
      to: formatValue(trigger.to),
      relative_to: text(trigger.relative_to),
      offset: text(trigger.offset),
    },
    conditions: (rule.conditions ?? []).map((c) => ({
      field: c.field,
      op: c.op,
      value: formatValue(c.value),
    })),
    actions: rule.actions.map((a) => ({
      ...emptyAction(a.type),
      template_id: text(a.template_id),
      to: a.to ?? "contact",
      kind: a.kind ?? "call",
      subject: text(a.subject),
      due: text(a.due),
      assignee_id: text(a.assignee_id),
      location: text(a.location),
      owner_id: text(a.owner_id),
      stage_id: text(a.stage_id),
      url: text(a.url),
      text: text(a.text),
      user_ids: (a.user_ids ?? []).join(", "),
      owner: a.owner ?? false,
      head: a.head ?? false,
    })),
    delay: rule.delay,
  };
}

const idKeys = new Set(["pipeline_id", "stage_id", "template_id", "assignee_id", "owner_id"]);

// The API's rule of a draft: only the keys of each trigger and action type; empty optional
// values left out; ids as numbers where they are numbers.
export function ruleOf(draft: RuleDraft, options: { withDepartment: boolean }): NewRule {
  const trigger: Record<string, unknown> = { type: draft.trigger.type };
  for (const key of triggerKeys[draft.trigger.type]) {
    const value = draft.trigger[key];
    if (value.trim() === "") continue;
    trigger[key] = idKeys.has(key) ? id(value) : key === "to" ? parseValue("=", value) : value.trim();
  }
  const actions = draft.actions.map((action) => {
    const out: Record<string, unknown> = { type: action.type };
    for (const key of actionKeys[action.type]) {
      const value = action[key];
      if (typeof value === "boolean") out[key] = value;
      else if (key === "user_ids") {
        const ids = value.split(",").filter((s) => s.trim() !== "");
        if (ids.length > 0) out[key] = ids.map(id);
      } else if (key === "secret" && value === "") {
        // Absent: the server keeps the stored secret of the webhook with the same URL.
      } else if (value.trim() !== "") out[key] = idKeys.has(key) ? id(value) : value;
    }
    return out;
  });
  return {
    name: draft.name,
    enabled: draft.enabled,
    record_type: draft.record_type,
    trigger: trigger as NewRule["trigger"],
    conditions: draft.conditions.map((c) => ({
      field: c.field.trim(),
      op: c.op,
      value: parseValue(c.op, c.value),
    })),
    actions: actions as NewRule["actions"],
    delay: draft.delay.trim() || "PT0S",
    ...(options.withDepartment
      ? { department_id: draft.department_id ? Number(draft.department_id) : null }
      : {}),
  };
}
