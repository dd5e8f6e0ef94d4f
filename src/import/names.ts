// Input names as registry names: snake_case, each distinct. A name already in snake_case keeps
// it; two input names that convert to the same one both stay, the later under a numbered name.
import { toSnakeCase } from '../naming/index.js';

/** `Order Completed` -> `order_completed`; a name with no letters left becomes `fallback`. */
export function snakeName(wire: string, fallback: string): string {
  let name = converted.get(wire);
  if (name === undefined) {
    if (converted.size > 100_000) converted.clear();
    converted.set(wire, (name = toSnakeCase(wire)));
  }
  return name || fallback;
}
/** Property names repeat across events: convert each once. */
const converted = new Map<string, string>();

/**
 * Registry names for `wires`, in input order: first the names that convert to themselves claim
 * them, then the others, numbered (`_2`, `_3`) when taken. `taken` holds names already used.
 */
export function assignNames(wires: readonly string[], fallback: string, taken: Set<string> = new Set()): Map<string, string> {
  const out = new Map<string, string>();
  for (const w of wires) if (snakeName(w, fallback) === w && !taken.has(w)) { out.set(w, w); taken.add(w); }
  for (const w of wires) {
    if (out.has(w)) continue;
    const base = snakeName(w, fallback);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    out.set(w, name);
    taken.add(name);
  }
  return out;
}
