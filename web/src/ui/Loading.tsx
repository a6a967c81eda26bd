import type { JSX } from "preact";
import { NotFound } from "../screens/not-found/NotFound";
import type { Loaded } from "./useLoad";

// What a screen shows until its data is there: "not found", the error, or "loading"; null once
// the data has come. `const wait = pending(loaded); if (wait) return wait;`
export function pending<T>(loaded: Loaded<T>, options: { missing?: boolean } = {}): JSX.Element | null {
  if (loaded.missing || options.missing) return <NotFound />;
  if (loaded.error)
    return (
      <p class="error" role="alert">
        {loaded.error}
      </p>
    );
  if (loaded.data === undefined) return <p class="loading">…</p>;
  return null;
}
