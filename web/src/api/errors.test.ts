import { describe, expect, it } from "vitest";
import { ApiError, networkError, toApiError } from "./errors";

describe("toApiError", () => {
  it("keeps the server's code, message and field", () => {
    const error = toApiError(422, {
      error: { code: "validation_failed", message: "too long", field: "title" },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.code).toBe("validation_failed");
    expect(error.message).toBe("too long");
    expect(error.field).toBe("title");
  });
  it("maps next_step_required and duplicate as they come", () => {
    expect(toApiError(409, { error: { code: "next_step_required", message: "m", field: null } }).code).toBe(
      "next_step_required",
    );
    expect(toApiError(409, { error: { code: "duplicate", message: "m", field: "phones" } }).field).toBe(
      "phones",
    );
  });
  it("keeps the existing record a duplicate names, and ignores a malformed one", () => {
    const body = (existing: unknown) => ({
      error: { code: "duplicate", message: "m", field: "phones", existing },
    });
    expect(toApiError(409, body({ type: "contact", id: 7 })).existing).toEqual({ type: "contact", id: 7 });
    expect(toApiError(409, body({ type: "user", id: 7 })).existing).toBeNull();
    expect(toApiError(409, body(undefined)).existing).toBeNull();
  });
  it("names a code by status when the body is not the error shape", () => {
    expect(toApiError(404, "<html>").code).toBe("not_found");
    expect(toApiError(429, undefined).code).toBe("throttled");
    expect(toApiError(502, null).code).toBe("internal");
  });
  it("has a network code for no answer", () => {
    const error = networkError(new TypeError("Failed to fetch"));
    expect(error.code).toBe("network");
    expect(error.status).toBe(0);
  });
});
