// Prints the gzipped size of everything the browser downloads from dist/.
//   node tools/size.mjs [dist]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = process.argv[2] || 'dist';
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push(path);
  }
};
walk(root);
let raw = 0;
let gzipped = 0;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
for (const path of files.sort()) {
  const body = readFileSync(path);
  const zipped = gzipSync(body, { level: 9 }).length;
  raw += body.length;
  gzipped += zipped;
  console.log(`${relative(root, path).padEnd(32)} ${kb(body.length).padStart(11)} ${kb(zipped).padStart(11)} gzipped`);
}
console.log(`${'total'.padEnd(32)} ${kb(raw).padStart(11)} ${kb(gzipped).padStart(11)} gzipped`);
