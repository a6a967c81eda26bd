import { describe, expect, it } from "vitest";
import { deferWhileBusy } from "./defer";

function counted() {
  const runs = { n: 0 };
  const deferral = deferWhileBusy(() => {
    runs.n++;
  });
  return { runs, deferral };
}

describe("deferWhileBusy", () => {
  it("refetches at once when nothing is going on", () => {
    const { runs, deferral } = counted();
    deferral.request();
    expect(runs.n).toBe(1);
  });
  it("waits for the drop of a dragged card, then refetches once", () => {
    const { runs, deferral } = counted();
    const drop = deferral.hold();
    deferral.request();
    deferral.request();
    expect(runs.n).toBe(0);
    drop();
    expect(runs.n).toBe(1);
  });
  it("does not refetch after a drag when nothing was asked", () => {
    const { runs, deferral } = counted();
    deferral.hold()();
    expect(runs.n).toBe(0);
  });
  it("waits for the move that the drop started, after the drag has ended", () => {
    const { runs, deferral } = counted();
    const drag = deferral.hold();
    deferral.request();
    const move = deferral.hold();
    drag();
    expect(runs.n).toBe(0);
    move();
    expect(runs.n).toBe(1);
  });
  it("counts a release once (drop and dragend both end the same drag)", () => {
    const { runs, deferral } = counted();
    const drag = deferral.hold();
    const move = deferral.hold();
    deferral.request();
    drag();
    drag();
    expect(runs.n).toBe(0);
    move();
    expect(runs.n).toBe(1);
  });
});
