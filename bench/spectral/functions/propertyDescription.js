// Spectral counterpart of the property half of trackplan's `description-required`: every property
// defined in full (not by `$ref`) has a non-blank description. Applied to each `properties` mapping.
export default function propertyDescription(input, _options, context) {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return;
  const results = [];
  for (const [name, def] of Object.entries(input)) {
    if (!def || typeof def !== 'object' || '$ref' in def) continue;
    if (typeof def.description !== 'string' || !def.description.trim()) {
      results.push({ message: `The property \`${name}\` has no description.`, path: [...context.path, name] });
    }
  }
  return results;
}
