// A short run of the differential campaign `npm run fuzz` runs at length (scripts/fuzz-validate.mjs):
// mutated lines of three registries, validate's verdicts held to Ajv on the generated schemas,
// some batches through worker threads. It runs the built code (dist/).
import { describe, expect, it } from 'vitest';
import { fuzz } from '../../scripts/fuzz-validate.mjs';

describe('validate against Ajv, on mutated lines', () => {
  it('agrees on every line, in this thread and in worker threads', async () => {
    const result = await fuzz({ cases: 6000, seed: 14, batch: 400, workersEvery: 3 });
    expect(result.failures.slice(0, 3)).toEqual([]);
    expect(result.cases).toBe(6000);
    expect(result.workerBatches).toBeGreaterThanOrEqual(4);
    // Both kinds of line, from each registry.
    expect(result.valid).toBeGreaterThan(600);
    expect(result.invalid).toBeGreaterThan(600);
    expect(Object.values(result.byRegistry).every((n) => n >= 1600)).toBe(true);
    // Members named like Object.prototype's beside allOf groups (issue 14, item 1's shape past 500 properties).
    expect(result.besideGroups).toBeGreaterThan(300);
  }, 300_000);
});
