// Types of scripts/fuzz-validate.mjs for the test that runs a short campaign.
export function hostileFiles(seed?: number): Record<string, string>;
export function fuzz(options?: { cases?: number; seconds?: number; seed?: number; batch?: number; workersEvery?: number }):
  Promise<{ cases: number; valid: number; invalid: number; workerBatches: number; besideGroups: number; byRegistry: Record<string, number>; failures: Array<Record<string, unknown>> }>;
