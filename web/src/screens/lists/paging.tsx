// A list paged over the API's cursor: the first page whenever `key` changes, then "Show more"
// appending the next one. Used by the lists and by the company card's contacts and deals.
import { useEffect, useRef, useState } from "preact/hooks";
import { describeError } from "../../ui/errors";

export interface PageOf<T> {
  items: T[];
  next_cursor?: string | null;
}

export function usePages<T>(
  load: (cursor: string | null) => Promise<PageOf<T>>,
  key: string,
  onFirstPage?: () => void,
) {
  const [rows, setRows] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);

  useEffect(() => {
    const id = ++request.current;
    setError(null);
    load(null)
      .then((page) => {
        if (id !== request.current) return;
        setRows(page.items);
        setCursor(page.next_cursor ?? null);
        onFirstPage?.();
      })
      .catch((e) => id === request.current && setError(describeError(e)));
  }, [key]);

  const showMore = async () => {
    if (!cursor || loadingMore) return;
    const id = request.current;
    setLoadingMore(true);
    try {
      const page = await load(cursor);
      if (id !== request.current) return;
      setRows((before) => [...(before ?? []), ...page.items]);
      setCursor(page.next_cursor ?? null);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setLoadingMore(false);
    }
  };

  return { rows, setRows, cursor, loadingMore, error, setError, showMore };
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
