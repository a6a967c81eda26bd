import { defineMessages } from "../../i18n/i18n";

export const messages = defineMessages(
  {
    title: "Поиск",
    open: "Поиск (Ctrl+K)",
    query: "Имя, название, телефон или эл. почта",
    hint: "↑ ↓ — выбрать, Enter — открыть, Esc — закрыть",
    nothing: "Ничего не найдено.",
    found: {
      one: "Найдена {n} запись",
      few: "Найдены {n} записи",
      many: "Найдено {n} записей",
      other: "Найдено {n} записи",
    },
    contact: "Контакты",
    company: "Компании",
    lead: "Лиды",
    deal: "Сделки",
    close: "Закрыть",
  },
  {
    title: "Search",
    open: "Search (Ctrl+K)",
    query: "Name, title, phone or e-mail",
    hint: "↑ ↓ to choose, Enter to open, Esc to close",
    nothing: "Nothing found.",
    found: { one: "{n} record found", other: "{n} records found" },
    contact: "Contacts",
    company: "Companies",
    lead: "Leads",
    deal: "Deals",
    close: "Close",
  },
);
