// json-schema-to-typescript as a task of runParallel (parallel.ts): it takes most of a cold
// build (about 1-2 ms an event), and each schema compiles on its own.
import { jstt } from './types.js';
import type { Schema } from './json-schema.js';

export const tasks = {
  /** The raw output, or undefined when jstt fails: the build then calls it again in order, and fails there as it would have. */
  jstt: async (schema: Schema): Promise<string | undefined> => {
    try { return await jstt(schema); } catch { return undefined; }
  },
};
