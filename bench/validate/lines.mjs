// How both baselines read NDJSON: 1 MB reads, as `trackplan validate` does, cut at the last
// newline, each chunk decoded once and split with indexOf (trackplan decodes line by line, to
// keep megabyte strings out of its heap), so the comparison is of what happens per line.
import fs from 'node:fs';

export async function forEachLine(file, fn) {
  let carry = Buffer.alloc(0);
  const each = (buf) => {
    const text = buf.toString('utf8');
    for (let start = 0; start < text.length;) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      fn(text.slice(start, end));
      start = end + 1;
    }
  };
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    const nl = chunk.lastIndexOf(10);
    if (nl === -1) { carry = Buffer.concat([carry, chunk]); continue; }
    each(Buffer.concat([carry, chunk.subarray(0, nl + 1)]));
    carry = Buffer.from(chunk.subarray(nl + 1));
  }
  if (carry.length) each(carry);
}
