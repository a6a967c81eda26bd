import { describe, expect, it } from "vitest";
import { forEachInTurn } from "./bulk";

describe("forEachInTurn", () => {
  it("acts on each item in order and reports every failure", async () => {
    const seen: number[] = [];
    const outcome = await forEachInTurn([1, 2, 3, 4], async (n) => {
      seen.push(n);
      if (n % 2 === 0) throw new Error(`no ${n}`);
    });
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(outcome.done).toEqual([1, 3]);
    expect(outcome.failed.map((f) => [f.item, (f.error as Error).message])).toEqual([
      [2, "no 2"],
      [4, "no 4"],
    ]);
  });
  it("runs one request at a time", async () => {
    let running = 0;
    let most = 0;
    await forEachInTurn([1, 2, 3], async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
    });
    expect(most).toBe(1);
  });
});
