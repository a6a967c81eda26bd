import { describe, expect, it } from "vitest";
import { emptyFilters, filtersFromSearch, filtersToSearch, listHref, listQuery } from "./query";

describe("listQuery", () => {
  it("asks for the newest records first by default", () => {
    expect(listQuery("deals", emptyFilters("deals"), null)).toEqual({ limit: 50, sort: "-id" });
  });
  it("names the filters as each list's API does", () => {
    const filters = { ...emptyFilters("deals"), owner: "4", pipeline: "2", stage: "9", overdue: true };
    expect(listQuery("deals", { ...filters, noNextStep: true, q: "  станки " }, "abc")).toEqual({
      limit: 50,
      cursor: "abc",
      q: "станки",
      owner_id: 4,
      pipeline_id: 2,
      stage_id: 9,
      overdue_stage: true,
      no_next_step: true,
      sort: "-id",
    });
    expect(listQuery("tasks", { ...emptyFilters("tasks"), owner: "4", overdue: true }, null)).toEqual({
      limit: 50,
      assignee_id: 4,
      overdue: true,
      status: "open",
    });
  });
  it("leaves out what a list does not accept", () => {
    const filters = {
      ...emptyFilters("contacts"),
      pipeline: "2",
      stage: "3",
      overdue: true,
      status: "done" as const,
    };
    expect(listQuery("contacts", filters, null)).toEqual({ limit: 50, sort: "-id" });
    expect(listQuery("tasks", { ...emptyFilters("tasks"), q: "x", noNextStep: true }, null)).toEqual({
      limit: 50,
      status: "open",
    });
  });
  it("sends no sort for the API's own default order", () => {
    expect(listQuery("companies", { ...emptyFilters("companies"), sort: "id" }, null)).toEqual({ limit: 50 });
  });
});

describe("filters in the URL", () => {
  it("round-trip and keep only what differs from the defaults", () => {
    const filters = { ...emptyFilters("leads"), q: "Иванов", owner: "3", overdue: true, sort: "-amount" };
    const search = filtersToSearch("leads", filters);
    expect(search).toBe("?q=%D0%98%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2&owner_id=3&overdue=1&sort=-amount");
    expect(filtersFromSearch("leads", search)).toEqual(filters);
    expect(filtersToSearch("leads", emptyFilters("leads"))).toBe("");
  });
  it("ignore malformed ids, unknown sorts and filters the list lacks", () => {
    const filters = filtersFromSearch("contacts", "?owner_id=abc&sort=amount&overdue=1&stage_id=0");
    expect(filters).toEqual(emptyFilters("contacts"));
  });
  it("let tasks show every status", () => {
    const all = { ...emptyFilters("tasks"), status: "" as const };
    expect(filtersToSearch("tasks", all)).toBe("?status=all");
    expect(filtersFromSearch("tasks", "?status=all")).toEqual(all);
    expect(listQuery("tasks", all, null)).toEqual({ limit: 50 });
  });
});

describe("a custom field filter", () => {
  it("goes to the URL and the API as cf.NAME, and only with a value", () => {
    const filters = { ...emptyFilters("contacts"), customName: "segment", customValue: " retail " };
    expect(filtersToSearch("contacts", filters)).toBe("?cf.segment=retail");
    expect(filtersFromSearch("contacts", "?cf.segment=retail")).toEqual({
      ...filters,
      customValue: "retail",
    });
    expect(listQuery("contacts", filters, null)).toEqual({ limit: 50, sort: "-id", "cf.segment": "retail" });
    expect(listQuery("contacts", { ...filters, customValue: "" }, null)).toEqual({ limit: 50, sort: "-id" });
    expect(
      listQuery("tasks", { ...emptyFilters("tasks"), customName: "segment", customValue: "x" }, null),
    ).toEqual({
      limit: 50,
      status: "open",
    });
  });
});

describe("listHref", () => {
  it("links a list filtered as the control report drills down", () => {
    expect(listHref("leads", { owner: "7", overdue: true })).toBe("/leads?owner_id=7&overdue=1");
    expect(listHref("contacts", { owner: "7", noNextStep: true })).toBe(
      "/contacts?owner_id=7&no_next_step=1",
    );
    expect(listHref("deals", {})).toBe("/deals");
  });
});
