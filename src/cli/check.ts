// `trackplan check`: compiles in memory and compares with the output folder, for CI: exit 1
// and every differing file when the committed output is not what the registry gives.
import { diffOutput } from '../write.js';
import { displayPath } from '../report/index.js';
import { lintAndCompile, type BuildOptions } from './build.js';
import type { Io } from './main.js';

export async function checkCommand(opts: BuildOptions, io: Io): Promise<number> {
  const compiled = await lintAndCompile(opts, io);
  if (typeof compiled === 'number') return compiled;
  const { artifacts, out } = compiled;
  const diff = diffOutput(out, artifacts);
  const lines = [
    ...diff.changed.map((f) => `  changed  ${f}`),
    ...diff.missing.map((f) => `  missing  ${f}`),
    ...diff.extra.map((f) => `  extra    ${f}`),
  ];
  const where = `${displayPath(io.cwd, out)}/`;
  if (lines.length === 0) {
    io.out(`${where} is up to date (${artifacts.size} files).\n`);
    return 0;
  }
  io.out(`${where} is out of date: ${lines.length} file${lines.length === 1 ? '' : 's'} differ from what the registry gives. Run \`trackplan build\` and commit the result.\n${lines.join('\n')}\n`);
  return 1;
}
