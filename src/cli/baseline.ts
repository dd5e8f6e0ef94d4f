// Reading and writing `.trackplan-baseline.json` for `lint` and `build` (src/lint/baseline.ts
// decides what it holds).
import fs from 'node:fs';
import path from 'node:path';
import { BASELINE_FILE, BaselineError, parseBaseline, serializeBaseline, type Baseline } from '../lint/baseline.js';
import { displayPath } from '../report/index.js';
import { writeFilesInto } from '../write.js';
import { UsageError, type Io } from './main.js';

/** The project's baseline, or undefined when it has none. A file that is no baseline is a usage error. */
export function readBaseline(dir: string, io: Pick<Io, 'cwd'>): Baseline | undefined {
  const file = path.join(dir, BASELINE_FILE);
  let text: string;
  try { text = fs.readFileSync(file, 'utf8'); } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read ${displayPath(io.cwd, file)}: ${(e as Error).message}`);
  }
  try { return parseBaseline(text, displayPath(io.cwd, file)); } catch (e) {
    if (e instanceof BaselineError) throw new UsageError(e.message);
    throw e;
  }
}

/** Writes the baseline whole or not at all. */
export function writeBaseline(dir: string, baseline: Baseline): void {
  writeFilesInto(dir, new Map([[BASELINE_FILE, serializeBaseline(baseline)]]), true);
}
