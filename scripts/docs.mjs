#!/usr/bin/env node
// Writes the rule documentation from the rules themselves: docs/rules/<id>.md for every rule, and
// the README's rule table between `<!-- rules:start -->` and `<!-- rules:end -->`.
//
//   node scripts/docs.mjs           write the files
//   node scripts/docs.mjs --check   write nothing; exit 1 and list the files that would change
//
// It reads the compiled rules (`npm run build` first). Output is deterministic: LF line endings,
// rules in catalog order, example files in the order the rule lists them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../dist/rules/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOCS = path.join(ROOT, 'docs', 'rules');
const README = path.join(ROOT, 'README.md');
const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--check');
if (unknown.length) {
  process.stderr.write(`docs.mjs: unknown argument ${unknown.join(' ')}. Usage: node scripts/docs.mjs [--check]\n`);
  process.exit(2);
}
const check = args.includes('--check');

const lf = (s) => s.replace(/\r\n?/g, '\n');
const block = (content) => `\`\`\`yaml\n${lf(content).replace(/\n*$/, '\n')}\`\`\``;
/** Prose from a rule: `<name>` outside code spans would be read as an HTML tag, so escape it. */
const md = (s) => s.split(/(`[^`]*`)/).map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;'))).join('');
const cell = (s) => md(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The example files of one side (bad or good), each under its path in the registry. */
const files = (examples) => Object.entries(examples).map(([rel, content]) => ({ path: `registry/${rel}`, content }));

/** A name the rule reports on in its bad example, for the `allow` snippet. */
function subjectOf(rule) {
  const [first] = Object.values(rule.docs.bad);
  const text = lf(first ?? '');
  if (rule.id.startsWith('property-')) {
    const prop = /^properties:\n {2}([^\s:#]+):/m.exec(text);
    if (prop) return prop[1];
  }
  return /^name:\s*([^\s#]+)/m.exec(text)?.[1] ?? 'some_name';
}

// Which findings `allow` can excuse: those about a name. yaml-syntax findings are about a file, and
// the loader's schema findings carry no name either.
const ALLOW = {
  'yaml-syntax': { none: 'Its findings are about a file, not a name, so `allow` cannot excuse them: fix the file.' },
  schema: {
    name: 'payload',
    text: 'Exceptions apply to the warnings about a free-form `object` or an `array` without `items`, and to the findings across files (a broken `$ref` or `replaced_by`, a shared property defined twice), by property or event name. A definition that does not fit the format cannot be excused:',
  },
};

function allowSection(rule) {
  const spec = ALLOW[rule.id] ?? {};
  if (spec.none) return [spec.none, ''];
  return [
    spec.text ?? 'To excuse one event or property name while keeping the rule on, add an exception with the reason why the rule does not apply:',
    '',
    block(`allow:\n  ${rule.id}:\n    - name: ${spec.name ?? subjectOf(rule)}\n      reason: Why the rule does not apply to this name.\n`),
    '',
  ];
}

function rulePage(rule) {
  const example = (title, side) => [
    `## ${title}`,
    '',
    ...files(side).flatMap((f) => [`\`${f.path}\`:`, '', block(f.content), '']),
  ];
  return [
    `# ${rule.id}`,
    '',
    md(rule.description),
    '',
    `Default severity: \`${rule.defaultSeverity}\`.`,
    '',
    '## Why',
    '',
    md(rule.docs.rationale),
    '',
    ...example('Bad', rule.docs.bad),
    ...example('Good', rule.docs.good),
    '## Configuration',
    '',
    `Set the severity in \`trackplan.config.yaml\` (\`off\`, \`warn\` or \`error\`; the default is \`${rule.defaultSeverity}\`). A \`warn\` finding does not fail \`trackplan lint\` unless \`--max-warnings\` is exceeded; \`off\` turns the rule off:`,
    '',
    block(`rules:\n  ${rule.id}: warn\n`),
    '',
    ...allowSection(rule),
    '[All rules](../../README.md#rules)',
    '',
  ].join('\n');
}

function readmeSection() {
  const lines = [
    START,
    '',
    '| Rule | Description | Default |',
    '| --- | --- | --- |',
    ...RULES.map((r) => `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${cell(r.description)} | \`${r.defaultSeverity}\` |`),
    '',
  ];
  const side = (label, examples) => {
    const list = files(examples);
    return [`${label}:`, '', block(list.map((f) => `# ${f.path}\n${lf(f.content).replace(/\n*$/, '\n')}`).join('\n')), ''];
  };
  for (const r of RULES) {
    lines.push(`### ${r.id}`, '', md(r.description), '', ...side('Bad', r.docs.bad), ...side('Good', r.docs.good));
  }
  lines.push(END);
  return lines.join('\n');
}

/** Every file this script owns, with the content it should have; `null` means it should not exist. */
function desired() {
  const out = new Map();
  for (const r of RULES) out.set(path.join(DOCS, `${r.id}.md`), rulePage(r));
  // Pages of rules that no longer exist.
  if (fs.existsSync(DOCS)) {
    for (const f of fs.readdirSync(DOCS).sort()) {
      const p = path.join(DOCS, f);
      if (f.endsWith('.md') && !out.has(p)) out.set(p, null);
    }
  }
  const readme = fs.readFileSync(README, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) {
    process.stderr.write(`docs.mjs: README.md needs the markers ${START} and ${END}, in that order.\n`);
    process.exit(2);
  }
  out.set(README, lf(readme.slice(0, start) + readmeSection() + readme.slice(end + END.length)));
  return out;
}

const changed = [];
for (const [file, content] of desired()) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  if (current === content) continue;
  changed.push(path.relative(ROOT, file).split(path.sep).join('/'));
  if (check) continue;
  if (content === null) fs.rmSync(file);
  else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

if (check) {
  if (changed.length) {
    process.stderr.write(`docs.mjs: out of date (run \`npm run docs\`):\n${changed.map((f) => `  ${f}\n`).join('')}`);
    process.exit(1);
  }
  process.stdout.write('docs.mjs: docs are up to date.\n');
} else {
  process.stdout.write(changed.length ? `docs.mjs: wrote ${changed.join(', ')}\n` : 'docs.mjs: nothing to change.\n');
}
