// `trackplan diff`: compares the registry with its state at a git ref (or in another folder),
// classifies every change, and exits 1 when the config's compatibility mode forbids one.
import { diffRegistries } from '../diff/compare.js';
import { DiffSourceError } from '../diff/git.js';
import { loadSides } from '../diff/load.js';
import { loadConfig, repositoryRoot } from '../load/config.js';
import { formatDiff, type DiffFormat } from '../report/diff-format.js';
import { RULE_IDS } from '../rules/index.js';
import type { Io } from './main.js';

export interface DiffOptions {
  base?: string;
  baseDir?: string;
  config?: string;
  format: DiffFormat;
}

export async function diffCommand(opts: DiffOptions, io: Io): Promise<number> {
  if ((opts.base === undefined) === (opts.baseDir === undefined)) {
    io.err('trackplan: give either --base <git-ref> or --base-dir <folder>, e.g. `trackplan diff --base origin/main`.\n');
    return 2;
  }
  const config = loadConfig(io.cwd, opts.config, RULE_IDS);
  let sides;
  try {
    sides = loadSides(config.registry, opts.base !== undefined ? { ref: opts.base } : { dir: opts.baseDir! }, io.cwd);
  } catch (e) {
    if (!(e instanceof DiffSourceError)) throw e;
    io.err(`trackplan: ${e.message}\n`);
    return 2;
  }
  const result = diffRegistries(sides.base, sides.head, config.compatibility);
  io.out(formatDiff(opts.format, result, { cwd: io.cwd, color: io.color, root: repositoryRoot(config.dir), base: sides.baseLabel }));
  if (sides.problemFiles > 0) {
    io.err(`trackplan: ${sides.problemFiles} file${sides.problemFiles === 1 ? '' : 's'} could not be read as definitions and ${sides.problemFiles === 1 ? 'was' : 'were'} left out of the comparison; \`trackplan lint\` says why.\n`);
  }
  return result.counts.blocking > 0 ? 1 : 0;
}
