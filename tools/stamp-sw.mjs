// Stamps the service worker with the exact list of built files and a hash of all of them,
// so any change to the app changes sw.js and browsers install the new version (SPEC §10).
//
// Run by trunk as a post_build hook (Trunk.toml), on the staging directory trunk passes in
// TRUNK_STAGING_DIR, before it replaces dist/. By hand: node tools/stamp-sw.mjs [dir]
// (default dist). Idempotent: stamping a stamped sw.js again gives the same bytes.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const WORKER = 'sw.js';
const STAMP = /\/\* stamp:begin \*\/\n[\s\S]*?\/\* stamp:end \*\//;

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR || 'dist';

/** Every file under `root`, as sorted '/'-separated relative paths (dot-files skipped). */
const listFiles = (root) => {
  const files = [];
  const walk = (path) => {
    for (const name of readdirSync(path)) {
      if (name.startsWith('.')) continue;
      const child = join(path, name);
      if (statSync(child).isDirectory()) walk(child);
      else files.push(relative(root, child).split(sep).join('/'));
    }
  };
  walk(root);
  return files.sort();
};

const workerPath = join(dir, WORKER);
const worker = readFileSync(workerPath, 'utf8');
const stamps = worker.match(new RegExp(STAMP.source, 'g')) || [];
if (stamps.length !== 1) {
  console.error(`stamp-sw: expected one "stamp:begin … stamp:end" block in ${workerPath}`);
  process.exit(1);
}

const files = listFiles(dir).filter((file) => file !== WORKER);
if (!files.includes('index.html')) {
  console.error(`stamp-sw: no index.html in ${dir}`);
  process.exit(1);
}

// sha256 over every file's name and bytes, and over the worker's own code (without the
// stamp), so a change to any of them gives a new version.
const hash = createHash('sha256');
for (const file of files) {
  const body = readFileSync(join(dir, file));
  hash.update(`${file}\0${body.length}\0`);
  hash.update(body);
}
hash.update(`${WORKER}\0`);
hash.update(worker.replace(STAMP, ''));
const version = hash.digest('hex');

// URLs relative to the worker; the page itself is cached as './', the scope's own URL.
const urls = files.map((file) => (file === 'index.html' ? './' : `./${file}`));
const stamp =
  '/* stamp:begin */\n' +
  `const VERSION = ${JSON.stringify(version)};\n` +
  `const FILES = ${JSON.stringify(urls, null, 2)};\n` +
  '/* stamp:end */';
writeFileSync(workerPath, worker.replace(STAMP, () => stamp));
console.log(`stamp-sw: ${WORKER} version ${version.slice(0, 12)}, ${urls.length} files`);
