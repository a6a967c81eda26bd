// Search from anywhere: which key opens it, and the hits grouped by type in the order shown.
// Pure, unit-tested.
import type { Schemas } from "../../api/client";

type Hit = Schemas["SearchHit"];
export type HitType = Hit["type"];

export const groupOrder: readonly HitType[] = ["contact", "company", "lead", "deal"];

export interface HitGroup {
  type: HitType;
  hits: Hit[];
}

// The hits by type (contacts first: a phone is most often a person's), empty groups left out.
export function groupHits(hits: readonly Hit[]): HitGroup[] {
  return groupOrder
    .map((type) => ({ type, hits: hits.filter((hit) => hit.type === type) }))
    .filter((group) => group.hits.length > 0);
}

// The hits in the order the groups show them, for the arrow keys.
export function flatten(groups: readonly HitGroup[]): Hit[] {
  return groups.flatMap((group) => group.hits);
}

// The next active index for an arrow key, wrapping around; -1 when there is nothing.
export function moveActive(index: number, count: number, key: string): number {
  if (count === 0) return -1;
  if (key === "ArrowDown") return (index + 1) % count;
  if (key === "ArrowUp") return index <= 0 ? count - 1 : index - 1;
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  return index;
}

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

// Whether the user is typing into a field, where "/" is a character and not a shortcut.
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== "function") return false;
  const element = target as HTMLElement;
  return (
    element.isContentEditable === true ||
    element.closest("input, textarea, select, [contenteditable=true]") !== null
  );
}

// Ctrl+K (⌘K) anywhere; "/" when not typing into a field.
export function isSearchShortcut(event: KeyLike): boolean {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") return true;
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "л") return true;
  return event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target);
}

// A list's search box waits this long after the last key before asking the server: short,
// since the budget is results painted 100 ms after the last key. (The search dialog
// asks at once, one request at a time: see SearchDialog.)
export const searchDelayMs = 60;
