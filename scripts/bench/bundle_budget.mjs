#!/usr/bin/env node
// The bundle budget, a benchmark rather than a test: the gzipped JS and CSS a phone downloads
// to show the first screen (`/`), and every chunk of the build. Fails over the budget.
//
//   node scripts/bench/bundle_budget.mjs [dist]        (default: frontend/dist; run after `vite build`)
//
// The first screen is what index.html loads (its scripts, stylesheets and modulepreloads) plus
// the lazily loaded component of the `/` route with the chunks and CSS Vite preloads with it.
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_KIB = 150;
// src/router.ts: `/` is views/HomeView.vue; Vite names the chunk after the file.
const HOME_CHUNK = "HomeView";

const dist = process.argv[2] ?? fileURLToPath(new URL("../../frontend/dist", import.meta.url));
let html;
try {
  html = readFileSync(join(dist, "index.html"), "utf8");
} catch {
  console.error(`${join(dist, "index.html")} is missing: build the app first (make build-frontend).`);
  process.exit(2);
}

/** Paths (relative to dist) of the files index.html loads. */
function loadedByIndex() {
  const tags = [
    ...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g),
    ...[...html.matchAll(/<link\b([^>]*)>/g)]
      .filter(([, attributes]) => /\brel="(stylesheet|modulepreload)"/.test(attributes))
      .map(([, attributes]) => /\bhref="([^"]+)"/.exec(attributes) ?? []),
  ];
  return tags.map(([, url]) => url).filter((url) => url?.startsWith("/")).map((url) => url.slice(1));
}

/**
 * The home route's chunk and the files Vite preloads with it, read from the entry's
 * `import("./HomeView-<hash>.js"), __vite__mapDeps([...])` and the dependency list it indexes.
 */
function loadedByHomeRoute(scripts) {
  for (const script of scripts) {
    const code = readFileSync(join(dist, script), "utf8");
    const lazy = new RegExp(
      `import\\(\\s*[\`'"]\\./(${HOME_CHUNK}-[\\w-]+\\.js)[\`'"]\\s*\\)(?:\\s*,\\s*__vite__mapDeps\\(\\[([\\d,\\s]*)\\]\\))?`,
    ).exec(code);
    if (lazy === null) continue;
    const [, chunk, indexes = ""] = lazy;
    const dependencies = JSON.parse(/\.f=(\[[^\]]*\])/.exec(code)?.[1] ?? "[]");
    const preloaded = indexes.split(",").filter(Boolean).map((index) => dependencies[Number(index)]);
    const folder = script.slice(0, script.lastIndexOf("/") + 1);
    return [`${folder}${chunk}`, ...preloaded];
  }
  return [];
}

function size(path) {
  const bytes = readFileSync(join(dist, path));
  return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

function allScriptsAndStyles(folder = dist) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return allScriptsAndStyles(path);
    return /\.(js|css)$/.test(entry.name) ? [relative(dist, path)] : [];
  });
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

function table(title, rows) {
  const total = rows.reduce((sum, row) => ({ raw: sum.raw + row.raw, gzip: sum.gzip + row.gzip }), { raw: 0, gzip: 0 });
  const width = Math.max(title.length, ...rows.map(({ path }) => path.length));
  const line = (name, raw, gzip) => `${name.padEnd(width)}  ${raw.padStart(10)}  ${gzip.padStart(10)}`;
  console.log(line(title, "raw", "gzip -9"));
  console.log("-".repeat(width + 24));
  rows.sort((a, b) => b.gzip - a.gzip).forEach(({ path, raw, gzip }) => console.log(line(path, kib(raw), kib(gzip))));
  console.log(line(`total (${rows.length} files)`, kib(total.raw), kib(total.gzip)));
  console.log();
  return total;
}

const fromIndex = loadedByIndex();
const fromHome = loadedByHomeRoute(fromIndex.filter((path) => path.endsWith(".js")));
const initialFiles = [...new Set([...fromIndex, ...fromHome])].filter((path) => /\.(js|css)$/.test(path));
const initial = table("Initial route (/)", initialFiles.map(size));
table("All JS and CSS in the build", allScriptsAndStyles().map(size));
if (fromHome.length === 0) {
  console.log(`note: no lazy ${HOME_CHUNK} chunk in the entry; the / route is counted as index.html loads it.`);
}

const verdict = `initial route: ${kib(initial.gzip)} gzipped, budget ${BUDGET_KIB} KiB`;
if (initial.gzip > BUDGET_KIB * 1024) {
  console.error(`OVER BUDGET: ${verdict}`);
  process.exit(1);
}
console.log(`within budget: ${verdict}`);
