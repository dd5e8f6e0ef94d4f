// Adopting an imported plan, end to end, for every format: `import`, `lint --update-baseline`,
// then `lint` and `build` pass (the baseline holds the findings), tsc accepts the generated types,
// and `validate` accepts events sent under their old names, with the alias warning. The inputs are
// the fixtures of test/import.test.ts (their READMEs say where each comes from).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, cli, FIXTURES, project, ROOT, tempDir } from './helpers.js';

afterAll(cleanup);

const line = (n: number, name: string, props: object) => JSON.stringify({
  event_id: `0f8fad5b-d9cb-469f-a165-${String(n).padStart(12, '0')}`, event_name: name, event_time: '2026-05-01T12:00:00Z', user_id: 'u1', properties: props,
});

interface Case {
  format: string;
  input: string;
  /** Events sent under an old name (the name, the event it is an alias of, its properties). */
  sent: Array<[string, string, object]>;
}

const CASES: Case[] = [
  { format: 'segment', input: 'segment/plan.json', sent: [['Event Collided', 'event_collided_2', {}], ['42_--terrible==\\"event\'++name~!3', 'terrible_event_name_3', {}]] },
  { format: 'segment', input: 'segment/plan-v1.json', sent: [['Empty Event', 'empty_event', {}]] },
  { format: 'jsonschema', input: 'iglu-raw', sent: [['com.google.analytics.ecommerce/transaction', 'ecommerce_transaction', { id: 't1', revenue: 1 }]] },
  { format: 'amplitude', input: 'amplitude/events.csv', sent: [['Order Completed', 'order_completed', { order_id: 'ord_12345', total_price: 1999, cart_id: 'c1' }], ['signupComplete', 'signup_complete', {}]] },
  { format: 'avo', input: 'avo/tracking-plan.json', sent: [['Debugger Opened', 'debugger_started', { debugger_location: 'toolbar', debugger_mode: 'Option 1' }]] },
];

const typesRoot = tempDir();

describe.each(CASES)('adopting an imported plan: $format $input', ({ format, input, sent }) => {
  const dir = project({ 'trackplan.config.yaml': 'registry: registry\n' });

  it('imports, records a baseline, then lints and builds clean', () => {
    const imported = cli(['import', format, path.join(FIXTURES, input)], dir);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBeLessThanOrEqual(1);
    const lint = cli(['lint', '--no-cache'], dir);
    expect(lint.code).toBe(1); // a wall of naming and documentation findings on day one
    expect(cli(['lint', '--update-baseline', '--no-cache'], dir)).toMatchObject({ code: 0, stdout: '' });
    const again = cli(['lint'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^\d[\d,]* known findings? held by \.trackplan-baseline\.json \(`--no-baseline` shows them\)\.\n$/);
    const build = cli(['build', '--no-cache'], dir);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/^Built \d+ events? into generated\/ .*\n\d[\d,]* known findings? held/);
    expect(cli(['check'], dir).code).toBe(0);
    fs.cpSync(path.join(dir, 'generated', 'types'), path.join(typesRoot, `${format}-${path.basename(input).replace(/\W/g, '_')}`), { recursive: true });
  });

  it('accepts events sent under their old names, with one warning naming the event', () => {
    const data = `${sent.map(([name, , props], i) => line(i + 1, name, props)).join('\n')}\n`;
    const r = cli(['validate', '-', '--no-cache'], dir, data);
    for (const [name, canonical] of sent) expect(r.stdout).toContain(` event_name: \`${name}\` is an old name (alias) of \`${canonical}\``);
    expect(r.stdout).not.toMatch(/ error /);
    expect(r.code).toBe(0);
  });
});

describe('the generated types of every imported plan', () => {
  it('compile under strict tsc', () => {
    fs.writeFileSync(path.join(typesRoot, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'], types: [] },
      include: ['**/*.ts'],
    }));
    expect(fs.readdirSync(typesRoot).filter((f) => f !== 'tsconfig.json')).toHaveLength(CASES.length);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', typesRoot, '--pretty', 'false'], { encoding: 'utf8', cwd: typesRoot });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});
