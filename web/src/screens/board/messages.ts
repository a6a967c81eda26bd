import { defineMessages } from "../../i18n/i18n";

export const messages = defineMessages(
  {
    title: "Воронка «{pipeline}»",
    pipelines: "Воронки",
    cardCount: { one: "{n} карточка", few: "{n} карточки", many: "{n} карточек", other: "{n} карточки" },
    total: "Сумма: {amount}",
    stageOverdue: "Срок этапа истёк",
    moveHelp: "Стрелки влево и вправо переносят карточку на соседний этап.",
    moved: "«{card}» перенесена на этап «{stage}».",
    moveFailed: "«{card}» не перенесена: {reason}",
    lostTitle: "Причина проигрыша",
    lostReason: "Почему сделка проиграна?",
    confirmMove: "Перенести",
    cancel: "Отмена",
    more: "Показать ещё",
  },
  {
    title: "Pipeline “{pipeline}”",
    pipelines: "Pipelines",
    cardCount: { one: "{n} card", other: "{n} cards" },
    total: "Total: {amount}",
    stageOverdue: "Stage deadline passed",
    moveHelp: "Left and right arrows move the card to the neighbouring stage.",
    moved: "“{card}” moved to “{stage}”.",
    moveFailed: "“{card}” was not moved: {reason}",
    lostTitle: "Reason for losing",
    lostReason: "Why was the deal lost?",
    confirmMove: "Move",
    cancel: "Cancel",
    more: "Show more",
  },
);
