// Builds the single-file planner (SPEC §10): one self-contained .html, with the CSS, the
// wasm-bindgen glue (planner.js), the start-up code and the wasm (base64) inlined, that
// runs when opened from disk (file://) on a machine that only allows opening files.
//
//   node tools/single-file.mjs [dist] [out]
//   (defaults: dist, dist-single/personalisation-planner.html; scripts/single-file.sh
//   builds dist first if it is missing)
//
// It carries no copy of the page or the start-up code: it transforms dist/index.html (built
// from index.html) and dist/boot.js (public/boot.js), so a change there reaches this build.
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

// 4. Start-up: public/boot.js itself (copied into dist/ by trunk), transformed: it calls
// the glue's init function by its local name with the wasm's bytes instead of its URL, and
// leaves out the service worker (none can be registered from file://, and the CSP allows
// none). Each change must apply exactly once, so a change to boot.js that this tool does
// not understand fails the build rather than slipping through.
const replaceOnce = (body, what, pattern, replacement) => {
  const matches = body.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`));
  if (!matches || matches.length !== 1) {
    fail(`${what}: expected exactly one match for ${pattern}, found ${matches ? matches.length : 0}`);
  }
  return body.replace(pattern, replacement);
};
let boot = text('boot.js');
boot = replaceOnce(boot, 'boot.js', /^import init from '\.\/planner\.js';\n/m, '');
boot = replaceOnce(
  boot,
  'boot.js',
  /\binit\(\{ module_or_path: new URL\('\.\/planner_bg\.wasm', import\.meta\.url\) \}\)/,
  () => `${initName}({ module_or_path: plannerWasmBytes() })`,
);
boot = replaceOnce(boot, 'boot.js', /\n\s*\.finally\(registerServiceWorker\);/, ';');
// Everything from the offline-support comment on is the service worker's.
boot = replaceOnce(boot, 'boot.js', /\n\/\/ Offline support[\s\S]*$/, '\n');
if (/import\.meta|serviceWorker|\bimport\s/.test(boot)) fail('boot.js still refers to a file or a service worker');
boot = `
// --- start-up: public/boot.js, with the wasm's bytes (see tools/single-file.mjs) ---
const PLANNER_WASM_BASE64 = ${JSON.stringify(wasmBase64)};

function plannerWasmBytes() {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(PLANNER_WASM_BASE64);
  const binary = atob(PLANNER_WASM_BASE64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
${boot}`;

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

// 5. The page: dist/index.html (trunk's build of index.html), transformed. Its stylesheet
// links become the one <style>, boot.js's <script> the one inline script, the favicon a
// data: URL, and the CSP the hash-only one above; trunk's leftover link and blank lines go.
// Replacements are functions so a `$` in the CSS or script is never read as a pattern.
let page = html;
page = replaceOnce(
  page,
  'index.html',
  /(<meta http-equiv="Content-Security-Policy" content=")[^"]*(">)/,
  (_, open, close) => `${open}${csp}${close}\n    <meta name="planner-import" content="in-page">`,
);
page = replaceOnce(page, 'index.html', /^[ \t]*<link data-trunk [^>]*>\n/m, '');
page = replaceOnce(
  page,
  'index.html',
  /^([ \t]*)<link rel="stylesheet" [^>]*>\n(?:[ \t]*<link rel="stylesheet" [^>]*>\n)*/m,
  (_, indent) => `${indent}<style>${css}</style>\n`,
);
page = replaceOnce(page, 'index.html', /(<link rel="icon" href=")favicon\.svg(")/, (_, a, b) => `${a}${favicon}${b}`);
page = replaceOnce(
  page,
  'index.html',
  /<script type="module" src="(\.\/)?boot\.js"><\/script>/,
  () => `<script type="module">${script}</script>`,
);
page = page.replace(/^[ \t]+\n/gm, '');
if (/<link data-trunk|\ssrc="(?!data:)|\shref="(?!data:)/.test(page)) {
  fail('dist/index.html refers to a file this tool does not inline');
}

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, page);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const gzipped = gzipSync(Buffer.from(page), { level: 9 }).length;
console.log(
  `single-file: ${out}: ${kb(Buffer.byteLength(page))} (${kb(gzipped)} gzipped; wasm ${kb(wasm.length)})`,
);
