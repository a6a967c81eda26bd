import { describe, expect, it } from "vitest";
import { moveCard, neighbourStage } from "./move";

const card = (id: number, stage: number, amount: number, currency = "RUB") => ({
  id,
  stage_id: stage,
  amount,
  currency,
});
const columns = () => [
  {
    stage: { id: 1 },
    count: 2,
    amount_total: 300,
    currency: "RUB",
    items: [card(10, 1, 100), card(11, 1, 200)],
  },
  { stage: { id: 2 }, count: 0, amount_total: 0, currency: null, items: [] },
  { stage: { id: 3 }, count: 1, amount_total: 50, currency: "USD", items: [card(12, 3, 50, "USD")] },
];

describe("moveCard", () => {
  it("moves the card with its count and amount", () => {
    const after = moveCard(columns(), 11, 2);
    expect(after[0]).toMatchObject({ count: 1, amount_total: 100 });
    expect(after[0]?.items.map((c) => c.id)).toEqual([10]);
    expect(after[1]).toMatchObject({ count: 1, amount_total: 200, currency: "RUB" });
    expect(after[1]?.items[0]).toMatchObject({ id: 11, stage_id: 2 });
  });
  it("keeps totals per currency when currencies mix", () => {
    const after = moveCard(columns(), 10, 3);
    expect(after[2]?.amount_total).toEqual({ USD: 50, RUB: 100 });
  });
  it("leaves the columns alone for the same stage or an unknown card", () => {
    const before = columns();
    expect(moveCard(before, 10, 1)).toBe(before);
    expect(moveCard(before, 99, 2)).toBe(before);
  });
});

describe("neighbourStage", () => {
  it("finds the stage left and right, none past the ends", () => {
    expect(neighbourStage(columns(), 1, 1)).toBe(2);
    expect(neighbourStage(columns(), 2, -1)).toBe(1);
    expect(neighbourStage(columns(), 1, -1)).toBeNull();
    expect(neighbourStage(columns(), 3, 1)).toBeNull();
  });
});
