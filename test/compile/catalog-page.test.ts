// The catalog page's data, without a browser: constraints in words, the sample call, escaping.
import { describe, expect, it } from 'vitest';
import { catalogPage, escapeHtml, firstSentence, ruleWords, type PageEvent } from '../../src/compile/catalog-page.js';
import { compileDir, hostileProject } from './support.js';
import { ROOT } from '../helpers.js';

describe('catalog page data', () => {
  it('says every constraint in words', () => {
    expect(ruleWords({ enum: ['blank', 'kanban', 'scrum'] })).toEqual(['one of: blank, kanban, scrum']);
    expect(ruleWords({ minimum: 1, maximum: 1_000_000 })).toEqual(['1 to 1,000,000']);
    expect(ruleWords({ minimum: 0.5 })).toEqual(['at least 0.5']);
    expect(ruleWords({ maxLength: 32 })).toEqual(['at most 32 characters']);
    expect(ruleWords({ minLength: 1 })).toEqual(['at least 1 character']);
    expect(ruleWords({ minLength: 3, maxLength: 3, pattern: '^[A-Z]{3}$' })).toEqual(['exactly 3 characters', 'pattern ^[A-Z]{3}$']);
    expect(ruleWords({ minItems: 1, maxItems: 20, format: 'uuid' })).toEqual(['1 to 20 items', 'format: uuid']);
    expect(ruleWords({})).toEqual([]);
  });

  it('takes the first sentence of a description for the overview', () => {
    expect(firstSentence('A user created a project. Sent once.')).toBe('A user created a project.');
    expect(firstSentence('Version 1.5 shipped, see v2.0\nfor more')).toBe('Version 1.5 shipped, see v2.0 for more');
  });

  it('escapes text and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('a sample call fills required properties with values their constraints allow', async () => {
    const page = (await compileDir(ROOT)).get('catalog/index.html')!;
    const data = JSON.parse(/<script type="application\/json" id="plan">(.*?)<\/script>/s.exec(page)![1]!) as { events: PageEvent[] };
    const samples = Object.fromEntries(data.events.map((e) => [e.name, e.sample]));
    expect(samples.project_created).toBe("tracker.track('project_created', {\n  project_id: '3f2b8c1e-9d4a-4b6f-8e2a-1c5d7f9a0b3e',\n  plan_type: 'free',\n  template: 'blank',\n  is_private: true,\n});");
    for (const s of Object.values(samples)) expect(s).toMatch(/^tracker\.track\('[a-z_]+', (\{\}|\{\n[\s\S]*\n\})\);$/);
  });

  it('no registry text can end the data block or become markup', async () => {
    const page = (await compileDir(hostileProject())).get('catalog/index.html')!;
    const [, data] = /<script type="application\/json" id="plan">(.*?)<\/script>/s.exec(page)!;
    expect(data).not.toContain('<');
    expect(page.match(/<script/g)).toHaveLength(2);
    expect(page).toContain('Ends a comment */ early, `backticks`, ${injection}, &quot;quotes&quot;');
  });

  it('is byte-identical for the same registry, whatever order the events come in', () => {
    const ev = (name: string): PageEvent => ({ name, status: 'active', version: 1, source: `events/${name}.yaml`, rows: [], sample: '' });
    expect(catalogPage([ev('b_created'), ev('a_created')], [])).toBe(catalogPage([ev('a_created'), ev('b_created')], []));
  });
});
