// Persistent KaTeX renderer for the docs build; driven by verified_docs/math_render.py.
//
// Protocol: one JSON request per stdin line, {"latex": string, "display": boolean}, and one
// JSON reply per stdout line, {"html": string} or {"error": string}, in request order.
// One long-lived process is used because starting Node and loading KaTeX costs far more
// than rendering a single equation.
//
// Usage: node verified_docs/katex_server.js [REPO_ROOT]
"use strict";

const path = require("node:path");
const readline = require("node:readline");

// katex is installed by `npm ci` into REPO_ROOT/node_modules. Resolving from an explicit root
// (passed by Python; defaults to the parent of this directory for manual runs) keeps this
// working wherever the script itself lives.
const repoRoot = process.argv[2] ?? path.resolve(__dirname, "..");
const katex = require(require.resolve("katex", { paths: [repoRoot] }));

// Macros shared by every page. Each call gets a fresh copy because KaTeX writes \gdef
// definitions into the object it is given: a shared object would leak definitions from one
// equation into the next and make the output depend on rendering order.
const MACROS = Object.freeze({
  "\\R": "\\mathbb{R}",
  "\\bm": "\\boldsymbol",
  "\\T": "{\\top}",
});

function render({ latex, display }) {
  try {
    const html = katex.renderToString(latex, {
      displayMode: display,
      output: "htmlAndMathml", // MathML alongside the HTML, for screen readers
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
