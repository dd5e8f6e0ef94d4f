// What happens when standard output cannot take the report. A reader that stops early
// (`| head`) closes the pipe: the command stops quietly with the exit code it has, as other tools
// do. Any other failure (a full disk, `> /dev/full`, a broken device) means the report was lost:
// that is said on stderr and the exit code is 2, never the 0 or 1 of a report nobody received.

const REASONS: Record<string, string> = {
  ENOSPC: 'no space is left on the device',
  EDQUOT: 'the disk quota is used up',
  EIO: 'the device reported an input/output error',
  EBADF: 'it is closed',
};

/** `listener()` may name a command's own handler, which then decides instead. */
export function guardStdout(listener: () => ((e: NodeJS.ErrnoException) => void) | undefined = () => undefined): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    const own = listener();
    if (own) return own(e);
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    try { process.stderr.write(`trackplan: could not write the output to standard output: ${REASONS[e.code ?? ''] ?? e.message}. Nothing after that point was written; free space, or send the output elsewhere.\n`); } catch { /* stderr is gone too */ }
    process.exit(2);
  });
}
