// The fast path must read exactly what yaml reads, or step aside. Every real file we have, a set
// of awkward ones, and mutated files of every style are parsed both ways and compared node by
// node (the comparison is scripts/fuzz-yaml.mjs's, which `npm run fuzz` runs at length).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument, stringify, type Node, type Pair } from 'yaml';
import { readEvent } from '../src/load/definition.js';
import type { Loc, Problem } from '../src/model.js';
import { parseFast } from '../src/load/fast-yaml.js';
import { findFiles } from '../src/load/registry.js';
import { compare, fuzz, seedFiles } from '../scripts/fuzz-yaml.mjs';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const agrees = (text: string) => compare(parseFast, text);

describe('fast YAML path', () => {
  const files = [
    ...findFiles(path.join(ROOT, 'registry')),
    ...findFiles(path.join(ROOT, 'test/fixtures/iglu/registry')),
  ];

  it('agrees with yaml on every real registry file, as written and in block style, and reads all of them', () => {
    let fast = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      for (const variant of [text, stringify(parseDocument(text).toJS(), { lineWidth: 60 }), text.replace(/\n/g, '\r\n')]) {
        try {
          if (agrees(variant) === 'fast') fast++;
        } catch (e) {
          throw new Error(`${f}: ${(e as Error).message}\n${JSON.stringify(variant)}`);
        }
      }
    }
    expect(files.length).toBeGreaterThan(490);
    expect(fast).toBe(files.length * 3);
  });

  it.each([
    'a: 1\nb:\nc:   # note\nd: "x"\ne: [1, "two", three]\nf: { $ref: x, required: true }\ng:\n  h: -5\n  i: yes sir\nj: []\nk: {}\n',
    'a: 0x1F\nb: 0o17\nc: 1e3\nd: .inf\ne: -.INF\nf: .NaN\ng: ~\nh: Null\ni: TRUE\nj: yes\nk: on\nl: 012\nm: +12\nn: 1.\n',
    "a: 'it''s'\nb: \"tab\\tnew\\nline \\u00e9 \\x41 \\\\ \\\"\"\nc: 'a # not a comment'\nd: a#b\ne: a #b\n",
    'a: http://x.y/z?q=1\nb: a:b\nc: x, y\nd: [a:b, c]\ne: "x" # c\nf: -x\ng: :x\n',
    'a:\r\n  b: 1\r\n  c:\r\nd: 2\r\n',
    'a:\n    deep:\n        deeper: x\n    back: y\nz: 1\n',
    '# only comments\n\n# here\n',
    '',
    'a: b\n\n\n   \nc: d',
    'a: "\\U0001F600"\n',
    'a: [ ]\nb: { }\nc: ["", \'\']\n',
    'a: {b c: d, e: f}\n',
    // Nested one-line flow collections, quoted keys in them.
    'a: {b: [1, {c: d}], "e": f}\nb: [[1], []]\n',
    // Tabs where YAML allows white space (issue 14, item 6).
    'enum: [pdf,\tcsv]\ntype: \tstring\nb: {c:\td,\te: f}\nc: x\t# comment\n',
    // Block sequences, compact or indented, of scalars and mappings.
    'enum:\n  - a\n  - "b"\n  -\n  - [c]\nitems:\n- x\n- y: 1\n  z: 2\nafter: 1\n',
    'properties:\n  tags:\n    type: array\n    items:\n      - type: string\n        enum:\n          - x # c\n          # between\n          - y\n',
    // Block scalars, every chomping indicator, CRLF, blank and more-indented lines.
    'a: |\n  one\n   two\n\n  three\nb: >\n  folded\n  text\n\n  para\n    kept\n  back\nc: |-\n  x\n\n\nd: >+\n  y\n\n\ne: 1\n',
    'a: |  # comment\r\n  x\r\n\r\n  y\r\nb: >-\r\n  z\r\n',
    '- |\n  in a list\n- >\n  folded\n  too\n',
    // Multi-line plain scalars, and a scalar on the line below its key.
    'description: A user\n  signed up\n\n  from the web.\nowner: x\nlong:\n  on the next line\n  and the one after\n',
    // Quoted scalars over several lines, with an escaped line break and a blank line.
    'a: "x\n  y\\\n   z\n\n  w" # c\nb: \'it\'\'s\n  two\'\n',
    // Quoted keys, comments everywhere, a leading `---` and a BOM-less file with trailing blanks.
    '---\n# c\n"a b": 1\n\'c\': 2  # c\n  # indented comment\nd:\n  # before\n  e: 3\n\n\n',
  ])('reads %j as yaml does', (text) => { expect(agrees(text)).toBe('fast'); });

  it.each([
    'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: |2\n  text\n', 'a: |\n  text', '- - a\n',
    'a: b\n  c: d\n', 'a: "multi\nline"\n', 'a: [1,\n 2]\n', 'a b: 1\n', '? a\n: b\n', '---\na: 1\n---\nb: 2\n', 'a: 1\na: 2\n', 'a: 1\n"a": 2\n',
'a:\tb\n', '\ta: 1\n', 'a: b: c\n', 'a: "x"y\n', 'a: [a, ]\n', '1: x\n', 'a: "\\q"\n', 'a: "x"#c\n',
    'a: 1\n b: 2\n', 'a: b\nc\n', 'a: 1\n...\n', '%YAML 1.2\n---\na: 1\n', 'a: [b: c]\n', 'a: {b: c d: e}\n', 'a: {"e":f}\n',
    'a: |\n    x\n  y\n', 'a: |\n\n     \n  x\n', '---\n', '--- a: 1\n', 'a:\n  - x\n  b: 1\n', '- a\nb: 1\n',
    // A CR that ends no line is content to yaml (issue 14, item 7).
    'type: string\r', 's:\n\r', 'a: b\rc: d\n',
    // A scalar below its key after a blank line and a comment in column 0: there yaml lets the
    // scalar run on over the next key (`x b` as a key, an error). Found by scripts/fuzz-yaml.mjs.
    'a:\n\n# c\n x\nb: 1\n', 'k:\n  a:\n\n# c\n    x\n  c: 2\n', 'a: # k\n\n# c\n# d\n x\nb: 1\n',
    '---\n  \nproperties:\n# c\n\n# c\n -.Inf\nitems: []\n',
  ])('steps aside for %j', (text) => {
    expect(parseFast(text)).toBeUndefined();
  });

  it('gives the same event, problems and positions as yaml on every real file in three styles', () => {
    let compared = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      for (const variant of [text, stringify(parseDocument(text).toJS(), { lineWidth: 60, collectionStyle: 'block' }), `# comment\r\n${text.replace(/\n/g, '  # trailing\r\n')}`]) {
        const fast = parseFast(variant);
        const lines = new LineCounter();
        const doc = parseDocument(variant, { lineCounter: lines, uniqueKeys: true, strict: true, version: '1.2', merge: false });
        if (fast === undefined || doc.errors.length) continue;
        const where = (node: Node | Pair | null | undefined): Loc => {
          const n = node && 'range' in node ? node : (node as Pair | undefined)?.key as Node | undefined;
          const { line, col } = lines.linePos(n?.range?.[0] ?? 0);
          return { line, column: col };
        };
        const read = (root: Node | null) => { const problems: Problem[] = []; return { event: readEvent(root, f, where, problems), problems }; };
        expect(read(fast), `${f}\n${variant}`).toEqual(read(doc.contents as Node | null));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(files.length * 2);
  });

  it('reads a scalar below its key after 200,000 blank lines in linear time', () => {
    // A check across the blank lines, written as a backtracking regex, took 8 s for 80,000.
    const text = `a:\n${'\n'.repeat(200_000)}# c\n${'\n'.repeat(200_000)}  x\nb: 1\n`;
    const t0 = performance.now();
    expect(parseFast(text)).toBeUndefined();
    expect(parseFast(text.replace('# c\n', ''))).toBeDefined();
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('agrees with yaml on 5,000 mutated files of every style (tabs, CR, indicators, indentation)', () => {
    const result = fuzz(parseFast, { cases: 5000, seed: 20, seeds: seedFiles() });
    expect(result.failures).toEqual([]);
    expect(result.fast).toBeGreaterThan(1000); // the comparison must have work to do
  });
});
