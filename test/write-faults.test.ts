// The output folder under faults (issue 14 items 8, 9, 10, 13; issue 13's --out defects): every
// failure is exit 2 with what, where and what to do, `generated/` stays as it was, and the next
// build works once the cause is gone. Real processes, real permissions (as `nobody` when the
// tests run as root, who ignores modes), real full and read-only file systems (tmpfs, when this
// user may mount).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles } from '../src/write.js';
import { BIN, cleanup, cli, ROOT, tempDir, type Run } from './helpers.js';

const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) spawnSync('umount', [m]);
  cleanup();
});

const snapshot = (dir: string): Record<string, string> => Object.fromEntries(listFiles(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));

/** A project with the bundled registry, built once into generated/. */
function built(): { dir: string; out: string; before: Record<string, string> } {
  const dir = tempDir();
  fs.cpSync(path.join(ROOT, 'registry'), path.join(dir, 'registry'), { recursive: true });
  const r = cli(['build', '--no-cache'], dir);
  expect(r.code, r.stderr).toBe(0);
  const out = path.join(dir, 'generated');
  return { dir, out, before: snapshot(out) };
}

const isRoot = process.getuid?.() === 0;
/** The CLI as a user that file modes apply to. */
function unprivileged(args: string[], cwd: string): Run {
  const cmd = isRoot ? ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath] : [process.execPath];
  const r = spawnSync(cmd[0]!, [...cmd.slice(1), BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
// And `nobody` can run the CLI: a clone in a folder only root may enter (`mktemp -d` makes one
// of mode 700) is out of its reach, and every run would fail before trackplan starts.
const canDropPrivileges = !isRoot || unprivileged(['--version'], os.tmpdir()).code === 0;

/** A tmpfs of `size` at a new folder, or undefined when this user may not mount. */
function tmpfs(size: string, ro = false): string | undefined {
  const at = path.join(tempDir(), 'mnt');
  fs.mkdirSync(at);
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${ro ? ',ro' : ''}`, 'tmpfs', at]).status !== 0) return undefined;
  mounts.push(at);
  return at;
}

const expectRefused = (r: Run, ...parts: Array<string | RegExp>): void => {
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stderr).not.toContain('internal error');
  for (const p of parts) expect(r.stderr).toMatch(p);
};

describe('build refuses what is not its output folder', () => {
  it('leaves a file given as --out, and says what is wrong with a path under a file', () => {
    const dir = tempDir();
    fs.cpSync(path.join(ROOT, 'registry'), path.join(dir, 'registry'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'my notes\n');
    expectRefused(cli(['build', '--no-cache', '--out', 'notes.txt'], dir), 'notes.txt is a file, not a folder');
    expect(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('my notes\n');
    expectRefused(cli(['build', '--no-cache', '--out', 'notes.txt/gen'], dir), `${path.join(dir, 'notes.txt')} is a file, so no folder can be made in it`);
    expectRefused(cli(['check', '--no-cache', '--out', 'notes.txt'], dir), 'notes.txt is a file');
    expect(fs.readdirSync(dir).sort()).toEqual(['notes.txt', 'registry']);
  });

  it('does not spin on a folder the file system refuses to create (/proc)', () => {
    const dir = tempDir();
    fs.cpSync(path.join(ROOT, 'registry'), path.join(dir, 'registry'), { recursive: true });
    const r = spawnSync(process.execPath, [BIN, 'build', '--out', '/proc/trackplan-out'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    expectRefused({ code: r.status, stdout: r.stdout, stderr: r.stderr }, 'Could not write the output folder /proc/trackplan-out');
  });

  it('says registry/events is a file', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'registry'));
    fs.writeFileSync(path.join(dir, 'registry', 'events'), 'x\n');
    expectRefused(cli(['build'], dir), 'registry/events is a file, not a folder');
  });
});

describe('a symbolic link as the output folder', () => {
  it('is written through: the link stays, its target gets the new output', () => {
    const { dir, before } = built();
    fs.renameSync(path.join(dir, 'generated'), path.join(dir, 'real'));
    fs.symlinkSync('real', path.join(dir, 'generated'));
    fs.rmSync(path.join(dir, 'registry/events/project_archived.yaml'));
    expect(cli(['build', '--no-cache'], dir).code).toBe(0);
    expect(fs.lstatSync(path.join(dir, 'generated')).isSymbolicLink()).toBe(true);
    const after = snapshot(path.join(dir, 'real'));
    expect(Object.keys(after)).not.toContain('schemas/project_archived.schema.json');
    expect(Object.keys(before)).toContain('schemas/project_archived.schema.json');
    expect(cli(['check', '--no-cache'], dir).code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['generated', 'real', 'registry']);
  });

  it('to nothing is refused, naming the target', () => {
    const dir = tempDir();
    fs.cpSync(path.join(ROOT, 'registry'), path.join(dir, 'registry'), { recursive: true });
    fs.symlinkSync('missing', path.join(dir, 'generated'));
    expectRefused(cli(['build'], dir), 'is a symbolic link to missing, which does not exist');
  });
});

describe.skipIf(!canDropPrivileges)('permissions', () => {
  it('a read-only output folder, or its parent: a clear message, the output unchanged, then a build that works', () => {
    const { dir, out, before } = built();
    fs.chmodSync(dir, 0o777);
    fs.chmodSync(path.join(dir, 'registry'), 0o755);
    fs.rmSync(path.join(dir, 'registry/events/project_archived.yaml'));
    // Files are the user's; only folders' modes are changed below.
    spawnSync('chown', ['-R', 'nobody', out]);
    for (const [folder, mode, where] of [[out, 0o555, out], [dir, 0o555, dir], [path.join(out, 'schemas'), 0o555, path.join(out, 'schemas')]] as const) {
      fs.chmodSync(folder, mode);
      expectRefused(unprivileged(['build', '--no-cache'], dir), `permission denied on ${where}.`, 'The previous output is unchanged.');
      fs.chmodSync(folder, folder === dir ? 0o777 : 0o755);
      expect(snapshot(out)).toEqual(before);
      expect(fs.readdirSync(dir).sort()).toEqual(['generated', 'registry']);
    }
    const r = unprivileged(['build', '--no-cache'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(Object.keys(snapshot(out))).not.toContain('schemas/project_archived.schema.json');
  });
});

describe('full and read-only disks', () => {
  const full = tmpfs('64k');
  it.skipIf(!full)('a full disk: a clear message, nothing left behind', () => {
    const { dir } = built();
    expectRefused(cli(['build', '--no-cache', '--out', path.join(full!, 'gen')], dir), 'no space is left on the disk', 'Nothing was written.');
    expect(fs.readdirSync(full!)).toEqual([]);
  });
  it.skipIf(!full)('a mount point as the output folder: busy, said so', () => {
    const { dir } = built();
    expectRefused(cli(['build', '--no-cache', '--out', full!], dir), 'is busy (a mount point');
    expect(fs.readdirSync(full!)).toEqual([]);
  });
  const ro = tmpfs('1m', true);
  it.skipIf(!ro)('a read-only file system', () => {
    const { dir } = built();
    expectRefused(cli(['build', '--no-cache', '--out', path.join(ro!, 'gen')], dir), 'is on a read-only file system');
    expectRefused(cli(['build', '--no-cache', '--out', ro!], dir), 'is on a read-only file system', 'The previous output is unchanged.');
  });
});

describe('leftovers and concurrent builds', () => {
  it('recovers what a killed build left: its lock, its temporary folder, the old folder moved aside', () => {
    const { dir, out, before } = built();
    // As if killed between the two renames: only the old folder, a half-written new one, and the lock of a dead process.
    fs.renameSync(out, path.join(dir, '.generated.trackplan-old'));
    fs.mkdirSync(path.join(dir, '.generated.trackplan-tmp'));
    fs.writeFileSync(path.join(dir, '.generated.trackplan-tmp', 'catalog.json'), 'half');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    fs.writeFileSync(path.join(dir, '.generated.trackplan-lock'), `${dead} ${os.hostname()} x\n`);
    const c = cli(['check', '--no-cache'], dir);
    expect(c.code, c.stderr).toBe(0);
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['generated', 'registry']);
  });

  it('a lock cut short by a kill (empty, or part of a token) and what a build killed while taking it left are cleared by the next build', () => {
    // Found by scripts/fuzz-kill.mjs: the lock was created, then written, and a build killed in
    // between left an empty one that every later build took for a live build's.
    const { dir, out, before } = built();
    const lock = path.join(dir, '.generated.trackplan-lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    for (const content of ['', `${dead} ${os.hostname()}`, '12']) {
      fs.writeFileSync(lock, content);
      const past = new Date(Date.now() - 10_000);
      fs.utimesSync(lock, past, past);
      fs.writeFileSync(`${lock}.${dead}.tmp`, `${dead} ${os.hostname()} x\n`);
      fs.writeFileSync(`${lock}.takeover.${dead}.tmp`, '');
      // And a build killed while it took a dead build's lock over.
      fs.writeFileSync(`${lock}.takeover`, `${dead} ${os.hostname()} y\n`);
      const r = cli(['build', '--no-cache'], dir);
      expect(r.code, `${JSON.stringify(content)}: ${r.stderr}`).toBe(0);
      expect(snapshot(out)).toEqual(before);
      expect(fs.readdirSync(dir).sort()).toEqual(['generated', 'registry']);
    }
  });

  it('a lock cut short just now is waited for, then taken over, not refused', () => {
    // Where there are no hard links the lock is created, then written: an empty one may be a
    // live build's for a moment, and is a killed one's once it has stayed empty for 2 s.
    const { dir, out, before } = built();
    fs.writeFileSync(path.join(dir, '.generated.trackplan-lock'), '');
    const t0 = performance.now();
    const r = cli(['build', '--no-cache'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(performance.now() - t0).toBeGreaterThan(1500);
    expect(snapshot(out)).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual(['generated', 'registry']);
  });

  it('refuses to write while a live build holds the lock, and says how to clear it', () => {
    const { dir, out, before } = built();
    fs.writeFileSync(path.join(dir, '.generated.trackplan-lock'), `${process.pid} ${os.hostname()} x\n`);
    expectRefused(cli(['build', '--no-cache'], dir), `Another trackplan build (process ${process.pid}) is writing ${out} now`, '.generated.trackplan-lock');
    expect(snapshot(out)).toEqual(before);
  });

  it('builds at once: each completes whole or says another build is running', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'registry', 'events'), { recursive: true });
    for (let i = 0; i < 400; i++) {
      fs.writeFileSync(path.join(dir, 'registry', 'events', `item_${i}_created.yaml`), `name: item_${i}_created\ndescription: A user created item ${i}.\nowner: team\nproperties:\n  item_id:\n    type: string\n    required: true\n    description: The item.\n`);
    }
    const run = (): Promise<Run> => new Promise((resolve) => {
      const p = spawn(process.execPath, [BIN, 'build', '--no-cache'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
      let stdout = '', stderr = '';
      p.stdout.on('data', (d) => { stdout += d; });
      p.stderr.on('data', (d) => { stderr += d; });
      p.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([run(), run(), run()]);
      for (const r of results) {
        if (r.code === 0) expect(r.stdout).toMatch(/Built 400 events/);
        else expectRefused(r, 'Another trackplan build');
      }
      expect(results.some((r) => r.code === 0)).toBe(true);
      expect(listFiles(path.join(dir, 'generated'))).toHaveLength(814); // 400 schemas and 400 dbt models, the index, types, tracker, catalog.json and page, .gitattributes, 4 warehouse scripts, 4 more dbt files
      expect(fs.readdirSync(dir).sort()).toEqual(['generated', 'registry']);
    }
  }, 120_000);
});

describe('standard output that cannot be written', () => {
  it.skipIf(!fs.existsSync('/dev/full'))('> /dev/full is exit 2 with a message, for every command that reports', () => {
    const { dir } = built();
    for (const args of [['lint', '--no-cache'], ['lint', '--format', 'json', '--no-cache'], ['build', '--no-cache'], ['check', '--no-cache'], ['diff', '--base-dir', 'registry']]) {
      const fd = fs.openSync('/dev/full', 'w');
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', fd, 'pipe'] });
      fs.closeSync(fd);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toContain('could not write the output to standard output: no space is left on the device');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
