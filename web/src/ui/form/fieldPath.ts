// Where a server error belongs in a form. A 422 names the offending input as a JSON path
// (`name`, `trigger.stage_id`, `conditions[0].op`, `actions[1].template_id`); a form names its
// controls with the same path in dotted form (`conditions.0.op`). placeError picks the control
// to show the error at, or null to show it above the form's buttons.

// "conditions[0].op" → "conditions.0.op"; a path already dotted stays as it is.
export function normalizePath(path: string): string {
  return path
    .replace(/\[(\d+)\]/g, ".$1")
    .replace(/^\./, "")
    .replace(/\.{2,}/g, ".");
}

function segments(path: string): string[] {
  return normalizePath(path).split(".").filter(Boolean);
}

function startsWith(path: string[], prefix: string[]): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => path[i] === s);
}

// The control for an error's field among the form's controls: the one named exactly; else the
// nearest enclosing one (`actions.1` for `actions[1].headers`); else the first one inside it
// (`trigger.type` for `trigger`); else null (no field, or nothing on the form fits).
export function placeError(field: string | null | undefined, controls: Iterable<string>): string | null {
  if (!field) return null;
  const want = segments(field);
  if (want.length === 0) return null;
  const list = [...controls].map((name) => ({ name, path: segments(name) }));
  const exact = list.find((c) => c.path.join(".") === want.join("."));
  if (exact) return exact.name;
  const enclosing = list
    .filter((c) => c.path.length > 0 && startsWith(want, c.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (enclosing) return enclosing.name;
  const inside = list.find((c) => startsWith(c.path, want));
  return inside ? inside.name : null;
}

// An id for the control of a path, usable in HTML ids and aria references.
export function controlId(form: string, path: string): string {
  return `${form}-${normalizePath(path).replace(/[^A-Za-z0-9_-]/g, "-")}`;
}
