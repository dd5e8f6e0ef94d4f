// With worker threads checking the lines, the main thread only reads and merges, and every
// object of a worker's line dies young: a large young generation buys nothing there but memory.
// V8 grows it, 1 MB a half at first, to 16 MB a half (while the CLI's modules load, then on a
// long stream); a growth factor of 1 keeps it at its initial size. Where the main thread checks
// every line itself (`--jobs 1`, a file too small for workers) it is let grow: there the larger
// generation is the faster one. Measured, `-j 1` pinned, 300,000 lines, 10 alternating rounds:
// 4.85 s and 93 MB kept small, 4.45 s and 118 MB let grow; two workers on 1,000,000 lines:
// 161 MB kept small, 181 MB let grow (same speed).
//
// The flag is V8's, one for the whole process, and V8 sets it back to at least 2 whenever it
// configures a new isolate (each worker thread, the one that loads the registry included): the
// launcher keeps it small before anything loads, `validateStream` decides once the registry is
// loaded, and each worker keeps it small once it runs.
import v8 from 'node:v8';

/** `small`: a growth factor of 1; otherwise V8's default, 2. */
export function setSmallYoungGeneration(small: boolean): void {
  v8.setFlagsFromString(`--semi-space-growth-factor=${small ? 1 : 2}`);
}
