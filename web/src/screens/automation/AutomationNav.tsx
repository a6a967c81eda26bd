import { useMessages } from "../../i18n/i18n";
import { messages } from "./messages";

const sections = [
  { href: "/automation", key: "rules" },
  { href: "/automation/templates", key: "templates" },
  { href: "/automation/messages", key: "messageLog" },
] as const;

// The automation screens' own navigation; `current` is the section the page belongs to.
export function AutomationNav({ current }: { current: (typeof sections)[number]["key"] }) {
  const t = useMessages(messages);
  return (
    <nav class="subnav" aria-label={t("sections")}>
      {sections.map((s) => (
        <a key={s.href} href={s.href} aria-current={s.key === current ? "page" : undefined}>
          {t(s.key)}
        </a>
      ))}
    </nav>
  );
}
