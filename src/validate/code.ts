// The fast path's validators as source code, made once and run by every thread that checks lines.
//
// Why: Ajv takes 2-3 ms to compile a property schema (its code generator, and checking the
// schema against the meta-schema), about 0.8 s for the 313 distinct property schemas of the
// bench's 1,000 events; each worker thread compiled them all again. Ajv can write a compiled
// validator out as a module's source (its "standalone" code): the plan thread writes every one
// once, the plan cache keeps them, and a thread turns the source into a function when it first
// needs it (about 0.1 ms each). The code is what Ajv compiles the same schema to, with the same
// options and formats, so the answers are Ajv's. So are the validators that collect every error,
// for the lines the fast path refuses (the first refused value of a property had each thread
// compile one): their errors are Ajv's, the schemas they carry copies written in the code.
import { createRequire } from 'node:module';
import { _, Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import standaloneModule from 'ajv/dist/standalone/index.js';
import type { Schema } from '../compile/json-schema.js';
import { addSetEnums, addSetEnumsAsCode, usesSetEnums, withSetEnums } from './enums.js';
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

/**
 * For the slow path: `verbose` puts the value and its schema in each error, for the messages;
 * `all` collects every error, rather than stopping at the first.
 */
export function errorsAjv(all: boolean): Ajv2020 {
  const ajv = new Ajv2020({ ...OPTIONS, verbose: true, ...(all ? { allErrors: true } : {}), code: { source: true, formats: _`formats` } });
  addFormats(ajv);
  addFastFormats(ajv);
  addSetEnums(ajv);
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

/**
 * The source of the envelope's and of every property's fast validator, and of each property's
 * validator that collects every error (null where a Set enum leaves Ajv to compile it), for Plan.code.
 */
export function planCode(plan: Plan): NonNullable<Plan['code']> {
  const fast = fastAjv();
  const full = errorsAjv(true);
  const properties = plan.properties.map(withSetEnums);
  return {
    envelope: sourceOf(fast, fastEnvelope(plan.envelope)),
    properties: properties.map((p) => sourceOf(fast, p)),
    full: properties.map((p) => (usesSetEnums(p) ? null : sourceOf(full, p))),
  };
}

// The code requires Ajv's runtime helpers (ucs2length, equal): resolved from here, as Ajv's own.
const require = createRequire(import.meta.url);

/** The validator `source` (from sourceOf) defines; `formats`: an Ajv's of this module (all have the same). */
export function fromSource(source: string, formats: Ajv2020['formats']): ValidateFunction {
  const module = { exports: {} as unknown };
  new Function('module', 'exports', 'require', 'formats', source)(module, module.exports, require, formats);
  return module.exports as ValidateFunction;
}
