// Small text helpers shared by the loader, the rules and the CLI.
import { distance } from 'fastest-levenshtein';

/** The candidate nearest to `input`, if near enough to be a plausible typo. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  return nearest(input, candidates, 1)[0];
}

/** Up to `limit` candidates within a typo's distance of `input`, nearest first. */
export function nearest(input: string, candidates: readonly string[], limit: number): string[] {
  // A typo is short: a long input (a value sent by mistake) would cost its length times each candidate's.
  if (input.length > 200) return [];
  const a = input.toLowerCase();
  const budget = Math.max(1, Math.floor(a.length / 3));
  return candidates
    // Lengths further apart than the budget cannot be within it: skip the distance (validate asks this of every unknown name).
    .filter((c) => Math.abs(c.length - a.length) <= budget)
    .map((c) => ({ c, d: distance(a, c.toLowerCase()) }))
    .filter(({ d }) => d <= budget)
    .sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : 1))
    .slice(0, limit)
    .map(({ c }) => c);
}

/** `a, b and c` (or `or`): a list as a sentence says it. */
export const series = (xs: readonly string[], conjunction: 'and' | 'or'): string =>
  (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} ${conjunction} ${xs[xs.length - 1]}`);
