// What an expression stands for without running the code: the string literals an event name can
// be, and the object literal a `const` holds. Declarations are followed in the same file, into other
// modules of the project (relative imports, and tsconfig `paths`/`baseUrl` aliases resolved by
// TypeScript's own module resolution when TypeScript is installed), and, when typescript-eslint
// gives type information, through the literal types of the checker.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Rule, SourceCode } from 'eslint';
import type * as ESTree from 'estree';

export interface StaticName {
  value: string;
  /** The string literal or template that holds the name, when it is in the linted file: where a fix rewrites it. */
  literal?: ESTree.Node;
}

/** Strips what TypeScript adds around an expression: `x as T`, `x!`, `<T>x`, `x satisfies T`. */
export function unwrap(node: ESTree.Node): ESTree.Node {
  let n = node as { type: string; expression?: ESTree.Node };
  while ((n.type === 'TSAsExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSTypeAssertion' || n.type === 'TSSatisfiesExpression' || n.type === 'ParenthesizedExpression') && n.expression) {
    n = n.expression as typeof n;
  }
  return n as ESTree.Node;
}

export function memberName(node: ESTree.MemberExpression): string | undefined {
  const p = node.property;
  if (!node.computed) return p.type === 'Identifier' ? p.name : undefined;
  if (p.type === 'Literal' && typeof p.value === 'string') return p.value;
  if (p.type === 'TemplateLiteral' && p.expressions.length === 0) return p.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The name of an object literal's key, when it is written out (`a`, `'a'`, `['a']`). */
export function propertyKey(p: ESTree.Property): string | undefined {
  if (!p.computed && p.key.type === 'Identifier') return p.key.name;
  if (p.key.type === 'Literal' && (typeof p.key.value === 'string' || typeof p.key.value === 'number')) return String(p.key.value);
  if (p.key.type === 'TemplateLiteral' && p.key.expressions.length === 0) return p.key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Declarations are looked up by walking up from the use through its enclosing blocks, which is
// how `const` and `let` are scoped, rather than through ESLint's scope analysis: with no other rule
// asking for it, scope analysis would cost more than everything else the plugin does.

type Block = ESTree.Program | ESTree.BlockStatement | ESTree.StaticBlock;
export type Binding =
  | { kind: 'variable'; declarator: ESTree.VariableDeclarator; declKind: string; id: ESTree.Pattern }
  | { kind: 'import'; source: string; imported: string } // imported '*' for a namespace
  | { kind: 'enum'; decl: ESTree.Node };
const declaredIn = new WeakMap<ESTree.Node, Map<string, Binding | null>>();

/** The names a block declares directly (null: declared otherwise, e.g. a function, or twice). */
function declarations(block: Block): Map<string, Binding | null> {
  let map = declaredIn.get(block);
  if (map) return map;
  map = new Map();
  const add = (name: string, d: Binding | null) => map!.set(name, map!.has(name) ? null : d);
  for (const raw of block.body as ESTree.Node[]) {
    const stmt = (raw.type === 'ExportNamedDeclaration' && raw.declaration ? raw.declaration : raw) as ESTree.Node | { type: 'TSEnumDeclaration'; id: ESTree.Identifier };
    if (stmt.type === 'VariableDeclaration') {
      for (const declarator of stmt.declarations) {
        if (declarator.id.type === 'Identifier') add(declarator.id.name, { kind: 'variable', declarator, declKind: stmt.kind, id: declarator.id });
        else if (declarator.id.type === 'ObjectPattern') {
          for (const p of declarator.id.properties) {
            const target = p.type === 'Property' ? (p.value.type === 'AssignmentPattern' ? p.value.left : p.value) : p.argument;
            if (target.type === 'Identifier') add(target.name, { kind: 'variable', declarator, declKind: stmt.kind, id: target });
          }
        }
      }
    } else if (stmt.type === 'ImportDeclaration') {
      const source = String(stmt.source.value);
      for (const spec of stmt.specifiers) {
        const imported = spec.type === 'ImportNamespaceSpecifier' ? '*' : spec.type === 'ImportDefaultSpecifier' ? 'default'
          : spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
        add(spec.local.name, (stmt as { importKind?: string }).importKind === 'type' ? null : { kind: 'import', source, imported });
      }
    } else if (stmt.type === 'TSEnumDeclaration') {
      add(stmt.id.name, { kind: 'enum', decl: stmt as unknown as ESTree.Node });
    } else if ((stmt.type === 'FunctionDeclaration' || stmt.type === 'ClassDeclaration') && stmt.id) {
      add(stmt.id.name, null);
    }
  }
  declaredIn.set(block, map);
  return map;
}

type Parented = ESTree.Node & { parent?: ESTree.Node };

/** What `name` refers to at `from`, if it is declared in an enclosing block, and the program it is in. */
export function lookup(name: string, from: ESTree.Node): { binding: Binding; program: ESTree.Program } | undefined {
  for (let n = (from as Parented).parent as Parented | undefined; n; n = n.parent as Parented | undefined) {
    if (n.type === 'Program' || n.type === 'BlockStatement' || n.type === 'StaticBlock') {
      const map = declarations(n);
      if (!map.has(name)) continue;
      const binding = map.get(name);
      if (!binding) return undefined;
      let program: Parented = n;
      while (program.parent) program = program.parent as Parented;
      return { binding, program: program as ESTree.Program };
    } else if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') {
      if (n.params.some((p) => p.type === 'Identifier' && p.name === name)) return undefined; // a parameter
    } else if (n.type === 'CatchClause' && n.param?.type === 'Identifier' && n.param.name === name) {
      return undefined;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Values

/** What the resolution needs to know about the file being linted. */
export interface Scope {
  sourceCode: SourceCode;
  filename: string;
  parser?: unknown;
  cwd: string;
}

/** A value's node and whether it is in the linted file (a fix or a report can point at it). */
interface Value { node: ESTree.Node; local: boolean }

/** What a `const`, an enum or an import named `id` holds; undefined when only running the code would tell. */
function valueOf(scope: Scope, id: ESTree.Identifier, local: boolean, depth: number): Value | { namespace: string } | undefined {
  const hit = lookup(id.name, id);
  if (!hit) return undefined;
  const { binding, program } = hit;
  if (binding.kind === 'variable') {
    const init = binding.declKind === 'const' && binding.declarator.id.type === 'Identifier' ? binding.declarator.init : undefined;
    return init ? { node: init, local } : undefined;
  }
  if (binding.kind === 'enum') return { node: binding.decl, local };
  const from = modules.fileOf(program) ?? scope.filename;
  const file = resolveModule(scope, binding.source, from);
  if (!file) return undefined;
  if (binding.imported === '*') return { namespace: file };
  const node = exported(scope, file, binding.imported, depth + 1);
  return node && { node, local: false };
}

/** The value a module exports under `name`: `export const`, `export enum`, `export { a as name }`, re-exports. */
function exported(scope: Scope, file: string, name: string, depth: number): ESTree.Node | undefined {
  if (depth > 8) return undefined;
  const program = modules.program(scope, file);
  if (!program) return undefined;
  for (const stmt of program.body) {
    if (stmt.type === 'ExportNamedDeclaration') {
      const d = stmt.declaration as (ESTree.Node & { id?: ESTree.Identifier }) | null | undefined;
      if (d?.type === 'VariableDeclaration') {
        for (const v of d.declarations) if (v.id.type === 'Identifier' && v.id.name === name) return d.kind === 'const' && v.init ? v.init : undefined;
      } else if ((d?.type as string) === 'TSEnumDeclaration' && d!.id?.name === name) {
        return d!;
      }
      for (const spec of stmt.specifiers) {
        const exportedName = spec.exported.type === 'Identifier' ? spec.exported.name : String(spec.exported.value);
        if (exportedName !== name) continue;
        const local = spec.local.type === 'Identifier' ? spec.local.name : String(spec.local.value);
        if (stmt.source) {
          const target = resolveModule(scope, String(stmt.source.value), file);
          return target ? exported(scope, target, local, depth + 1) : undefined;
        }
        const v = valueOf(scope, spec.local as ESTree.Identifier, false, depth);
        return v && 'node' in v ? v.node : undefined;
      }
    } else if (stmt.type === 'ExportAllDeclaration' && !stmt.exported) {
      const target = resolveModule(scope, String(stmt.source.value), file);
      const found = target && exported(scope, target, name, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** The members of an object literal or an enum, by key. */
function memberOf(holder: ESTree.Node, key: string): ESTree.Node | undefined {
  if (holder.type === 'ObjectExpression') {
    for (const p of holder.properties) {
      if (p.type === 'Property' && !p.computed && propertyKey(p) === key) return p.value;
    }
    return undefined;
  }
  const e = holder as unknown as { type: string; members?: EnumMember[]; body?: { members: EnumMember[] } };
  if (e.type !== 'TSEnumDeclaration') return undefined;
  for (const m of e.body?.members ?? e.members ?? []) {
    const k = m.id.type === 'Identifier' ? m.id.name : m.id.value;
    if (k === key) return m.initializer ?? undefined;
  }
  return undefined;
}
interface EnumMember { id: { type: string; name?: string; value?: string }; initializer?: ESTree.Node }

/** The node an expression holds when it names a `const`, a member of a `const` object or an enum, or an export. */
function resolve(scope: Scope, input: ESTree.Node, local: boolean, depth: number): Value | undefined {
  const node = unwrap(input);
  if (node.type === 'Identifier') {
    const v = valueOf(scope, node, local, depth);
    return v && 'node' in v ? v : undefined;
  }
  if (node.type === 'MemberExpression' && node.object.type !== 'Super') {
    const key = memberName(node);
    if (key === undefined) return undefined;
    const object = unwrap(node.object);
    if (object.type === 'Identifier') {
      const v = valueOf(scope, object, local, depth);
      if (v && 'namespace' in v) {
        const found = exported(scope, v.namespace, key, depth + 1);
        return found && { node: found, local: false };
      }
      const holder = v && unwrap(v.node);
      const member = holder && memberOf(holder, key);
      return member && { node: member, local: v.local };
    }
    const holder = depth < 8 ? resolve(scope, object, local, depth + 1) : undefined; // A.B.C
    const member = holder && memberOf(unwrap(holder.node), key);
    return member && { node: member, local: holder.local };
  }
  return undefined;
}

/**
 * The names a string expression can be, each known without running the code: a literal, a
 * template without `${}`, each branch of `c ? 'a' : 'b'` (and of `||`, `??`), a `const`, a member
 * of a `const` object or of an enum, here or exported by another module. Undefined when any of
 * them is computed at run time.
 */
export function staticNames(scope: Scope, input: ESTree.Node, local = true, depth = 0): StaticName[] | undefined {
  if (depth > 12) return undefined;
  const node = unwrap(input);
  if (node.type === 'Literal') return typeof node.value === 'string' ? [local ? { value: node.value, literal: node } : { value: node.value }] : undefined;
  if (node.type === 'TemplateLiteral') {
    const cooked = node.expressions.length === 0 ? node.quasis[0]?.value.cooked : undefined;
    return typeof cooked === 'string' ? [local ? { value: cooked, literal: node } : { value: cooked }] : typed(scope, input, local);
  }
  if (node.type === 'ConditionalExpression' || (node.type === 'LogicalExpression' && node.operator !== '&&')) {
    const [a, b] = node.type === 'ConditionalExpression' ? [node.consequent, node.alternate] : [node.left, node.right];
    const left = staticNames(scope, a, local, depth + 1);
    const right = left && staticNames(scope, b, local, depth + 1);
    return right ? [...left!, ...right.filter((r) => !left!.some((l) => l.value === r.value))] : typed(scope, input, local);
  }
  const v = resolve(scope, node, local, depth);
  return (v && staticNames(scope, v.node, v.local, depth + 1)) ?? typed(scope, input, local);
}

/** The single name an expression is, if it can be only one. */
export function staticString(scope: Scope, node: ESTree.Node): StaticName | undefined {
  const names = staticNames(scope, node);
  return names?.length === 1 ? names[0] : undefined;
}

/** The object literal an expression is, or that a `const` in this file holds (reports point into it). */
export function objectOf(scope: Scope, input: ESTree.Node): ESTree.ObjectExpression | undefined {
  let node = unwrap(input);
  for (let i = 0; i < 4 && node.type !== 'ObjectExpression'; i++) {
    const v = resolve(scope, node, true, 0);
    if (!v?.local) return undefined;
    node = unwrap(v.node);
  }
  return node.type === 'ObjectExpression' ? node : undefined;
}

// ---------------------------------------------------------------------------------------------
// Type information: typescript-eslint's `parserServices` with a program (`parserOptions.projectService`).

interface TsType { isStringLiteral(): boolean; isUnion(): boolean; value?: unknown; types?: TsType[] }
interface Services { program?: { getTypeChecker(): { getTypeAtLocation(n: unknown): TsType } }; esTreeNodeToTSNodeMap?: { get(n: unknown): unknown } }

/** The string literal types of an expression of the linted file, when the type checker knows them. */
function typed(scope: Scope, node: ESTree.Node, local: boolean): StaticName[] | undefined {
  if (!local) return undefined;
  const services = scope.sourceCode.parserServices as Services | undefined;
  if (!services?.program || !services.esTreeNodeToTSNodeMap) return undefined;
  const tsNode = services.esTreeNodeToTSNodeMap.get(node);
  if (!tsNode) return undefined;
  const type = services.program.getTypeChecker().getTypeAtLocation(tsNode);
  const parts = type.isUnion() ? type.types ?? [] : [type];
  if (parts.length === 0 || !parts.every((t) => t.isStringLiteral())) return undefined;
  return parts.map((t) => ({ value: String(t.value) }));
}

// ---------------------------------------------------------------------------------------------
// Other modules

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

function isFile(file: string): boolean {
  try { return fs.statSync(file).isFile(); } catch { return false; }
}

/** A relative import as bundlers and TypeScript find it: the file, `.js` written for `.ts`, an index file. */
function resolveRelative(base: string): string | undefined {
  const ext = path.extname(base);
  if (EXTENSIONS.includes(ext) && isFile(base)) return base;
  if (ext === '.js' || ext === '.jsx' || ext === '.mjs' || ext === '.cjs') {
    const stem = base.slice(0, -ext.length);
    for (const e of ext === '.mjs' ? ['.mts'] : ext === '.cjs' ? ['.cts'] : ['.ts', '.tsx']) if (isFile(stem + e)) return stem + e;
  }
  for (const e of EXTENSIONS) if (isFile(base + e)) return base + e;
  for (const e of EXTENSIONS) if (isFile(path.join(base, `index${e}`))) return path.join(base, `index${e}`);
  return undefined;
}

interface Ts {
  findConfigFile(dir: string, exists: (f: string) => boolean): string | undefined;
  readConfigFile(file: string, read: (f: string) => string | undefined): { config?: unknown };
  parseJsonConfigFileContent(json: unknown, host: unknown, dir: string): { options: object };
  resolveModuleName(name: string, from: string, options: object, host: unknown): { resolvedModule?: { resolvedFileName: string; isExternalLibraryImport?: boolean } };
  sys: Record<string, unknown> & { fileExists(f: string): boolean; readFile(f: string): string | undefined };
}
let ts: Ts | null | undefined;

/** TypeScript, from the project or beside the plugin; null when neither has it (only relative imports are followed then). */
function typescript(cwd: string): Ts | null {
  if (ts !== undefined) return ts;
  for (const from of [path.join(cwd, 'package.json'), import.meta.url]) {
    try { return (ts = createRequire(from)('typescript') as Ts); } catch { /* try the next */ }
  }
  return (ts = null);
}

const tsOptions = new Map<string, object | null>();

/** The compiler options of the nearest tsconfig.json (its `extends` followed), for `paths` and `baseUrl`. */
function compilerOptions(t: Ts, dir: string): object | null {
  let hit = tsOptions.get(dir);
  if (hit !== undefined) return hit;
  const file = t.findConfigFile(dir, t.sys.fileExists);
  hit = file ? tsOptions.get(file) ?? null : null;
  if (file && !tsOptions.has(file)) {
    const { config } = t.readConfigFile(file, t.sys.readFile);
    // No file list: only the options are needed, and listing a big project's files costs seconds.
    const host = { ...t.sys, readDirectory: () => [] };
    hit = config ? t.parseJsonConfigFileContent(config, host, path.dirname(file)).options : null;
    tsOptions.set(file, hit);
  }
  tsOptions.set(dir, hit);
  return hit;
}

const resolved = new Map<string, string | null>();

/** The project file an import names, or undefined (a package, or not found). */
function resolveModule(scope: Scope, spec: string, from: string): string | undefined {
  const key = `${from}\0${spec}`;
  let hit = resolved.get(key);
  if (hit !== undefined) return hit ?? undefined;
  hit = null;
  if (spec.startsWith('.') || spec.startsWith('/')) {
    hit = resolveRelative(path.resolve(path.dirname(from), spec)) ?? null;
  } else {
    const t = typescript(scope.cwd);
    const options = t && compilerOptions(t, path.dirname(from));
    if (t && options) {
      const m = t.resolveModuleName(spec, from, options, t.sys).resolvedModule;
      if (m && !m.isExternalLibraryImport && !/\.d\.[mc]?ts$/.test(m.resolvedFileName)) hit = path.resolve(m.resolvedFileName);
    }
  }
  resolved.set(key, hit);
  return hit ?? undefined;
}

interface Parser {
  parseForESLint?(text: string, options: object): { ast: ESTree.Program };
  parse?(text: string, options: object): ESTree.Program;
}

/** Modules parsed with the linted file's parser, kept while their file is unchanged. */
const modules = new (class {
  private cache = new Map<string, { stamp: string; program: ESTree.Program | null }>();
  private files = new WeakMap<ESTree.Program, string>();

  fileOf(program: ESTree.Program): string | undefined { return this.files.get(program); }

  program(scope: Scope, file: string): ESTree.Program | undefined {
    let stamp: string;
    try {
      const st = fs.statSync(file);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch { return undefined; }
    const hit = this.cache.get(file);
    if (hit?.stamp === stamp) return hit.program ?? undefined;
    let program: ESTree.Program | null = null;
    const parser = scope.parser as Parser | undefined;
    try {
      const text = fs.readFileSync(file, 'utf8');
      const options = { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true }, filePath: file, range: true, loc: true };
      program = parser?.parseForESLint ? parser.parseForESLint(text, options).ast : parser?.parse ? parser.parse(text, options) : null;
    } catch { /* a syntax error, or a parser that cannot read it (espree and TypeScript): nothing known */ }
    if (program) {
      setParents(program);
      this.files.set(program, file);
    }
    this.cache.set(file, { stamp, program });
    return program ?? undefined;
  }
})();

/** Top-level statements and what they hold get `parent`, as ESLint gives them in the linted file. */
function setParents(node: ESTree.Node): void {
  for (const key of Object.keys(node)) {
    if (key === 'parent' || key === 'loc' || key === 'range' || key === 'tokens' || key === 'comments') continue;
    const v = (node as unknown as Record<string, unknown>)[key];
    const children = Array.isArray(v) ? v : [v];
    for (const c of children) {
      if (c && typeof c === 'object' && typeof (c as { type?: unknown }).type === 'string') {
        (c as Parented).parent = node;
        setParents(c as ESTree.Node);
      }
    }
  }
}

/** The scope of the file a rule lints. */
export function scopeOf(context: Rule.RuleContext): Scope {
  return { sourceCode: context.sourceCode, filename: context.filename, parser: context.languageOptions?.parser, cwd: context.cwd };
}
