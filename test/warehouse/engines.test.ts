// BigQuery and Snowflake cannot run here. What can be checked without them: their scripts have
// the same views as the DuckDB and PostgreSQL ones (which run in the other tests), carry the
// same plan (the nodes every value is checked against, the messages, enums and events), say
// every rule, quote what they must, and use only functions docs/warehouse.md lists for them
// with the vendor's page, so that a reader knows exactly what their engine must provide.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DIALECTS, type DialectName } from '../../src/compile/sql/dialects.js';
import { IGLU } from '../compile/support.js';
import { cleanup, ROOT } from '../helpers.js';
import { compileProject, hostileProject } from './support.js';

afterAll(cleanup);

/** The script's string literals decoded, and its text with them blanked (and comments dropped). */
function lex(dialect: DialectName, script: string): { literals: Array<{ at: number; text: string }>; code: string } {
  const literals: Array<{ at: number; text: string }> = [];
  let code = '';
  const escapes = dialect === 'bigquery' || dialect === 'snowflake';
  for (let i = 0; i < script.length;) {
    const c = script[i]!;
    if (c === '-' && script[i + 1] === '-') { const nl = script.indexOf('\n', i); i = nl < 0 ? script.length : nl; continue; }
    if (c === '`' || c === '"') {
      // A quoted identifier: kept, it is code.
      const end = script.indexOf(c, i + 1);
      let j = end;
      while (c === '"' && script[j + 1] === '"') j = script.indexOf('"', j + 2);
      code += script.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c !== "'") { code += c; i++; continue; }
    let text = '';
    let j = i + 1;
    for (;;) {
      const d = script[j]!;
      if (d === undefined) throw new Error(`unterminated literal at ${i}`);
      if (escapes && d === '\\') {
        const e = script[j + 1]!;
        if (e === 'u') { text += String.fromCharCode(parseInt(script.slice(j + 2, j + 6), 16)); j += 6; continue; }
        text += ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[e] ?? e;
        j += 2;
        continue;
      }
      if (d === "'") {
        if (script[j + 1] === "'" && dialect !== 'bigquery') { text += "'"; j += 2; continue; }
        break;
      }
      text += d;
      j++;
    }
    literals.push({ at: code.length, text });
    code += "''";
    i = j + 1;
  }
  return { literals, code };
}

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'IN', 'AS', 'FROM', 'WHERE', 'THEN', 'ELSE', 'WHEN', 'CASE', 'JOIN', 'ON', 'VALUES', 'LATERAL', 'EXISTS', 'MATERIALIZED', 'OPTIONS', 'TABLE', 'VIEW', 'SELECT', 'WITH', 'IS', 'NULL', 'USING', 'OVER', 'ORDINALITY', 'EVENTS']);

/** The functions (and function-like constructs) a script calls, by upper-case name. */
function functionsOf(dialect: DialectName, script: string): string[] {
  const { code } = lex(dialect, script);
  const names = new Set<string>();
  // A name right before "(", not a quoted identifier, not a table alias of `AS x(...)`.
  for (const m of code.matchAll(/(?<![."`\w])([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)\s*\(/g)) {
    const before = code.slice(Math.max(0, m.index - 4), m.index);
    if (/AS\s+$/i.test(before)) continue;
    names.add(m[1]!.toUpperCase());
  }
  return [...names].filter((n) => !KEYWORDS.has(n)).sort();
}

/**
 * The plan the script carries: its JSON tables (pieces joined), told apart by what their rows
 * hold; each node resolved with its kind and messages, as the view joins them.
 */
function planOf(dialect: DialectName, script: string): Record<string, unknown[]> {
  const { literals } = lex(dialect, script);
  const tables: Record<string, Array<Record<string, unknown>>> = { nodes: [], kinds: [], messages: [], enums: [], events: [] };
  for (const l of literals) {
    if (!l.text.startsWith('[')) continue;
    let rows: Array<Record<string, unknown>>;
    try { rows = JSON.parse(l.text) as Array<Record<string, unknown>>; } catch { continue; }
    if (!Array.isArray(rows) || rows.length === 0 || typeof rows[0] !== 'object') continue;
    const first = rows[0]!;
    if (Object.values(first).every((v) => typeof v === 'string' && /^[A-Z]+(\[\])?$/.test(v))) continue; // DuckDB's from_json structures
    const keys = Object.keys(first);
    const kind = 'event_name' in first ? 'events' : keys.some((k) => k.endsWith('_msg')) ? 'messages' : keys.length === 2 && keys[0] === 'nkind' && ['s', 'n', 'b'].includes(keys[1]!) ? 'enums' : 'id' in first ? 'nodes' : 'kinds';
    tables[kind]!.push(...rows);
  }
  const kinds = new Map(tables.kinds!.map((k) => [k.nkind, k]));
  const messages = new Map(tables.messages!.map((m) => [m.msg, m]));
  const values = (nkind: unknown): unknown[] => tables.enums!.filter((e) => e.nkind === nkind).map(({ nkind: _, ...v }) => v);
  const nodes = tables.nodes!.map((n) => {
    const { nkind, msg, ...rules } = kinds.get(n.nkind)!;
    const { msg: _, ...texts } = (msg === undefined ? {} : messages.get(msg)) as Record<string, unknown>;
    const { nkind: __, ...where } = n;
    return { ...where, ...rules, ...texts, ...(rules.has_enum ? { enum: values(nkind) } : {}) };
  });
  return { nodes, events: tables.events! };
}

const viewsOf = (dialect: DialectName, script: string): string[] => {
  const { code } = lex(dialect, script);
  return [...code.matchAll(/CREATE OR REPLACE VIEW [`"]analytics[`"]\.[`"]((?:[^`"]|"")+)[`"]/g)].map((m) => m[1]!.replace(/""/g, '"')).sort();
};

const RULES = ['required', 'unknown-property', 'type', 'enum', 'minLength', 'maxLength', 'minimum', 'maximum', 'pattern', 'format', 'minItems', 'maxItems', 'unknown-event', 'repeated-id'];

/** docs/warehouse.md: per engine, the functions its table lists, each with a link. */
function documented(): Record<DialectName, Set<string>> {
  const text = fs.readFileSync(path.join(ROOT, 'docs/warehouse.md'), 'utf8');
  const out = {} as Record<DialectName, Set<string>>;
  for (const d of DIALECTS) {
    const section = new RegExp(`<!-- functions:${d} -->([\\s\\S]*?)<!-- /functions -->`).exec(text);
    expect(section, `docs/warehouse.md has no table of ${d} functions`).not.toBeNull();
    out[d] = new Set();
    for (const row of section![1]!.split('\n').filter((l) => l.startsWith('| `'))) {
      expect(row, `a row of the ${d} table without a vendor link`).toMatch(/\]\(https:\/\/[^)]+\)/);
      for (const m of row.split('|')[1]!.matchAll(/`([A-Za-z_0-9.]+)`/g)) out[d].add(m[1]!.toUpperCase());
    }
  }
  return out;
}

describe.each([['the bundled registry', ROOT], ['the Iglu schemas', IGLU]])('the four scripts of %s', (_name, dir) => {
  it('have the same views, carry the same plan, and tell every rule', async () => {
    const { scripts } = await compileProject(dir);
    const views = viewsOf('duckdb', scripts.duckdb);
    expect(views).toContain('event_violations');
    expect(views).toContain('_trackplan');
    const reference = planOf('duckdb', scripts.duckdb);
    expect(reference.nodes!.length).toBeGreaterThan(10);
    for (const d of DIALECTS) {
      expect(viewsOf(d, scripts[d]), d).toEqual(views);
      const plan = planOf(d, scripts[d]);
      expect(plan.events, `${d} events`).toEqual(reference.events);
      // Nodes differ only where an engine cannot check a pattern or a format (see regexFor,
      // formatCheck): there it has none (and a node whose only rule that was has no `checks`).
      expect(plan.nodes!.length).toBe(reference.nodes!.length);
      (plan.nodes as Array<Record<string, unknown>>).forEach((n, i) => {
        const theirs = reference.nodes![i] as Record<string, unknown>;
        const lacks = ['pattern', 'format', 'pattern_msg', 'format_msg', 'checks'].filter((k) => !(k in n));
        expect(n, `${d} node ${n.id as number}`).toEqual(Object.fromEntries(Object.entries(theirs).filter(([k]) => !lacks.includes(k))));
        if (d !== 'snowflake') expect(lacks.filter((k) => k in theirs), `${d} checks every pattern and format DuckDB checks`).toEqual([]);
      });
      const { code } = lex(d, scripts[d]);
      const said = new Set(lex(d, scripts[d]).literals.map((l) => l.text));
      for (const rule of RULES) expect(said.has(rule), `${d} says ${rule}`).toBe(true);
      expect(code).not.toMatch(/\b(UPDATE|DELETE|TRUNCATE|DROP|MERGE)\b/);
      for (const m of code.matchAll(/INSERT INTO (\S+)/g)) expect(m[1], `${d} writes only the plan's own tables`).toMatch(/_trackplan_/);
    }
  });

  it('use only functions docs/warehouse.md lists for each engine, with the vendor\'s page', async () => {
    const { scripts } = await compileProject(dir);
    const docs = documented();
    const missing = Object.fromEntries(DIALECTS.map((d) => [d, functionsOf(d, scripts[d]).filter((f) => !docs[d].has(f))]));
    expect(missing, 'functions not in docs/warehouse.md').toEqual({ duckdb: [], postgres: [], bigquery: [], snowflake: [] });
  });
});

describe('hostile names in BigQuery and Snowflake', () => {
  it('are quoted, and no literal ends early', async () => {
    const { scripts } = await compileProject(hostileProject());
    for (const d of ['bigquery', 'snowflake'] as const) {
      const { literals, code } = lex(d, scripts[d]);
      // Every description comes out of the literals whole: nothing in it ended one.
      expect(literals.some((l) => l.text.startsWith("It's \"quoted\", ends */ a comment, -- starts one, $$"))).toBe(true);
      expect(code).not.toContain('DROP TABLE x');
      expect(viewsOf(d, scripts[d])).toEqual(['_trackplan', 'event_violations', 'order_placed', 'select_done']);
    }
    expect(scripts.bigquery).toContain('`say "hi"` OPTIONS(description = ');
    expect(scripts.snowflake).toContain('"say ""hi""" COMMENT ');
  });
});
