import { describe, expect, it } from "vitest";
import { flatten, groupHits, isSearchShortcut, moveActive } from "./search";

const hit = (type: "lead" | "deal" | "contact" | "company", id: number) => ({
  type,
  id,
  title: `${type} ${id}`,
  owner_id: 1,
});

describe("groupHits", () => {
  it("groups by type in a fixed order and leaves out empty groups", () => {
    const groups = groupHits([hit("deal", 1), hit("contact", 2), hit("deal", 3), hit("company", 4)]);
    expect(groups.map((g) => g.type)).toEqual(["contact", "company", "deal"]);
    expect(groups[2]?.hits.map((h) => h.id)).toEqual([1, 3]);
    expect(flatten(groups).map((h) => h.id)).toEqual([2, 4, 1, 3]);
  });
  it("is empty for no hits", () => {
    expect(groupHits([])).toEqual([]);
  });
});

describe("moveActive", () => {
  it("moves with the arrows and wraps around", () => {
    expect(moveActive(-1, 3, "ArrowDown")).toBe(0);
    expect(moveActive(2, 3, "ArrowDown")).toBe(0);
    expect(moveActive(0, 3, "ArrowUp")).toBe(2);
    expect(moveActive(1, 3, "End")).toBe(2);
    expect(moveActive(1, 3, "Home")).toBe(0);
    expect(moveActive(1, 0, "ArrowDown")).toBe(-1);
  });
});

describe("isSearchShortcut", () => {
  const key = (k: string, more: Partial<{ ctrlKey: boolean; metaKey: boolean; target: unknown }> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...more,
    target: (more.target ?? null) as EventTarget | null,
  });
  const field = { closest: (selector: string) => (selector.includes("input") ? {} : null) };
  const text = { closest: () => null };
  it("opens on Ctrl+K or ⌘K, in a field too, and in the Russian layout", () => {
    expect(isSearchShortcut(key("k", { ctrlKey: true }))).toBe(true);
    expect(isSearchShortcut(key("K", { metaKey: true, target: field }))).toBe(true);
    expect(isSearchShortcut(key("л", { ctrlKey: true }))).toBe(true);
    expect(isSearchShortcut(key("k"))).toBe(false);
  });
  it("opens on / only when not typing", () => {
    expect(isSearchShortcut(key("/", { target: text }))).toBe(true);
    expect(isSearchShortcut(key("/", { target: field }))).toBe(false);
  });
});
