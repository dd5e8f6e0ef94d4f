// A short run of the kill -9 campaign `npm run fuzz` runs at length (scripts/fuzz-kill.mjs): writers
// of the output folder (the function build writes with, and whole `trackplan build`s) killed or
// frozen at random moments; the folder must always hold one version's output whole. It runs the
// built code (dist/).
import { describe, expect, it } from 'vitest';
import { campaign } from '../scripts/fuzz-kill.mjs';

describe('kill -9 while the output is written', () => {
  it('never leaves a mixed folder, and the next build and check pass', async () => {
    // Checks every 15 kills, a multiple of the whole builds' 5, as the script's defaults (20, 200)
    // are: the check once ran only after a writer, so at those defaults it never ran.
    const result = await campaign({ cases: 400, events: 30, builds: 5, checkEvery: 15, seed: 14 });
    expect(result.failures.slice(0, 3)).toEqual([]);
    expect(result.cases).toBeGreaterThanOrEqual(400);
    expect(result.kills).toBeGreaterThanOrEqual(25);
    expect(result.builds).toBeGreaterThanOrEqual(5);
    expect(result.checks).toBe(Math.floor(result.kills / 15));
    expect(result.checks).toBeGreaterThanOrEqual(1);
    // Both versions were seen whole: the writers got to write.
    expect(Math.min(...result.whole)).toBeGreaterThan(20);
  }, 300_000);
});
