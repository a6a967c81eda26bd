// Screens for heads and admins only: anyone else sees "not found", as the server answers a
// record out of their sight (the server refuses their calls with 403 in any case).
import type { ComponentChildren, JSX } from "preact";
import type { Session } from "../app/session";
import { NotFound } from "../screens/not-found/NotFound";

export type Role = Session["user"]["role"];

export const canAutomate = (session: Session): boolean =>
  session.user.role === "admin" || session.user.role === "head";
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
  if (!roles.includes(session.user.role)) return <NotFound />;
  return <div class="restricted">{children}</div>;
}
