// The generated TypeScript compiles under `tsc --strict` and enforces the plan: one tsc run (it is
// the slow part) checks the bundled registry, a registry of hostile text and the Iglu corpus.
// `// @ts-expect-error` lines prove that mistakes do not compile (tsc reports an unused one),
// and a copy without those comments proves each fails on its own line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Artifacts } from '../../src/compile/index.js';
import { cleanup, cli, ROOT, tempDir } from '../helpers.js';
import { compileDir, hostileProject, IGLU, validators } from './support.js';

afterAll(cleanup);

const BUNDLED_USAGE = `import { createTracker } from './types/tracker.js';
import type { EventName, EventProperties, TrackplanEvent } from './types/index.js';

const sent: TrackplanEvent[] = [];
const tracker = createTracker({ send: (e) => { sent.push(e); }, userId: () => 'user-1' });
const id = '0f8fad5b-d9cb-469f-a165-70867728950e';

const created = tracker.track('project_created', { project_id: id, plan_type: 'pro', template: 'kanban', is_private: false, tags: ['a'] });
const name: 'project_created' = created.event_name;
const template: 'blank' | 'kanban' | 'scrum' = created.properties.template;
tracker.track('user_logged_out', { source: 'cli' });
const props: EventProperties<'login_failed'> = { login_method: 'sso', failure_reason: 'sso_error', source: 'web' };
tracker.track('login_failed', props);
const names: EventName[] = ['project_created', 'report_exported'];

function describeEvent(e: TrackplanEvent): string {
  if (e.event_name === 'login_failed') return e.properties.failure_reason; // narrowed by event_name
  return e.event_name;
}

// @ts-expect-error an unknown event name
tracker.track('project_craeted', { project_id: id, plan_type: 'pro', template: 'kanban', is_private: false });
// @ts-expect-error an unknown property
tracker.track('project_created', { project_id: id, plan_type: 'pro', template: 'kanban', is_private: false, colour: 'red' });
// @ts-expect-error a missing required property
tracker.track('project_created', { project_id: id, plan_type: 'pro', template: 'kanban' });
// @ts-expect-error a wrong type
tracker.track('project_created', { project_id: id, plan_type: 'pro', template: 'kanban', is_private: 'no' });
// @ts-expect-error a value outside an inline enum
tracker.track('project_created', { project_id: id, plan_type: 'pro', template: 'gantt', is_private: false });
// @ts-expect-error a value outside a shared property's enum
tracker.track('project_created', { project_id: id, plan_type: 'platinum', template: 'kanban', is_private: false });
// @ts-expect-error a wrong type inside an array
tracker.track('project_created', { project_id: id, plan_type: 'pro', template: 'kanban', is_private: false, tags: [1] });
// @ts-expect-error properties of another event
tracker.track('login_failed', { project_id: id, plan_type: 'pro', template: 'kanban', is_private: false });
// @ts-expect-error the envelope's event_name is a literal
const wrong: 'login_failed' = created.event_name;

export { name, template, names, describeEvent, wrong };
`;

const HOSTILE_USAGE = `import { createTracker } from './types/tracker.js';
import type { ClassCreatedProperties, EventName } from './types/index.js';

const tracker = createTracker({ send: () => {}, userId: 'u' });
const p: ClassCreatedProperties = {
  constructor: 'c', default: 1, __proto_x__: '\${d}', hasOwnProperty: null, toString: 't', enum: 'p*/',
  prototype: { constructor: 1, 'kebab-key': 'k', 'with space': ['s'] },
  '*/': 'x', '\${x}': 'y', '\`y\`': 'z', interface: { any: 1 }, function: [1, 'a'],
};
tracker.track('class_created', p);
tracker.track('class_created', { ...p, valueOf: 2, prototype: { ...p.prototype, isPrototypeOf: true } });
// @ts-expect-error a wrong type for an optional property named like an inherited member
tracker.track('class_created', { ...p, valueOf: 'two' });
tracker.track('e2e_step_2_done', {});
// @ts-expect-error an event without properties takes none
tracker.track('e2e_step_2_done', { extra: 1 });
// @ts-expect-error a value outside an enum whose values hold hostile text
tracker.track('class_created', { ...p, __proto_x__: 'a*/' });
const all: EventName[] = ['class_created', 'e2e_step_2_done'];
export { all };
`;

const IGLU_USAGE = `import { createTracker } from './types/tracker.js';
import type { EventName, TrackplanEvent } from './types/index.js';
const tracker = createTracker({ send: (e: TrackplanEvent) => { void e; }, userId: 'u' });
export const names: EventName[] = ['link_click'];
export const click = tracker.track('link_click', { target_url: 'https://example.com' });
`;

interface Diagnostic { file: string; line: number; code: string; message: string }
let diagnostics: Diagnostic[] = [];
let bundled: Artifacts;
let dir: string;
let igluBuild: { code: number | null; stdout: string; stderr: string; ms: number };

const put = (file: string, text: string) => { fs.mkdirSync(path.dirname(file), { recursive: true }); fs.writeFileSync(file, text); };
const putTypes = (at: string, artifacts: Artifacts) => {
  for (const [file, text] of artifacts) if (file.startsWith('types/')) put(path.join(at, file), text);
};
/** The expected-error lines, and the same file with each such comment turned into a marker. */
const withoutExpectations = (source: string) => {
  const lines = source.split('\n');
  const expected = lines.flatMap((l, i) => (l.startsWith('// @ts-expect-error') ? [i + 2] : []));
  return { expected, text: lines.map((l) => (l.startsWith('// @ts-expect-error') ? '// (expected error below)' : l)).join('\n') };
};

beforeAll(async () => {
  dir = tempDir();
  bundled = await compileDir(ROOT);
  putTypes(path.join(dir, 'bundled'), bundled);
  put(path.join(dir, 'bundled/usage.ts'), BUNDLED_USAGE);
  put(path.join(dir, 'bundled/raw.ts'), withoutExpectations(BUNDLED_USAGE).text);
  putTypes(path.join(dir, 'hostile'), await compileDir(hostileProject()));
  put(path.join(dir, 'hostile/usage.ts'), HOSTILE_USAGE);
  put(path.join(dir, 'hostile/raw.ts'), withoutExpectations(HOSTILE_USAGE).text);
  // The Iglu corpus through the real CLI, run from its folder (read-only: the output goes elsewhere).
  const start = performance.now();
  igluBuild = { ...cli(['build', '--out', path.join(dir, 'iglu')], IGLU), ms: performance.now() - start };
  put(path.join(dir, 'iglu/usage.ts'), IGLU_USAGE);
  // Strict, and no DOM or Node types: the tracker must not depend on either.
  put(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'], types: [], noUnusedLocals: false },
    include: ['**/*.ts'],
  }));
  // From the folder itself, so tsc names files relative to it wherever the checkout is.
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir, '--pretty', 'false'], { encoding: 'utf8', cwd: dir });
  diagnostics = r.stdout.split('\n').flatMap((l) => {
    const m = /^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/.exec(l);
    return m ? [{ file: path.relative(dir, path.resolve(dir, m[1]!)).split(path.sep).join('/'), line: Number(m[2]), code: m[3]!, message: m[4]! }] : [];
  });
  if (r.status !== 0 && diagnostics.length === 0) throw new Error(`tsc failed: ${r.stdout}${r.stderr}`);
  // Every diagnostic must map to a file of the folder, or the tests below would pass vacuously.
  const stray = diagnostics.filter((d) => d.file.startsWith('..'));
  if (stray.length) throw new Error(`tsc reported files outside ${dir}: ${stray.map((d) => d.file).join(', ')}`);
}, 120_000);

const errorsIn = (file: string) => diagnostics.filter((d) => d.file === file);

describe('generated types under tsc --strict', () => {
  it('the bundled registry: valid calls compile, every @ts-expect-error is used', () => {
    expect(errorsIn('bundled/types/index.ts')).toEqual([]);
    expect(errorsIn('bundled/types/tracker.ts')).toEqual([]);
    expect(errorsIn('bundled/usage.ts')).toEqual([]);
  });

  it('the bundled registry: each mistake fails on its own line', () => {
    const { expected } = withoutExpectations(BUNDLED_USAGE);
    expect(expected).toHaveLength(9);
    expect([...new Set(errorsIn('bundled/raw.ts').map((d) => d.line))]).toEqual(expected);
  });

  it('hostile text gives valid TypeScript that keeps every name', () => {
    expect(errorsIn('hostile/types/index.ts')).toEqual([]);
    expect(errorsIn('hostile/usage.ts')).toEqual([]);
    expect([...new Set(errorsIn('hostile/raw.ts').map((d) => d.line))]).toEqual(withoutExpectations(HOSTILE_USAGE).expected);
  });

  it('the Iglu corpus builds from its folder and its types compile', () => {
    expect(igluBuild.code, igluBuild.stderr).toBe(0);
    expect(igluBuild.stdout).toMatch(/^Built 478 events into /);
    expect(diagnostics.filter((d) => d.file.startsWith('iglu/'))).toEqual([]);
    console.log(`Iglu build: ${Math.round(igluBuild.ms)} ms (CLI process, wall time)`);
  });

  it('nothing else failed', () => {
    expect(diagnostics.filter((d) => !d.file.endsWith('raw.ts'))).toEqual([]);
  });
});

describe('the tracker at run time', () => {
  it('fills the envelope, validates when asked, sends, and refuses an event without a user', async () => {
    const source = bundled.get('types/tracker.ts')!;
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const file = path.join(dir, 'tracker.mjs');
    fs.writeFileSync(file, js);
    const { createTracker } = await import(pathToFileURL(file).href) as { createTracker: (o: object) => { track: (n: string, p: object) => Record<string, unknown> } };
    const { byName } = validators(bundled);
    const sent: unknown[] = [];
    const checked: unknown[] = [];
    let user: string | undefined = 'user-1';
    const tracker = createTracker({ send: (e: unknown) => sent.push(e), userId: () => user, validate: (e: { event_name: string }) => {
      checked.push(e);
      if (!byName.get(e.event_name)!(e)) throw new Error('invalid');
    } });
    const props = { project_id: '0f8fad5b-d9cb-469f-a165-70867728950e', plan_type: 'pro', template: 'kanban', is_private: false };
    const e = tracker.track('project_created', props);
    expect(e).toMatchObject({ event_name: 'project_created', user_id: 'user-1', properties: props });
    expect(e.event_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Date(e.event_time as string).toISOString()).toBe(e.event_time);
    expect(sent).toEqual([e]);
    expect(checked).toEqual([e]);
    expect(() => tracker.track('project_created', { ...props, template: 'gantt' })).toThrow('invalid');
    expect(sent).toHaveLength(1);
    user = undefined;
    expect(() => tracker.track('project_created', props)).toThrow(/no user id/);
    // No side effect at import, and no Proxy or schema code in it.
    expect(js).not.toMatch(/Proxy|\$schema|ajv/i);
    expect(js.replace(/^export function[\s\S]*$/m, '')).not.toMatch(/^\w+\(/m);
  });
});
