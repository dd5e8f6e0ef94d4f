// A `--resolver` for Spectral that leaves `$ref` alone. In trackplan, `$ref: plan_type` names a
// shared property, not a JSON Reference to a file or URL: Spectral's default resolver would try to
// read `events/plan_type` for every use (an ENOENT and an `invalid-ref` error each time), which is
// neither the same check nor a fair cost. The documents are linted as written.
const { Resolver } = require('@stoplight/spectral-ref-resolver');

module.exports = new Resolver({ dereferenceInline: false, dereferenceRemote: false });
