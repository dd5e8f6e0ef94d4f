// Shared by the validate tests that call the checker directly.

interface Result { lines: number; findings: Array<{ line: number }>; rest?: number }

/**
 * Every line of `bytes` checked in this thread, as validateStream would: a batch whose findings
 * fill their budget stops (BatchResult.rest), and its other lines are a batch of their own.
 */
export function checkWhole<R extends Result>(check: (b: { bytes: Uint8Array; first: boolean; unterminated: boolean }) => R, bytes: Uint8Array): { lines: number; findings: R['findings'] } {
  const findings: R['findings'] = [];
  let lines = 0;
  for (let rest = bytes, first = true; ; first = false) {
    const r = check({ bytes: rest, first, unterminated: false });
    for (const f of r.findings) findings.push({ ...f, line: f.line + lines });
    lines += r.lines;
    if (r.rest === undefined) return { lines, findings };
    rest = rest.subarray(r.rest);
  }
}
