import { defineMessages } from "../../i18n/i18n";

export const messages = defineMessages(
  {
    title: "Мой день",
    overdue: "Просроченные",
    today: "Сегодня",
    taskCount: { one: "{n} задача", few: "{n} задачи", many: "{n} задач", other: "{n} задачи" },
    nothingOverdue: "Просроченных задач нет.",
    nothingToday: "На сегодня задач нет.",
    noNextStep: "Без следующего шага",
    noNextStepEmpty: "У всех ваших клиентов есть следующий шаг.",
    recordCount: { one: "{n} запись", few: "{n} записи", many: "{n} записей", other: "{n} записи" },
    notifications: "Уведомления",
    lead: "Лид",
    deal: "Сделка",
    contact: "Контакт",
  },
  {
    title: "My day",
    overdue: "Overdue",
    today: "Today",
    taskCount: { one: "{n} task", other: "{n} tasks" },
    nothingOverdue: "No overdue tasks.",
    nothingToday: "No tasks for today.",
    noNextStep: "Without a next step",
    noNextStepEmpty: "Every client of yours has a next step.",
    recordCount: { one: "{n} record", other: "{n} records" },
    notifications: "Notifications",
    lead: "Lead",
    deal: "Deal",
    contact: "Contact",
  },
);
