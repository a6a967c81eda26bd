import { describe, expect, it } from "vitest";
import { customBody, customText, editText, InvalidInput, patchBody } from "./fields";

const lead = {
  title: "Заявка",
  amount: 125_000_050,
  currency: "RUB",
  phones: ["+79991234567", "+74951234567"],
  source: null,
};

describe("editText", () => {
  it("shows lists comma-separated, money in major units, nothing for null", () => {
    expect(editText(lead, "phones")).toBe("+79991234567, +74951234567");
    expect(editText(lead, "amount")).toBe("1250000.50");
    expect(editText(lead, "source")).toBe("");
  });
});

describe("patchBody", () => {
  it("sends one field as the API wants it", () => {
    expect(patchBody(lead, "phones", "8 999 111-22-33; ")).toEqual({ phones: ["8 999 111-22-33"] });
    expect(patchBody(lead, "amount", "2 000")).toEqual({ amount: 200_000 });
    expect(patchBody(lead, "title", "  Новая  ")).toEqual({ title: "Новая" });
    expect(patchBody(lead, "source", " ")).toEqual({ source: null });
  });
  it("leaves a blank title for the server to refuse, and refuses a bad amount itself", () => {
    expect(patchBody(lead, "title", "")).toEqual({ title: "" });
    expect(() => patchBody(lead, "amount", "abc")).toThrow(InvalidInput);
    expect(() => patchBody(lead, "amount", "")).toThrow(InvalidInput);
  });
});

describe("custom fields", () => {
  it("edit by type and clear when blank", () => {
    expect(customText({ name: "budget", type: "money" }, 150_000, "RUB")).toBe("1500");
    expect(customText({ name: "vip", type: "bool" }, true, "RUB")).toBe("true");
    expect(customText({ name: "segment", type: "enum" }, null, "RUB")).toBe("");
    expect(customBody({ name: "budget", type: "money" }, "1 500", "RUB")).toEqual({
      custom_fields: { budget: 150_000 },
    });
    expect(customBody({ name: "size", type: "number" }, "12,5", "RUB")).toEqual({
      custom_fields: { size: 12.5 },
    });
    expect(customBody({ name: "vip", type: "bool" }, "false", "RUB")).toEqual({
      custom_fields: { vip: false },
    });
    expect(customBody({ name: "segment", type: "enum" }, " ", "RUB")).toEqual({
      custom_fields: { segment: null },
    });
    expect(() => customBody({ name: "size", type: "number" }, "много", "RUB")).toThrow(InvalidInput);
  });
});
