// Bulk changes over a selection. The API has no bulk endpoint, so each record is changed by its
// own request, one after another (so the server's write path is not flooded), and the failures
// are reported per record instead of stopping at the first.
export interface BulkOutcome<T> {
  done: T[];
  failed: { item: T; error: unknown }[];
}

export async function forEachInTurn<T>(
  items: readonly T[],
  act: (item: T) => Promise<void>,
): Promise<BulkOutcome<T>> {
  const outcome: BulkOutcome<T> = { done: [], failed: [] };
  for (const item of items) {
    try {
      await act(item);
      outcome.done.push(item);
    } catch (error) {
      outcome.failed.push({ item, error });
    }
  }
  return outcome;
}
