import { describe, expect, it } from "vitest";
import { concernsList } from "./live";

describe("concernsList", () => {
  it("refetches a record list on a change of a record of its type", () => {
    expect(concernsList("deals", { kind: "record", type: "deal", id: 1 })).toBe(true);
    expect(concernsList("leads", { kind: "record", type: "lead", id: 1 })).toBe(true);
    expect(concernsList("contacts", { kind: "record", type: "contact", id: 1 })).toBe(true);
    expect(concernsList("companies", { kind: "record", type: "company", id: 1 })).toBe(true);
  });
  it("leaves a record list alone on other types, tasks and notifications", () => {
    expect(concernsList("deals", { kind: "record", type: "lead", id: 1 })).toBe(false);
    expect(concernsList("deals", { kind: "task", type: "deal", id: 1 })).toBe(false);
    expect(concernsList("contacts", { kind: "notification", id: 1 })).toBe(false);
  });
  it("refetches the task list on a task and on a change of any record", () => {
    expect(concernsList("tasks", { kind: "task", type: "contact", id: 1 })).toBe(true);
    expect(concernsList("tasks", { kind: "record", type: "company", id: 1 })).toBe(true);
    expect(concernsList("tasks", { kind: "notification", id: 1 })).toBe(false);
  });
});
