// Writes NAME.gz and NAME.br beside every compressible file of dist/ (the server picks one by
// Accept-Encoding: src/api/static_files.cpp) and prints the gzip size of the first screen's
// JavaScript: index.html's entry script and the modules it preloads.
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

const index = readFileSync(join(dist, "index.html"), "utf8");
const scripts = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const gzipBytes = scripts.reduce((sum, file) => sum + gzipSync(readFileSync(join(dist, file))).length, 0);
console.log(`first-screen JavaScript: ${scripts.length} files, ${(gzipBytes / 1024).toFixed(1)} KB gzip`);
