import { describe, expect, it } from "vitest";
import { unreadCount } from "./bell";

describe("unreadCount", () => {
  it("counts the unread notifications loaded", () => {
    expect(unreadCount(0, false)).toBe("0");
    expect(unreadCount(3, false)).toBe("3");
  });
  it("says there are more when the page is not all of them", () => {
    expect(unreadCount(20, true)).toBe("20+");
  });
});
