import { defineMessages } from "../i18n/i18n";

export const messages = defineMessages(
  {
    nextStepTitle: "Следующий шаг",
    nextStepExplain:
      "Это была последняя задача по «{record}». Запланируйте следующий шаг — без него клиент потеряется.",
    taskKind: "Тип",
    kindCall: "Звонок",
    kindMeeting: "Встреча",
    kindEmail: "Письмо",
    kindTodo: "Дело",
    subject: "Что сделать",
    due: "Когда",
    location: "Место встречи",
    save: "Сохранить",
    saving: "Сохраняем…",
    cancel: "Отмена",
    completeTask: "Выполнить: {subject}",
    completed: "Задача «{subject}» выполнена.",
  },
  {
    nextStepTitle: "Next step",
    nextStepExplain: "That was the last task of “{record}”. Plan the next step so the client is not lost.",
    taskKind: "Kind",
    kindCall: "Call",
    kindMeeting: "Meeting",
    kindEmail: "E-mail",
    kindTodo: "To-do",
    subject: "What to do",
    due: "When",
    location: "Meeting place",
    save: "Save",
    saving: "Saving…",
    cancel: "Cancel",
    completeTask: "Complete: {subject}",
    completed: "Task “{subject}” completed.",
  },
);
