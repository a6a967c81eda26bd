// The control report: the two API reports (stage overdue, no next step) merged into one row per
// manager, worst first. Pure, unit-tested.
import type { Schemas } from "../../api/client";
import type { Hint } from "../../api/stream";

type RecordTitle = Schemas["RecordTitle"];
type NoNextStepGroup = Schemas["NoNextStepReport"]["groups"][number];

export interface ManagerRow {
  ownerId: number;
  ownerName: string;
  overdueLeadCount: number;
  overdueDealCount: number;
  overdueLeads: RecordTitle[];
  overdueDeals: RecordTitle[];
  // The records listed (up to the report's limit per type) and, per type, how many there are.
  noNextStep: { leads: RecordTitle[]; deals: RecordTitle[]; contacts: RecordTitle[] };
  noNextStepCounts: { leads: number; deals: number; contacts: number };
  noNextStepCount: number;
}

export function mergeReports(
  overdue: Schemas["StageOverdueReport"],
  noNextStep: Schemas["NoNextStepReport"],
): ManagerRow[] {
  const rows = new Map<number, ManagerRow>();
  const row = (ownerId: number, ownerName: string): ManagerRow => {
    let found = rows.get(ownerId);
    if (!found) {
      found = {
        ownerId,
        ownerName,
        overdueLeadCount: 0,
        overdueDealCount: 0,
        overdueLeads: [],
        overdueDeals: [],
        noNextStep: { leads: [], deals: [], contacts: [] },
        noNextStepCounts: { leads: 0, deals: 0, contacts: 0 },
        noNextStepCount: 0,
      };
      rows.set(ownerId, found);
    }
    return found;
  };
  for (const group of overdue.groups) {
    const r = row(group.owner_id, group.owner_name);
    r.overdueLeadCount = group.lead_count;
    r.overdueDealCount = group.deal_count;
    r.overdueLeads = group.leads.map(({ id, title }) => ({ id, title }));
    r.overdueDeals = group.deals.map(({ id, title }) => ({ id, title }));
  }
  for (const group of noNextStep.groups as NoNextStepGroup[]) {
    const r = row(group.owner_id, group.owner_name);
    r.noNextStep = { leads: group.leads, deals: group.deals, contacts: group.contacts };
    r.noNextStepCounts = { leads: group.lead_count, deals: group.deal_count, contacts: group.contact_count };
    r.noNextStepCount = group.count;
  }
  const total = (r: ManagerRow) => r.overdueLeadCount + r.overdueDealCount + r.noNextStepCount;
  return [...rows.values()].sort((a, b) => total(b) - total(a) || a.ownerName.localeCompare(b.ownerName));
}

// The live hints (api/stream.ts) the report is loaded again on: a lead, deal or contact changed
// (its stage, owner or tasks; companies are in neither report) or a task changed.
export function concernsReport(hint: Hint): boolean {
  if (hint.kind === "task") return true;
  return hint.kind === "record" && hint.type !== "company";
}
