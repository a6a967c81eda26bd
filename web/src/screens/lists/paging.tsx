// A list paged over the API's cursor: the first page whenever `key` changes, then "Show more"
// appending the next one, and `refresh` loading again the pages shown (after a live hint), so that
// the rows brought in with "Show more" stay. Used by the lists and by the company card's contacts
// and deals.
import { useEffect, useRef, useState } from "preact/hooks";
import { describeError } from "../../ui/errors";
import { inTurn, loadCovering, type PageOf } from "./pageLoads";

export type { PageOf } from "./pageLoads";

export function usePages<T>(
  load: (cursor: string | null) => Promise<PageOf<T>>,
  key: string,
  onFirstPage?: () => void,
) {
  const [rows, setRowsState] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Bumped by each first-page load: an answer for an older key is dropped.
  const request = useRef(0);
  // The rows and cursor as they are now, for the loads that run in turn (state lags a render).
  const latest = useRef<{ rows: T[] | null; cursor: string | null }>({ rows: null, cursor: null });
  const loadLatest = useRef(load);
  loadLatest.current = load;
  const [turn] = useState(inTurn);

  const show = (items: T[], next: string | null) => {
    latest.current = { rows: items, cursor: next };
    setRowsState(items);
    setCursor(next);
  };
  const setRows = (change: (before: T[] | null) => T[]) => {
    const items = change(latest.current.rows);
    latest.current = { ...latest.current, rows: items };
    setRowsState(items);
  };

  useEffect(() => {
    const id = ++request.current;
    setError(null);
    loadLatest
      .current(null)
      .then((page) => {
        if (id !== request.current) return;
        show(page.items, page.next_cursor ?? null);
        onFirstPage?.();
      })
      .catch((e) => id === request.current && setError(describeError(e)));
  }, [key]);

  const showMore = () => {
    if (!latest.current.cursor || loadingMore) return;
    const id = request.current;
    setLoadingMore(true);
    turn(async () => {
      const after = latest.current.cursor;
      if (id !== request.current || !after) return;
      const page = await loadLatest.current(after);
      if (id !== request.current) return;
      show([...(latest.current.rows ?? []), ...page.items], page.next_cursor ?? null);
    })
      .catch((e) => id === request.current && setError(describeError(e)))
      .finally(() => setLoadingMore(false));
  };

  const refresh = () => {
    const id = request.current;
    turn(async () => {
      if (id !== request.current) return;
      const page = await loadCovering(loadLatest.current, latest.current.rows?.length ?? 0);
      if (id !== request.current) return;
      show(page.items, page.next_cursor ?? null);
      setError(null);
    }).catch((e) => id === request.current && setError(describeError(e)));
  };

  return { rows, setRows, cursor, loadingMore, error, setError, showMore, refresh };
}

// The "Show more" button of a paged list, while there is a next page.
export function ShowMore({
  pages,
  label,
  busyLabel,
}: {
  pages: { cursor: string | null; loadingMore: boolean; showMore: () => void };
  label: string;
  busyLabel: string;
}) {
  if (!pages.cursor) return null;
  return (
    <button type="button" class="secondary more" disabled={pages.loadingMore} onClick={pages.showMore}>
      {pages.loadingMore ? busyLabel : label}
    </button>
  );
}
