// Hostile and broken registry files: each must give a located diagnostic or a clear error,
// never a stack trace, a hang or a crash, and nothing in a file is ever executed or fetched.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, cli, event, lintFiles, registryProject } from './helpers.js';

afterAll(cleanup);

const only = async (text: string | Uint8Array) => {
  const r = await lintFiles({ 'events/a_created.yaml': text });
  return r.diagnostics.map((d) => `${d.ruleId} ${d.line}:${d.column} ${d.message}`);
};

describe('bad input', () => {
  it('malformed YAML', async () => {
    expect(await only('name: a_created\nproperties: [unclosed\n')).toEqual([expect.stringMatching(/^yaml-syntax 3:1 The file is not valid YAML/)]);
    expect((await only('name: a_created\n  bad: indent\n'))[0]).toMatch(/^yaml-syntax 1:7 The file is not valid YAML: implicit keys need to be on a single line/);
  });

  it('duplicate keys', async () => {
    expect(await only('name: a_created\ndescription: x\ndescription: y\nowner: t\n')).toEqual(['yaml-syntax 3:1 The key `description` appears twice in the same mapping; YAML keys must be unique.']);
  });

  it('an alias bomb is refused at once', async () => {
    let bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let i = 0; i < 9; i++) bomb += `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]\n`;
    const t = performance.now();
    const d = await only(`name: a_created\ndescription: x\nowner: t\n${bomb}`);
    expect(performance.now() - t).toBeLessThan(2000);
    expect(d[0]).toMatch(/^yaml-syntax 4:7 Anchors \(`&a`\) are not allowed/);
  });

  it('custom tags are refused, never run', async () => {
    const d = await only('name: a_created\ndescription: !!js/function "function () { process.exit(9) }"\nowner: t\n');
    expect(d).toEqual(['yaml-syntax 2:14 YAML tags (`!!js/function`) are not allowed in registry files: they hold data, never code.']);
    expect((await only('name: !foo a_created\n'))[0]).toContain('YAML tags (`!foo`)');
  });

  it('an empty file', async () => {
    expect(await only('')).toEqual([expect.stringContaining('schema 1:1 The file is empty')]);
    expect(await only('# only a comment\n')).toEqual([expect.stringContaining('schema 1:1 The file is empty')]);
  });

  it('non-UTF-8 bytes are located', async () => {
    const bytes = Buffer.concat([Buffer.from('name: a_created\ndescription: caf'), Buffer.from([0xe9]), Buffer.from('\nowner: t\n')]);
    expect(await only(bytes)).toEqual(['yaml-syntax 2:17 The file is not valid UTF-8 text.']);
  });

  it('a BOM and CRLF line ends simply work', async () => {
    const text = `\uFEFF${event('a_created', '  project_id:\n    type: string\n    description: d\n')}`.replace(/\n/g, '\r\n');
    expect(await only(text)).toEqual([]);
    const bad = `\uFEFFname: a_created\r\ndescription: d\r\nowner: t\r\nproperties:\r\n  planType:\r\n    type: string\r\n    description: d\r\n`;
    expect(await only(bad)).toEqual([expect.stringMatching(/^property-name-case 5:3 /)]);
  });

  it('__proto__ and constructor as keys are plain names', async () => {
    const d = await only(event('a_created', '  __proto__:\n    type: string\n    description: d\n  constructor:\n    type: string\n    description: d\n'));
    expect(d).toEqual([expect.stringMatching(/^property-name-case 5:3 .*`__proto__`/)]);
    expect(({} as Record<string, unknown>).type).toBeUndefined();
    expect(await only('__proto__: { name: x }\nname: a_created\ndescription: d\nowner: t\n')).toEqual([expect.stringMatching(/^schema 1:1 Unknown key `__proto__`/)]);
  });

  it('a 10 MB file is refused without parsing', async () => {
    const big = `${event('a_created')}# ${'x'.repeat(10 << 20)}\n`;
    const t = performance.now();
    expect(await only(big)).toEqual(['yaml-syntax 1:1 The file is 10.0 MB; a registry file may be at most 1 MB.']);
    expect(performance.now() - t).toBeLessThan(3000);
  });

  it('200-deep nesting is reported, not a crash', async () => {
    let props = '';
    for (let i = 0; i < 200; i++) props += `${'  '.repeat(1 + 2 * i)}p${i}:\n${'  '.repeat(2 + 2 * i)}type: object\n${'  '.repeat(2 + 2 * i)}properties:\n`;
    const d = await only(event('a_created', `${props}${'  '.repeat(401)}leaf: { type: string }\n`));
    expect(d.filter((x) => x.startsWith('schema'))).toEqual(['schema 101:131 property `p32` is nested more than 32 levels deep.']);
    const flow = `name: a_created\ndescription: d\nowner: t\nx: ${'['.repeat(200)}${']'.repeat(200)}\n`;
    expect((await only(flow))[0]).toMatch(/^schema 4:1 Unknown key `x`/);
  });

  it('a symlink loop ends, and linked files are read once', async () => {
    const dir = registryProject({ 'events/a_created.yaml': event('a_created') });
    fs.symlinkSync('..', path.join(dir, 'registry/events/loop'));
    fs.symlinkSync(path.join(dir, 'registry/events/nowhere'), path.join(dir, 'registry/events/dangling.yaml'));
    const r = cli(['lint', '--format', 'json'], dir);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).diagnostics).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('a $ref is a name, never fetched', async () => {
    const d = await only(event('a_created', '  p: { $ref: "http://127.0.0.1:9/schema.json" }\n'));
    expect(d).toEqual([expect.stringMatching(/^schema 5:14 `\$ref: http:\/\/127.0.0.1:9\/schema.json` is not the name of a shared property/)]);
  });

  it('no stack trace reaches the user, whatever the input', () => {
    const dir = registryProject({
      'events/a.yaml': Buffer.from([0xff, 0xfe, 0x00]),
      'events/b.yaml': '[1, 2',
      'events/c.yaml': '- just\n- a list\n',
      'events/d.yaml': 'name: 12\nproperties: 5\n',
      'properties/e.yaml': 'name: e\ntype: [string]\n',
    });
    const r = cli(['lint'], dir);
    expect(r.code).toBe(1);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    expect(r.stdout).toContain('events/a.yaml');
  });
});
