// Loads what a screen shows: the data, the error (a not_found kept apart so the screen can
// show "not found") and a reload that keeps the current data on screen while it runs. When the
// deps change (a filter) before an answer comes, only the latest load's answer is shown.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api/client";
import { describeError } from "./errors";

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  missing: boolean;
  reload: () => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const latest = useRef(0);
  // The caller names what the load depends on (deps).
  const reload = useCallback(() => {
    const generation = ++latest.current;
    load()
      .then((value) => {
        if (generation !== latest.current) return;
        setData(value);
        setError(null);
      })
      .catch((e) => {
        if (generation !== latest.current) return;
        if (e instanceof ApiError && (e.code === "not_found" || e.code === "forbidden")) setMissing(true);
        else setError(describeError(e));
      });
  }, deps);
  useEffect(reload, [reload]);
  return { data, error, missing, reload };
}
