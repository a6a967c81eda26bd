// Which live hints (api/stream.ts) a list refetches on. Pure, unit-tested.
import type { Hint } from "../../api/stream";
import { type ListKind, recordTypes } from "./query";

// A record list: a change of a record of its type (a new one, its fields, stage, tasks). The
// task list: a task of the user's or their department's queue, and a change of any record, which
// is how a head hears of a task on a record of their department's.
export function concernsList(kind: ListKind, hint: Hint): boolean {
  if (kind === "tasks") return hint.kind === "task" || hint.kind === "record";
  return hint.kind === "record" && hint.type === recordTypes[kind];
}
