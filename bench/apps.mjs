// Three public Next.js apps that send PostHog (and Jitsu, GTM) events, as bench/reach.mjs and
// bench/eslint-apps.mjs read them: where each is, at which commit, the ESLint `settings.trackplan`
// its wrappers need, and, for the reach count, every kind of call that sends an event, found by a
// walk of TypeScript's own syntax tree that shares no code with the plugin.
//
// The apps are AGPL; they are not copied into the repository (test/eslint-plugin/fixtures/apps
// holds a few of their files for the tests). `prepareApp` extracts the commit from a git
// directory given with --mirror or BENCH_APP_MIRRORS, else from a clone of GitHub's repository.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { WORK } from './lib.mjs';

/**
 * `sends`: each kind of send, as the independent walk finds it: `last` is the callee's last name
 * (`posthog?.capture` -> `capture`), `chain` optionally the whole callee as written without `?.`,
 * and `event` where the name is (an argument, or a key of an object argument). A JSX attribute
 * that holds an event name is `{ jsx }`. Files under `skip` are not code of the app.
 * `settings`: ESLint config blocks of `settings.trackplan.callees`, scoped with `files` where one
 * name means different functions in different folders (as a project's own config would do).
 */
export const APPS = {
  rallly: {
    repo: 'lukevella/rallly',
    commit: 'c629b3148024e40a115a731d3660d725c9329b0e',
    settings: [{
      callees: [
        'posthog.capture', // posthog-js: const posthog = usePostHog(); posthog?.capture('name', props)
        { callee: 'posthog().capture', event: '0.event', properties: '0.properties' }, // posthog-node, lib/posthog.ts
        { callee: 'track', event: '1.event', properties: '1.properties' }, // lib/posthog.ts: track(user, { event, properties })
        { callee: 'trackSystemEvent', event: '0.event', properties: '0.properties' },
        { jsxAttribute: 'captureEvent' }, // <CtaButton captureEvent="landing:...">
        { jsxAttribute: 'captureOnEnter' }, // <FadeIn captureOnEnter="landing:...">
      ],
    }],
    sends: [
      { last: 'capture', event: { arg: 0 } },
      { last: 'capture', chain: /\(\)\.capture$/, event: { arg: 0, key: 'event' } },
      { last: 'track', chain: /^track$/, event: { arg: 1, key: 'event' } },
      { last: 'trackSystemEvent', event: { arg: 0, key: 'event' } },
      { jsx: 'captureEvent' },
      { jsx: 'captureOnEnter' },
    ],
  },
  'inbox-zero': {
    repo: 'elie222/inbox-zero',
    commit: '4f70dcefc55c65f2664ec27a19e118003138fb5f',
    settings: [
      {
        callees: [
          'posthog.capture', // posthog-js, and hooks' `const posthog = usePostHog()`
          { callee: 'PostHog().capture', event: '0.event', properties: '0.properties' }, // posthog-node: const client = new PostHog(key)
          { callee: 'posthogCaptureEvent', event: 1, properties: 2 }, // posthogCaptureEvent(email, 'name', props)
          { callee: 'safeCapture', event: 0, properties: 1 }, // hooks/useAnalytics.ts
          { callee: 'trackFirstTimeEvent', event: '0.event' },
          { callee: 'sendGTMEvent', event: '0.event' }, // @next/third-parties (conversions)
          { callee: 'trackServerConversionEvent', event: '0.name', properties: '0.properties' }, // ad conversions through its own server
        ],
      },
      {
        // utils/analytics/auth-funnel.ts's own capture(posthog, 'name', props); elsewhere `capture` is other functions.
        files: ['apps/web/utils/analytics/auth-funnel.ts'],
        callees: ['posthog.capture', { callee: 'capture', event: 1, properties: 2 }],
      },
    ],
    sends: [
      { last: 'capture', chain: /^(posthog|window\.posthog)\.capture$/, event: { arg: 0 } },
      { last: 'capture', chain: /^client\.capture$/, event: { arg: 0, key: 'event' } },
      { last: 'posthogCaptureEvent', event: { arg: 1 } },
      { last: 'safeCapture', event: { arg: 0 } },
      { last: 'trackFirstTimeEvent', event: { arg: 0, key: 'event' } },
      { last: 'sendGTMEvent', event: { arg: 0, key: 'event' } },
      { last: 'trackServerConversionEvent', event: { arg: 0, key: 'name' } },
      { last: 'capture', chain: /^capture$/, file: /auth-funnel\.ts$/, event: { arg: 1 } },
    ],
  },
  papermark: {
    repo: 'mfts/papermark',
    commit: '7ff2e657ed09b56f0afcc863a5db52d0debd2e6a',
    settings: [{
      callees: [
        'analytics.capture', // const analytics = useAnalytics(); analytics.capture('name', props)
        'posthog.capture',
        'analytics.track', // Jitsu's client, inside trackAnalytics
        { callee: 'trackAnalytics', event: '0.event', properties: '0.*' }, // Jitsu: trackAnalytics({ event, ...props })
        { callee: 'sendGTMEvent', event: '0.event' },
      ],
    }],
    sends: [
      { last: 'capture', chain: /^(analytics|posthog)\.capture$/, event: { arg: 0 } },
      { last: 'trackAnalytics', event: { arg: 0, key: 'event' } },
      { last: 'track', chain: /^analytics\.track$/, event: { arg: 0, key: 'event' } }, // Jitsu, inside trackAnalytics
      { last: 'sendGTMEvent', event: { arg: 0, key: 'event' } },
    ],
  },
};

/** Globs of the code each app's ESLint run reads; what is not code of the app is ignored. */
export const CODE = ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'];
export const IGNORES = ['**/node_modules/**', '**/.next/**', '**/dist/**', '**/build/**', '**/out/**', '**/*.d.ts', '**/public/**'];

/** The app's folder under bench/.work/apps, extracted at its commit if missing. */
export function prepareApp(name, mirror) {
  const app = APPS[name];
  const dir = path.join(WORK, 'apps', name);
  const stamp = path.join(dir, '.trackplan-bench-commit');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === app.commit) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let gitDir = mirror;
  if (!gitDir) {
    gitDir = path.join(WORK, 'apps', `.${name}.git`);
    if (!fs.existsSync(gitDir)) run('git', ['clone', '--bare', `https://github.com/${app.repo}.git`, gitDir]);
  }
  const tar = spawnSync('git', ['--git-dir', gitDir, 'archive', app.commit], { maxBuffer: 1 << 30 });
  if (tar.status !== 0) throw new Error(`git archive ${app.commit} in ${gitDir}: ${tar.stderr}`);
  const x = spawnSync('tar', ['-x', '-C', dir], { input: tar.stdout });
  if (x.status !== 0) throw new Error(`tar: ${x.stderr}`);
  fs.writeFileSync(stamp, app.commit);
  return dir;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
}

/** `--mirror name=GITDIR,...`, or the same in BENCH_APP_MIRRORS (git directories holding the apps' commits). */
export function mirrorsFrom(argv) {
  const i = argv.indexOf('--mirror');
  const list = i > 0 ? argv[i + 1] : process.env.BENCH_APP_MIRRORS ?? '';
  const out = {};
  for (const pair of list.split(',').filter(Boolean)) { const [k, v] = pair.split('='); out[k] = v; }
  return out;
}

/** The ESLint flat config an app's run uses: its code, typescript-eslint's parser, its settings. */
export function appConfig(name, tsParser, registry, extra = []) {
  return [
    { ignores: IGNORES },
    { files: CODE, languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } } },
    { files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser } },
    ...extra,
    ...APPS[name].settings.map(({ files, callees }) => ({ ...(files ? { files } : {}), settings: { trackplan: { registry, callees } } })),
  ];
}
