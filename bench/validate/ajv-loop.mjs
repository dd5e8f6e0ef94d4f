// The straightforward loop: one Ajv validator per generated event schema (strict, ajv-formats),
// dispatched on event_name. Prints how many lines it found invalid.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { forEachLine } from './lines.mjs';

const [file, schemas, root] = process.argv.slice(2);
const require = createRequire(path.join(root, 'package.json'));
const { Ajv2020 } = require('ajv/dist/2020');
const addFormats = require('ajv-formats');
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validators = new Map();
for (const f of fs.readdirSync(schemas).filter((f) => f.endsWith('.schema.json'))) {
  const schema = JSON.parse(fs.readFileSync(path.join(schemas, f), 'utf8'));
  validators.set(schema.title, ajv.compile(schema));
}
let invalid = 0;
await forEachLine(file, (line) => {
  let event;
  try { event = JSON.parse(line); } catch { invalid++; return; }
  const validate = validators.get(event?.event_name);
  if (!validate || !validate(event)) invalid++;
});
process.stdout.write(`${JSON.stringify({ invalid })}\n`);
