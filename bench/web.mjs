// The web UI's figures of issue 8 ("Measured, in a benchmark"): Debian's headless Chromium
// (playwright-core from web/node_modules) against a real `voronka serve` on a given database,
// normally a copy of the 1,000,000-contact / 200,000-deal database of bench/sales.sh.
//
//   VORONKA_DATABASE=sqlite:/copy/voronka.db bench/web.sh [RUNS]   (or: cd web && node ../bench/web.mjs)
//
// Environment: VORONKA_DATABASE (sqlite:PATH, required; the file is used in place, so give a
// copy), VORONKA_BINARY (/work/wt/bin/voronka or build-bench/src/app/voronka), VORONKA_WEB_ROOT
// (web/dist), RUNS (3), BOARD_SAMPLES (5), SEARCH_QUERIES (all), NAVIGATIONS (1000),
// NAV_SECONDS (600, the bound of the memory loop), MEMORY_RUNS (1: the memory loop in the first
// run only, it takes minutes), ONLY (signin,board,search,memory), MANAGER (ivanov@voronka.example),
// ADMIN (admin@voronka.example), PASSWORD (voronka-demo), RESULTS (bench/results/web-<time>/).
//
// What is measured, each run in fresh browser contexts (own cookies and caches), one server:
// 1. JavaScript of the first screen: every script the browser loaded from opening /sign-in until
//    My day was painted, its gzip size as the server serves it (Accept-Encoding: gzip, the .gz
//    beside each file) and what Chromium actually transferred (it asks for brotli).
// 2. Sign-in → My day: from the form's submit event to the first frame painted after My day's
//    content (its h1, shown only once its data is in) and a task run after that paint (the main
//    thread free again). Baseline: the same API calls from the page with fetch and no UI.
// 3. The board: an in-app navigation (history.pushState + popstate, as a link click does) from a
//    blank screen to /board/<default deal pipeline> as the admin, until ≥ 500 cards are in the
//    DOM and painted; the board asks for 100 cards per column, so 6 stages × 100 = 600 cards with
//    no "Show more". Baseline: the board's two API calls with fetch.
// 4. Search as you type: Ctrl+K, then queries typed at 90 ms a key (name fragments, phones of
//    real contacts written another way); from the last keydown to the first frame painted after
//    the answer to the full query came and showing what it finally shows. Baseline: the same
//    GET /api/v1/search with fetch.
// 5. Memory: as the manager, NAVIGATIONS in-app navigations over My day, the board, the five lists
//    and a deal's card, each waited for (h1 painted, no "loading"); JSHeapUsedSize, DOM nodes and
//    listeners from CDP Performance.getMetrics after each, and after a forced GC at 60 s and at
//    the end.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const webDir = resolve(here, "../web");
const { chromium } = createRequire(join(webDir, "package.json"))("playwright-core");

const env = process.env;
const database = env.VORONKA_DATABASE;
if (!database?.startsWith("sqlite:")) {
  console.error("VORONKA_DATABASE=sqlite:PATH (a copy of the benchmark database) is required");
  process.exit(2);
}
const binary = env.VORONKA_BINARY ?? "/work/wt/bin/voronka";
const webRoot = env.VORONKA_WEB_ROOT ?? join(webDir, "dist");
const runs = Number(env.RUNS ?? process.argv[2] ?? 3);
const boardSamples = Number(env.BOARD_SAMPLES ?? 5);
const navigations = Number(env.NAVIGATIONS ?? 1000);
const navSeconds = Number(env.NAV_SECONDS ?? 600);
const memoryRuns = Number(env.MEMORY_RUNS ?? 1);
const manager = env.MANAGER ?? "ivanov@voronka.example";
const admin = env.ADMIN ?? "admin@voronka.example";
const password = env.PASSWORD ?? "voronka-demo";
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "Z");
const only = new Set((env.ONLY ?? "signin,board,search,memory").split(","));
const results = env.RESULTS ?? join(here, "results", `web-${stamp}`);
mkdirSync(results, { recursive: true });

const nameQueries = [
  "ванов",
  "Соколова",
  "петр",
  "КУЗНЕЦ",
  "смирнова ольга",
  "Фёдоров",
  "Никитина Елена Сергеевна",
  "морозов",
  "Семенова",
  "ilin",
];

// ---------------------------------------------------------------- helpers

const log = (line) => {
  console.log(line);
  writeFileSync(join(results, "log.txt"), `${line}\n`, { flag: "a" });
};
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

function freePort() {
  return new Promise((resolveP, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolveP(port));
    });
  });
}

async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), "voronka-webbench-"));
  const port = await freePort();
  const childEnv = {
    ...env,
    VORONKA_WEB_ROOT: webRoot,
    VORONKA_LOG_LEVEL: "warn",
  };
  delete childEnv.VORONKA_CONFIG;
  delete childEnv.VORONKA_LISTEN;
  delete childEnv.VORONKA_DATABASE;
  const child = spawn(binary, ["serve", "--listen", `127.0.0.1:${port}`, "--database", database], {
    env: childEnv,
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (c) => {
    stderr += c;
  });
  await new Promise((resolveP, reject) => {
    const timer = setTimeout(() => reject(new Error(`voronka serve did not start:\n${stderr}`)), 120_000);
    child.stdout.on("data", (c) => {
      if (String(c).includes("listening on")) {
        clearTimeout(timer);
        resolveP();
      }
    });
    child.once("exit", (code) => reject(new Error(`voronka serve exited with ${code}:\n${stderr}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
      writeFileSync(join(results, "server.stderr.txt"), stderr.slice(-200_000));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function api(url, email) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`sign-in of ${email}: ${login.status}`);
  const { token, user } = await login.json();
  return {
    user,
    async get(path) {
      const r = await fetch(`${url}${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!r.ok) throw new Error(`GET ${path}: ${r.status}`);
      return r.json();
    },
  };
}

// In every page before its own scripts: the submit and keydown times, long tasks, and helpers to
// wait for a condition and then for the frame that paints it.
const initScript = () => {
  const bench = { submitAt: null, keyAt: [], longTasks: [] };
  window.__bench = bench;
  document.addEventListener(
    "submit",
    () => {
      bench.submitAt = performance.now();
    },
    true,
  );
  // Keys typed: the input events (Playwright types Cyrillic with Input.insertText, which sends no
  // keydown, as an input method does).
  document.addEventListener("input", () => bench.keyAt.push(performance.now()), true);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch {}
  // A task queued from requestAnimationFrame runs after that frame's rendering: the moment the
  // frame is painted and the main thread is free again.
  bench.afterPaint = () =>
    new Promise((resolveP) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolveP(performance.now());
        channel.port2.postMessage(0);
      }),
    );
  // Checks `ready()` at every frame; resolves with the time after the first frame where it held.
  bench.whenPainted = (ready, timeoutMs = 60_000) =>
    new Promise((resolveP, reject) => {
      const start = performance.now();
      const tick = () => {
        if (ready()) {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolveP(performance.now());
          channel.port2.postMessage(0);
        } else if (performance.now() - start > timeoutMs) reject(new Error("timed out"));
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  bench.screenReady = () => {
    const main = document.querySelector("main");
    return !!main && !!main.querySelector("h1") && !main.querySelector(".loading");
  };
  // In-app navigation, as the router does for a link: pushState and the popstate it listens to.
  bench.go = (path) => {
    history.pushState(null, "", path);
    dispatchEvent(new PopStateEvent("popstate"));
  };
};

const launchArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--enable-precise-memory-info",
];

async function newContext(browser) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: "ru-RU",
    timezoneId: "Europe/Moscow",
  });
  await context.addInitScript(initScript);
  return context;
}

async function signInPage(browser, url, email) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${url}/sign-in`);
  await page.getByLabel("Эл. почта").fill(email);
  await page.getByLabel("Пароль").fill(password);
  const painted = page.evaluate(() =>
    window.__bench.whenPainted(() => !!document.querySelector(".my-day h1")),
  );
  await page.getByRole("button", { name: "Войти" }).click();
  await painted;
  return { context, page };
}

// ---------------------------------------------------------------- 1 + 2: sign-in to My day

async function measureSignIn(browser, url, email) {
  const context = await newContext(browser);
  const page = await context.newPage();
  const scripts = [];
  page.on("requestfinished", async (request) => {
    if (request.resourceType() !== "script") return;
    const sizes = await request.sizes().catch(() => null);
    scripts.push({
      url: request.url(),
      transferred: sizes ? sizes.responseBodySize : Number.NaN,
    });
  });
  await page.goto(`${url}/sign-in`);
  await page.getByLabel("Эл. почта").fill(email);
  await page.getByLabel("Пароль").fill(password);
  await sleep(300);
  const painted = page.evaluate(() =>
    window.__bench.whenPainted(() => !!document.querySelector(".my-day h1")),
  );
  await page.getByRole("button", { name: "Войти" }).click();
  const paintedAt = await painted;
  // The links of the tasks read "#id" until their records' titles have come (My day asks for
  // them after it is shown); when they all read titles.
  const titledAt = await page.evaluate(() =>
    window.__bench.whenPainted(
      () => ![...document.querySelectorAll(".my-day .tasks a")].some((a) => /^#\d+$/.test(a.textContent)),
    ),
  );
  const info = await page.evaluate(
    ([paintedAt, titledAt]) => {
      const b = window.__bench;
      const api = performance
        .getEntriesByType("resource")
        .filter((e) => e.startTime >= b.submitAt && e.name.includes("/api/"));
      const long = b.longTasks.filter(([s]) => s >= b.submitAt && s <= paintedAt);
      const calls = api
        .filter((e) => !/\/api\/v1\/(deals|leads|contacts|companies)\/\d+$/.test(e.name))
        .map(
          (e) =>
            `${new URL(e.name).pathname.replace("/api/v1/", "")} ${Math.round(e.startTime - b.submitAt)}–${Math.round(e.responseEnd - b.submitAt)}`,
        );
      return {
        ms: paintedAt - b.submitAt,
        titledMs: titledAt - b.submitAt,
        calls,
        apiRequests: api.length,
        lastApiEnd: Math.max(...api.map((e) => e.responseEnd)) - b.submitAt,
        longTaskMs: long.reduce((sum, [, d]) => sum + d, 0),
        tasksShown: document.querySelectorAll(".my-day li").length,
      };
    },
    [paintedAt, titledAt],
  );
  await sleep(200);
  await context.close();
  return { ...info, scripts };
}

// The same API calls as sign-in + session + My day, from a page, without the UI.
async function baselineSignIn(browser, url, email) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${url}/sign-in`);
  await page.getByLabel("Эл. почта").waitFor();
  const ms = await page.evaluate(
    async ([email, password]) => {
      const t0 = performance.now();
      const login = await fetch("/api/v1/auth/login", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email, password }),
      });
      const { user } = await login.json();
      await Promise.all(["/api/v1/me", "/api/v1/settings"].map(async (p) => (await fetch(p)).json()));
      await Promise.all(
        [
          `/api/v1/tasks?assignee_id=${user.id}&status=open&limit=200`,
          "/api/v1/control/no-next-step",
          "/api/v1/notifications?unread=true&limit=20",
        ].map(async (p) => (await fetch(p)).json()),
      );
      return performance.now() - t0;
    },
    [email, password],
  );
  await context.close();
  return ms;
}

async function firstScreenScripts(url, scripts) {
  let gzip = 0;
  let transferred = 0;
  const files = [];
  for (const s of scripts) {
    const r = await fetch(s.url, { headers: { "Accept-Encoding": "gzip" } });
    const body = Buffer.from(await r.arrayBuffer());
    // Node's fetch decodes; the stored .gz beside the file is what the server sent.
    const length = Number(r.headers.get("content-length") ?? Number.NaN);
    const encoding = r.headers.get("content-encoding");
    const gz = encoding === "gzip" && Number.isFinite(length) ? length : Number.NaN;
    gzip += gz;
    transferred += s.transferred;
    files.push({
      file: s.url.replace(url, ""),
      raw: body.length,
      gzip: gz,
      transferred: s.transferred,
    });
  }
  return { gzip, transferred, files };
}

// ---------------------------------------------------------------- 3: the board

async function measureBoard(page, pipelineId) {
  return page.evaluate(async (pipelineId) => {
    const b = window.__bench;
    b.go("/bench-blank");
    await b.whenPainted(() => !!document.querySelector("main h1"));
    await new Promise((r) => setTimeout(r, 300));
    const t0 = performance.now();
    b.go(`/board/${pipelineId}`);
    const painted = await b.whenPainted(() => document.querySelectorAll(".board .card").length >= 500);
    const cards = [...document.querySelectorAll(".board .card")];
    const inViewport = cards.filter((c) => {
      const r = c.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
    }).length;
    const long = b.longTasks.filter(([s]) => s >= t0 && s <= painted).reduce((sum, [, d]) => sum + d, 0);
    const board = performance
      .getEntriesByType("resource")
      .filter((e) => e.startTime >= t0 && e.name.includes("/board"));
    return {
      ms: painted - t0,
      cards: cards.length,
      inViewport,
      columns: document.querySelectorAll(".board .column").length,
      apiMs: board.length ? Math.max(...board.map((e) => e.responseEnd)) - t0 : Number.NaN,
      longTaskMs: long,
    };
  }, pipelineId);
}

async function baselineBoard(page, pipelineId) {
  return page.evaluate(async (pipelineId) => {
    const t0 = performance.now();
    await Promise.all(
      ["/api/v1/pipelines", `/api/v1/pipelines/${pipelineId}/board?limit=100`].map(async (p) =>
        (await fetch(p)).json(),
      ),
    );
    return performance.now() - t0;
  }, pipelineId);
}

// ---------------------------------------------------------------- 4: search as you type

async function measureSearch(page, query) {
  const input = page.locator("input[type=search]");
  await input.fill("");
  await sleep(400);
  // Records, at every frame, what the dialog shows (status line and hits) and when it was painted.
  await page.evaluate(() => {
    const b = window.__bench;
    b.frames = [];
    b.recording = true;
    b.keyAt = [];
    const tick = () => {
      if (!b.recording) return;
      const status = document.querySelector(".search-dialog .status")?.textContent ?? "";
      const hits = [...document.querySelectorAll(".search-dialog [role=option]")].map((e) => e.textContent);
      const sig = `${status}|${hits.join("\n")}`;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => b.frames.push([performance.now(), sig]);
      channel.port2.postMessage(0);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const answered = page.waitForResponse(
    (r) => r.url().includes("/api/v1/search?") && new URL(r.url()).searchParams.get("q") === query.trim(),
    { timeout: 30_000 },
  );
  await input.pressSequentially(query, { delay: 90 });
  const response = await answered;
  const hits = (await response.json()).items?.length ?? 0;
  await sleep(300);
  return page.evaluate(
    ([query, hits]) => {
      const b = window.__bench;
      b.recording = false;
      const lastKey = b.keyAt[b.keyAt.length - 1];
      const entries = performance.getEntriesByType("resource").filter((e) => {
        if (!e.name.includes("/api/v1/search?")) return false;
        return new URL(e.name).searchParams.get("q") === query.trim();
      });
      const entry = entries[entries.length - 1];
      const finalSig = b.frames[b.frames.length - 1]?.[1];
      const frame = b.frames.find(([t, sig]) => t >= entry.responseEnd && sig === finalSig);
      return {
        query,
        hits,
        ms: frame[0] - lastKey,
        requestStart: entry.startTime - lastKey,
        responseEnd: entry.responseEnd - lastKey,
        server: entry.responseEnd - entry.requestStart,
        requests: b.keyAt.length,
      };
    },
    [query, hits],
  );
}

async function baselineSearch(page, query) {
  return page.evaluate(async (q) => {
    const t0 = performance.now();
    await (await fetch(`/api/v1/search?q=${encodeURIComponent(q)}`)).json();
    return performance.now() - t0;
  }, query);
}

// ---------------------------------------------------------------- 5: memory over navigations

async function measureMemory(browser, url, dealId, pipelineId) {
  const started = performance.now();
  const { context, page } = await signInPage(browser, url, manager);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const metrics = async () => {
    const { metrics } = await cdp.send("Performance.getMetrics");
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    return {
      heap: m.JSHeapUsedSize,
      total: m.JSHeapTotalSize,
      nodes: m.Nodes,
      listeners: m.JSEventListeners,
    };
  };
  const collected = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    return metrics();
  };
  const paths = [
    "/",
    `/board/${pipelineId}`,
    "/leads",
    "/deals",
    "/contacts",
    "/companies",
    "/tasks",
    `/deals/${dealId}`,
  ];
  const samples = [];
  let atMinute = null;
  let done = 0;
  const navMs = [];
  while (done < navigations && (performance.now() - started) / 1000 < navSeconds) {
    const path = paths[done % paths.length];
    const ms = await page.evaluate(async (path) => {
      const b = window.__bench;
      const t0 = performance.now();
      b.go(path);
      const t = await b.whenPainted(() => location.pathname === path && b.screenReady());
      return t - t0;
    }, path);
    navMs.push(ms);
    done++;
    const m = await metrics();
    samples.push({ s: (performance.now() - started) / 1000, n: done, ...m });
    if (atMinute === null && (performance.now() - started) / 1000 >= 60)
      atMinute = { n: done, ...(await collected()) };
  }
  const end = {
    n: done,
    s: (performance.now() - started) / 1000,
    ...(await collected()),
  };
  await context.close();
  const firstMinute = samples.filter((x) => x.s <= 60);
  return {
    navigations: done,
    seconds: end.s,
    navP50: quantile(navMs, 0.5),
    navP95: quantile(navMs, 0.95),
    firstMinuteMaxHeap: Math.max(...firstMinute.map((x) => x.heap)),
    lastHeap: samples[samples.length - 1].heap,
    atMinute,
    end,
    samples,
  };
}

// ---------------------------------------------------------------- main

const mb = (bytes) => (bytes / 1048576).toFixed(1);
const f = (x) => (Number.isFinite(x) ? x.toFixed(0) : "–");

function summary(name, perRun, unit = "ms") {
  const all = perRun.flat();
  const medians = perRun.map((r) => quantile(r, 0.5));
  const line = `${name.padEnd(34)} n ${String(all.length).padStart(3)}  p50 ${f(quantile(all, 0.5)).padStart(5)}  p95 ${f(quantile(all, 0.95)).padStart(5)}  max ${f(Math.max(...all)).padStart(5)} ${unit}   run p50s ${medians.map(f).join(" / ")} (min–max ${f(Math.min(...medians))}–${f(Math.max(...medians))})`;
  log(line);
  return {
    name,
    n: all.length,
    p50: quantile(all, 0.5),
    p95: quantile(all, 0.95),
    max: Math.max(...all),
    runMedians: medians,
  };
}

async function main() {
  log(
    `web bench ${new Date().toISOString()}  database ${database}  binary ${binary}  runs ${runs}  load ${load()}`,
  );
  const server = await startServer();
  log(`server ${server.url} (pid ${server.pid})`);
  const loads = [load()];
  const loadTimer = setInterval(() => loads.push(load()), 15_000);
  const adminApi = await api(server.url, admin);
  const managerApi = await api(server.url, manager);
  const pipelines = await adminApi.get("/api/v1/pipelines");
  const pipeline =
    pipelines.items.find((p) => p.record_type === "deal" && p.is_default) ?? pipelines.items[0];
  const managerDeals = await managerApi.get("/api/v1/deals?limit=1");
  const dealId = managerDeals.items[0].id;
  // Phones of real contacts (ids spread over the table), written as people type them.
  const contacts = await adminApi.get("/api/v1/contacts?sort=-id&limit=1");
  const maxId = contacts.items[0]?.id ?? 1;
  const phoneQueries = [];
  const seen = new Set();
  for (let i = 1; phoneQueries.length < 6 && i < 40; i++) {
    const id = Math.max(1, Math.floor((maxId * ((i * 7919) % 1000)) / 1000));
    const c = await adminApi.get(`/api/v1/contacts/${id}`).catch(() => null);
    const phone = c?.phones?.[0];
    if (!phone || !/^\+79\d{9}$/.test(phone) || seen.has(phone)) continue;
    seen.add(phone);
    const d = phone.slice(2);
    phoneQueries.push(
      phoneQueries.length % 2 === 0
        ? `8 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`
        : `+7 ${d.slice(0, 3)} ${d.slice(3)}`,
    );
  }
  const searchQueries = [...nameQueries, ...phoneQueries].slice(0, Number(env.SEARCH_QUERIES ?? 100));
  log(
    `pipeline ${pipeline.id} (${pipeline.name}); manager's deal ${dealId}; phones ${phoneQueries.join(", ")}`,
  );

  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: launchArgs,
  });
  const R = {
    signInManager: [],
    signInAdmin: [],
    signInBaseManager: [],
    signInBaseAdmin: [],
    board: [],
    boardCold: [],
    boardBase: [],
    search: [],
    searchBase: [],
    memory: [],
    js: null,
    details: [],
  };
  try {
    for (let run = 1; run <= runs; run++) {
      log(`-- run ${run} (load ${load()})`);
      const det = { run, signIn: [], board: [], search: [] };
      R.details.push(det);
      // 1 + 2
      const sm = [];
      const sa = [];
      const bm = [];
      const ba = [];
      for (let i = 0; i < (only.has("signin") ? 3 : 0); i++) {
        const m = await measureSignIn(browser, server.url, manager);
        if (!R.js) {
          R.js = await firstScreenScripts(server.url, m.scripts);
          log(
            `first screen JavaScript: ${(R.js.gzip / 1024).toFixed(1)} KB gzip, ${(R.js.transferred / 1024).toFixed(1)} KB transferred (brotli), ${R.js.files.length} files`,
          );
        }
        delete m.scripts;
        sm.push(m.ms);
        det.signIn.push({ who: "manager", ...m });
        const a = await measureSignIn(browser, server.url, admin);
        delete a.scripts;
        sa.push(a.ms);
        det.signIn.push({ who: "admin", ...a });
        bm.push(await baselineSignIn(browser, server.url, manager));
        ba.push(await baselineSignIn(browser, server.url, admin));
        log(
          `  sign-in manager ${f(m.ms)} ms (${m.tasksShown} tasks shown, titles at ${f(m.titledMs)} ms; ${m.apiRequests} API requests, last answer at ${f(m.lastApiEnd)} ms, long tasks ${f(m.longTaskMs)} ms: ${m.calls.join(", ")}), admin ${f(a.ms)} ms (${a.apiRequests} requests, long tasks ${f(a.longTaskMs)} ms: ${a.calls.join(", ")}); fetch only ${f(bm.at(-1))} / ${f(ba.at(-1))} ms`,
        );
      }
      R.signInManager.push(sm);
      R.signInAdmin.push(sa);
      R.signInBaseManager.push(bm);
      R.signInBaseAdmin.push(ba);
      // 3
      {
        const { context, page } = await signInPage(browser, server.url, admin);
        const times = [];
        const bases = [];
        for (let i = 0; i <= (only.has("board") ? boardSamples : -1); i++) {
          const b = await measureBoard(page, pipeline.id);
          det.board.push({ cold: i === 0, ...b });
          if (i === 0) R.boardCold.push([b.ms]);
          else times.push(b.ms);
          bases.push(await baselineBoard(page, pipeline.id));
          log(
            `  board ${i === 0 ? "(first, loads its chunk) " : ""}${f(b.ms)} ms: ${b.cards} cards in ${b.columns} columns, ${b.inViewport} in the viewport, API answered at ${f(b.apiMs)} ms, long tasks ${f(b.longTaskMs)} ms; fetch only ${f(bases.at(-1))} ms`,
          );
        }
        R.board.push(times);
        R.boardBase.push(bases);
        // 4 (same admin page: all 1,000,000 contacts)
        await page.keyboard.press("Control+k");
        await page.locator("input[type=search]").waitFor();
        const st = [];
        const sb = [];
        for (const q of only.has("search") ? searchQueries : []) {
          const s = await measureSearch(page, q);
          st.push(s.ms);
          det.search.push(s);
          sb.push(await baselineSearch(page, q));
        }
        log(`  search: ${det.search.map((s) => `${s.query} ${f(s.ms)}`).join(", ")}`);
        log(
          `  search request sent ${f(
            quantile(
              det.search.map((s) => s.requestStart),
              0.5,
            ),
          )} ms after the last key (p50), answered at ${f(
            quantile(
              det.search.map((s) => s.responseEnd),
              0.5,
            ),
          )} ms; fetch only p50 ${f(quantile(sb, 0.5))} ms`,
        );
        R.search.push(st);
        R.searchBase.push(sb);
        await context.close();
      }
      // 5
      if (!only.has("memory") || run > memoryRuns) continue;
      const mem = await measureMemory(browser, server.url, dealId, pipeline.id);
      R.memory.push(mem);
      log(
        `  memory: ${mem.navigations} navigations in ${f(mem.seconds)} s (each p50 ${f(mem.navP50)} / p95 ${f(mem.navP95)} ms); JS heap max in the first minute ${mb(mem.firstMinuteMaxHeap)} MB, after the last ${mb(mem.lastHeap)} MB; after GC at 60 s ${mb(mem.atMinute?.heap ?? Number.NaN)} MB (${mem.atMinute?.nodes} nodes, ${mem.atMinute?.listeners} listeners), at the end ${mb(mem.end.heap)} MB (${mem.end.nodes} nodes, ${mem.end.listeners} listeners)`,
      );
      writeFileSync(join(results, "results.json"), JSON.stringify({ ...R, loads }, null, 1));
    }
  } finally {
    clearInterval(loadTimer);
    await browser.close();
    await server.stop();
  }
  log(
    `== summary (${runs} runs; load average samples ${loads[0]} … ${loads.at(-1)}, 1-min max ${Math.max(...loads.map((l) => Number(l.split(" ")[0]))).toFixed(2)})`,
  );
  if (R.js)
    log(
      `first screen JavaScript              ${(R.js.gzip / 1024).toFixed(1)} KB gzip (${(R.js.transferred / 1024).toFixed(1)} KB brotli transferred)`,
    );
  const S = {
    signInManager: summary("sign-in → My day, manager", R.signInManager),
    signInBaseManager: summary("  fetch only, manager", R.signInBaseManager),
    signInAdmin: summary("sign-in → My day, admin", R.signInAdmin),
    signInBaseAdmin: summary("  fetch only, admin", R.signInBaseAdmin),
    board: summary("board ≥ 500 cards (warm)", R.board),
    boardCold: summary("board, first visit", R.boardCold),
    boardBase: summary("  fetch only", R.boardBase),
    search: summary("search painted after last key", R.search),
    searchBase: summary("  fetch only", R.searchBase),
  };
  for (const m of R.memory)
    log(
      `memory: ${m.navigations} navigations, end/first-minute-max ${(m.lastHeap / m.firstMinuteMaxHeap).toFixed(2)}, after GC end/60 s ${(m.end.heap / (m.atMinute?.heap ?? Number.NaN)).toFixed(2)} (${mb(m.atMinute?.heap ?? Number.NaN)} → ${mb(m.end.heap)} MB)`,
    );
  writeFileSync(join(results, "results.json"), JSON.stringify({ ...R, summary: S, loads }, null, 1));
  log(`results in ${results}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
