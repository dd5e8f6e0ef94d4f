// The floor: read the lines and JSON.parse each, nothing else. Prints the lines it parsed.
import { forEachLine } from './lines.mjs';

let parsed = 0;
await forEachLine(process.argv[2], (line) => {
  try { JSON.parse(line); parsed++; } catch { /* an invalid line costs its parse too */ }
});
process.stdout.write(`${JSON.stringify({ parsed })}\n`);
