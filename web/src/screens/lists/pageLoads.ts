// What usePages (paging.tsx) does with the API's cursor, apart from Preact: loading again the
// rows already shown, and running the list's loads one after another. Pure, unit-tested.

export interface PageOf<T> {
  items: T[];
  next_cursor?: string | null;
}

// Most pages loaded again to cover what was shown (with the lists' 50 a page, 500 rows); past
// that the list is cut back and "Show more" goes on from there.
export const maxPagesAgain = 10;

// Loads the first page and then the next ones until at least `shown` rows are covered (the rows
// the user had brought in with "Show more"), there is no next page, or `maxPages` were loaded.
// Answers the rows and the cursor after the last of them, as one page.
export async function loadCovering<T>(
  load: (cursor: string | null) => Promise<PageOf<T>>,
  shown: number,
  maxPages = maxPagesAgain,
): Promise<PageOf<T>> {
  let page = await load(null);
  const items = [...page.items];
  for (let pages = 1; items.length < shown && page.next_cursor && pages < maxPages; pages++) {
    page = await load(page.next_cursor);
    items.push(...page.items);
  }
  return { items, next_cursor: page.next_cursor ?? null };
}

// Runs the tasks given to it one after another, in the order given: so that "Show more" and a
// refetch of the shown pages never overlap (one would append to rows the other replaces). A task
// that fails does not stop the ones after it.
export function inTurn(): (task: () => Promise<void>) => Promise<void> {
  let last: Promise<void> = Promise.resolve();
  return (task) => {
    const next = last.then(task);
    last = next.catch(() => {});
    return next;
  };
}
