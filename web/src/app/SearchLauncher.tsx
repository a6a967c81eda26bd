// The search button in the top bar and the shortcuts that open search from any screen (Ctrl+K,
// or "/" when not typing). The dialog itself is loaded on first use.
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { useMessages } from "../i18n/i18n";
import { isSearchShortcut } from "../ui/search/search";
import { messages } from "./messages";

type DialogComponent = ComponentType<{ onClose: () => void }>;
let loaded: DialogComponent | null = null;

export function SearchLauncher() {
  const t = useMessages(messages);
  const [open, setOpen] = useState(false);
  const [Dialog, setDialog] = useState<DialogComponent | null>(() => loaded);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isSearchShortcut(event) || document.querySelector("dialog[open]")) return;
      event.preventDefault();
      setOpen(true);
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);
  useEffect(() => {
    if (!open || Dialog) return;
    import("../ui/search/SearchDialog").then((m) => {
      loaded = m.SearchDialog;
      setDialog(() => m.SearchDialog);
    });
  }, [open, Dialog]);

  return (
    <>
      <button
        type="button"
        class="secondary search-button"
        aria-keyshortcuts="Control+K /"
        title={t("searchShortcut")}
        onClick={() => setOpen(true)}
      >
        {t("search")}
      </button>
      {open && Dialog && <Dialog onClose={() => setOpen(false)} />}
    </>
  );
}
