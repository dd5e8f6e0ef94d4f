// Compiles trackplan and eslint-plugin-trackplan to their dist/ folders.
//
//   node scripts/build.mjs                        `prepare`: build both when TypeScript is installed
//   node scripts/build.mjs --pack                 trackplan's `prepack`: empty its dist/, build it
//   node scripts/build.mjs --pack eslint-plugin   the plugin's `prepack`: empty its dist/, build it
//                                                 (and trackplan, whose types it needs, if unbuilt)
//
// npm runs `prepare` after `npm ci` in a clone and when installing from git (dev dependencies
// installed: it builds), but also on `npm install <folder>`, where the folder's dev dependencies
// are not installed: there TypeScript is missing and the folder's dist/ is used as it is (the
// launcher says "not built yet" if there is none) rather than failing the install on `tsc`.
// A tarball ships this script, built dist/ and no sources: should npm run `prepare` there (an
// approved install script of a tarball dependency), there is nothing to do.
// `--pack` starts from empty dist/ folders so a tarball never ships the output of a deleted file.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pack = process.argv.includes('--pack');
const pluginOnly = process.argv.includes('eslint-plugin');
const built = fs.existsSync(path.join(root, 'dist', 'cli', 'main.js'));
const all = [['dist', 'tsconfig.build.json'], ['eslint-plugin/dist', 'eslint-plugin/tsconfig.json']]
  .filter(([, tsconfig]) => fs.existsSync(path.join(root, tsconfig)));
// The plugin compiles against trackplan's types: its prepack builds trackplan first if need be.
const projects = !pack ? all
  : pluginOnly ? all.filter(([dist]) => dist !== 'dist' || !built)
  : all.filter(([dist]) => dist === 'dist');
if (projects.length === 0) process.exit(0);

let tsc;
try {
  tsc = createRequire(path.join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  if (pack) {
    process.stderr.write('trackplan: packing builds dist/ and needs TypeScript: run `npm ci` first.\n');
    process.exit(1);
  }
  if (!built) process.stderr.write(`trackplan: TypeScript is not installed in ${root}, so dist/ is not built: run \`npm ci\` there.\n`);
  process.exit(0);
}
if (pack) for (const [dist] of projects) fs.rmSync(path.join(root, dist), { recursive: true, force: true });
for (const [, tsconfig] of projects) execFileSync(process.execPath, [tsc, '-p', tsconfig], { cwd: root, stdio: 'inherit' });
