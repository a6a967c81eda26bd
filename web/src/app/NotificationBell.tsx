// The bell in the top bar: the count of the user's unread notifications and, opened, the list of
// them. Loaded again on a `notification` or `notification_read` hint of the live stream
// (api/stream.ts: a new one, or one read in another tab or on My day) and each time it is opened.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { call, client, type Schemas } from "../api/client";
import { useHints } from "../api/stream";
import { useMessages } from "../i18n/i18n";
import { NotificationList } from "../ui/NotificationList";
import { bellPageSize, unreadCount } from "./bell";
import { messages } from "./messages";

export function NotificationBell() {
  const t = useMessages(messages);
  const [unread, setUnread] = useState<{ items: Schemas["Notification"][]; more: boolean } | null>(null);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const reload = useCallback(() => {
    call(client.GET("/api/v1/notifications", { params: { query: { unread: true, limit: bellPageSize } } }))
      .then((page) => setUnread({ items: page.items, more: Boolean(page.next_cursor) }))
      .catch(() => {});
  }, []);
  useEffect(reload, [reload]);
  useHints((hint) => hint.kind === "notification" || hint.kind === "notification_read", reload);

  // Open: loaded again; closed by Escape or a click outside it.
  useEffect(() => {
    if (!open) return;
    reload();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onClick = (event: MouseEvent) => {
      if (!box.current?.contains(event.target as Node)) setOpen(false);
    };
    addEventListener("keydown", onKey);
    addEventListener("click", onClick);
    return () => {
      removeEventListener("keydown", onKey);
      removeEventListener("click", onClick);
    };
  }, [open]);

  const count = unread ? unreadCount(unread.items.length, unread.more) : "";
  return (
    <div class="bell" ref={box}>
      <button
        ref={button}
        type="button"
        class="secondary bell-button"
        aria-expanded={open}
        aria-controls="bell-panel"
        onClick={() => setOpen((was) => !was)}
      >
        {t("notifications")}
        {unread && unread.items.length > 0 && (
          <span class="bell-count" aria-hidden="true">
            {count}
          </span>
        )}
        {unread && <span class="visually-hidden">{t("bellUnread", { n: count })}</span>}
      </button>
      {open && (
        <section id="bell-panel" class="bell-panel" aria-label={t("notifications")}>
          <NotificationList items={unread?.items ?? []} onChange={reload} onOpen={() => setOpen(false)} />
        </section>
      )}
    </div>
  );
}
