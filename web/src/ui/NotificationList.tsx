// The user's unread notifications, each a link to its record (when it has one), its time and
// "Mark read"; My day and the bell in the top bar show them so.
import { call, client, type Schemas } from "../api/client";
import { formatDateTime, useMessages } from "../i18n/i18n";
import { messages } from "./messages";
import { recordHref } from "./records";

export function NotificationList({
  items,
  onChange,
  onOpen,
}: {
  items: Schemas["Notification"][];
  // Called once a notification was marked read.
  onChange: () => void;
  // Called when the user follows a notification's link.
  onOpen?: () => void;
}) {
  const t = useMessages(messages);
  if (items.length === 0) return <p class="empty">{t("noNotifications")}</p>;
  return (
    <ul class="notifications">
      {items.map((n) => (
        <li key={n.id}>
          {n.record_type && n.record_id ? (
            <a href={recordHref(n.record_type, n.record_id)} onClick={onOpen}>
              {n.text}
            </a>
          ) : (
            <span>{n.text}</span>
          )}
          <time dateTime={n.created_at}>{formatDateTime(n.created_at)}</time>
          <button
            type="button"
            class="link"
            onClick={async () => {
              await call(
                client.POST("/api/v1/notifications/{id}/read", { params: { path: { id: n.id } } }),
              ).catch(() => {});
              onChange();
            }}
          >
            {t("markRead")}
          </button>
        </li>
      ))}
    </ul>
  );
}
