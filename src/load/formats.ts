// The `format` values trackplan accepts: the string formats ajv-formats can check, so every
// format written in the registry is enforced by the generated validators. (ajv-formats' int32,
// int64, float and double apply to numbers, and `format` is a string keyword here.)
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { fullFormats } = require('ajv-formats/dist/formats') as { fullFormats: Record<string, unknown> };
const NUMERIC = new Set(['int32', 'int64', 'float', 'double']);

export const FORMATS: readonly string[] = Object.keys(fullFormats).filter((f) => !NUMERIC.has(f)).sort();
