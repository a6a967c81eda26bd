// Writes NAME.gz and NAME.br beside every compressible file of dist/ (the server picks one by
// Accept-Encoding: src/api/static_files.cpp) and prints the gzip size of the first screen's
// JavaScript.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dist = new URL("../dist/", import.meta.url).pathname;
const compressible = /\.(html|js|mjs|css|json|svg|map|webmanifest|txt)$/;

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

for (const path of walk(dist)) {
  if (!compressible.test(path)) continue;
  const data = readFileSync(path);
  writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
  writeFileSync(`${path}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
}

// The first screen after sign-in is My day: the entry chunk, the My day screen's chunk and every
// chunk they import statically (Vite's manifest names them).
const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8"));
const firstScreen = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || firstScreen.has(chunk.file)) return;
  firstScreen.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit("index.html");
visit("src/screens/my-day/MyDay.tsx");
const gzipBytes = [...firstScreen]
  .filter((file) => file.endsWith(".js"))
  .reduce((sum, file) => sum + gzipSync(readFileSync(join(dist, file)), { level: 9 }).length, 0);
console.log(`first screen (My day) JavaScript: ${(gzipBytes / 1024).toFixed(1)} KB gzip`);
