// Every labelled row of the corpus in test/fixtures, straight through the naming functions (test/corpus
// runs the same rows through the CLI). Rows that are not snake_case belong to the case rules,
// and the envelope names to property-reserved.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventNameDerivedProblem, eventNameStateProblem, eventNameVerbProblem, propertyDerivedProblem } from '../../src/naming/index.js';

const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const ENVELOPE = new Set(['event_name', 'user_id', 'event_time']);
const rows = (file: string) => fs.readFileSync(new URL(`../fixtures/corpus/${file}`, import.meta.url), 'utf8')
  .split('\n').filter(Boolean).slice(1).map((line) => line.split('\t') as [string, string, string?]);

const eventErrors = (name: string) => [eventNameVerbProblem(name), eventNameStateProblem(name), eventNameDerivedProblem(name)]
  .filter((p) => p?.severity === 'error').map((p) => p!.message);

describe('labelled event names', () => {
  it.each(rows('event-names.tsv').filter(([name]) => SNAKE.test(name)))('%s: %s', (name, expected) => {
    if (expected === 'reject') expect(eventErrors(name).length, 'an error from event-name-verb, -state or -derived').toBeGreaterThan(0);
    else expect(eventErrors(name)).toEqual([]);
  });
});

describe('labelled property names', () => {
  it.each(rows('prop-names.tsv').filter(([name]) => SNAKE.test(name) && !ENVELOPE.has(name)))('%s: %s', (name, expected) => {
    const problem = propertyDerivedProblem(name);
    if (expected === 'reject') expect(problem?.severity).toBe('error');
    else expect(problem?.severity).not.toBe('error');
  });
});
