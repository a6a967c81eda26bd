import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { setSessionExpiredHandler } from "../api/client";
import { closeStream, openStream } from "../api/stream";
import { useMessages } from "../i18n/i18n";
import { NotFound } from "../screens/not-found/NotFound";
import { nextPath, SignIn } from "../screens/sign-in/SignIn";
import { headsAndAdmins, isAdmin, mayOpen } from "../ui/Restricted";
import { LanguageSelect } from "./LanguageSelect";
import { messages } from "./messages";
import { NotificationBell } from "./NotificationBell";
import { match, navigate, usePath } from "./router";
import { type RouteDef, routes, type ScreenProps } from "./routes";
// [webA] search from anywhere
import { SearchLauncher } from "./SearchLauncher";
import { loadSession, type Session, signOut } from "./session";

const signInPath = "/sign-in";

// [webA] the lists in the navigation
const listLinks: [string, keyof typeof messages.ru][] = [
  ["/leads", "navLeadList"],
  ["/deals", "navDealList"],
  ["/contacts", "navContacts"],
  ["/companies", "navCompanies"],
  ["/tasks", "navTasks"],
];

function goToSignIn(): void {
  const here = location.pathname + location.search;
  if (location.pathname === signInPath) return;
  navigate(`${signInPath}?next=${encodeURIComponent(here)}`, true);
}

export function App() {
  const t = useMessages(messages);
  const path = usePath();
  const [session, setSession] = useState<Session | null | undefined>(undefined);

  useEffect(() => {
    setSessionExpiredHandler(() => {
      setSession(null);
      goToSignIn();
    });
    loadSession()
      .then(setSession)
      .catch(() => {
        setSession(null);
        goToSignIn();
      });
  }, []);

  // While the sign-in form is filled in, the screen it leads to (My day, or the page remembered)
  // is loaded, so that its code is there when the session is.
  const signingIn = session === null || path.startsWith(signInPath);
  useEffect(() => {
    if (signingIn) preload(nextPath(location.search));
  }, [signingIn]);

  if (session === undefined) return <p class="loading">{t("loading")}</p>;
  if (path.startsWith(signInPath) || session === null) {
    return (
      <SignIn
        onSignedIn={async (next) => {
          setSession(await loadSession());
          navigate(next, true);
        }}
      />
    );
  }
  return <Shell session={session} path={path} onSignedOut={() => setSession(null)} />;
}

function Shell({ session, path, onSignedOut }: { session: Session; path: string; onSignedOut: () => void }) {
  const t = useMessages(messages);
  const found = routes
    .map((route) => ({ route, params: match(route.pattern, path) }))
    .find((m) => m.params !== null);
  const current = (href: string) => (path.split("?")[0] === href ? "page" : undefined);
  // Live hints for the screens while this user is signed in (api/stream.ts).
  useEffect(() => {
    openStream();
    return closeStream;
  }, [session.user.id]);
  return (
    <div class="shell">
      <a class="skip" href="#main">
        {t("skipToContent")}
      </a>
      <header class="topbar">
        <a class="brand" href="/">
          {t("appName")}
        </a>
        <nav aria-label={t("mainNavigation")}>
          <a href="/" aria-current={current("/")}>
            {t("navMyDay")}
          </a>
          {/* [webA] lists and the control report (heads and admins) */}
          {listLinks.map(([href, key]) => (
            <a key={href} href={href} aria-current={current(href)}>
              {t(key)}
            </a>
          ))}
          {mayOpen(session, headsAndAdmins) && (
            <a href="/control" aria-current={current("/control")}>
              {t("navControl")}
            </a>
          )}
          <a href="/board" aria-current={current("/board")}>
            {t("navBoard")}
          </a>
          {/* [webB] automation for heads and admins, administration for admins */}
          {mayOpen(session, headsAndAdmins) && (
            <a href="/automation" aria-current={path.startsWith("/automation") ? "page" : undefined}>
              {t("navAutomation")}
            </a>
          )}
          {isAdmin(session) && (
            <a href="/admin" aria-current={path.startsWith("/admin") ? "page" : undefined}>
              {t("navAdmin")}
            </a>
          )}
        </nav>
        <div class="account">
          {/* [webA] */}
          <SearchLauncher />
          <NotificationBell />
          <LanguageSelect session={session} />
          <span class="who">{session.user.name}</span>
          <button
            type="button"
            class="link"
            onClick={async () => {
              await signOut().catch(() => {});
              onSignedOut();
              navigate(signInPath, true);
            }}
          >
            {t("signOut")}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {found ? (
          <Lazy key={path} route={found.route} props={{ session, params: found.params ?? {} }} />
        ) : (
          <NotFound />
        )}
      </main>
    </div>
  );
}

const loaded = new Map<RouteDef, ComponentType<ScreenProps>>();

function preload(path: string): void {
  const route = routes.find((r) => match(r.pattern, path) !== null);
  if (route && !loaded.has(route))
    route
      .load()
      .then((component) => loaded.set(route, component))
      .catch(() => {});
}

function Lazy({ route, props }: { route: RouteDef; props: ScreenProps }) {
  const t = useMessages(messages);
  const [Screen, setScreen] = useState<ComponentType<ScreenProps> | undefined>(() => loaded.get(route));
  useEffect(() => {
    if (Screen) return;
    route.load().then((component) => {
      loaded.set(route, component);
      setScreen(() => component);
    });
  }, [route, Screen]);
  return Screen ? <Screen {...props} /> : <p class="loading">{t("loading")}</p>;
}
