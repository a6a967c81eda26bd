import { describe, expect, it } from "vitest";
import type { Schemas } from "../api/client";
import { enterable } from "./directory";

const pipeline = (id: number, department_id: number | null) =>
  ({
    id,
    name: `P${id}`,
    record_type: "deal",
    is_default: false,
    department_id,
    stages: [],
  }) as unknown as Schemas["Pipeline"];

describe("enterable", () => {
  const all = [pipeline(1, null), pipeline(2, 10), pipeline(3, 20)];
  it("offers the organisation's pipelines and the owner's department's", () => {
    expect(enterable(all, 10).map((p) => p.id)).toEqual([1, 2]);
    expect(enterable(all, 20).map((p) => p.id)).toEqual([1, 3]);
  });
  it("offers an owner without a department the organisation's only", () => {
    expect(enterable(all, null).map((p) => p.id)).toEqual([1]);
  });
});
