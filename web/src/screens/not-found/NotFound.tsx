import { messages } from "../../app/messages";
import { useMessages } from "../../i18n/i18n";

export function NotFound() {
  const t = useMessages(messages);
  return (
    <section class="not-found">
      <h1>{t("notFoundTitle")}</h1>
      <p>{t("notFoundText")}</p>
      <a href="/">{t("backToMyDay")}</a>
    </section>
  );
}
