// What the rules share: their docs address and the did-you-mean.
import { distance } from 'fastest-levenshtein';
import type * as ESTree from 'estree';

/** The rule's page, shipped with the package: docs/rules/<id>.md. */
export const docsUrl = (id: string): string => new URL(`../docs/rules/${id}.md`, import.meta.url).href;

/** Up to `limit` candidates within a typo's distance of `input`, nearest first (as trackplan's own did-you-mean). */
export function nearest(input: string, candidates: Iterable<string>, limit: number): string[] {
  const a = input.toLowerCase();
  const budget = Math.max(1, Math.floor(a.length / 3));
  const hits: Array<{ c: string; d: number }> = [];
  for (const c of candidates) {
    if (Math.abs(c.length - a.length) > budget) continue;
    const d = distance(a, c.toLowerCase());
    if (d <= budget) hits.push({ c, d });
  }
  hits.sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : 1));
  // The closest ones only: a name one edit away makes one four edits away noise.
  const best = hits[0]?.d ?? 0;
  return hits.filter(({ d }) => d <= best + 1).slice(0, limit).map(({ c }) => c);
}

export const didYouMean = (names: string[]): string =>
  names.length === 0 ? '' : ` Did you mean ${names.map((n) => `\`${n}\``).join(' or ')}?`;

/** `value` written as a string in the style of `node` (quote character, or a template). */
export function stringIn(node: ESTree.Node, value: string): string {
  if (node.type === 'TemplateLiteral') return `\`${value.replace(/[`\\]|\$\{/g, (m) => `\\${m}`)}\``;
  const raw = node.type === 'Literal' ? node.raw ?? '"' : '"';
  const q = raw.startsWith("'") ? "'" : '"';
  return q + value.replace(/\\/g, '\\\\').replaceAll(q, `\\${q}`) + q;
}
