import { describe, expect, it } from "vitest";
import { dayOf } from "../../i18n/i18n";
import { planDay } from "./plan";

describe("planDay", () => {
  it("splits open tasks into overdue and the rest of today in the organisation's zone", () => {
    const now = new Date("2026-11-28T12:00:00Z"); // 15:00 in Moscow
    const tasks = [
      { id: 1, due_at: "2026-11-28T20:30:00Z" }, // 23:30 Moscow: today
      { id: 2, due_at: "2026-11-28T21:30:00Z" }, // 00:30 the next day in Moscow
      { id: 3, due_at: "2026-11-27T09:00:00Z" }, // yesterday: overdue
      { id: 4, due_at: "2026-11-28T11:59:00Z" }, // a minute ago: overdue
      { id: 5, due_at: "2026-11-28T13:00:00Z" },
    ];
    const plan = planDay(tasks, now, (d) => dayOf(d, "Europe/Moscow"));
    expect(plan.overdue.map((t) => t.id)).toEqual([3, 4]);
    expect(plan.today.map((t) => t.id)).toEqual([5, 1]);
  });
});
