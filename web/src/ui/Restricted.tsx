// Screens for heads and admins only: anyone else sees "not found", as the server answers a
// record out of their sight (the server refuses their calls with 403 in any case).
import type { ComponentChildren, JSX } from "preact";
import type { Session } from "../app/session";
import { NotFound } from "../screens/not-found/NotFound";

export type Role = Session["user"]["role"];

// Who may open the heads' screens (control, automation); the menu (app/App.tsx) offers them by
// the same test.
export const headsAndAdmins: readonly Role[] = ["admin", "head"];
export const mayOpen = (session: Session, roles: readonly Role[]): boolean =>
  roles.includes(session.user.role);
export const isAdmin = (session: Session): boolean => session.user.role === "admin";

export function Restricted({
  session,
  roles,
  children,
}: {
  session: Session;
  roles: readonly Role[];
  children: ComponentChildren;
}): JSX.Element {
  if (!mayOpen(session, roles)) return <NotFound />;
  return <div class="restricted">{children}</div>;
}
