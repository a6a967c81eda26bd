import { describe, expect, test } from "vitest";
import { countSms } from "./sms";

describe("countSms", () => {
  test("an empty text is no part", () => {
    expect(countSms("")).toMatchObject({ encoding: "GSM-7", units: 0, parts: 0, left: 160 });
  });

  test("Latin text is GSM-7: 160 in one part, 153 per part beyond", () => {
    expect(countSms("a".repeat(160))).toMatchObject({ encoding: "GSM-7", units: 160, parts: 1, left: 0 });
    expect(countSms("a".repeat(161))).toMatchObject({ parts: 2, perPart: 153, left: 306 - 161 });
    expect(countSms("a".repeat(306))).toMatchObject({ parts: 2, left: 0 });
    expect(countSms("a".repeat(307))).toMatchObject({ parts: 3 });
  });

  test("extension characters take two septets", () => {
    expect(countSms("€")).toMatchObject({ encoding: "GSM-7", units: 2, characters: 1 });
    expect(countSms("^{}\\[~]|")).toMatchObject({ units: 16, characters: 8 });
    expect(countSms(`${"a".repeat(159)}€`)).toMatchObject({ units: 161, parts: 2 });
  });

  test("one character outside GSM-7 makes the whole text UCS-2: 70 in one part, 67 beyond", () => {
    expect(countSms("Встреча")).toMatchObject({ encoding: "UCS-2", units: 7, parts: 1, left: 63 });
    expect(countSms("ж".repeat(70))).toMatchObject({ parts: 1, left: 0 });
    expect(countSms("ж".repeat(71))).toMatchObject({ parts: 2, perPart: 67, left: 134 - 71 });
    expect(countSms(`${"a".repeat(100)}ё`)).toMatchObject({ encoding: "UCS-2", units: 101, parts: 2 });
  });

  test("UCS-2 counts UTF-16 units: an emoji takes two", () => {
    expect(countSms("😀")).toMatchObject({ encoding: "UCS-2", units: 2, characters: 1 });
  });

  test("GSM-7 accented letters of the basic set stay GSM-7", () => {
    expect(countSms("Café à Ñoño")).toMatchObject({ encoding: "GSM-7", units: 11 });
    expect(countSms("ú")).toMatchObject({ encoding: "UCS-2" });
  });
});
