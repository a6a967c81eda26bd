import { describe, expect, it } from "vitest";
import { nextPath } from "./SignIn";

describe("nextPath", () => {
  it("returns to the remembered page", () => {
    expect(nextPath("?next=%2Fdeals%2F17")).toBe("/deals/17");
  });
  it("never leaves the app", () => {
    expect(nextPath("?next=https%3A%2F%2Fevil.example")).toBe("/");
    expect(nextPath("?next=%2F%2Fevil.example")).toBe("/");
    expect(nextPath("?next=%2Fsign-in")).toBe("/");
    expect(nextPath("")).toBe("/");
  });
});
