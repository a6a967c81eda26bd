import { describe, expect, test } from "vitest";
import { controlId, normalizePath, placeError } from "./fieldPath";

describe("normalizePath", () => {
  test("turns array indices into dotted segments", () => {
    expect(normalizePath("conditions[0].op")).toBe("conditions.0.op");
    expect(normalizePath("actions[12].user_ids[3]")).toBe("actions.12.user_ids.3");
    expect(normalizePath("trigger.stage_id")).toBe("trigger.stage_id");
    expect(normalizePath("name")).toBe("name");
  });
});

describe("placeError", () => {
  const controls = [
    "name",
    "trigger.type",
    "trigger.stage_id",
    "conditions.0.field",
    "conditions.0.op",
    "actions.0",
  ];

  test("an exact path goes to its control", () => {
    expect(placeError("conditions[0].op", controls)).toBe("conditions.0.op");
    expect(placeError("trigger.stage_id", controls)).toBe("trigger.stage_id");
    expect(placeError("name", controls)).toBe("name");
  });

  test("a path deeper than any control goes to the nearest enclosing one", () => {
    expect(placeError("actions[0].template_id", controls)).toBe("actions.0");
  });

  test("a path above the controls goes to the first control inside it", () => {
    expect(placeError("trigger", controls)).toBe("trigger.type");
    expect(placeError("conditions[0]", controls)).toBe("conditions.0.field");
  });

  test("no field, or a field the form does not have, stays at the form", () => {
    expect(placeError(null, controls)).toBeNull();
    expect(placeError("", controls)).toBeNull();
    expect(placeError("delay", controls)).toBeNull();
    expect(placeError("conditions[1].op", controls)).toBeNull();
    expect(placeError("actions[1].text", controls)).toBeNull();
  });

  test("an index is not confused with a longer one", () => {
    expect(placeError("conditions[10].op", ["conditions.1.op", "conditions.10.op"])).toBe("conditions.10.op");
    expect(placeError("conditions[10].op", ["conditions.1"])).toBeNull();
  });
});

test("controlId makes a path safe for an HTML id", () => {
  expect(controlId("rule", "conditions[0].op")).toBe("rule-conditions-0-op");
});
