// A progress bar on standard error, for long runs on a terminal: never in CI or when piped, and
// only after half a second, so short runs print nothing extra.
export interface Progress { update(bytes: number): void; clear(): void }

const NONE: Progress = { update() {}, clear() {} };
const WIDTH = 30;

const mb = (b: number): string => (b >= 1 << 30 ? `${(b / 2 ** 30).toFixed(1)} GB` : `${(b / 2 ** 20).toFixed(0)} MB`);

export function progressBar(total: number | undefined, stream: NodeJS.WriteStream = process.stderr, env = process.env): Progress {
  if (!stream.isTTY || env.CI || env.TERM === 'dumb') return NONE;
  const start = Date.now();
  let last = 0;
  let shown = false;
  return {
    update(bytes) {
      const now = Date.now();
      if (now - start < 500 || now - last < 100) return;
      last = now;
      shown = true;
      const rate = `${mb(bytes / ((now - start) / 1000))}/s`;
      if (total) {
        const f = Math.min(1, bytes / total);
        const full = Math.round(f * WIDTH);
        stream.write(`\r\x1b[K[${'#'.repeat(full)}${'.'.repeat(WIDTH - full)}] ${String(Math.floor(f * 100)).padStart(3)}%  ${mb(bytes)} of ${mb(total)}  ${rate}`);
      } else stream.write(`\r\x1b[K${mb(bytes)} read  ${rate}`);
    },
    clear() { if (shown) { stream.write('\r\x1b[K'); shown = false; } },
  };
}
