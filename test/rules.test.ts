// Every rule's documented examples are real: the bad registry gets the rule's finding, the good
// one gets no finding from any rule.
import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';
import { cleanup, lintFiles } from './helpers.js';

afterAll(cleanup);

describe.each(RULES.map((r) => [r.id, r] as const))('%s', (id, rule) => {
  it('has a description and docs', () => {
    expect(rule.description.length).toBeGreaterThan(20);
    expect(rule.docs.rationale.length).toBeGreaterThan(40);
  });

  it('reports its bad example', async () => {
    const r = await lintFiles(rule.docs.bad);
    expect(r.diagnostics.filter((d) => d.ruleId === id).length).toBeGreaterThan(0);
  });

  it('accepts its good example, with no finding from any rule', async () => {
    const r = await lintFiles(rule.docs.good);
    expect(r.diagnostics).toEqual([]);
  });

  it('can be turned off', async () => {
    const r = await lintFiles(rule.docs.bad, { rules: { [id]: 'off' } });
    expect(r.diagnostics.filter((d) => d.ruleId === id)).toEqual([]);
  });
});
