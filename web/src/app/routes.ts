// The screens and their URLs. To add a screen: make web/src/screens/<name>/ with a component
// taking ScreenProps, and add one line here (loaded on first visit, so the first screen stays small).
import type { ComponentType } from "preact";
import type { Session } from "./session";

export interface ScreenProps {
  session: Session;
  params: Record<string, string>;
}

export interface RouteDef {
  pattern: string;
  load: () => Promise<ComponentType<ScreenProps>>;
}

export const routes: RouteDef[] = [
  { pattern: "/", load: () => import("../screens/my-day/MyDay").then((m) => m.MyDay) },
  // [webA] lists, control, contact and company cards
  { pattern: "/leads", load: () => import("../screens/lists/List").then((m) => m.listScreen("leads")) },
  { pattern: "/deals", load: () => import("../screens/lists/List").then((m) => m.listScreen("deals")) },
  { pattern: "/contacts", load: () => import("../screens/lists/List").then((m) => m.listScreen("contacts")) },
  {
    pattern: "/companies",
    load: () => import("../screens/lists/List").then((m) => m.listScreen("companies")),
  },
  { pattern: "/tasks", load: () => import("../screens/lists/List").then((m) => m.listScreen("tasks")) },
  { pattern: "/contacts/:id", load: () => import("../screens/record/Record").then((m) => m.ContactCard) },
  { pattern: "/companies/:id", load: () => import("../screens/record/Record").then((m) => m.CompanyCard) },
  { pattern: "/control", load: () => import("../screens/control/Control").then((m) => m.Control) },
  { pattern: "/board", load: () => import("../screens/board/Board").then((m) => m.Board) },
  { pattern: "/board/:pipelineId", load: () => import("../screens/board/Board").then((m) => m.Board) },
  { pattern: "/deals/:id", load: () => import("../screens/record/Record").then((m) => m.DealCard) },
  { pattern: "/leads/:id", load: () => import("../screens/record/Record").then((m) => m.LeadCard) },
  // [webB] automation (heads and admins) and administration (admins)
  { pattern: "/automation", load: () => import("../screens/automation/Rules").then((m) => m.Rules) },
  {
    pattern: "/automation/rules/:id",
    load: () => import("../screens/automation/RuleEditor").then((m) => m.RuleEditor),
  },
  {
    pattern: "/automation/rules/:id/runs",
    load: () => import("../screens/automation/RunLog").then((m) => m.RunLog),
  },
  {
    pattern: "/automation/templates",
    load: () => import("../screens/automation/Templates").then((m) => m.Templates),
  },
  {
    pattern: "/automation/templates/:id",
    load: () => import("../screens/automation/Templates").then((m) => m.TemplateEditor),
  },
  {
    pattern: "/automation/messages",
    load: () => import("../screens/automation/MessageLog").then((m) => m.MessageLog),
  },
  { pattern: "/admin", load: () => import("../screens/admin/Admin").then((m) => m.adminScreen("users")) },
  { pattern: "/admin/:section", load: () => import("../screens/admin/Admin").then((m) => m.adminScreen()) },
];
