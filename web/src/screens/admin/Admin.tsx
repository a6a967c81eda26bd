// The administration screens (admins only): one URL per section, /admin/<section>.
import type { ComponentType } from "preact";
import type { ScreenProps } from "../../app/routes";
import { useMessages } from "../../i18n/i18n";
import { Restricted } from "../../ui/Restricted";
import { NotFound } from "../not-found/NotFound";
import { Channels } from "./Channels";
import { CustomFields } from "./CustomFields";
import { Departments } from "./Departments";
import { messages } from "./messages";
import { Organisation } from "./Organisation";
import { Pipelines } from "./Pipelines";
import { Tokens } from "./Tokens";
import { Users } from "./Users";

// When adding a section, also add its title to admin/messages.ts.
const sections = {
  users: { title: "users", screen: Users },
  departments: { title: "departments", screen: Departments },
  pipelines: { title: "pipelines", screen: Pipelines },
  "custom-fields": { title: "customFields", screen: CustomFields },
  settings: { title: "settings", screen: Organisation },
  channels: { title: "channels", screen: Channels },
  tokens: { title: "tokens", screen: Tokens },
} as const;
type Section = keyof typeof sections;

const isSection = (name: string | undefined): name is Section => name !== undefined && name in sections;

// The screen of a section; without one, the section named by the URL's :section.
export function adminScreen(fixed?: Section): ComponentType<ScreenProps> {
  return function AdminScreen({ session, params }: ScreenProps) {
    const section = fixed ?? params.section;
    return (
      <Restricted session={session} roles={["admin"]}>
        {isSection(section) ? <AdminPage section={section} /> : <NotFound />}
      </Restricted>
    );
  };
}

function AdminPage({ section }: { section: Section }) {
  const t = useMessages(messages);
  const Screen = sections[section].screen;
  return (
    <section class="admin-screen">
      <h1>{t(sections[section].title)}</h1>
      <nav class="subnav" aria-label={t("sections")}>
        {(Object.keys(sections) as Section[]).map((s) => (
          <a key={s} href={`/admin/${s}`} aria-current={s === section ? "page" : undefined}>
            {t(sections[s].title)}
          </a>
        ))}
      </nav>
      <Screen />
    </section>
  );
}
