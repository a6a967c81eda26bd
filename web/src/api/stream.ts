// Live hints from the server: one EventSource on GET /api/v1/stream per signed-in tab (the shell
// opens it for the session and closes it on sign-out). The server sends no data, only what to
// refetch — `record` (a record this user may see changed), `task` (a task of theirs changed),
// `notification` (a new one of theirs), `notification_read` (one of theirs was read, e.g. in
// another tab) — and screens refetch through the API. After the stream
// reconnects, listeners hear `reconnected` (what was said meanwhile is lost: refetch). Nothing
// here polls.
import { useEffect, useRef } from "preact/hooks";
import type { Schemas } from "./client";
import type { paths } from "./schema";

type RecordType = Schemas["LiveHint"] extends infer H ? (H extends { type: infer T } ? T : never) : never;
// A path of the API document, so that the build fails if the route goes.
const streamPath: keyof paths = "/api/v1/stream";

export type Hint =
  | { kind: "record" | "task"; type: RecordType; id: number }
  | { kind: "notification" | "notification_read"; id: number }
  | { kind: "reconnected" };

type Listener = (hint: Hint) => void;

const listeners = new Set<Listener>();
let source: EventSource | null = null;

function tell(hint: Hint): void {
  for (const listener of listeners) listener(hint);
}

// Parses the `data:` of an event; null when it is not what the API document says.
export function parseHint(kind: string, data: string): Hint | null {
  let value: Schemas["LiveHint"];
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || typeof value.id !== "number") return null;
  if (kind === "notification" || kind === "notification_read") return { kind, id: value.id };
  if ((kind === "record" || kind === "task") && "type" in value && typeof value.type === "string")
    return { kind, type: value.type, id: value.id };
  return null;
}

// Opens the tab's stream if it is not open; the browser reconnects it by itself.
export function openStream(): void {
  if (source || typeof EventSource === "undefined") return;
  const opened = new EventSource(streamPath);
  let connectedBefore = false;
  opened.addEventListener("open", () => {
    if (connectedBefore) tell({ kind: "reconnected" });
    connectedBefore = true;
  });
  for (const kind of ["record", "task", "notification", "notification_read"]) {
    opened.addEventListener(kind, (event) => {
      const hint = parseHint(kind, (event as MessageEvent<string>).data);
      if (hint) tell(hint);
    });
  }
  source = opened;
}

export function closeStream(): void {
  source?.close();
  source = null;
}

// Calls `react` when a hint that `wanted` accepts arrives, or after a reconnect; hints that come
// together (one change often makes several) cause one call.
export function useHints(wanted: (hint: Hint) => boolean, react: () => void): void {
  const latest = useRef({ wanted, react });
  latest.current = { wanted, react };
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const listener = (hint: Hint) => {
      if (hint.kind !== "reconnected" && !latest.current.wanted(hint)) return;
      if (timer === undefined) {
        timer = setTimeout(() => {
          timer = undefined;
          latest.current.react();
        }, 150);
      }
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      clearTimeout(timer);
    };
  }, []);
}
