import { describe, expect, it } from "vitest";
import type { Schemas } from "../../api/client";
import { concernsReport, mergeReports } from "./report";

const deal = (id: number, title: string) => ({ id, title }) as Schemas["Deal"];

describe("mergeReports", () => {
  it("joins both reports by manager, worst first", () => {
    const rows = mergeReports(
      {
        groups: [
          {
            owner_id: 1,
            owner_name: "Иванов",
            lead_count: 0,
            deal_count: 3,
            leads: [],
            deals: [deal(7, "Станки")],
          },
        ],
      },
      {
        count: 6,
        groups: [
          {
            owner_id: 1,
            owner_name: "Иванов",
            leads: [],
            deals: [],
            contacts: [{ id: 2, title: "Пётр" }],
            lead_count: 0,
            deal_count: 0,
            contact_count: 1,
            count: 1,
          },
          {
            owner_id: 2,
            owner_name: "Соколова",
            leads: [{ id: 3, title: "Заявка" }],
            deals: [],
            contacts: [],
            lead_count: 5,
            deal_count: 0,
            contact_count: 0,
            count: 5,
          },
        ],
      },
    );
    expect(rows.map((r) => r.ownerName)).toEqual(["Соколова", "Иванов"]);
    const ivanov = rows[1];
    expect(ivanov?.overdueDealCount).toBe(3);
    expect(ivanov?.overdueDeals).toEqual([{ id: 7, title: "Станки" }]);
    expect(ivanov?.noNextStep.contacts).toEqual([{ id: 2, title: "Пётр" }]);
    expect(rows[0]?.overdueLeadCount).toBe(0);
    // A report with a limit lists one lead of Соколова's five: the counts stay full.
    expect(rows[0]?.noNextStep.leads).toHaveLength(1);
    expect(rows[0]?.noNextStepCounts).toEqual({ leads: 5, deals: 0, contacts: 0 });
    expect(rows[0]?.noNextStepCount).toBe(5);
  });
  it("is empty when all is in order", () => {
    expect(mergeReports({ groups: [] }, { count: 0, groups: [] })).toEqual([]);
  });
});

describe("concernsReport", () => {
  it("loads the report again when a lead, deal, contact or task changes", () => {
    expect(concernsReport({ kind: "record", type: "deal", id: 1 })).toBe(true);
    expect(concernsReport({ kind: "record", type: "lead", id: 1 })).toBe(true);
    expect(concernsReport({ kind: "record", type: "contact", id: 1 })).toBe(true);
    expect(concernsReport({ kind: "task", type: "company", id: 1 })).toBe(true);
  });
  it("leaves it alone on a company and on a notification", () => {
    expect(concernsReport({ kind: "record", type: "company", id: 1 })).toBe(false);
    expect(concernsReport({ kind: "notification", id: 1 })).toBe(false);
  });
});
