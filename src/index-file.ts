// Indexes a loaded file for the registry-wide rules (see FileIndex).
import type { FileIndex, LoadedFile, PropertyDef, PropertyUse } from './model.js';

/** What a property's value means, as far as data is concerned: its type and, if any, its values. */
export function signature(def: PropertyDef): string | undefined {
  if (!def.type) return undefined;
  const itemType = def.type === 'array' && def.items?.type ? ` of ${def.items.type}` : '';
  const values = def.enum ? ` with values ${[...def.enum].map(String).sort().join(', ')}` : '';
  return `${def.type}${itemType}${values}`;
}

export function indexFile(file: LoadedFile): FileIndex {
  const uses: PropertyUse[] = [];
  const visit = (p: PropertyDef, depth: number): void => {
    if (p.ref !== undefined) {
      const at = p.keys.$ref ?? p.loc;
      uses.push([p.name, at.line, at.column, depth, 'ref', p.ref]);
    } else if (depth === 1) {
      const sig = signature(p);
      const at = p.keys.type ?? p.keys.enum ?? p.loc;
      if (sig) uses.push([p.name, at.line, at.column, depth, 'signature', sig]);
    }
    descend(p, depth);
  };
  // Array items are not named properties, but the objects inside them hold some.
  const descend = (p: PropertyDef, depth: number): void => {
    for (const child of p.properties ?? []) visit(child, depth + 1);
    if (p.items) descend(p.items, depth + 1);
  };
  const index: FileIndex = { uses };
  if (file.event) {
    const { name, loc, replacedBy, keys } = file.event;
    if (name) {
      index.defines = { kind: 'event', name, line: loc.line, column: loc.column };
      if (replacedBy !== undefined) index.defines.replacedBy = { name: replacedBy, ...(keys.replaced_by ?? loc) };
      const { aliases, aliasLocs } = file.event;
      if (aliases?.length) index.defines.aliases = aliases.map((a, i) => ({ name: a, line: aliasLocs![i]!.line, column: aliasLocs![i]!.column }));
    }
    for (const p of file.event.properties) visit(p, 1);
  } else if (file.property) {
    const p = file.property;
    const at = p.keys.name ?? p.loc;
    const sig = signature(p);
    if (p.name) index.defines = { kind: 'property', name: p.name, line: at.line, column: at.column, ...(sig ? { signature: sig } : {}) };
    descend(p, 1);
  }
  return index;
}
