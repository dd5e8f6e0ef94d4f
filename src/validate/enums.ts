// Large enums, checked with a Set. Ajv checks an enum by comparing the value with each of its
// values: with 100,000 values that is 3 ms a value, valid or not (a line of a few such values
// took longer than a megabyte of ordinary lines). For values that are strings, numbers, booleans
// or null, equal in Ajv's sense (fast-deep-equal) is `===`, which is what Set.has decides (but for
// NaN, which JSON cannot write): the same answers, and errors shaped as Ajv's own enum errors.
import { _, stringify, type Ajv2020, type KeywordCxt } from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv';
import type { Schema } from '../compile/json-schema.js';

/** Enums of more values than this are checked with a Set. */
const LARGE = 256;
const KEYWORD = 'x-trackplan-enum';

/** Teaches `ajv` the keyword withSetEnums writes. */
export function addSetEnums(ajv: Ajv2020): void {
  ajv.addKeyword({
    keyword: KEYWORD,
    schemaType: 'array',
    errors: true,
    compile(values: unknown[]) {
      const set = new Set(values);
      const error: Partial<ErrorObject> = { keyword: 'enum', params: { allowedValues: values }, message: 'must be equal to one of the allowed values' };
      const check = (data: unknown): boolean => {
        if (set.has(data)) return true;
        check.errors = [{ ...error }];
        return false;
      };
      check.errors = undefined as Array<Partial<ErrorObject>> | undefined;
      return check;
    },
  });
}

/**
 * The same keyword for validators whose answer alone is read (the fast path's): written as code,
 * so that Ajv can write the validator out as source (see code.ts), the Set made from the values.
 */
export function addSetEnumsAsCode(ajv: Ajv2020): void {
  ajv.addKeyword({
    keyword: KEYWORD,
    schemaType: 'array',
    code(cxt: KeywordCxt) {
      const values = cxt.schema as unknown[];
      const set = cxt.gen.scopeValue('obj', { ref: new Set(values), code: _`new Set(${stringify(values)})` });
      cxt.fail(_`!${set}.has(${cxt.data})`);
    },
  });
}

/** Whether `schema` (from withSetEnums) uses the Set keyword, whose error-collecting form Ajv cannot write out as source. */
export const usesSetEnums = (schema: Schema): boolean => JSON.stringify(schema).includes(`"${KEYWORD}"`);

const primitive = (v: unknown): boolean => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Number.isNaN(v));

/** `schema` with each enum of more than LARGE primitive values written as the Set keyword (the rest unchanged). */
export function withSetEnums(schema: Schema): Schema {
  const walk = (s: unknown): unknown => {
    if (Array.isArray(s)) return s.map(walk);
    if (s === null || typeof s !== 'object') return s;
    // Entries, not assignments: a property named `__proto__` stays a property.
    return Object.fromEntries(Object.entries(s as Schema).map(([k, v]) => {
      if (k === 'enum' && Array.isArray(v) && v.length > LARGE && v.every(primitive)) return [KEYWORD, v];
      // Values, not schemas (or, under `properties`, a property of that name): left as they are.
      if (k === 'enum' || k === 'const' || k === 'default' || k === 'examples') return [k, v];
      return [k, walk(v)];
    }));
  };
  return walk(schema) as Schema;
}
