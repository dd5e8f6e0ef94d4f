// The fast path's validators as source code, made once and run by every thread that checks lines.
//
// Why: Ajv takes 2-3 ms to compile a property schema (its code generator, and checking the
// schema against the meta-schema), about 0.8 s for the 313 distinct property schemas of the
// bench's 1,000 events; each worker thread compiled them all again. Ajv can write a compiled
// validator out as a module's source (its "standalone" code): the plan thread writes every one
// once, the plan cache keeps them, and a thread turns the source into a function when it first
// needs it (about 0.1 ms each). The code is what Ajv compiles the same schema to, with the same
// options and formats, so the answers are Ajv's. The validators that collect errors (for the
// lines the fast path refuses) are still compiled by Ajv when first needed: their errors hold the
// schema objects themselves, which the messages read.
import { createRequire } from 'node:module';
import { _, Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import standaloneModule from 'ajv/dist/standalone/index.js';
import type { Schema } from '../compile/json-schema.js';
import { addSetEnumsAsCode, withSetEnums } from './enums.js';
import { addFastFormats } from './formats.js';
import type { Plan } from './plan.js';

// CommonJS under NodeNext: the default imports are module.exports.
const addFormats = addFormatsModule.default;
const standaloneCode = standaloneModule.default;

export const OPTIONS = { strict: true, ownProperties: true } as const;

/** The code's formats are read from the variable `formats`: the `formats` of a fastAjv, given to fromSource. */
export function fastAjv(): Ajv2020 {
  const ajv = new Ajv2020({ ...OPTIONS, code: { source: true, formats: _`formats` } });
  addFormats(ajv);
  addFastFormats(ajv);
  addSetEnumsAsCode(ajv);
  return ajv;
}

/** The envelope as the fast path checks it: `properties` comes as flat pairs (see flat.ts). */
export function fastEnvelope(envelope: Schema): Schema {
  return { ...envelope, properties: { ...(envelope.properties as object), properties: { type: 'array' } } };
}

/** The source of `schema`'s validator: a CommonJS module's body that sets module.exports. */
export function sourceOf(ajv: Ajv2020, schema: Schema): string {
  return standaloneCode(ajv, ajv.compile(schema));
}

/** The source of the envelope's and of every property's fast validator, for Plan.code. */
export function planCode(plan: Plan): NonNullable<Plan['code']> {
  const ajv = fastAjv();
  return { envelope: sourceOf(ajv, fastEnvelope(plan.envelope)), properties: plan.properties.map((p) => sourceOf(ajv, withSetEnums(p))) };
}

// The code requires Ajv's runtime helpers (ucs2length, equal): resolved from here, as Ajv's own.
const require = createRequire(import.meta.url);

/** The validator `source` (from sourceOf) defines; `formats`: a fastAjv's. */
export function fromSource(source: string, formats: Ajv2020['formats']): ValidateFunction {
  const module = { exports: {} as unknown };
  new Function('module', 'exports', 'require', 'formats', source)(module, module.exports, require, formats);
  return module.exports as ValidateFunction;
}
