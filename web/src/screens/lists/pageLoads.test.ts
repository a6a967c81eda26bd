import { describe, expect, it } from "vitest";
import { inTurn, loadCovering, type PageOf } from "./pageLoads";

// A list of `total` numbered rows served `size` a page, the cursor being the next row's number.
function pager(total: number, size: number) {
  const asked: (string | null)[] = [];
  const load = async (cursor: string | null): Promise<PageOf<number>> => {
    asked.push(cursor);
    const from = cursor ? Number(cursor) : 0;
    const items = Array.from({ length: Math.max(0, Math.min(size, total - from)) }, (_, i) => from + i);
    const next = from + size < total ? String(from + size) : null;
    return { items, next_cursor: next };
  };
  return { load, asked };
}

describe("loadCovering", () => {
  it("loads the first page alone when nothing more was shown", async () => {
    const { load, asked } = pager(120, 50);
    expect(await loadCovering(load, 30)).toEqual({
      items: Array.from({ length: 50 }, (_, i) => i),
      next_cursor: "50",
    });
    expect(asked).toEqual([null]);
  });
  it("loads again as many pages as the rows shown with Show more", async () => {
    const { load, asked } = pager(120, 50);
    const page = await loadCovering(load, 100);
    expect(page.items).toHaveLength(100);
    expect(page.next_cursor).toBe("100");
    expect(asked).toEqual([null, "50"]);
  });
  it("covers a row more on the next page when a new one pushed the last shown down", async () => {
    const { load, asked } = pager(120, 50);
    const page = await loadCovering(load, 51);
    expect(page.items).toHaveLength(100);
    expect(asked).toEqual([null, "50"]);
  });
  it("stops where the list ends, with no cursor", async () => {
    const { load } = pager(70, 50);
    expect(await loadCovering(load, 200)).toEqual({
      items: Array.from({ length: 70 }, (_, i) => i),
      next_cursor: null,
    });
  });
  it("loads at most maxPages pages and keeps the cursor after them", async () => {
    const { load, asked } = pager(1000, 10);
    const page = await loadCovering(load, 500, 3);
    expect(page.items).toHaveLength(30);
    expect(page.next_cursor).toBe("30");
    expect(asked).toHaveLength(3);
  });
  it("loads the first page of an empty list", async () => {
    const { load } = pager(0, 50);
    expect(await loadCovering(load, 0)).toEqual({ items: [], next_cursor: null });
  });
});

describe("inTurn", () => {
  it("runs each task after the one before has finished", async () => {
    const turn = inTurn();
    const events: string[] = [];
    let release = () => {};
    const first = turn(async () => {
      events.push("first starts");
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      events.push("first ends");
    });
    const second = turn(async () => {
      events.push("second runs");
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(events).toEqual(["first starts"]);
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(["first starts", "first ends", "second runs"]);
  });
  it("goes on after a task that failed, and tells its caller", async () => {
    const turn = inTurn();
    const failed = turn(async () => {
      throw new Error("no network");
    });
    await expect(failed).rejects.toThrow("no network");
    let ran = false;
    await turn(async () => {
      ran = true;
    });
    expect(ran).toBe(true);
  });
});
