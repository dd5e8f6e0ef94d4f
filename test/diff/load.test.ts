// The loader of the two sides leaves out what cannot differ; the diff must not notice. And the
// README documents every rule with the classification the code uses.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffRegistries } from '../../src/diff/compare.js';
import { loadSides } from '../../src/diff/load.js';
import { CHANGE_RULES, CHANGE_RULE_IDS } from '../../src/diff/rules.js';
import { loadRegistry } from '../../src/load/registry.js';
import { cleanup, project, ROOT } from '../helpers.js';
import { edit, ev, repo } from './support.js';

afterAll(cleanup);

const shared = (values: string) => `name: plan_type\ntype: string\nenum: [${values}]\ndescription: The plan.\n`;
const files = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [
  `registry/events/e${i}_created.yaml`,
  ev(`e${i}_created`, i % 3 === 0 ? '  plan: { $ref: plan_type }\n  n: { type: integer }\n' : '  n: { type: integer }\n'),
]));

describe('loadSides', () => {
  it('gives the same diff as the full registries, through a folder and through git', async () => {
    const before = { ...files(30), 'registry/properties/plan_type.yaml': shared('free, pro') };
    const changes = {
      'registry/properties/plan_type.yaml': shared('free'),
      'registry/events/e1_created.yaml': ev('e1_created', '  n: { type: string }\n'),
      'registry/events/e2_created.yaml': null,
      'registry/events/new_created.yaml': ev('new_created'),
    };
    const base = project(before);
    const head = project(before);
    edit(head, changes);
    const full = diffRegistries(await loadRegistry(path.join(base, 'registry')), await loadRegistry(path.join(head, 'registry')), 'full');
    const viaDir = loadSides(path.join(head, 'registry'), { dir: path.join(base, 'registry') }, head);
    const strip = (r: typeof full) => r.changes.map((c) => `${c.ruleId} ${c.event} ${c.path ?? ''} ${c.blocking}`);
    expect(strip(diffRegistries(viaDir.base, viaDir.head, 'full'))).toEqual(strip(full));
    expect(viaDir.head.files.length).toBeLessThan(31); // unchanged events that do not use plan_type were left out

    const git = repo(before);
    edit(git, changes);
    const viaGit = loadSides(path.join(git, 'registry'), { ref: 'HEAD' }, git);
    expect(strip(diffRegistries(viaGit.base, viaGit.head, 'full'))).toEqual(strip(full));
    expect(viaGit.baseLabel).toMatch(/^HEAD \([0-9a-f]{7}\)$/);
    expect(full.changes.filter((c) => c.ruleId === 'enum-value-removed')).toHaveLength(10);
  });
});

describe('the README', () => {
  it('documents every change rule with whom it breaks', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const id of CHANGE_RULE_IDS) {
      const breaks = CHANGE_RULES[id].breaks;
      const cell = { none: '-', senders: 'senders', readers: 'readers', both: 'senders, readers' }[breaks];
      expect(readme, id).toContain(`| \`${id}\` | ${cell} |`);
    }
  });
});
