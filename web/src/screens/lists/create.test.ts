import { describe, expect, it } from "vitest";
import { createBody, DraftError } from "./create";

describe("createBody", () => {
  it("makes a lead from what was typed, leaving blanks out", () => {
    expect(
      createBody(
        "lead",
        { title: " Заявка с сайта ", name: "Пётр", phones: "8 999 123-45-67", amount: "1 500", source: "" },
        "RUB",
      ),
    ).toEqual({
      title: "Заявка с сайта",
      name: "Пётр",
      phones: ["8 999 123-45-67"],
      amount: 150_000,
      currency: "RUB",
    });
  });
  it("sends the required field even when blank, so the server names it", () => {
    expect(createBody("contact", {}, "RUB")).toEqual({ name: "" });
  });
  it("keeps to the kind's fields", () => {
    expect(createBody("deal", { title: "Д", phones: "1", name: "x" }, "RUB")).toEqual({ title: "Д" });
  });
  it("asks to allow a duplicate only where the API has it", () => {
    expect(createBody("company", { name: "ООО" }, "RUB", true)).toEqual({
      name: "ООО",
      allow_duplicate: true,
    });
    expect(createBody("deal", { title: "Д" }, "RUB", true)).toEqual({ title: "Д" });
  });
  it("refuses an amount that is not one", () => {
    expect(() => createBody("deal", { title: "Д", amount: "много" }, "RUB")).toThrow(DraftError);
  });
});
