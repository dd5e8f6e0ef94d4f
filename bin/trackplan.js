#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm ci` (prepare) or `npm run build`.
let cli;
try {
  // Before anything loads: see src/validate/young.ts.
  if (process.argv[2] === 'validate') (await import('../dist/validate/young.js')).setSmallYoungGeneration(true);
  cli = await import('../dist/cli/main.js');
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist')) throw e;
  process.stderr.write('trackplan: not built yet: run `npm ci` (or `npm run build`) in the trackplan folder.\n');
  process.exit(2);
}
cli.main(process.argv).then((code) => { process.exitCode = code; });
