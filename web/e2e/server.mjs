// A real `voronka serve` for the browser tests: a fresh SQLite database in a temporary
// directory with the demo organisation, on a free loopback port, serving web/dist.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function startServer({ binary, webRoot }) {
  const dir = mkdtempSync(join(tmpdir(), "voronka-browser-"));
  const env = {
    ...process.env,
    VORONKA_DATABASE: `sqlite:${join(dir, "voronka.db")}`,
    VORONKA_WEB_ROOT: webRoot,
    VORONKA_LOG_LEVEL: "warn",
  };
  // Nothing of the developer's own configuration: no VORONKA_CONFIG, no ./voronka.conf (the
  // server runs in the temporary directory), no VORONKA_LISTEN.
  delete env.VORONKA_CONFIG;
  delete env.VORONKA_LISTEN;
  const demo = spawnSync(binary, ["demo"], { env, cwd: dir, encoding: "utf8" });
  if (demo.status !== 0) throw new Error(`voronka demo failed: ${demo.stderr}`);
  const port = await freePort();
  const child = spawn(binary, ["serve", "--listen", `127.0.0.1:${port}`], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stderr.on("data", (chunk) => {
    log += chunk;
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`voronka serve did not start:\n${log}`)), 30_000);
    child.stdout.on("data", (chunk) => {
      if (String(chunk).includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`voronka serve exited with ${code}:\n${log}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    log: () => log,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => {
        if (child.exitCode !== null) resolve();
        else child.once("exit", resolve);
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A signed-in API client for preparing data: { get, post, patch, put } answering parsed JSON.
export async function apiAs(url, email, password = "voronka-demo") {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`sign-in of ${email} failed: ${login.status}`);
  const { token, user } = await login.json();
  const send = async (method, path, body) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const data = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(data)}`);
    return data;
  };
  return {
    user,
    get: (path) => send("GET", path),
    post: (path, body) => send("POST", path, body ?? {}),
    patch: (path, body) => send("PATCH", path, body),
    put: (path, body) => send("PUT", path, body),
  };
}

// The SMS.ru stand-in of the API tests (tests/peers/sms_peer.py, its contract in its header) on a
// free loopback port: { url, stop() }. `args` are its options, e.g. ["--slow-seconds", "2"].
export async function startSmsPeer(args = []) {
  const dir = mkdtempSync(join(tmpdir(), "voronka-sms-peer-"));
  const portFile = join(dir, "port");
  const script = new URL("../../tests/peers/sms_peer.py", import.meta.url).pathname;
  const child = spawn(
    "/usr/bin/python3",
    [script, "--port-file", portFile, "--log", join(dir, "log"), ...args],
    {
      stdio: "ignore",
    },
  );
  const until = Date.now() + 10_000;
  while (!existsSync(portFile)) {
    if (Date.now() > until || child.exitCode !== null) throw new Error("the SMS peer did not start");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `http://127.0.0.1:${readFileSync(portFile, "utf8").trim()}`,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve();
        else child.once("exit", resolve);
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
