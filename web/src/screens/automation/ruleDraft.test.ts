import { describe, expect, test } from "vitest";
import { draftOf, emptyAction, emptyRule, parseValue, type Rule, ruleOf } from "./ruleDraft";

describe("parseValue", () => {
  test("numbers and booleans as such, other text as typed", () => {
    expect(parseValue("=", "100")).toBe(100);
    expect(parseValue(">", "-2.5")).toBe(-2.5);
    expect(parseValue("=", "true")).toBe(true);
    expect(parseValue("=", "Москва")).toBe("Москва");
    expect(parseValue("=", "много")).toBe("много");
  });
  test("`in` takes a comma-separated list, `empty` a yes or no", () => {
    expect(parseValue("in", "1, 2, сайт")).toEqual([1, 2, "сайт"]);
    expect(parseValue("in", "")).toEqual([]);
    expect(parseValue("empty", "")).toBe(true);
    expect(parseValue("empty", "false")).toBe(false);
  });
});

describe("ruleOf", () => {
  test("sends only the keys of the trigger and action types", () => {
    const draft = emptyRule();
    draft.name = "Новая сделка";
    draft.trigger = {
      ...draft.trigger,
      type: "stage_entered",
      stage_id: "7",
      field: "ignored",
      offset: "PT1H",
    };
    draft.actions = [{ ...emptyAction("send_sms"), template_id: "3", text: "ignored" }];
    draft.conditions = [{ field: " amount ", op: ">", value: "1000" }];
    const rule = ruleOf(draft, { withDepartment: false });
    expect(rule.trigger).toEqual({ type: "stage_entered", stage_id: 7 });
    expect(rule.actions).toEqual([{ type: "send_sms", template_id: 3, to: "contact" }]);
    expect(rule.conditions).toEqual([{ field: "amount", op: ">", value: 1000 }]);
    expect(rule).not.toHaveProperty("department_id");
  });

  test("an id that is not a number is sent as typed, for the server to name", () => {
    const draft = emptyRule();
    draft.actions = [{ ...emptyAction("change_owner"), owner_id: "Иванов" }];
    expect(ruleOf(draft, { withDepartment: false }).actions).toEqual([
      { type: "change_owner", owner_id: "Иванов" },
    ]);
  });

  test("notify sends its recipients; an empty webhook secret is left out", () => {
    const draft = emptyRule();
    draft.actions = [
      { ...emptyAction("notify"), text: "Сделка {{record.title}}", user_ids: "4, 5", owner: false },
      { ...emptyAction("webhook"), url: "https://hooks.example/x" },
    ];
    expect(ruleOf(draft, { withDepartment: true }).actions).toEqual([
      { type: "notify", text: "Сделка {{record.title}}", user_ids: [4, 5], owner: false, head: false },
      { type: "webhook", url: "https://hooks.example/x" },
    ]);
    expect(ruleOf(draft, { withDepartment: true }).department_id).toBeNull();
  });
});

test("draftOf and ruleOf make the same rule again", () => {
  const rule: Rule = {
    id: 1,
    name: "Встреча",
    enabled: true,
    record_type: "deal",
    trigger: { type: "field_changed", field: "amount", to: 5 },
    conditions: [{ field: "source", op: "in", value: ["сайт", "звонок"] }],
    actions: [{ type: "create_task", kind: "meeting", subject: "Встреча", due: "P1D", location: "Офис" }],
    delay: "PT1H",
    enabled_at: null,
    created_by: 1,
    department_id: 2,
    author_id: 1,
    created_at: "2026-11-27T10:00:00Z",
    updated_at: "2026-11-27T10:00:00Z",
  };
  const again = ruleOf(draftOf(rule), { withDepartment: true });
  expect(again).toEqual({
    name: rule.name,
    enabled: true,
    record_type: "deal",
    trigger: rule.trigger,
    conditions: rule.conditions,
    actions: rule.actions,
    delay: "PT1H",
    department_id: 2,
  });
});
