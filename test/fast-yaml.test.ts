// The fast path must read exactly what yaml reads, or step aside. Every real file we have, and
// a set of awkward ones, is parsed both ways and compared node by node.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { parseFast } from '../src/load/fast-yaml.js';
import { findFiles } from '../src/load/registry.js';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Kind, start offset and value of every node, in document order. */
function shape(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isScalar(node)) return ['scalar', node.range?.[0], node.value];
  if (isMap(node)) return ['map', node.range?.[0], node.flow ?? false, node.items.map((p) => [shape(p.key), shape(p.value)])];
  if (isSeq(node)) return ['seq', node.range?.[0], node.flow ?? false, node.items.map(shape)];
  if (isPair(node)) return ['pair'];
  return ['other', String(node)];
}

function agrees(text: string): 'fast' | 'fallback' {
  const fast = parseFast(text);
  if (fast === undefined) return 'fallback';
  const doc = parseDocument(text, { uniqueKeys: true, version: '1.2' });
  expect(doc.errors).toEqual([]);
  expect(shape(fast)).toEqual(shape(doc.contents as Node | null));
  return 'fast';
}

describe('fast YAML path', () => {
  const files = [
    ...findFiles(path.join(ROOT, 'registry')),
    ...findFiles(path.join(ROOT, 'test/fixtures/iglu/registry')),
  ];

  it('agrees with yaml on every real registry file, and reads most of them', () => {
    let fast = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      try {
        if (agrees(text) === 'fast') fast++;
      } catch (e) {
        throw new Error(`${f}: ${(e as Error).message}`);
      }
    }
    expect(files.length).toBeGreaterThan(490);
    expect(fast).toBe(files.length);
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
  ])('reads %j as yaml does', (text) => { expect(agrees(text)).toBe('fast'); });

  it.each([
    'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: |\n  text\n', 'a: >\n  text\n', '- a\n- b\n', 'a:\n- b\n', 'a:\n  - b\n',
    'a: b\n  c\n', 'a: "multi\n  line"\n', 'a: [1,\n 2]\n', '"a": 1\n', 'a b: 1\n', '? a\n: b\n', '---\na: 1\n', 'a: 1\na: 2\n',
    'a: {b: [1]}\n', 'a: [[1]]\n', 'a:\tb\n', '\ta: 1\n', 'a: b: c\n', 'a: "x"y\n', 'a: [a, ]\n', '1: x\n', 'a: "\\q"\n', 'a: "x"#c\n',
    'a: 1\n b: 2\n', 'a: b\nc\n', 'a: 1\n...\n', '%YAML 1.2\n---\na: 1\n', 'a: [b: c]\n', 'a: {b: c d: e}\n', 'a: {"e": f}\n',
  ])('steps aside for %j', (text) => {
    expect(parseFast(text)).toBeUndefined();
  });
});
