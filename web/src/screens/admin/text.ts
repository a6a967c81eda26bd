// Lists and maps as people type them in a textarea, and back.

// "a, b ,, c" → ["a", "b", "c"]
export function listOf(typed: string, separator: RegExp = /[,\n]/): string[] {
  return typed
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

// "to={{to}}\nmsg={{text}}" → {to: "{{to}}", msg: "{{text}}"}: one `name=value` a line; the
// value may hold further `=`; a line without `=` is a name with an empty value.
export function mapOf(typed: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of typed.split("\n")) {
    if (line.trim() === "") continue;
    const at = line.indexOf("=");
    const name = (at < 0 ? line : line.slice(0, at)).trim();
    out[name] = at < 0 ? "" : line.slice(at + 1).trim();
  }
  return out;
}

export function linesOf(map: Record<string, string> | undefined): string {
  return Object.entries(map ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");
}
