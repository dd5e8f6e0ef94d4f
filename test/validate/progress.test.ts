// The progress bar: on a terminal only, never in CI, and only for runs longer than half a second.
import { describe, expect, it, vi } from 'vitest';
import { progressBar } from '../../src/cli/progress.js';

const stream = (isTTY: boolean) => {
  const out: string[] = [];
  return { out, s: { isTTY, write: (t: string) => { out.push(t); return true; } } as unknown as NodeJS.WriteStream };
};

describe('progressBar', () => {
  it('draws on a terminal after half a second, and clears its line', () => {
    vi.useFakeTimers();
    try {
      const { out, s } = stream(true);
      const bar = progressBar(100 << 20, s, {});
      bar.update(1 << 20);
      expect(out).toEqual([]); // too soon: short runs print nothing
      vi.advanceTimersByTime(600);
      bar.update(50 << 20);
      expect(out.join('')).toMatch(/\[#{15}\.{15}\]  50%  50 MB of 100 MB/);
      bar.clear();
      expect(out[out.length - 1]).toBe('\r\x1b[K');
    } finally { vi.useRealTimers(); }
  });

  it('prints nothing when piped or in CI', () => {
    vi.useFakeTimers();
    try {
      for (const [tty, env] of [[false, {}], [true, { CI: 'true' }], [true, { TERM: 'dumb' }]] as const) {
        const { out, s } = stream(tty);
        const bar = progressBar(100, s, env);
        vi.advanceTimersByTime(1000);
        bar.update(50);
        bar.clear();
        expect(out).toEqual([]);
      }
    } finally { vi.useRealTimers(); }
  });
});
