// What the browser bundle is made of: the code size of every function in a wasm file with
// its name section (the wasm-release build before wasm-bindgen and wasm-opt:
// target/wasm32-unknown-unknown/wasm-release/frontend.wasm), summed by the crate that
// defines it. Generic code is counted under the crate it was written in (tachys for a view's
// rendering), whichever crate instantiated it.
//
//   node scripts/wasm-crates.mjs FILE.wasm [TOP]      prints a Markdown table
import { readFileSync } from "node:fs";

const [file, top = "25"] = process.argv.slice(2);
const bytes = readFileSync(file);
let pos = 8;
const u32 = () => {
  let result = 0, shift = 0, b;
  do { b = bytes[pos++]; result |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
  return result >>> 0;
};
const name = () => { const n = u32(); const s = bytes.toString("utf8", pos, pos + n); pos += n; return s; };

let imported = 0;
const bodies = [];
const names = new Map();
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = u32();
  const end = pos + size;
  if (id === 2) { // imports: functions come first in the index space
    for (let i = 0, n = u32(); i < n; i++) {
      name(); name();
      const kind = bytes[pos++];
      if (kind === 0) { u32(); imported++; }
      else if (kind === 1) { pos++; const f = bytes[pos++]; u32(); if (f & 1) u32(); }
      else if (kind === 2) { const f = bytes[pos++]; u32(); if (f & 1) u32(); }
      else if (kind === 3) { pos += 2; }
      else if (kind === 4) { pos++; u32(); }
    }
  } else if (id === 10) { // code
    for (let i = 0, n = u32(); i < n; i++) { const len = u32(); bodies.push(len); pos += len; }
  } else if (id === 0 && name() === "name") {
    while (pos < end) {
      const sub = bytes[pos++];
      const len = u32();
      const subEnd = pos + len;
      if (sub === 1) for (let i = 0, n = u32(); i < n; i++) { const idx = u32(); names.set(idx, name()); }
      pos = subEnd;
    }
  }
  pos = end;
}
if (names.size === 0) { console.error(`${file} has no name section`); process.exit(1); }

// Legacy Rust mangling (`_ZN<len><segment>…E`), its escapes undone.
const ESCAPES = { SP: "@", BP: "*", RF: "&", LT: "<", GT: ">", LP: "(", RP: ")", C: "," };
function demangle(symbol) {
  if (!symbol.startsWith("_ZN")) return symbol;
  const parts = [];
  let i = 3;
  while (i < symbol.length && symbol[i] !== "E") {
    const m = /^\d+/.exec(symbol.slice(i));
    if (!m) break;
    i += m[0].length;
    parts.push(symbol.slice(i, i + Number(m[0])));
    i += Number(m[0]);
  }
  if (parts.length > 1 && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  return parts
    .join("::")
    .replace(/\$([A-Z]{1,2})\$/g, (_, e) => ESCAPES[e] ?? "?")
    .replace(/\$u([0-9a-f]+)\$/g, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/\.\./g, "::")
    .replace(/^_</, "<");
}

// The crate a function was written in: its path's first segment; for `<Type as Trait>`,
// the type's crate when the type is a path, else (a tuple, a reference, a type parameter)
// the trait's.
function crateOf(symbol) {
  const name = demangle(symbol);
  const first = (path) => /^(?:&(?:mut )?)?([a-z_][a-z0-9_]*)::/.exec(path)?.[1];
  if (name.startsWith("<")) {
    let depth = 0;
    for (let i = 1; i < name.length; i++) {
      const c = name[i];
      if (c === "<" || c === "(" || c === "[") depth++;
      else if (c === ">" || c === ")" || c === "]") depth--;
      else if (depth === 0 && name.startsWith(" as ", i)) {
        return first(name.slice(1, i)) ?? first(name.slice(i + 4)) ?? "?";
      }
    }
    return first(name.slice(1)) ?? "?";
  }
  return first(name) ?? name.split(/[:.<( ]/)[0] ?? "?";
}

const byCrate = new Map();
let total = 0;
bodies.forEach((len, i) => {
  const crate = crateOf(names.get(i + imported) ?? "?");
  const entry = byCrate.get(crate) ?? { bytes: 0, functions: 0 };
  entry.bytes += len; entry.functions += 1; byCrate.set(crate, entry);
  total += len;
});
const rows = [...byCrate.entries()].sort((a, b) => b[1].bytes - a[1].bytes);
const kb = (n) => (n / 1024).toLocaleString("en-GB", { maximumFractionDigits: 0 });
console.log(`${file}: ${bodies.length} functions, ${kb(total)} KB of code (${kb(bytes.length)} KB file)\n`);
console.log("| crate | code KB | share | functions |\n|---|---|---|---|");
for (const [crate, e] of rows.slice(0, Number(top))) {
  console.log(`| ${crate} | ${kb(e.bytes)} | ${((100 * e.bytes) / total).toFixed(1)} % | ${e.functions} |`);
}
