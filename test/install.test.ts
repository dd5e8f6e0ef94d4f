// trackplan as a team installs it. Both packages are packed as `npm pack` packs them (their
// `prepack` builds dist/), in a copy of the repository's sources so the suite's own dist/ is never
// rebuilt under the other tests' feet; the tarballs go into two fresh apps outside the repository,
// one ESM and one CommonJS, where the commands run as a user runs them: `npx trackplan init`,
// lint, build, `tsc` on app code that uses the generated tracker, and ESLint with the plugin
// configured as its README shows.
//
// It needs the npm registry for eslint and typescript, read through npm's usual cache (the one
// `npm ci` filled, shared by both apps) with --prefer-offline, so a warm run fetches nothing.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const run = promisify(execFile);
type Manifest = { version: string; devDependencies: Record<string, string> };
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const pluginPkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'eslint-plugin/package.json'), 'utf8')) as Manifest;
const pluginReadme = fs.readFileSync(path.join(ROOT, 'eslint-plugin/README.md'), 'utf8');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trackplan-install-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

// A user's shell, not `npm test`'s: npm's lifecycle variables (the repository as local prefix,
// its package.json) would leak into the apps' npm. The cache and registry settings are kept.
const env = Object.fromEntries(Object.entries(process.env)
  .filter(([k]) => !/^(npm_|INIT_CWD$)/i.test(k) || /^npm_config_(cache|registry|userconfig)$/i.test(k)));
env.NO_COLOR = '1';

interface Result { code: number; stdout: string; stderr: string }
async function sh(cwd: string, command: string, args: string[]): Promise<Result> {
  try {
    const r = await run(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 150_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code?: number | string; stdout?: string; stderr?: string; message: string };
    if (typeof x.code !== 'number') throw e;
    return { code: x.code, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}
async function ok(cwd: string, command: string, args: string[]): Promise<Result> {
  const r = await sh(cwd, command, args);
  if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** The repository's sources (what a clone holds before `npm ci`), with its node_modules linked. */
function copySources(to: string): void {
  const skip = new Set(['.git', 'node_modules', 'dist', 'test', 'bench', 'generated', 'registry', 'coverage', 'test-artifacts',
    'eslint-plugin/dist', 'eslint-plugin/node_modules']);
  fs.cpSync(ROOT, to, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(ROOT, src).split(path.sep).join('/');
      return !skip.has(rel) && !rel.startsWith('.trackplan-') && !rel.endsWith('.tgz');
    },
  });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(to, 'node_modules'), 'dir');
}

interface Packed { filename: string; files: { path: string }[] }
async function pack(dir: string, dest: string): Promise<Packed> {
  const r = await ok(dir, 'npm', ['pack', '--json', '--pack-destination', dest]);
  return (JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as Packed[])[0]!;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`Not JSON:\n${text}`);
  }
}

const packed: { trackplan?: Packed; plugin?: Packed } = {};
const apps = { esm: path.join(work, 'app-esm'), cjs: path.join(work, 'app-cjs') };

beforeAll(async () => {
  const src = path.join(work, 'src');
  const tarballs = path.join(work, 'tarballs');
  fs.mkdirSync(tarballs);
  copySources(src);
  packed.trackplan = await pack(src, tarballs);
  packed.plugin = await pack(path.join(src, 'eslint-plugin'), tarballs);
  await Promise.all(Object.entries(apps).map(async ([kind, app]) => {
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), `${JSON.stringify({ name: `app-${kind}`, private: true, type: kind === 'esm' ? 'module' : 'commonjs' }, null, 2)}\n`);
    await ok(app, 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline',
      path.join(tarballs, packed.trackplan!.filename), path.join(tarballs, packed.plugin!.filename),
      `eslint@${pkg.devDependencies.eslint}`, `typescript@${pkg.devDependencies.typescript}`,
      `@typescript-eslint/parser@${pluginPkg.devDependencies['@typescript-eslint/parser']}`]);
  }));
  // npm install of two tarballs and their dependencies: 250 s once on a machine at load 10+.
}, 600_000);

describe('the tarballs', () => {
  it('hold the built dist/ and what the README lists, no tests, bench or fixtures', () => {
    const top = (p: Packed) => [...new Set(p.files.map((f) => f.path.split('/')[0]!))].sort();
    expect(top(packed.trackplan!)).toEqual(['LICENSE', 'README.md', 'bin', 'dist', 'docs', 'package.json', 'scripts',
      'trackplan.config.schema.json', 'trackplan.property.schema.json', 'trackplan.schema.json']);
    expect(top(packed.plugin!)).toEqual(['LICENSE', 'README.md', 'dist', 'docs', 'package.json']);
    const paths = (p: Packed) => p.files.map((f) => f.path);
    expect(paths(packed.trackplan!)).toEqual(expect.arrayContaining(['dist/cli/main.js', 'dist/index.d.ts', 'scripts/build.mjs']));
    expect(paths(packed.plugin!)).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts']));
    expect(paths(packed.trackplan!).filter((f) => /(^|\/)(test|bench|fixtures|src)\/|\.test\./.test(f))).toEqual([]);

    // The README's "Install" section names the same entries.
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const install = readme.slice(readme.indexOf('\n## Install\n'), readme.indexOf('\n## ', readme.indexOf('\n## Install\n') + 1));
    for (const entry of top(packed.trackplan!)) expect(install, entry).toContain(`\`${entry}`);
  });

  it('the plugin depends on trackplan by version range and on eslint as a peer', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(apps.esm, 'node_modules/eslint-plugin-trackplan/package.json'), 'utf8'));
    expect(manifest.dependencies.trackplan).toBe(`^${pkg.version}`);
    expect(manifest.peerDependencies.eslint).toBeDefined();
    // One trackplan, the app's, serves both the CLI and the plugin.
    expect(fs.lstatSync(path.join(apps.esm, 'node_modules/trackplan')).isSymbolicLink()).toBe(false);
    expect(fs.existsSync(path.join(apps.esm, 'node_modules/eslint-plugin-trackplan/node_modules/trackplan'))).toBe(false);
  });
});

const APP_CODE = `import { createTracker } from '../generated/types/tracker.js';

const sent: unknown[] = [];
const tracker = createTracker({ send: (event) => { sent.push(event); }, userId: () => 'user-1' });
tracker.track('account_created', { account_id: '4b1e9f7a-0000-4000-8000-000000000000', signup_method: 'email' });
// @ts-expect-error: an event the plan does not define
tracker.track('account_deleted', {});
// @ts-expect-error: a value outside the enum
tracker.track('account_created', { account_id: 'x', signup_method: 'fax' });
// @ts-expect-error: a required property missing
tracker.track('account_created', { signup_method: 'email' });
export { sent };
`;

const SEND = `analytics.track('acount_created', { account_id: 'x', signup_method: 'email' });
analytics.track('account_created', { account_id: 'x', signup_method: 'email' });
`;
const SEND_TS = `declare const analytics: { track(name: string, properties: object): void };
const method: 'email' | 'google' = 'email';
analytics.track('account_created', { account_id: 'x', signup_method: method });
analytics.track('account_closed', { account_id: 'x' });
`;

// The two apps side by side; each one's steps in order.
describe.concurrent('fresh apps', () => describe.sequential.each(Object.entries(apps))('a fresh %s app with both tarballs installed', (kind, app) => {
  it('npx trackplan init, lint and build', async () => {
    const init = await ok(app, 'npx', ['--no', '--', 'trackplan', 'init']);
    expect(init.stdout).toContain('Created trackplan.config.yaml');
    // The editor schema comment points into the installed package.
    expect(fs.readFileSync(path.join(app, 'registry/events/account_created.yaml'), 'utf8'))
      .toMatch(/^# yaml-language-server: \$schema=\.\.\/\.\.\/node_modules\/trackplan\/trackplan\.schema\.json$/m);
    const lint = await ok(app, 'npx', ['--no', '--', 'trackplan', 'lint', '--format', 'json']);
    expect(JSON.parse(lint.stdout)).toMatchObject({ errorCount: 0, warningCount: 0 });
    await ok(app, 'npx', ['--no', '--', 'trackplan', 'build']);
    expect(fs.existsSync(path.join(app, 'generated/types/tracker.ts'))).toBe(true);
  });

  it('tsc type-checks app code that uses the generated tracker', async () => {
    fs.mkdirSync(path.join(app, 'src'), { recursive: true });
    fs.writeFileSync(path.join(app, 'src/app.ts'), APP_CODE);
    fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: [] },
      include: ['src/**/*.ts', 'generated/**/*.ts'],
    }));
    // Each @ts-expect-error must meet an error, so this also proves the wrong calls are refused.
    await ok(app, 'npx', ['--no', '--', 'tsc', '-p', '.']);
  });

  it('ESLint with the plugin from the tarball, configured as its README shows, finds an unknown event', async () => {
    // The README's config, verbatim; it is ESM, so a CommonJS app names it eslint.config.mjs.
    const config = /```js\n(\/\/ eslint\.config\.js[^\n]*\n[\s\S]*?)```/.exec(pluginReadme)?.[1];
    expect(config).toContain("import trackplan from 'eslint-plugin-trackplan'");
    fs.writeFileSync(path.join(app, kind === 'esm' ? 'eslint.config.js' : 'eslint.config.mjs'), config!);
    fs.writeFileSync(path.join(app, 'src/send.js'), SEND);
    fs.writeFileSync(path.join(app, 'src/send.ts'), SEND_TS);
    const r = await sh(app, 'npx', ['--no', '--', 'eslint', '--format', 'json', 'src/send.js', 'src/send.ts']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const results = parseJson(r.stdout) as { filePath: string; messages: { ruleId: string; line: number; message: string }[] }[];
    expect(results.map((f) => [path.basename(f.filePath), f.messages.map((m) => [m.ruleId, m.line])])).toEqual([
      ['send.js', [['trackplan/known-event', 1]]],
      ['send.ts', [['trackplan/known-event', 4]]],
    ]);
    expect(results[0]!.messages[0]!.message).toContain('Did you mean `account_created`?');
  });
}));
