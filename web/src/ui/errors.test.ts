import { describe, expect, it } from "vitest";
import { documentedErrorCodes } from "../api/error-codes";
import { ApiError, type ErrorCode, networkError } from "../api/errors";
import { messages } from "../app/messages";
import { describeError, errorMessageKey } from "./errors";

// The codes the server may answer, as the API document lists them (the Error schema of
// src/api/openapi/base.json, generated into api/error-codes.ts by scripts/api-types.mjs), plus the
// client's own `network`. That the server answers no other code is checked on the server side
// (src/api/openapi_test.cpp, ErrorCodesAreDocumented).
const documented = documentedErrorCodes;
const codes = [...documented, "network"] as ErrorCode[];
const serverText = "the server's own English words";

describe("error codes in words", () => {
  it("takes the codes from the server", () => {
    expect(documented).toContain("validation_failed");
    expect(documented).toContain("internal");
    expect(documented.length).toBeGreaterThanOrEqual(15);
  });
  for (const code of codes) {
    it(`${code} has a sentence in both catalogues`, () => {
      const key = errorMessageKey(code);
      expect(String(messages.ru[key] ?? "").trim(), `ru ${key}`).not.toBe("");
      expect(String(messages.en[key] ?? "").trim(), `en ${key}`).not.toBe("");
      expect(messages.ru[key]).not.toBe(messages.en[key]);
    });
    it(`${code} is said in Russian without the server's English`, () => {
      const error =
        code === "network" ? networkError(new Error(serverText)) : new ApiError(400, code, serverText, null);
      const russian = describeError(error, "ru");
      expect(russian).toBe(messages.ru[errorMessageKey(code)]);
      expect(russian).not.toContain(serverText);
    });
  }
  it("in English follows our sentence with the server's words", () => {
    const error = new ApiError(409, "conflict", "the department still has 2 users", null);
    expect(describeError(error, "en")).toBe(
      `${messages.en.error_conflict} (the department still has 2 users)`,
    );
    expect(describeError(new ApiError(502, "internal", "HTTP 502", null), "en")).toBe(
      messages.en.error_internal,
    );
    expect(describeError(networkError(new TypeError("Failed to fetch")), "en")).toBe(
      messages.en.error_network,
    );
  });
});
