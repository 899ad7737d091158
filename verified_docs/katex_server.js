// Persistent KaTeX renderer for the docs build; driven by verified_docs/math_render.py.
//
// Protocol: one JSON request per stdin line, {"latex": string, "display": boolean}, and one
// JSON reply per stdout line, {"html": string} or {"error": string}, in request order.
// One long-lived process is used because starting Node and loading KaTeX costs far more
// than rendering a single equation.
//
// Usage: node verified_docs/katex_server.js NODE_MODULES [MACROS_JSON]
"use strict";

const path = require("node:path");
const readline = require("node:readline");

// katex is installed by `npm ci` into the project's node_modules, which Python passes (the
// project, not this script's location, decides where it is). Macros come from the project's
// configuration as a JSON object.
const nodeModules = process.argv[2] ?? path.resolve(process.cwd(), "node_modules");
const katex = require(require.resolve("katex", { paths: [path.dirname(nodeModules)] }));

// Each call gets a fresh copy because KaTeX writes \gdef definitions into the object it is
// given: a shared object would leak definitions from one equation into the next and make the
// output depend on rendering order.
const MACROS = Object.freeze(JSON.parse(process.argv[3] ?? "{}"));

function render({ latex, display }) {
  try {
    const html = katex.renderToString(latex, {
      displayMode: display,
      // HTML only: MathML would add a quarter of a chapter's elements, and every element costs
      // a phone layout time. Screen readers read the formula's plain-text label instead
      // (math_render.searchable puts it on the wrapper).
      output: "html",
      throwOnError: true,
      strict: "warn", // "error" would reject e.g. unicode text in math mode
      trust: false,
      macros: { ...MACROS },
    });
    return { html };
  } catch (err) {
    if (err instanceof katex.ParseError) {
      return { error: err.message };
    }
    throw err; // a KaTeX bug, not bad input: crash so Python reports the dead process
  }
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  // Node keeps no userland buffer for process.stdout: each write is handed to the pipe
  // immediately, so every reply is flushed as soon as it is written.
  process.stdout.write(JSON.stringify(render(JSON.parse(line))) + "\n");
});
