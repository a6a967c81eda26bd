import { describe, expect, it } from "vitest";
import { amountText, fieldMatches, parseAmount, splitList } from "./recordInput";

describe("parseAmount", () => {
  it("reads major units with spaces and a decimal comma or point", () => {
    expect(parseAmount("1 250 000", "RUB")).toBe(125_000_000);
    expect(parseAmount("1\u00a0250\u00a0000,5", "RUB")).toBe(125_000_050);
    expect(parseAmount("99.99", "USD")).toBe(9_999);
    expect(parseAmount("1500", "JPY")).toBe(1_500);
  });
  it("is null when blank and NaN when not an amount", () => {
    expect(parseAmount("  ", "RUB")).toBeNull();
    expect(parseAmount("-5", "RUB")).toBeNaN();
    expect(parseAmount("1.234", "RUB")).toBeNaN();
    expect(parseAmount("12a", "RUB")).toBeNaN();
    expect(parseAmount("1.5", "JPY")).toBeNaN();
  });
  it("round-trips with amountText", () => {
    for (const minor of [0, 5, 125_000_000, 125_000_050]) {
      expect(parseAmount(amountText(minor, "RUB"), "RUB")).toBe(minor);
    }
    expect(amountText(125_000_050, "RUB")).toBe("1250000.50");
  });
});

describe("splitList", () => {
  it("splits on commas, semicolons and lines, dropping blanks", () => {
    expect(splitList("8 (999) 123-45-67, +7 999 1234567;\n ")).toEqual([
      "8 (999) 123-45-67",
      "+7 999 1234567",
    ]);
    expect(splitList("")).toEqual([]);
  });
});

describe("fieldMatches", () => {
  it("matches the field, its items and its members", () => {
    expect(fieldMatches("phones", "phones")).toBe(true);
    expect(fieldMatches("phones[1]", "phones")).toBe(true);
    expect(fieldMatches("custom_fields.segment", "custom_fields")).toBe(true);
    expect(fieldMatches("phones_extra", "phones")).toBe(false);
    expect(fieldMatches(null, "phones")).toBe(false);
  });
});
