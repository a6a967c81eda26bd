import { describe, expect, it } from "vitest";
import {
  type Catalogue,
  formatDateTime,
  formatMoney,
  type Messages,
  plural,
  translator,
  zonedToIso,
} from "./i18n";

// Every catalogue of the app: web/src/**/messages.ts.
const modules = import.meta.glob<{ messages: Messages<Catalogue> }>("../**/messages.ts", { eager: true });

// Intl separates groups and the currency sign with no-break spaces; compare with plain ones.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("catalogues", () => {
  it("are found", () => {
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(6);
  });
  for (const [file, module] of Object.entries(modules)) {
    it(`${file}: Russian and English have the same keys and plural shapes`, () => {
      const { ru, en } = module.messages;
      expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort());
      for (const key of Object.keys(ru)) {
        expect(typeof en[key], key).toBe(typeof ru[key]);
        expect(String(en[key] ?? "").trim(), key).not.toBe("");
      }
    });
  }
});

describe("plurals", () => {
  const tasks = { one: "{n} задача", few: "{n} задачи", many: "{n} задач", other: "{n} задачи" };
  it("follow Russian rules", () => {
    expect(plural("ru", 1, tasks)).toBe("1 задача");
    expect(plural("ru", 3, tasks)).toBe("3 задачи");
    expect(plural("ru", 5, tasks)).toBe("5 задач");
    expect(plural("ru", 21, tasks)).toBe("21 задача");
    expect(plural("ru", 11, tasks)).toBe("11 задач");
  });
  it("follow English rules", () => {
    const en = { one: "{n} task", other: "{n} tasks" };
    expect(plural("en", 1, en)).toBe("1 task");
    expect(plural("en", 3, en)).toBe("3 tasks");
  });
  it("go through the translator", () => {
    const t = translator(
      { ru: { n: tasks, hello: "Привет, {name}" }, en: { n: tasks, hello: "Hi, {name}" } },
      "ru",
    );
    expect(t("n", { n: 3 })).toBe("3 задачи");
    expect(t("hello", { name: "Анна" })).toBe("Привет, Анна");
  });
});

describe("money", () => {
  it("formats minor units with the currency", () => {
    expect(plain(formatMoney(125_000_000, "RUB", "ru"))).toBe("1 250 000 ₽");
    expect(plain(formatMoney(125_050, "RUB", "ru"))).toBe("1 250,50 ₽");
    expect(formatMoney(125_000_000, "USD", "en")).toBe("$1,250,000");
  });
});

describe("dates", () => {
  it("are shown in the organisation's time zone", () => {
    const year = new Date().getUTCFullYear();
    const iso = `${year}-11-28T12:00:00Z`;
    expect(formatDateTime(iso, "ru", "Europe/Moscow")).toBe("28 ноября, 15:00");
    expect(formatDateTime(iso, "en", "Europe/Moscow")).toBe("November 28, 15:00");
    expect(formatDateTime(iso, "ru", "Asia/Yekaterinburg")).toBe("28 ноября, 17:00");
  });
  it("show the year when it is not this one", () => {
    expect(formatDateTime("2020-01-05T09:30:00Z", "ru", "UTC")).toBe("5 января 2020 г., 09:30");
  });
  it("convert a wall-clock time of the time zone to an instant", () => {
    expect(zonedToIso("2026-11-28T15:00", "Europe/Moscow")).toBe("2026-11-28T12:00:00.000Z");
    expect(zonedToIso("2026-07-01T10:00", "Europe/Berlin")).toBe("2026-07-01T08:00:00.000Z");
  });
});
