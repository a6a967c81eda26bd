// The search dialog (Ctrl+K or "/" from any screen): asks GET /api/v1/search as one types,
// shows the hits grouped by type, arrows choose one, Enter or a click opens it. Loaded on first
// use, so it costs the first screen nothing.
import { useEffect, useRef, useState } from "preact/hooks";
import { call, client, type Schemas } from "../../api/client";
import { navigate } from "../../app/router";
import { useMessages } from "../../i18n/i18n";
import { Dialog } from "../Dialog";
import { describeError } from "../errors";
import { recordHref } from "../records";
import { messages } from "./messages";
import { flatten, groupHits, moveActive } from "./search";

export function SearchDialog({ onClose }: { onClose: () => void }) {
  const t = useMessages(messages);
  const [text, setText] = useState("");
  const [hits, setHits] = useState<Schemas["SearchHit"][] | null>(null);
  const [active, setActive] = useState(-1);
  const [error, setError] = useState<string | null>(null);
  // What the field holds now, and whether a request is out. No delay after a key: the request goes
  // at once when none is out, else as soon as the one out answers, for whatever the field holds
  // then (so at most one request at a time, and the last text is always asked for). Only the
  // answer for the current text is shown. (A fixed 200 ms delay made every result at least 200 ms
  // late; the target is < 100 ms after the last key.)
  const latest = useRef("");
  const busy = useRef(false);

  const ask = (q: string) => {
    busy.current = true;
    call(client.GET("/api/v1/search", { params: { query: { q } } }))
      .then((answer) => {
        if (q !== latest.current) return;
        setHits(answer.items);
        setActive(answer.items.length > 0 ? 0 : -1);
        setError(null);
      })
      .catch((e) => q === latest.current && setError(describeError(e)))
      .finally(() => {
        busy.current = false;
        if (latest.current && latest.current !== q) ask(latest.current);
      });
  };

  useEffect(() => {
    const q = text.trim();
    latest.current = q;
    if (!q) {
      setHits(null);
      setError(null);
      return;
    }
    if (!busy.current) ask(q);
  }, [text]);

  const groups = groupHits(hits ?? []);
  const order = flatten(groups);
  const open = (hit: Schemas["SearchHit"]) => {
    onClose();
    navigate(recordHref(hit.type, hit.id));
  };
  const optionId = (hit: Schemas["SearchHit"]) => `search-${hit.type}-${hit.id}`;
  const activeHit = order[active];

  return (
    <Dialog title={t("title")} onClose={onClose}>
      <div class="search-dialog">
        <input
          type="search"
          role="combobox"
          aria-label={t("query")}
          placeholder={t("query")}
          aria-expanded={order.length > 0}
          aria-controls={order.length > 0 ? "search-results" : undefined}
          aria-autocomplete="list"
          aria-activedescendant={activeHit ? optionId(activeHit) : undefined}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (["ArrowDown", "ArrowUp"].includes(e.key)) {
              e.preventDefault();
              setActive((i) => moveActive(i, order.length, e.key));
            } else if (e.key === "Enter" && activeHit) {
              e.preventDefault();
              open(activeHit);
            }
          }}
        />
        <p class="hint">{t("hint")}</p>
        <p class="status" role="status" aria-live="polite">
          {hits === null ? "" : hits.length === 0 ? t("nothing") : t("found", { n: hits.length })}
        </p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {groups.length > 0 && (
          <div id="search-results" role="listbox" aria-label={t("title")} class="search-results">
            {groups.map((group) => (
              // biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox (ARIA), not a form's fieldset
              <div key={group.type} role="group" aria-label={t(group.type)}>
                <div class="group-title" aria-hidden="true">
                  {t(group.type)}
                </div>
                {group.hits.map((hit) => (
                  // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox handles the keys (aria-activedescendant)
                  <div
                    key={optionId(hit)}
                    id={optionId(hit)}
                    role="option"
                    tabIndex={-1}
                    aria-selected={hit === activeHit}
                    class={hit === activeHit ? "hit active" : "hit"}
                    onClick={() => open(hit)}
                  >
                    {hit.title}
                  </div>
                ))}
              </div>
            ))}
          </div>
        )}
        <div class="actions">
          <button type="button" class="secondary" onClick={onClose}>
            {t("close")}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
