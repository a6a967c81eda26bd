import { defineMessages } from "../../i18n/i18n";

export const messages = defineMessages(
  {
    save: "Сохранить",
    saving: "Сохраняем…",
    cancel: "Отмена",
    formProblem: "Не сохранено: {message}",
    notAllowed: "Это действие доступно только администратору.",
  },
  {
    save: "Save",
    saving: "Saving…",
    cancel: "Cancel",
    formProblem: "Not saved: {message}",
    notAllowed: "Only an administrator may do this.",
  },
);
