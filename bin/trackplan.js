#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm ci` (prepare), `npm pack` (prepack) or
// `npm run build`. Only a missing dist/ means "not built"; any other failure to load (a
// dependency that is not installed, say) is reported as it is.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
const fail = (message) => {
  process.stderr.write(`trackplan: ${message}\n`);
  process.exit(2);
};
if (!fs.existsSync(main)) fail(`not built yet: run \`npm ci\` (or \`npm run build\`) in ${fileURLToPath(new URL('..', import.meta.url))}`);
let cli;
try {
  // Before anything loads: see src/validate/young.ts.
  if (process.argv[2] === 'validate') (await import('../dist/validate/young.js')).setSmallYoungGeneration(true);
  cli = await import(main.href);
} catch (e) {
  if (process.env.TRACKPLAN_DEBUG) process.stderr.write(`${e?.stack}\n`);
  fail(`cannot start: ${e?.message ?? e}\nIs trackplan fully installed? Reinstall it (\`npm ci\`, or \`npm install trackplan\`).`);
}
cli.main(process.argv).then((code) => { process.exitCode = code; });
