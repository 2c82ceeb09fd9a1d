#!/usr/bin/env bash
# Sizes of what a release build ships: the hydrate bundle (wasm + js) raw, gzip and brotli at
# their highest levels (as a server or proxy would precompress them), the stylesheet, and the
# server binary. Run after `cargo leptos build --release`. Prints a Markdown table; exits 1
# when wasm + js (brotli) is over the budget, so that a growing bundle is a decision, not an
# accident.
#
#   scripts/bundle-size.sh [BUDGET_KB]    default budget: 1,200 KB brotli (goal: 350 KB)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
budget_kb=${1:-1200}
pkg="$LEPTOS_SITE_ROOT/$LEPTOS_SITE_PKG_DIR"
server=target/release/autoport
for f in "$pkg/$LEPTOS_OUTPUT_NAME.wasm" "$pkg/$LEPTOS_OUTPUT_NAME.js" "$pkg/$LEPTOS_OUTPUT_NAME.css" "$server"; do
  [ -f "$f" ] || { echo "missing $f: run cargo leptos build --release first" >&2; exit 1; }
done
# Node's zlib has both compressors at their highest levels; no other tool needed.
node - "$budget_kb" "$pkg/$LEPTOS_OUTPUT_NAME.wasm" "$pkg/$LEPTOS_OUTPUT_NAME.js" "$pkg/$LEPTOS_OUTPUT_NAME.css" "$server" <<'JS'
const fs = require("fs");
const zlib = require("zlib");
const [budget, wasm, js, css, server] = process.argv.slice(2);
const kb = (n) => (n / 1024).toLocaleString("en-GB", { maximumFractionDigits: 0 });
const size = (file) => {
  const raw = fs.readFileSync(file);
  const gzip = zlib.gzipSync(raw, { level: 9 }).length;
  const brotli = zlib.brotliCompressSync(raw, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  }).length;
  return { raw: raw.length, gzip, brotli };
};
const rows = [["wasm", size(wasm)], ["js", size(js)]];
const sum = rows.reduce((a, [, s]) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });
rows.push(["wasm + js", sum], ["css", size(css)]);
console.log("| file | raw KB | gzip KB | brotli KB |\n|---|---|---|---|");
for (const [name, s] of rows) console.log(`| ${name} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`);
console.log(`| server binary (${server}) | ${kb(fs.statSync(server).size)} | | |`);
if (sum.brotli > budget * 1024) {
  console.error(`wasm + js is ${kb(sum.brotli)} KB brotli, over the budget of ${budget} KB`);
  process.exit(1);
}
JS
