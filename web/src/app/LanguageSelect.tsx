import { type Locale, locales, useLocale, useMessages } from "../i18n/i18n";
import { messages } from "./messages";
import { chooseLanguage, type Session } from "./session";

// Each language is named in itself, so it can be found whichever one is showing.
const names: Record<Locale, string> = { ru: "Русский", en: "English" };

export function LanguageSelect({ session }: { session: Session | null }) {
  const t = useMessages(messages);
  const locale = useLocale();
  return (
    <label class="language">
      <span>{t("language")}</span>
      <select
        value={locale}
        onChange={(e) => chooseLanguage(session, (e.currentTarget as HTMLSelectElement).value as Locale)}
      >
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {names[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
