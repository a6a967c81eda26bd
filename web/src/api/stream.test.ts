import { describe, expect, it } from "vitest";
import { parseHint } from "./stream";

describe("parseHint", () => {
  it("reads a record hint and a task hint", () => {
    expect(parseHint("record", '{"type":"deal","id":12}')).toEqual({ kind: "record", type: "deal", id: 12 });
    expect(parseHint("task", '{"type":"lead","id":3}')).toEqual({ kind: "task", type: "lead", id: 3 });
  });

  it("reads a notification hint", () => {
    expect(parseHint("notification", '{"id":7}')).toEqual({ kind: "notification", id: 7 });
    expect(parseHint("notification_read", '{"id":7}')).toEqual({ kind: "notification_read", id: 7 });
  });

  it("ignores what is not a hint", () => {
    expect(parseHint("record", "not json")).toBeNull();
    expect(parseHint("record", '{"id":12}')).toBeNull();
    expect(parseHint("record", '{"type":"deal","id":"12"}')).toBeNull();
    expect(parseHint("other", '{"id":1}')).toBeNull();
  });
});
