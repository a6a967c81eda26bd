// The bell's count: the unread notifications of the page it loads, "20+" when there are more than
// that page holds (the API has no count of them). Pure, unit-tested.
export const bellPageSize = 20;

export function unreadCount(shown: number, more: boolean): string {
  return more ? `${shown}+` : String(shown);
}
