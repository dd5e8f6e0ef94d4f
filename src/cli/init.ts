// `trackplan init [--ci github]`: a new tracking plan in the working directory, with a config
// that shows every key at its default, one example event that lints clean, and the caches kept
// out of git. It never overwrites: if any file it would write is there, it writes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { RULES } from '../rules/index.js';
import { DEFAULT_CALLEES } from '../load/callees.js';
import { schemaFor } from './new.js';
import { UsageError, type Io } from './main.js';

export interface InitOptions { ci?: string }

export const CI_PROVIDERS = ['github'] as const;
const CACHES = ['.trackplan-cache', '.trackplan-build-cache', '.trackplan-validate-cache'];
const EVENT = 'registry/events/account_created.yaml';
const PROPERTY = 'registry/properties/account_id.yaml';
export const WORKFLOW = '.github/workflows/trackplan.yml';

export async function initCommand(opts: InitOptions, io: Io): Promise<number> {
  const at = (rel: string) => path.join(io.cwd, rel);
  const files: Record<string, string> = {
    'trackplan.config.yaml': config(schemaFor(at('trackplan.config.yaml'), io.cwd, 'trackplan.config.schema.json')),
    [EVENT]: exampleEvent(schemaFor(at(EVENT), io.cwd)),
    [PROPERTY]: exampleProperty(schemaFor(at(PROPERTY), io.cwd, 'trackplan.property.schema.json')),
    ...(opts.ci === 'github' ? { [WORKFLOW]: GITHUB_WORKFLOW } : {}),
  };
  const taken = ['trackplan.config.yaml', 'registry/', ...(opts.ci ? [WORKFLOW] : [])].filter((rel) => fs.existsSync(at(rel)));
  if (taken.length > 0) {
    throw new UsageError(`${taken.join(', ')} already ${taken.length === 1 ? 'exists' : 'exist'}: \`trackplan init\` never overwrites, so it wrote nothing.`
      + (opts.ci && !taken.includes(WORKFLOW) ? ` The workflow is also in trackplan's README, section CI, to copy into ${WORKFLOW}.` : ''));
  }

  const created: string[] = [];
  try {
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(at(rel)), { recursive: true });
      fs.writeFileSync(at(rel), text, { flag: 'wx' });
      created.push(rel);
    }
  } catch (e) {
    // All or nothing: a half-made plan would be refused by the next `init`.
    for (const rel of created) fs.rmSync(at(rel), { force: true });
    fs.rmSync(at('registry'), { recursive: true, force: true });
    throw new UsageError(`Cannot write ${Object.keys(files)[created.length]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Nothing was written.`);
  }
  const ignored = ignoreCaches(at('.gitignore'));

  io.out(`Created ${created.join(', ')}${ignored.length ? `; added ${ignored.join(', ')} to .gitignore` : ''}.\n\n`
    + 'Next:\n'
    + '  npx trackplan lint                check the plan\n'
    + '  npx trackplan new <event_name>    add an event (object_pastverb: invite_sent)\n'
    + '  npx trackplan build               write generated/ (JSON Schemas, TypeScript types, tracker); commit it\n'
    + '\n'
    + 'Check tracking calls in your code with eslint-plugin-trackplan, in eslint.config.js:\n'
    + "  import trackplan from 'eslint-plugin-trackplan';\n"
    + '  export default [trackplan.configs.recommended];\n'
    + '\n'
    + (opts.ci === 'github'
      ? `${WORKFLOW} runs lint, check and diff (with a pull-request comment and the catalog as an artifact) on every pull request, and publishes the catalog of main on GitHub Pages.\n`
      : 'For CI: `npx trackplan init --ci github` in a new project, or copy the workflow from trackplan\'s README (section CI).\n'));
  return 0;
}

/** Adds the cache files `.gitignore` lacks (creating it if needed); returns those added. */
function ignoreCaches(file: string): string[] {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const lines = new Set(text.split(/\r?\n/).map((l) => l.trim()));
  const missing = CACHES.filter((c) => !lines.has(c) && !lines.has(`/${c}`));
  if (missing.length > 0) {
    const sep = text === '' || text.endsWith('\n') ? '' : '\n';
    fs.writeFileSync(file, `${text}${sep}# trackplan's caches\n${missing.join('\n')}\n`);
  }
  return missing;
}

function config(schema: string): string {
  const rules = RULES.map((r) => `  ${r.id}: ${r.defaultSeverity}\n`).join('');
  return `# yaml-language-server: $schema=${schema}
# trackplan's settings: every key is shown at its default. Paths are relative to this file.

# The registry: events/<event_name>.yaml and properties/<property_name>.yaml.
registry: registry

# Where \`trackplan build\` writes the JSON Schemas, TypeScript types and tracker. Commit it:
# \`trackplan check\` fails CI when it is not up to date.
output: generated

# Each rule: off | warn | error. What each checks: trackplan's README, section Rules.
rules:
${rules}
# Exceptions to a rule, each with the reason why the rule does not apply, e.g.
#   property-derived:
#     - name: lifetime_value
#       reason: Sent by billing as the contract value of the order, not computed from events.
allow: {}

# The changes \`trackplan diff\` lets through: backward | forward | full | none.
compatibility: full

# The warehouse scripts (generated/sql/<dialect>/warehouse.sql) and the dbt fragment's source:
# which engines, and the schema and raw events table they use.
warehouse:
  dialects: [duckdb, postgres, bigquery, snowflake]
  schema: analytics
  table: events

# The calls that send events, for \`trackplan coverage\` when the project's ESLint config sets no
# \`settings.trackplan.callees\` (the same entries; see eslint-plugin-trackplan's README). Without
# \`callees\`, the plugin's defaults:
#   ${DEFAULT_CALLEES.join(', ')}
# Your own, e.g.:
#   callees:
#     - posthog.capture
#     - { callee: posthogCaptureEvent, event: 1, properties: 2 }
#     - { jsxAttribute: captureEvent }
eslint: {}
`;
}

function exampleEvent(schema: string): string {
  return `# yaml-language-server: $schema=${schema}
# An example: one event per file, named object_pastverb. Edit it, or delete it once you have
# your own (\`npx trackplan new <event_name>\`).
name: account_created
description: A user created an account. Sent once the account is saved, not when the form opens.
owner: growth-team               # the team that answers for this event
status: active                   # proposed | active | deprecated
version: 1
properties:
  account_id: { $ref: account_id, required: true }   # a shared property, registry/properties/
  signup_method:
    type: string
    enum: [email, google, github]
    description: How the user signed up.
    required: true
`;
}

function exampleProperty(schema: string): string {
  return `# yaml-language-server: $schema=${schema}
# A shared property: events use it with \`$ref: account_id\`.
name: account_id
type: string
format: uuid
description: Identifier of the account.
`;
}

/** The workflow of the README's section CI (test/init.test.ts keeps the two the same). */
export const GITHUB_WORKFLOW = `name: tracking plan
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  lint:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write   # only for the SARIF upload
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npx trackplan lint --format github
      - run: npx trackplan check --no-cache   # generated/ must match the registry (no cache: one committed by mistake cannot vouch for it)
      # Optional: the findings in code scanning too (exit 1 = findings, still upload them).
      - if: always()
        run: npx trackplan lint --format sarif > trackplan.sarif || [ $? -eq 1 ]
      - if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: trackplan.sarif
          category: trackplan

  diff:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pull-requests: write     # the summary comment
    env:
      BASE_REF: origin/\${{ github.base_ref }}
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0       # the target branch too, for --base
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      # The summary, whatever it finds (exit 1 = a forbidden breaking change: the last step fails).
      - run: npx trackplan diff --base "$BASE_REF" --format markdown > trackplan-diff.md || [ $? -eq 1 ]
      - run: cat trackplan-diff.md >> "$GITHUB_STEP_SUMMARY"
      - uses: marocchino/sticky-pull-request-comment@v2
        # A pull request from a fork gets a read-only token: the run summary still has it.
        if: github.event.pull_request.head.repo.full_name == github.repository
        with:
          header: trackplan-diff
          path: trackplan-diff.md
      # The catalog as the pull request would make it, for reviewers to download and open.
      - run: npx trackplan catalog --out catalog/index.html
      - uses: actions/upload-artifact@v4
        with:
          name: catalog
          path: catalog
      # Annotations on the changed lines, and the verdict: fails on a forbidden breaking change.
      - run: npx trackplan diff --base "$BASE_REF" --format github

  catalog:
    # The plan as a page people read, published on GitHub Pages from main
    # (Settings > Pages > Source: GitHub Actions).
    if: github.event_name == 'push' && github.ref == 'refs/heads/main'
    needs: lint
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pages: write             # deploy-pages
      id-token: write          # deploy-pages proves where the page comes from
    environment:
      name: github-pages
      url: \${{ steps.deploy.outputs.page_url }}
    concurrency:
      group: pages
      cancel-in-progress: false   # never cut a deployment off halfway
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npx trackplan catalog --out _site/index.html
      - uses: actions/upload-pages-artifact@v3
        with:
          path: _site
      - id: deploy
        uses: actions/deploy-pages@v4
`;
