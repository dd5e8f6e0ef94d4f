// Spectral counterpart of trackplan's `file-name` rule: an event's `name` equals the file's base name.
export default function nameMatchesFile(input, _options, context) {
  const source = context.document.source;
  if (typeof input !== 'string' || !source) return;
  const base = source.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');
  if (base !== input) {
    return [{ message: `The name \`${input}\` differs from the file name \`${base}.yaml\`.` }];
  }
}
