// Builds the single-file planner (SPEC §10): one self-contained .html, with the CSS, the
// wasm-bindgen glue (planner.js), the start-up code and the wasm (base64) inlined, that
// runs when opened from disk (file://) on a machine that only allows opening files.
//
//   node tools/single-file.mjs [dist] [out]
//   (defaults: dist, dist-single/personalisation-planner.html; scripts/single-file.sh
//   builds dist first if it is missing)
//
// The page has exactly one inline <style> and one inline <script type="module">, and a
// Content-Security-Policy that allows those two by their sha256 hashes and nothing else:
// no network at all (connect-src 'none'), no service worker, no Web Worker (the import runs
// in the page: src/web/worker.rs, ImportRunner::InPage). No new dependencies: Node only.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] || 'dist';
const out = process.argv[3] || join('dist-single', 'personalisation-planner.html');

const fail = (message) => {
  console.error(`single-file: ${message}`);
  process.exit(1);
};
const read = (name) => {
  try {
    return readFileSync(join(dist, name));
  } catch {
    return fail(`no ${join(dist, name)}: build the app first (trunk build --release)`);
  }
};
// The HTML parser turns CRLF and lone CR into LF before a CSP hash is taken, so the text we
// hash must already be in that form.
const text = (name) => read(name).toString('utf8').replace(/\r\n?/g, '\n');

const html = text('index.html');

// 1. The CSS, in the order dist/index.html links it.
const cssFiles = [...html.matchAll(/<link rel="stylesheet" href="\.\/([^"]+)"[^>]*>/g)].map(
  (match) => match[1],
);
if (cssFiles.length === 0) fail('dist/index.html links no stylesheet');
const css = cssFiles.map((name) => `/* ${name} */\n${text(name).trim()}\n`).join('');
if (/url\(|@import/i.test(css)) fail('the CSS refers to another file; inline it first');
if (/<\/style/i.test(css)) fail('the CSS contains "</style"');

// 2. planner.js as plain module code: the inline module is its own scope, so its exports
// become local names, and the boot code below calls its init function directly.
let glue = text('planner.js');
if (/^\s*import\s/m.test(glue)) fail('planner.js imports another file (a wasm-bindgen snippet?)');
const exportList = glue.match(/^export \{([^}]*)\};?\s*$/m);
if (!exportList) fail('planner.js has no "export { … }" line');
const defaultExport = exportList[1]
  .split(',')
  .map((part) => part.trim().match(/^(\w+) as default$/))
  .find(Boolean);
if (!defaultExport) fail('planner.js exports no default init function');
const initName = defaultExport[1];
glue = glue
  .replace(exportList[0], '')
  .replace(/^export (?=(async )?(class|function|const|let|var) )/gm, '');
if (/^export\s/m.test(glue)) fail('planner.js has an export this tool does not understand');

// 3. The wasm, as base64 decoded to bytes in the page (no fetch: connect-src is 'none').
const wasm = read('planner_bg.wasm');
const wasmBase64 = wasm.toString('base64');

// 4. Start-up: public/boot.js's job, minus the service worker (there is none here, and
// none can be registered from file://) and with the wasm's bytes instead of its URL.
const boot = `
// --- start-up (single-file build; see public/boot.js for the served build) ---
const PLANNER_WASM_BASE64 = ${JSON.stringify(wasmBase64)};

function plannerWasmBytes() {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(PLANNER_WASM_BASE64);
  const binary = atob(PLANNER_WASM_BASE64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

${initName}({ module_or_path: plannerWasmBytes() })
  .then(() => {
    const loading = document.getElementById('loading');
    if (loading) loading.remove();
  })
  .catch((error) => {
    const loading = document.getElementById('loading');
    if (loading) {
      loading.setAttribute('role', 'alert');
      loading.textContent =
        'The planner could not start in this browser. Try the latest Chrome, Edge or Firefox. (' +
        String(error) + ')';
    }
  });
`;

const script = `${glue.trim()}\n${boot}`;
// Inside a <script>, "</script" ends the element and "<!--" changes how it is parsed.
if (/<\/script|<!--/i.test(script)) fail('the script contains "</script" or "<!--"');

const sha256 = (body) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
const csp = [
  "default-src 'none'",
  `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
  `style-src ${sha256(css)}`,
  'img-src data:',
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

// The favicon, inlined too, so opening the file asks for nothing else from disk.
const favicon = `data:image/svg+xml;base64,${read('favicon.svg').toString('base64')}`;

const page = `<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <meta name="referrer" content="no-referrer">
    <meta name="planner-import" content="in-page">
    <title>Personalisation Planner</title>
    <link rel="icon" href="${favicon}" type="image/svg+xml">
    <style>${css}</style>
    <script type="module">${script}</script>
  </head>
  <body>
    <noscript>The Personalisation Planner needs JavaScript and WebAssembly turned on.</noscript>
    <div id="loading" class="loading" role="status">Loading the planner…</div>
  </body>
</html>
`;

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, page);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const gzipped = gzipSync(Buffer.from(page), { level: 9 }).length;
console.log(
  `single-file: ${out}: ${kb(Buffer.byteLength(page))} (${kb(gzipped)} gzipped; wasm ${kb(wasm.length)})`,
);
