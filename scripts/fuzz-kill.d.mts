// Types of scripts/fuzz-kill.mjs for the test that runs a short campaign.
export function campaign(options?: { cases?: number; seconds?: number; events?: number; builds?: number; freezes?: number; checkEvery?: number; seed?: number; log?: (counts: object) => void }):
  Promise<{ cases: number; kills: number; freezes: number; builds: number; whole: [number, number]; absent: number; betweenRenames: number; checks: number; failures: Array<Record<string, unknown>> }>;
