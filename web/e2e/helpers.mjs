// What the browser test files share: Debian's Chromium, axe-core in the page, screenshots and
// sign-in. Every e2e/*.test.mjs takes these from here.
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "./server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const binary = process.env.VORONKA_BINARY ?? join(here, "../../build-test/src/app/voronka");
export const webRoot = process.env.VORONKA_WEB_ROOT ?? join(here, "../dist");
export const artifacts = process.env.VORONKA_ARTIFACTS ?? join(here, "../test-results");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export async function launchChromium() {
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

// A fresh context (its own cookies) in Russian, Moscow time.
export function newContext(browser) {
  return browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: "ru-RU",
    timezoneId: "Europe/Moscow",
  });
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

// The serious and critical axe-core violations of the page as it is now (axe-core is evaluated
// over the DevTools protocol, so the page's CSP stays as served).
export async function accessibilityProblems(page) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ["violations"] }));
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

// Fills in the sign-in form already on the page and submits it (a demo user's password).
export async function submitSignIn(page, email) {
  await page.getByLabel("Эл. почта").fill(email);
  await page.getByLabel("Пароль").fill("voronka-demo");
  await page.getByRole("button", { name: "Войти" }).click();
}

// Opens sign-in, signs in and waits for the start page.
export async function signIn(page, url, email) {
  await page.goto(`${url}/sign-in`);
  await submitSignIn(page, email);
  await page.getByRole("heading", { name: "Мой день", level: 1 }).waitFor();
}

// Runs `action` (e.g. a navigation), then waits until the page has had no API request in flight
// for 300 ms (the live-updates stream aside), at most `timeout` ms: for steps that must not race
// the page's own loading, such as expiring the session.
export async function settled(page, action, timeout = 10_000) {
  const inFlight = new Set();
  const counts = (request) => request.url().includes("/api/") && !request.url().includes("/api/v1/stream");
  const start = (request) => counts(request) && inFlight.add(request);
  const end = (request) => inFlight.delete(request);
  page.on("request", start);
  page.on("requestfinished", end);
  page.on("requestfailed", end);
  try {
    await action();
    const deadline = Date.now() + timeout;
    let quietSince = Date.now();
    while (Date.now() - quietSince < 300) {
      if (Date.now() > deadline) throw new Error(`API requests still in flight after ${timeout} ms`);
      if (inFlight.size > 0) quietSince = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    page.off("request", start);
    page.off("requestfinished", end);
    page.off("requestfailed", end);
  }
}

// A server and Chromium for one test file: started before its tests, stopped after them. The
// answer's `server` and `browser` are set once the file's `before` hooks have run.
export function serverAndBrowser() {
  const running = { server: undefined, browser: undefined };
  before(async () => {
    running.server = await startServer({ binary, webRoot });
    running.browser = await launchChromium();
  });
  after(async () => {
    await running.browser?.close();
    await running.server?.stop();
  });
  return running;
}
