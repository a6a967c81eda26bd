import { expect, test } from "vitest";
import { linesOf, listOf, mapOf } from "./text";

test("listOf splits on commas and lines and drops empties", () => {
  expect(listOf("a, b ,, c\n d")).toEqual(["a", "b", "c", "d"]);
  expect(listOf("")).toEqual([]);
  expect(listOf("10.0.0.0/8\n\nhooks.lan", /\n/)).toEqual(["10.0.0.0/8", "hooks.lan"]);
});

test("mapOf reads name=value lines, keeping later = in the value", () => {
  expect(mapOf("to={{to}}\n msg = {{text}} \n\nsig=a=b\nflag")).toEqual({
    to: "{{to}}",
    msg: "{{text}}",
    sig: "a=b",
    flag: "",
  });
  expect(mapOf(linesOf({ a: "1", b: "x=y" }))).toEqual({ a: "1", b: "x=y" });
});
