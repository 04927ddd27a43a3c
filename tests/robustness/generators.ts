import fc from 'fast-check';

/*
 * Arbitraries for whole programs that a route handler of some framework is written in, with unusual
 * but valid syntax between request input and a sink. A program is a framework shell (imports, app,
 * route registrations) around handler bodies; a body is a list of chains; a chain takes one request
 * input, moves it through a few steps drawn from a grammar of odd constructs, and ends in a sink.
 *
 * Steps are written in continuation-passing style: a step gets the expression that holds the value
 * and the rest of the chain, so it can either bind a new expression (`const { a = x } = {}`) or wrap
 * the rest (a labelled loop, a callback, a `using` block, a generator). The environment says what the
 * wrapped code may contain (`await`, sloppy-mode constructs), so every program stays valid.
 */

/** What a file is written in: its extension and source type. */
export type Dialect = 'ts' | 'tsx' | 'jsx' | 'esm' | 'script';

export type Framework = 'express' | 'fastify' | 'koa' | 'hapi' | 'hono' | 'nest' | 'next-app' | 'next-pages' | 'node-http';

export interface GeneratedProgram {
  readonly filename: string;
  readonly sourceType: 'module' | 'script';
  readonly dialect: Dialect;
  readonly framework: Framework;
  readonly code: string;
  /** How fast-check prints a counterexample: the file, not a JSON string. */
  readonly [fc.toStringMethod]: () => string;
}

const TS: readonly Dialect[] = ['ts', 'tsx'];
const JSX: readonly Dialect[] = ['tsx', 'jsx'];
const MODULES: readonly Dialect[] = ['ts', 'tsx', 'jsx', 'esm'];
const ALL: readonly Dialect[] = [...MODULES, 'script'];
const SCRIPT: readonly Dialect[] = ['script'];

const isTs = (dialect: Dialect): boolean => dialect === 'ts' || dialect === 'tsx';

// ---------------------------------------------------------------------------------------------------------
// Writing a program
// ---------------------------------------------------------------------------------------------------------

interface ModuleImport {
  /** Import clause for ESM, also the `require` binding pattern for scripts. */
  readonly bind: string;
  readonly from: string;
  /** Top-level statements that set up what the sinks use. */
  readonly setup?: readonly string[];
  /** Only in TypeScript: an `import type`. */
  readonly typeOnly?: boolean;
}

const IMPORTS = {
  express: { bind: 'express', from: 'express' },
  expressTypes: { bind: '{ Request, Response }', from: 'express', typeOnly: true },
  fastify: { bind: 'Fastify', from: 'fastify' },
  koa: { bind: 'Koa', from: 'koa' },
  koaRouter: { bind: 'Router', from: '@koa/router' },
  hapi: { bind: 'Hapi', from: '@hapi/hapi' },
  hono: { bind: '{ Hono }', from: 'hono' },
  honoJwt: { bind: '{ jwt }', from: 'hono/jwt' },
  http: { bind: 'http', from: 'node:http' },
  nest: { bind: '{ Controller, Get, Post, Put, Patch, Delete, Query, Body, Param, Headers, Req, Res, UseGuards }', from: '@nestjs/common' },
  nestWithoutUseGuards: { bind: '{ Controller, Get, Post, Put, Patch, Delete, Query, Body, Param, Headers, Req, Res, }', from: '@nestjs/common' },
  nestPassport: { bind: '{ AuthGuard }', from: '@nestjs/passport' },
  nextServer: { bind: '{ NextResponse }', from: 'next/server' },
  nextTypes: { bind: '{ NextRequest }', from: 'next/server', typeOnly: true },
  nextNavigation: { bind: '{ redirect }', from: 'next/navigation' },
  nextAuth: { bind: '{ auth }', from: '@/auth' },
  pg: { bind: '{ Pool }', from: 'pg', setup: ['const pool = new Pool();'] },
  mongoose: { bind: 'mongoose', from: 'mongoose', setup: ["const Item = mongoose.model('Item', new mongoose.Schema({ name: String }));"] },
  models: { bind: '{ User, Audit }', from: './models' },
  childProcess: { bind: '{ exec, execFile, execSync, execFileSync }', from: 'node:child_process' },
  cp: { bind: 'cp', from: 'node:child_process' },
  fs: { bind: 'fs', from: 'node:fs' },
  path: { bind: 'path', from: 'node:path' },
  vm: { bind: 'vm', from: 'node:vm' },
  axios: { bind: 'axios', from: 'axios' },
  jsonwebtoken: { bind: 'jsonwebtoken', from: 'jsonwebtoken' },
  escapeHtml: { bind: 'escapeHtml', from: 'escape-html' },
  reactServer: { bind: '{ renderToString }', from: 'react-dom/server' },
} as const satisfies Record<string, ModuleImport>;

type ImportName = keyof typeof IMPORTS;

/** Collects the imports, top-level helpers and fresh names of one program. */
class Writer {
  private counter = 0;
  private readonly imports = new Set<ImportName>();
  private readonly helpers = new Map<string, readonly string[]>();

  /** Set while writing code that is strict in any file: a class static block. */
  forcedStrict = false;

  constructor(readonly dialect: Dialect) {}

  fresh(base: string): string {
    this.counter += 1;
    return `${base}${this.counter}`;
  }

  use(name: ImportName): void {
    this.imports.add(name);
  }

  /** Declares a top-level helper once per program and returns its name. */
  helper(name: string, lines: readonly string[]): string {
    if (!this.helpers.has(name)) this.helpers.set(name, lines);
    return name;
  }

  header(): string[] {
    const lines: string[] = [];
    const setup: string[] = [];
    for (const name of this.imports) {
      const spec: ModuleImport = IMPORTS[name];
      if (spec.typeOnly === true) {
        if (isTs(this.dialect)) lines.push(`import type ${spec.bind} from '${spec.from}';`);
        continue;
      }
      lines.push(
        this.dialect === 'script' ? `const ${spec.bind} = require('${spec.from}');` : `import ${spec.bind} from '${spec.from}';`,
      );
      setup.push(...(spec.setup ?? []));
    }
    return [...lines, ...setup, ...[...this.helpers.values()].flat()];
  }
}

/** What a handler offers a chain: its inputs and the ways it answers. */
interface Handle {
  /** Expressions holding request input (with `await` only in an async handler, parenthesized). */
  readonly sources: readonly string[];
  /** The whole request body. */
  readonly body: string;
  /** An input used as a record id. */
  readonly id: string;
  /** The authenticated principal, where the framework has one. */
  readonly principal: string | null;
  /** Statements that send a value as JSON, as HTML, or redirect to it. */
  json(value: string, env: Env): string;
  html(value: string, env: Env): string;
  redirect(value: string, env: Env): string;
}

interface Env {
  readonly w: Writer;
  readonly dialect: Dialect;
  readonly h: Handle;
  /** `await` is allowed here. */
  readonly async: boolean;
  /** Strict-mode code (modules, classes); sloppy-only constructs are not. */
  readonly strict: boolean;
  /** The chain is the last of its handler, so it may `return` unconditionally. */
  readonly tail: boolean;
}

type Continue = (value: string, env: Env) => string[];

const indent = (lines: readonly string[]): string[] => lines.map((line) => `  ${line}`);

/** `return value;`, made conditional when more chains follow, so they stay reachable. */
const answer = (value: string, env: Env): string => (env.tail ? `return ${value};` : `if (Math.random() < 0.5) return ${value};`);

/** Binds `value` first when it must not move into a nested function (it awaits). */
function settle(value: string, env: Env): { pre: string[]; value: string } {
  if (!/\bawait\b/u.test(value)) return { pre: [], value };
  const name = env.w.fresh('input');
  return { pre: [`const ${name} = ${value};`], value: name };
}

// ---------------------------------------------------------------------------------------------------------
// Steps: how a value moves
// ---------------------------------------------------------------------------------------------------------

interface Step {
  readonly name: string;
  readonly dialects: readonly Dialect[];
  render(value: string, env: Env, next: Continue): string[];
}

const step = (name: string, dialects: readonly Dialect[], render: Step['render']): Step => ({ name, dialects, render });

/** A step that binds one new expression after some statements. */
const bind = (name: string, dialects: readonly Dialect[], make: (value: string, env: Env) => [string[], string]): Step =>
  step(name, dialects, (value, env, next) => {
    const [pre, out] = make(value, env);
    return [...pre, ...next(out, env)];
  });

/** A step that first settles the value, because it captures it in a nested function or class. */
const capture = (name: string, dialects: readonly Dialect[], make: (value: string, env: Env) => [string[], string]): Step =>
  bind(name, dialects, (value, env) => {
    const settled = settle(value, env);
    const [pre, out] = make(settled.value, env);
    return [[...settled.pre, ...pre], out];
  });

const STEPS: readonly Step[] = [
  bind('alias', ALL, (x, { w }) => {
    const a = w.fresh('alias');
    return [[`const ${a} = ${x};`], a];
  }),
  bind('optional-chain', ALL, (x, { w }) => {
    const o = w.fresh('box');
    return [[`const ${o} = { inner: { value: ${x} } };`], `${o}?.inner?.['value']`];
  }),
  bind('optional-call', ALL, (x, { w }) => {
    const o = w.fresh('tools');
    return [[`const ${o} = { pass: (v) => v, nothing: null };`], `(${o}.nothing?.(${x}) ?? ${o}?.pass?.(${x}))`];
  }),
  bind('computed-template-key', ALL, (x, { w }) => {
    const o = w.fresh('keyed');
    return [[`const ${o} = { [\`k\${1}\`]: ${x}, ['lit' + 'eral']: 0 };`], `${o}[\`k1\`]`];
  }),
  bind('computed-variable-key', ALL, (x, { w }) => {
    const key = w.fresh('key');
    const o = w.fresh('lookup');
    return [[`const ${key} = 'value';`, `const ${o} = { [${key}]: { value: ${x} } };`], `${o}?.[${key}]?.[${key}]`];
  }),
  bind('symbol-key', ALL, (x, { w }) => {
    const s = w.fresh('sym');
    const o = w.fresh('bySymbol');
    return [[`const ${s} = Symbol.for('fz');`, `const ${o} = { [${s}]: ${x}, [Symbol.iterator]: function* () {} };`], `${o}[${s}]`];
  }),
  capture('object-getter', ALL, (x, { w }) => {
    const o = w.fresh('withGetter');
    return [[`const ${o} = { get value() { return ${x}; }, get ['computed' + 'Value']() { return this.value; } };`], `${o}.computedValue`];
  }),
  bind('object-setter', ALL, (x, { w }) => {
    const o = w.fresh('withSetter');
    return [[`const ${o} = { stored: null, set value(v) { this.stored = v; }, get value() { return this.stored; } };`, `${o}.value = ${x};`], `${o}.value`];
  }),
  bind('destructuring-defaults', ALL, (x, { w }) => {
    const a = w.fresh('picked');
    const rest = w.fresh('rest');
    return [[`const { missing: ${a} = ${x}, ...${rest} } = { other: 1 };`], a];
  }),
  bind('array-pattern', ALL, (x, { w }) => {
    const a = w.fresh('second');
    const more = w.fresh('more');
    return [[`const [, ${a} = 'fallback', ...${more}] = [0, ${x}, 2];`], a];
  }),
  bind('nested-pattern', ALL, (x, { w }) => {
    const a = w.fresh('deep');
    return [[`const { p: { q: [${a}] = [] } = {} } = { p: { q: [${x}] } };`], a];
  }),
  bind('spread', ALL, (x, { w }) => {
    const arr = w.fresh('spread');
    const o = w.fresh('merged');
    return [[`const ${arr} = [...[${x}], ...[]];`, `const ${o} = { ...{ value: ${arr}[0] }, ...null };`], `${o}.value`];
  }),
  bind('tagged-template', ALL, (x, { w }) => {
    const tag = w.helper('fzTag', ['function fzTag(strings, ...values) { return strings.raw.join(\'\') + values.join(\'\'); }']);
    return [[], `${tag}\`pre\${${x}}post\``];
  }),
  bind('string-raw', ALL, (x) => [[], `String.raw\`\${${x}}\``]),
  bind('sequence', ALL, (x) => [[], `(0, ${x})`]),
  bind('logical-assignment', ALL, (x, { w }) => {
    const a = w.fresh('nullish');
    const b = w.fresh('either');
    const c = w.fresh('both');
    return [[`let ${a};`, `${a} ??= ${x};`, `let ${b} = '';`, `${b} ||= ${a};`, `let ${c} = 'seed';`, `${c} &&= ${b};`], c];
  }),
  bind('new-target', ALL, (x, { w }) => {
    const holder = w.helper('FzHolder', ['function FzHolder(v) { if (!new.target) return new FzHolder(v); this.value = v; }']);
    return [[], `new ${holder}(${x}).value`];
  }),
  bind('import-meta', MODULES, (x, { w }) => {
    const base = w.fresh('here');
    return [[`const ${base} = import.meta.url;`], `(${base} && ${x})`];
  }),
  step('dynamic-import', ALL, (x, env, next) => {
    const { w } = env;
    const util = w.fresh('util');
    if (env.async) return [`const ${util} = await import('node:util');`, ...next(`${util}.format('%s', ${x})`, env)];
    const settled = settle(x, env);
    return [
      ...settled.pre,
      `import('node:util').then((${util}) => {`,
      ...indent(next(`${util}.format('%s', ${settled.value})`, { ...env, async: false })),
      '});',
    ];
  }),
  bind('bigint-and-separators', ALL, (x, { w }) => {
    const n = w.fresh('big');
    return [[`const ${n} = 1_000n + BigInt(0x1_0) * 2n + 0b1010n;`, `const ${n}limit = 1_000_000.5e-1_0;`], `(${n} > 0n && ${n}limit ? ${x} : '')`];
  }),
  bind('regex-flags', ALL, (x, { w }) => {
    const a = w.fresh('spaced');
    return [[`const ${a} = String(${x}).replace(/\\s+/gu, ' ').replace(/(?<lead>^\\t+)/dy, '$<lead>');`], a];
  }),
  bind('generator-spread', ALL, (x, { w }) => {
    const gen = w.helper('fzYield', ['function* fzYield(v) { yield* [v]; return v; }']);
    const a = w.fresh('yielded');
    return [[`const [${a}] = ${gen}(${x});`], a];
  }),
  bind('generator-next', ALL, (x, { w }) => {
    const gen = w.helper('fzYield', ['function* fzYield(v) { yield* [v]; return v; }']);
    const it = w.fresh('iterator');
    return [[`const ${it} = ${gen}(${x});`], `${it}.next().value`];
  }),
  step('async-generator', ALL, (x, env, next) => {
    const { w } = env;
    const gen = w.helper('fzStream', ['async function* fzStream(v) { yield v; yield* [v]; }']);
    const a = w.fresh('streamed');
    if (!env.async) return next(x, env);
    return [`let ${a};`, `for await (const chunk of ${gen}(${x})) { ${a} = chunk; }`, ...next(a, env)];
  }),
  step('labelled-loops', ALL, (x, env, next) => {
    const { w } = env;
    const outer = w.fresh('outer');
    const inner = w.fresh('inner');
    const v = w.fresh('item');
    return [
      `${outer}: for (const ${v} of [${x}]) {`,
      `  ${inner}: for (let i = 0; i < 2; i++) {`,
      `    if (i > 0) continue ${inner};`,
      ...indent(indent(next(v, env))),
      `    break ${outer};`,
      '  }',
      '}',
    ];
  }),
  step('labelled-block', ALL, (x, env, next) => {
    const label = env.w.fresh('block');
    return [`${label}: {`, `  if (${x} == null) break ${label};`, ...indent(next(x, env)), '}'];
  }),
  bind('labelled-while', ALL, (x, { w }) => {
    const a = w.fresh('looped');
    const label = w.fresh('spin');
    return [[`let ${a} = null;`, `${label}: while (true) {`, `  do { ${a} = ${x}; break ${label}; } while (false);`, '}'], a];
  }),
  capture('private-fields', ALL, (x, { w }) => {
    const cls = w.fresh('Box');
    return [
      [
        `class ${cls} {`,
        '  #value;',
        '  static #count = 0;',
        `  static { ${cls}.#count += 1; }`,
        '  constructor(v) { this.#value = v; }',
        '  get #secretValue() { return this.#value; }',
        '  #peek() { return this.#secretValue; }',
        '  peek() { return #value in this ? this.#peek() : null; }',
        '}',
      ],
      `new ${cls}(${x}).peek()`,
    ];
  }),
  capture('static-block', ALL, (x, { w }) => {
    const cls = w.fresh('Holder');
    return [[`class ${cls} {`, '  static value;', `  static { ${cls}.value = ${x}; }`, `  static get read() { return ${cls}.value; }`, '}'], `${cls}.read`];
  }),
  step('class-method', ALL, (x, env, next) => {
    const cls = env.w.fresh('Runner');
    return [
      `class ${cls} {`,
      '  static async run(v) {',
      ...indent(indent(next('v', { ...env, async: true, strict: true, tail: true }))),
      '  }',
      '}',
      `${env.async ? 'await ' : ''}${cls}.run(${x});`,
    ];
  }),
  step('callback', ALL, (x, env, next) => {
    const apply = env.w.fresh('apply');
    const v = env.w.fresh('arg');
    return [
      `const ${apply} = (fn, value) => fn(value);`,
      `${env.async ? 'await ' : ''}${apply}(async (${v}) => {`,
      ...indent(next(v, { ...env, async: true, tail: true })),
      `}, ${x});`,
    ];
  }),
  step('expression-arrow', ALL, (x, env, next) => {
    const v = env.w.fresh('param');
    const inner = next(v, { ...env, async: true, tail: true });
    const [only] = inner;
    const call = `${env.async ? 'await ' : ''}(async (${v}) =>`;
    if (inner.length === 1 && only !== undefined && only.endsWith(';') && !/^(?:return|const|let|var|if|for|class|function|switch|try|throw|\{|[\w$]+:)/u.test(only)) {
      return [`${call} ${only.slice(0, -1)})(${x});`];
    }
    return [`${call} {`, ...indent(inner), `})(${x});`];
  }),
  step('promise-then', ALL, (x, env, next) => {
    const v = env.w.fresh('resolved');
    return [`Promise.resolve(${x}).then((${v}) => {`, ...indent(next(v, { ...env, async: false, tail: true })), '});'];
  }),
  bind('await-promise', ALL, (x, env) => {
    const a = env.w.fresh('awaited');
    return [[`const ${a} = ${env.async ? 'await ' : ''}Promise.all([${x}]).then(([first]) => first);`], env.async ? a : x];
  }),
  capture('recursion', ALL, (x, { w }) => {
    const deep = w.helper('fzDeep', ['function fzDeep(v, n) { return n > 0 ? fzDeep(v, n - 1) : v; }']);
    return [[], `${deep}(${x}, 3)`];
  }),
  capture('mutual-recursion', ALL, (x, { w }) => {
    w.helper('fzPing', ['function fzPing(v, n) { return n > 0 ? fzPong(v, n - 1) : v; }', 'function fzPong(v, n) { return fzPing(v, n); }']);
    return [[], `fzPing(${x}, 4)`];
  }),
  capture('local-mutual-recursion', ALL, (x, { w }) => {
    const even = w.fresh('even');
    const odd = w.fresh('odd');
    return [
      [`function ${even}(v, n) { return n > 0 ? ${odd}(v, n - 1) : v; }`, `function ${odd}(v, n) { return ${even}(v, n); }`],
      `${even}(${x}, 2)`,
    ];
  }),
  bind('self-reference', ALL, (x, { w }) => {
    const o = w.fresh('cyclic');
    return [[`const ${o} = { value: ${x}, self: null };`, `${o}.self = ${o};`], `${o}.self.self.value`];
  }),
  step('try-catch-pattern', ALL, (x, env, next) => {
    const detail = env.w.fresh('detail');
    return [`try {`, `  throw { ${detail}: ${x} };`, `} catch ({ ${detail} }) {`, ...indent(next(detail, env)), '}'];
  }),
  step('try-finally', ALL, (x, env, next) => ['try {', ...indent(next(x, env)), '} catch {', '  void 0;', '} finally {', '  void 0;', '}']),
  step('switch', ALL, (x, env, next) => [
    `switch (typeof ${x}) {`,
    "  case 'function':",
    '    break;',
    '  default: {',
    ...indent(indent(next(x, env))),
    '  }',
    '}',
  ]),
  capture('iife', ALL, (x) => [[], `(function () { return arguments[0]; })(((v) => v)(${x}))`]),
  step('for-comma', ALL, (x, env, next) => {
    const v = env.w.fresh('held');
    return [`for (let i = 0, ${v} = ${x}; i < 1; i++, void ${v}) {`, ...indent(next(v, env)), '}'];
  }),
  bind('proto-and-debugger', ALL, (x, { w }) => {
    const o = w.fresh('protoed');
    return [[`const ${o} = { __proto__: { value: ${x} }, ['__proto__']: null };`, 'debugger;'], `${o}.value`];
  }),
  bind('nested-template', ALL, (x) => [[], `\`\${\`\${${x}}\`}\``]),
  bind('map-set', ALL, (x) => [[], `new Map([['k', ${x}]]).get('k')`]),
  bind('json-roundtrip', ALL, (x) => [[], `JSON.parse(JSON.stringify({ v: ${x} })).v`]),
  bind('in-operator', ALL, (x) => [[], `('missing' in {} ? '' : ${x})`]),
  step('async-iife', ALL, (x, env, next) => (env.async ? next(`(await (async () => ${x})())`, env) : next(x, env))),
  capture('function-in-block', ALL, (x, env) => {
    const pick = env.w.fresh('pick');
    return [[`function ${pick}() { return ${x}; }`], `${pick}()`];
  }),
  step('generator-wrapper', ALL, (x, env, next) => {
    const settled = settle(x, env);
    const g = env.w.fresh('steps');
    return [
      ...settled.pre,
      `const ${g} = (function* () {`,
      '  yield 0;',
      ...indent(next(settled.value, { ...env, async: false, tail: true })),
      '})();',
      `${g}.next();`,
      `${g}.next();`,
    ];
  }),
  step('async-generator-wrapper', ALL, (x, env, next) => {
    if (!env.async) return next(x, env);
    const settled = settle(x, env);
    const chunk = env.w.fresh('chunk');
    return [
      ...settled.pre,
      `for await (const ${chunk} of (async function* () {`,
      '  yield 0;',
      ...indent(next(settled.value, { ...env, async: true, tail: true })),
      `})()) void ${chunk};`,
    ];
  }),
  bind('custom-sanitizer', ALL, (x) => [[], `escapeSqlish(cleanAll(${x}))`]),
  step('custom-validator', ALL, (x, env, next) => [`if (isSafeSlug(${x}) && isAllowed(${x})) {`, ...indent(next(x, env)), '}']),
  // Sloppy scripts: only outside classes, in files with sourceType script.
  step('arguments-callee', SCRIPT, (x, env, next) => {
    if (env.strict) return next(x, env);
    const helper = env.w.helper('fzCallee', [
      'function fzCallee() { return arguments.length > 1 ? arguments.callee(arguments[1]) : arguments[0]; }',
    ]);
    return next(`${helper}(0, ${x})`, env);
  }),
  step('implicit-global', SCRIPT, (x, env, next) => {
    if (env.strict) return next(x, env);
    const name = env.w.fresh('leaked');
    return [`${name} = ${x};`, ...next(name, env)];
  }),
  bind('var-redeclaration', ALL, (x, { w }) => {
    const a = w.fresh('again');
    return [[`var ${a} = ${x};`, `var ${a} = ${a};`], a];
  }),
  step('duplicate-parameters', SCRIPT, (x, env, next) => {
    if (env.strict) return next(x, env);
    const helper = env.w.helper('fzDuplicate', ['function fzDuplicate(v, v) { return v; }']);
    return next(`${helper}(0, ${x})`, env);
  }),
  step('annex-b-function', SCRIPT, (x, env, next) => {
    if (env.strict) return next(x, env);
    const settled = settle(x, env);
    const pick = env.w.fresh('chosen');
    return [...settled.pre, `if (true) function ${pick}() { return ${settled.value}; }`, ...next(`${pick}()`, env)];
  }),
  step('sloppy-reserved-words', SCRIPT, (x, env, next) => {
    if (env.strict) return next(x, env);
    const plain = env.w.fresh('plain');
    return [`var let = ${x};`, 'var static = let, implements = static;', `var ${plain} = implements;`, ...next(plain, env)];
  }),
  // TypeScript only.
  bind('satisfies', TS, (x, { w }) => {
    const a = w.fresh('checked');
    return [[`const ${a} = ${x} satisfies unknown;`], a];
  }),
  bind('as-const', TS, (x, { w }) => {
    const o = w.fresh('frozen');
    return [[`const ${o} = { value: ${x}, tag: 'fz' } as const;`], `${o}.value`];
  }),
  bind('non-null', TS, (x, { w }) => {
    const a = w.fresh('sure');
    return [[`const ${a} = (${x})!;`], `${a}!`];
  }),
  bind('enum', TS, (x, { w }) => {
    const e = w.helper('FzMode', ["enum FzMode { Plain = 'plain', Raw = 'raw', Count = 1 << 2 }"]);
    return [[], `(${e}.Plain === 'plain' ? ${x} : ${e}.Raw)`];
  }),
  bind('const-enum', TS, (x, { w }) => {
    const e = w.helper('FzFlag', ['const enum FzFlag { Off, On = 1 << 0 }']);
    return [[], `(${e}.On ? ${x} : ${e}.Off)`];
  }),
  bind('namespace', TS, (x, { w }) => {
    w.helper('FzUtil', ['namespace FzUtil {', '  export namespace Inner {', '    export function id<T = string>(v: T): T { return v; }', '  }', '}']);
    return [[], `FzUtil.Inner.id<unknown>(${x})`];
  }),
  bind('abstract-class', TS, (x, { w }) => {
    w.helper('FzBase', [
      'abstract class FzBase<T = unknown> {',
      '  protected abstract read(): T;',
      '  get value(): T { return this.read(); }',
      '}',
      'class FzImpl extends FzBase {',
      '  constructor(private readonly held: unknown, protected tag = 0) { super(); }',
      '  protected read() { return this.held; }',
      '}',
    ]);
    return [[], `new FzImpl(${x}).value`];
  }),
  bind('overloads', TS, (x, { w }) => {
    const f = w.helper('fzConvert', [
      'function fzConvert(v: string): string;',
      'function fzConvert(v: unknown): unknown;',
      'function fzConvert(v: unknown) { return v; }',
    ]);
    return [[], `${f}(${x})`];
  }),
  bind('generic-defaults', TS, (x, { w }) => {
    const f = w.helper('fzPick', ["function fzPick<T = string, K extends PropertyKey = 'value'>(v: T, _key?: K): T { return v; }"]);
    return [[], `${f}<unknown>(${x})`];
  }),
  bind('instantiation-expression', TS, (x, { w }) => {
    const f = w.helper('fzPick', ["function fzPick<T = string, K extends PropertyKey = 'value'>(v: T, _key?: K): T { return v; }"]);
    const g = w.fresh('pickUnknown');
    return [[`const ${g} = ${f}<unknown>;`], `${g}(${x})`];
  }),
  bind('angle-assertion', ['ts'], (x) => [[], `(<string>(${x}))`]),
  bind('as-assertion', TS, (x) => [[], `((${x}) as unknown as string)`]),
  step('type-guard', TS, (x, env, next) => {
    const guard = env.w.helper('fzIsText', ["function fzIsText(v: unknown): v is string { return typeof v === 'string'; }"]);
    return [`if (${guard}(${x})) {`, ...indent(next(x, env)), '}'];
  }),
  step('assertion-function', TS, (x, env, next) => {
    const settled = settle(x, env);
    const check = env.w.helper('fzAssertText', [
      "function fzAssertText(v: unknown): asserts v is string { if (typeof v !== 'string') throw new TypeError('text'); }",
    ]);
    return [...settled.pre, `${check}(${settled.value});`, ...next(settled.value, env)];
  }),
  bind('definite-assignment', TS, (x, { w }) => {
    const a = w.fresh('later');
    return [[`let ${a}!: unknown;`, `${a} = ${x};`], a];
  }),
  bind('keyof-typeof', TS, (x, { w }) => {
    const table = w.fresh('table');
    const key = w.fresh('key');
    return [[`const ${table} = { a: ${x} } as const;`, `const ${key}: keyof typeof ${table} = 'a';`], `${table}[${key}]`];
  }),
  bind('decorated-class', TS, (x, { w }) => {
    const mark = w.helper('fzMark', ['function fzMark<T>(value: T, _context?: unknown): T { return value; }']);
    const cls = w.fresh('Decorated');
    const d = w.fresh('decorated');
    return [
      [
        `@${mark} class ${cls} {`,
        `  @${mark} accessor value: unknown = null;`,
        `  @${mark} get read() { return this.value; }`,
        `  @(${mark}) static create() { return new ${cls}(); }`,
        '}',
        `const ${d} = ${cls}.create();`,
        `${d}.value = ${x};`,
      ],
      `${d}.read`,
    ];
  }),
  bind('parameter-decorators', TS, (x, { w }) => {
    const param = w.helper('fzParam', ['function fzParam(..._args: unknown[]): any { return () => undefined; }']);
    const cls = w.fresh('Service');
    return [[`class ${cls} {`, `  handle(@${param} v: unknown, @${param}() w?: unknown) { return v ?? w; }`, '}'], `new ${cls}().handle(${x})`];
  }),
  step('using', TS, (x, env, next) => {
    const r = env.w.fresh('resource');
    return ['{', `  using ${r} = { value: ${x}, [Symbol.dispose]() {} };`, ...indent(next(`${r}.value`, env)), '}'];
  }),
  step('await-using', TS, (x, env, next) => {
    if (!env.async) return next(x, env);
    const r = env.w.fresh('handleAsync');
    return ['{', `  await using ${r} = { value: ${x}, async [Symbol.asyncDispose]() {} };`, ...indent(next(`${r}.value`, env)), '}'];
  }),
  bind('accessor-field', TS, (x, { w }) => {
    const cls = w.fresh('Accessors');
    const a = w.fresh('accessed');
    return [[`class ${cls} { accessor value: unknown; static accessor count = 0; }`, `const ${a} = new ${cls}();`, `${a}.value = ${x};`], `${a}.value`];
  }),
  // JSX only.
  capture('jsx-props', JSX, (x, { w }) => {
    const el = w.fresh('element');
    return [
      [`const ${el} = <section {...{ title: ${x} }} data-value={${x}}>{${x}}{[${x}].map((v, i) => <i key={i}>{v}</i>)}&nbsp;</section>;`],
      `${el}.props.title`,
    ];
  }),
  capture('jsx-component', JSX, (x, { w }) => {
    const comp = w.fresh('Comp');
    const el = w.fresh('rendered');
    return [[`const ${comp} = ({ value, ...rest }) => <><b {...rest}>{value}</b>&amp;</>;`, `const ${el} = <${comp} value={${x}} />;`], `${el}.props.value`];
  }),
  capture('jsx-member-and-namespace', JSX, (x, { w }) => {
    const ui = w.fresh('UI');
    const el = w.fresh('tree');
    return [
      [`const ${ui} = { Panel: { Item: (p) => p.label } };`, `const ${el} = <${ui}.Panel.Item label={${x}}><svg:text x="1">{'{'}</svg:text></${ui}.Panel.Item>;`],
      `${el}.props.label`,
    ];
  }),
];

// ---------------------------------------------------------------------------------------------------------
// Sinks: where a chain ends
// ---------------------------------------------------------------------------------------------------------

/** A value in sink position, written in some shape; `prop` writes it as an object property. */
interface Arg {
  readonly pre: readonly string[];
  readonly expr: string;
  prop(key: string): string;
}

/** How the value is written where the sink takes it: the node a rule reports and its fixes rewrite. */
interface Shape {
  readonly name: string;
  readonly dialects: readonly Dialect[];
  wrap(value: string, env: Env): Arg;
}

const shape = (name: string, dialects: readonly Dialect[], write: (value: string, env: Env) => string): Shape => ({
  name,
  dialects,
  wrap: (value, env) => {
    const expr = write(value, env);
    return { pre: [], expr, prop: (key) => `${key}: ${expr}` };
  },
});

const SHAPES: readonly Shape[] = [
  shape('plain', ALL, (x) => x),
  shape('parenthesized', ALL, (x) => `(${x})`),
  shape('sequence', ALL, (x) => `(0, ${x})`),
  shape('nullish', ALL, (x) => `(${x} ?? '')`),
  shape('conditional', ALL, (x) => `(${x} ? ${x} : '')`),
  shape('optional-call', ALL, (x) => `${x}?.toString()`),
  shape('template', ALL, (x) => `\`\${${x}}\``),
  shape('await', ALL, (x, env) => (env.async ? `await ${x}` : x)),
  shape('as', TS, (x) => `${x} as string`),
  shape('non-null', TS, (x) => `${x}!`),
  shape('angle-bracket', ['ts'], (x) => `<string>${x}`),
  shape('satisfies', TS, (x) => `(${x} satisfies unknown)`),
  {
    name: 'shorthand',
    dialects: ALL,
    wrap: (value, env) => {
      const name = env.w.fresh('field');
      return { pre: [`const ${name} = ${value};`], expr: name, prop: () => name };
    },
  },
  {
    name: 'spread-property',
    dialects: ALL,
    wrap: (value, env) => {
      const name = env.w.fresh('spreadable');
      return { pre: [`const ${name} = { value: ${value} };`], expr: `${name}.value`, prop: (key) => `...{ ${key}: ${name}.value }` };
    },
  },
];

interface Sink {
  readonly name: string;
  readonly dialects: readonly Dialect[];
  /** Which input the chain starts from. */
  readonly input: 'source' | 'body' | 'id';
  render(value: string, env: Env, shape: Shape): string[];
}

const sink = (
  name: string,
  input: Sink['input'],
  write: (arg: Arg, env: Env) => string[],
  dialects: readonly Dialect[] = ALL,
): Sink => ({
  name,
  dialects,
  input,
  render: (value, env, how) => {
    const arg = how.wrap(value, env);
    return [...arg.pre, ...write(arg, env)];
  },
});
const awaitIf = (env: Env): string => (env.async ? 'await ' : '');
const needs = (env: Env, ...names: ImportName[]): void => {
  for (const name of names) env.w.use(name);
};

const SINKS: readonly Sink[] = [
  sink('sql-concat', 'source', (a, env) => {
    needs(env, 'pg');
    return [`${awaitIf(env)}pool.query('SELECT * FROM orders WHERE id = ' + ${a.expr} + ' LIMIT 1');`];
  }),
  sink('sql-template', 'source', (a, env) => {
    needs(env, 'pg');
    return [`pool.query(\`SELECT * FROM orders WHERE name = '\${${a.expr}}' AND kind = \${${a.expr}}\`);`];
  }),
  sink('sql-multiline-template', 'source', (a, env) => {
    needs(env, 'pg');
    return [
      `${awaitIf(env)}pool.query(\``,
      '  SELECT id, name',
      '  FROM orders',
      `  WHERE owner = '\${${a.expr}}'\`);`,
      `pool.query(\`SELECT 1 -- it's \\\\ \\\` \\\${x}\`, [${a.expr}]);`,
    ];
  }),
  sink('sql-private-member', 'source', (a, env) => {
    needs(env, 'pg');
    const repo = env.w.fresh('Repo');
    return [
      `class ${repo} {`,
      '  #db = pool;',
      "  static #table = 'orders';",
      `  find(q) { return this.#db.query(\`SELECT * FROM \${${repo}.#table} WHERE a = '\${q}'\`); }`,
      '}',
      `new ${repo}().find(${a.expr});`,
    ];
  }),
  sink('sql-super', 'source', (a, env) => {
    needs(env, 'pg');
    const base = env.w.fresh('BaseRepo');
    const derived = env.w.fresh('OrderRepo');
    return [
      `class ${base} { run(sql) { return pool.query(sql); } }`,
      `class ${derived} extends ${base} { run(sql) { return super.run('SELECT ' + sql); } }`,
      `new ${derived}().run(${a.expr});`,
    ];
  }),
  sink('sql-config-object', 'source', (a, env) => {
    needs(env, 'pg');
    return [`pool?.query?.({ text: 'DELETE FROM orders WHERE ref = ' + ${a.expr}, values: [] });`];
  }),
  sink('sql-odd-callee', 'source', (a, env) => {
    needs(env, 'pg');
    return [
      `pool['query'](\`SELECT \${${a.expr}}\`);`,
      `(0, pool.query)('SELECT ' + ${a.expr});`,
      `pool.query.call(pool, \`SELECT \${${a.expr}}\`, []);`,
      `pool.query(...[\`SELECT \${${a.expr}}\`]);`,
      `pool.query\`SELECT \${${a.expr}}\`;`,
      `new pool.query('SELECT ' + ${a.expr});`,
      'pool.query();',
    ];
  }),
  sink('sql-custom', 'source', (a) => [`runQuery('SELECT ' + ${a.expr});`, `db.raw(\`UPDATE t SET a = \${${a.expr}}\`);`]),
  sink('nosql-filter', 'source', (a, env) => {
    needs(env, 'mongoose');
    return [`${awaitIf(env)}Item.find({ ${a.prop('name')} });`];
  }),
  sink('nosql-where', 'source', (a, env) => {
    needs(env, 'mongoose');
    return [`Item.find({ $where: \`this.name === '\${${a.expr}}'\` });`];
  }),
  sink('nosql-model', 'source', (a, env) => {
    needs(env, 'models');
    return [`User.findOne({ ${a.prop('email')}, active: true });`, `docs.lookup({ ${a.prop('owner')} });`];
  }),
  sink('nosql-shorthand', 'source', (a, env) => {
    needs(env, 'models');
    const email = env.w.fresh('email');
    return [`const ${email} = ${a.expr};`, `${awaitIf(env)}User.findOne({ ${email} });`];
  }),
  sink('nosql-operators', 'source', (a, env) => {
    needs(env, 'models');
    return [`User.find({ title: { $regex: ${a.expr}, $options: 'i' }, owner: { $ne: ${a.expr} } });`];
  }),
  sink('shell-template', 'source', (a, env) => {
    needs(env, 'childProcess');
    return [`exec(\`convert \${${a.expr}} out.png\`, () => {});`];
  }),
  sink('shell-member', 'source', (a, env) => {
    needs(env, 'cp');
    return [`cp.exec(\`tar czf \${${a.expr}} /tmp/x\`, { cwd: '/' }, () => {});`, `cp?.execSync?.(\`ls \${${a.expr}}\`);`];
  }),
  sink('shell-concat', 'source', (a, env) => {
    needs(env, 'childProcess');
    return [`execSync('git log ' + ${a.expr});`, `shellOut('ls ' + ${a.expr});`];
  }),
  sink('shell-dynamic-import', 'source', (a, env) =>
    env.async
      ? [`(await import('node:child_process')).exec('cat ' + ${a.expr});`]
      : [`import('node:child_process').then((cp) => cp.exec('cat ' + ${a.expr}));`],
  ),
  sink('ssrf-fetch', 'source', (a, env) => [`${awaitIf(env)}fetch(${a.expr});`, `fetchRemote(${a.expr});`, `proxyTo('GET', ${a.expr});`]),
  sink('ssrf-path', 'source', (a) => [
    `fetch(\`https://api.example.com/v1/items/\${${a.expr}}\`);`,
    `fetch('https://api.example.com/v1/users/' + ${a.expr} + '/avatar');`,
  ]),
  sink('ssrf-axios', 'source', (a, env) => {
    needs(env, 'axios');
    return [`axios.get(${a.expr});`, `axios({ method: 'get', ${a.prop('url')} });`];
  }),
  sink('path-read', 'source', (a, env) => {
    needs(env, 'fs');
    return [`fs.readFileSync(${a.expr});`, `readUpload(${a.expr});`];
  }),
  sink('path-join', 'source', (a, env) => {
    needs(env, 'fs', 'path');
    return [`${awaitIf(env)}fs.promises.readFile(path.join('/srv/files', ${a.expr}));`];
  }),
  sink('code-eval', 'source', (a) => [`eval(${a.expr});`, `runScript(${a.expr});`, `Reflect.apply(eval, undefined, [${a.expr}]);`]),
  sink('code-function', 'source', (a) => [`new Function('input', ${a.expr});`, `setTimeout(${a.expr}, 10);`]),
  sink('code-vm', 'source', (a, env) => {
    needs(env, 'vm');
    return [`vm.runInNewContext(${a.expr}, {});`];
  }),
  sink('redirect', 'source', (a, env) => [env.h.redirect(a.expr, env), `bounce(${a.expr});`]),
  sink('redirect-slash', 'source', (a, env) => [env.h.redirect(`'/' + ${a.expr}`, env)]),
  sink('xss-template', 'source', (a, env) => [env.h.html(`\`<h1>\${${a.expr}}</h1>\``, env), `renderRaw(${a.expr});`]),
  sink('xss-concat', 'source', (a, env) => {
    needs(env, 'escapeHtml');
    return [env.h.html(`'<p>' + ${a.expr} + '</p>'`, env)];
  }),
  sink(
    'xss-jsx',
    'source',
    (a, env) => {
      needs(env, 'reactServer');
      return [env.h.html(`renderToString(<p title={${a.expr}} dangerouslySetInnerHTML={{ __html: ${a.expr} }} />)`, env)];
    },
    JSX,
  ),
  {
    name: 'whole-record',
    dialects: ALL,
    input: 'id',
    render(x, env, how) {
      needs(env, 'models');
      const user = env.w.fresh('user');
      if (!env.async) {
        const arg = how.wrap(user, { ...env, async: false });
        return [`User.findById(${x}).then((${user}) => {`, ...indent([...arg.pre, env.h.json(arg.expr, { ...env, tail: true })]), '});'];
      }
      const arg = how.wrap(user, env);
      return [`const ${user} = await User.findById(${x});`, ...arg.pre, env.h.json(arg.expr, env)];
    },
  },
  {
    name: 'whole-record-wrapped',
    dialects: ALL,
    input: 'id',
    render(x, env, how) {
      needs(env, 'models');
      const operator = env.w.fresh('operator');
      if (!env.async) return [env.h.json(`{ operator: User.findById(${x}), pinHash: ${x} }`, env)];
      const arg = how.wrap(operator, env);
      return [`const ${operator} = await User.findById(${x}).lean();`, ...arg.pre, env.h.json(`{ ${arg.prop('account')}, ok: true }`, env)];
    },
  },
  {
    name: 'whole-list',
    dialects: ALL,
    input: 'source',
    render(x, env, how) {
      needs(env, 'models');
      const users = env.w.fresh('users');
      if (!env.async) return [env.h.json(`{ users: User.find({ q: String(${x}) }) }`, env)];
      const arg = how.wrap(users, env);
      return [`const ${users} = await User.find().limit(10);`, ...arg.pre, env.h.json(`{ ${arg.prop('members')} }`, env)];
    },
  },
  sink('whole-principal', 'source', (a, env) => [env.h.json(env.h.principal ?? a.expr, env)]),
  sink('mass-create', 'body', (a, env) => {
    needs(env, 'models');
    return [`${awaitIf(env)}User.create(${a.expr});`, `Audit.create(${a.expr});`];
  }),
  sink('mass-new', 'body', (a, env) => {
    needs(env, 'models');
    const doc = env.w.fresh('doc');
    return [`if (!(${a.expr}).email) throw new Error('email');`, `const ${doc} = new User({ ...${a.expr} });`, `${doc}.save();`];
  }),
  sink('mass-update', 'body', (a, env) => {
    needs(env, 'models');
    return [`User.updateOne({ _id: ${env.h.id} }, { $set: ${a.expr} });`, `Object.assign(${env.h.principal ?? '{}'}, ${a.expr});`];
  }),
  sink('mass-shorthand', 'body', (a, env) => {
    needs(env, 'models');
    return [`User.findByIdAndUpdate(${env.h.id}, { ${a.prop('profile')} });`, `new User({ ${a.prop('data')} }).save();`];
  }),
];

// ---------------------------------------------------------------------------------------------------------
// Hardcoded secrets, at the top level
// ---------------------------------------------------------------------------------------------------------

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Credential prefixes, assembled at run time so this file holds no well-formed key. */
const STRIPE_LIVE = ['sk', 'live', ''].join('_');
const STRIPE_TEST = ['sk', 'test', ''].join('_');
const GITHUB = ['gh', 'p_'].join('');

interface SecretForm {
  readonly name: string;
  readonly dialects: readonly Dialect[];
  render(value: string, w: Writer): string[];
}

const secret = (name: string, render: SecretForm['render'], dialects: readonly Dialect[] = ALL): SecretForm => ({ name, dialects, render });

const SECRETS: readonly SecretForm[] = [
  secret('secret-name', (v, w) => [`const ${w.fresh('apiSecret')} = '${v}';`]),
  secret('typed-secret-name', (v, w) => [`const ${w.fresh('clientSecret')}: string = '${v}';`], TS),
  secret('config-object', (v, w) => [`const ${w.fresh('authConfig')} = { clientSecret: '${v}', issuer: 'fz' };`]),
  secret('exported-config', (v, w) => [`export const ${w.fresh('settings')} = { apiKey: '${v}' } as const;`], TS),
  secret('private-field', (v, w) => {
    const cls = w.fresh('Vault');
    return [`class ${cls} { static #signingKey = '${v}'; static get key() { return ${cls}.#signingKey; } }`];
  }),
  secret('jwt-sign', (v, w) => {
    w.use('jsonwebtoken');
    return [`const ${w.fresh('token')} = jsonwebtoken.sign({ sub: 'fz' }, '${v}', { expiresIn: '1h' });`];
  }),
  secret('stripe-key', (v, w) => [`const ${w.fresh('stripeKey')} = '${STRIPE_LIVE}${v.padEnd(24, 'Q')}';`]),
  secret('stripe-test-key', (v, w) => [`const ${w.fresh('billing')} = { key: '${STRIPE_TEST}${v.padEnd(24, 'Q')}' };`]),
  secret('github-token', (v, w) => [`const ${w.fresh('ghToken')} = \`${GITHUB}${v.padEnd(36, 'Z').slice(0, 36)}\`;`]),
  secret('bearer-header', (v) => [`fetch('https://api.example.com', { headers: { Authorization: 'Bearer ${v}' } });`]),
  secret('enum-member', (v, w) => [`enum ${w.fresh('Keys')} { ApiKey = '${v}' }`], TS),
  secret('getter', (v, w) => [`const ${w.fresh('credentials')} = { get password() { return '${v}'; } };`]),
  secret('computed-key', (v, w) => [`const ${w.fresh('database')} = { ['dbPassword']: '${v}' };`]),
  secret('default-parameter', (v, w) => [`function ${w.fresh('connect')}(token = '${v}') { return token; }`]),
  secret('destructuring-default', (v, w) => [`const { ${w.fresh('sessionSecret')} = '${v}' } = process.env;`]),
  secret('logical-assignment', (v) => [`process.env.API_SECRET ??= '${v}';`]),
  secret('tagged-template', (v, w) => [`const ${w.fresh('apiToken')} = String.raw\`${v}\`;`]),
  secret('multiline-template', (v, w) => [`const ${w.fresh('privateKey')} = \``, `${v}`, '`;']),
  secret('jsx-attribute', (v, w) => [`const ${w.fresh('widget')} = <Widget apiKey="${v}" />;`], JSX),
  secret('additional-pattern', (v, w) => [`const ${w.fresh('partner')} = 'fz_${v.padEnd(20, 'x').slice(0, 20)}';`]),
];

// ---------------------------------------------------------------------------------------------------------
// Framework shells
// ---------------------------------------------------------------------------------------------------------

interface Chain {
  readonly source: number;
  readonly steps: readonly Step[];
  readonly shape: Shape;
  readonly sink: Sink;
}

interface Route {
  readonly path: string;
  readonly method: number;
  readonly form: number;
  /** How the registration call is written: callee, path literal, handler array. */
  readonly style: number;
  /** How the handler takes its parameters: plainly, as rest, with defaults, with a `this` parameter. */
  readonly params: number;
  /** How this route is protected: not at all, by route middleware/guard, or by a check in the handler. */
  readonly guard: 'none' | 'middleware' | 'check';
  readonly chains: readonly Chain[];
}

interface Spec {
  readonly auth: 'none' | 'before' | 'after' | 'scoped';
  readonly routes: readonly Route[];
  readonly secrets: readonly { readonly form: SecretForm; readonly value: string }[];
  readonly salt: number;
  /** What the route registrations are nested in: the top level, or one of CONTAINERS (see `contain`). */
  readonly container: number;
  /** Indexes of the shell's oddities to append. */
  readonly oddities: readonly number[];
}

interface Shell {
  readonly framework: Framework;
  readonly dialects: readonly Dialect[];
  filename(dialect: Dialect, salt: number): string;
  render(spec: Spec, w: Writer): string[];
  /** Odd registrations appended after the routes: missing or non-string arguments, spreads, chains. */
  readonly oddities: readonly (readonly string[])[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const pick = <T>(items: readonly T[], index: number): T => items[index % items.length]!;

function extension(dialect: Dialect, salt: number): string {
  switch (dialect) {
    case 'ts':
      return 'ts';
    case 'tsx':
      return 'tsx';
    case 'jsx':
      return 'jsx';
    case 'esm':
      return salt % 2 === 0 ? 'js' : 'mjs';
    case 'script':
      return salt % 2 === 0 ? 'js' : 'cjs';
  }
}

/** Renders the chains of a route inside a handler. */
function body(route: Route, h: Handle, w: Writer, async: boolean): string[] {
  const base: Omit<Env, 'tail'> = { w, dialect: w.dialect, h, async, strict: w.dialect !== 'script' || w.forcedStrict };
  return route.chains.flatMap((chain, index) => {
    const env: Env = { ...base, tail: index === route.chains.length - 1 };
    const input = chain.sink.input === 'body' ? h.body : chain.sink.input === 'id' ? h.id : pick(h.sources, chain.source);
    const run = (steps: readonly Step[], value: string, at: Env): string[] => {
      const [first, ...rest] = steps;
      return first === undefined ? chain.sink.render(value, at, chain.shape) : first.render(value, at, (next, nextEnv) => run(rest, next, nextEnv));
    };
    return run(chain.steps, input, env);
  });
}

const fn = (async: boolean): string => (async ? 'async ' : '');

interface Container {
  readonly open: readonly string[];
  readonly close: readonly string[];
  /** The nested code is strict even in a script. */
  readonly strict?: boolean;
}

/** `Spec.container` values below this keep the registrations at the top level (and shrink there). */
const TOP_LEVEL = 5;

/** Where route registrations may sit besides the top level. */
const CONTAINERS: readonly Container[] = [
  { open: ['(() => {'], close: ['})();'] },
  { open: ['{'], close: ['}'] },
  { open: ['routes: {'], close: ['}'] },
  { open: ["if (process.env.NODE_ENV !== 'test') {"], close: ['}'] },
  { open: ['class RouteTable {', '  static {'], close: ['  }', '}'], strict: true },
  { open: ['function registerRoutes() {'], close: ['}', 'registerRoutes();'] },
  { open: ["for (const stage of ['live']) {"], close: ['}'] },
];

/**
 * Writes the registrations that `write` returns inside the container `spec` picks. Sets strict mode
 * for the handlers first when the container is strict.
 */
function contain(spec: Spec, w: Writer, write: (nested: boolean) => string[]): string[] {
  const container = CONTAINERS[spec.container - TOP_LEVEL];
  if (container === undefined) return write(false);
  w.forcedStrict = container.strict === true;
  const lines = write(true);
  w.forcedStrict = false;
  return [...container.open, ...indent(lines), ...container.close];
}

/** A registration call written in one of several ways: `app.get(`, `app['get'](`, `app?.get(`, across lines. */
function callee(target: string, method: string, style: number): string {
  return pick([`${target}.${method}`, `${target}['${method}']`, `${target}?.${method}`, `${target}\n  .${method}`], style);
}

/** A route path as a string literal, a template literal or a parenthesized literal. */
function pathLiteral(path: string, style: number): string {
  return pick([`'${path}'`, `\`${path}\``, `('${path}')`], Math.floor(style / 4));
}


const express: Shell = {
  framework: 'express',
  dialects: ALL,
  filename: (dialect, salt) => `src/${salt % 3 === 0 ? 'routes/orders' : 'server'}${salt}.${extension(dialect, salt)}`,
  oddities: [
    ['app.get();', "app.get('/only-path');", 'app.use();'],
    ['app.get(123, (req, res) => res.end());', 'app.get(/^\\/re(?:gex)?$/u, (req, res) => res.send(req.params[0]));'],
    ["app.get(['/a', '/b'], (req, res) => res.json(req.query));", "app.post('/spread', ...[(req, res) => res.json(req.body)]);"],
    ["app.use(express.static('public'));", "app.use(['/x', '/y'], router);", "app.use('/nested', express.Router().get('/z', (req, res) => res.send(req.query.z)));"],
    ["app.route('/chained').get((req, res) => res.end()).post((req, res) => res.json(req.body));"],
    ['app[`get`](`/tpl/${1}`, (req, res) => res.end());', "app.get('/undefined', undefined);"],
    ["app.get('/self', function self(req, res) { return req.query.again ? self(req, res) : res.json(req.user); });"],
    ["app.param('id', (req, res, next, id) => next());", "app.get('/deep', (req, res) => res.json(((((req.user))))));"],
    ["router.get('/getter', { get handler() { return (req, res) => res.send(`<p>${req.query.q}</p>`); } }.handler);"],
    ["app.get('/expr', async (req, res) => res.redirect(req.query.next ?? '/'));", "app.all('*', (req, res) => res.status(404).end());"],
  ],
  render(spec, w) {
    w.use('express');
    const ts = isTs(w.dialect);
    if (ts) w.use('expressTypes');
    const lines = ['const app = express();', 'const router = express.Router();'];
    if (spec.auth === 'before') lines.push('app.use(requireAuth);');
    if (spec.auth === 'scoped') lines.push("app.use('/admin', requireAuth);", "router.all('*', gatekeeper);");
    lines.push(
      ...contain(spec, w, (nested) => {
        const out: string[] = [];
        spec.routes.forEach((route, index) => {
          const [req, res] = pick([['req', 'res'], ['request', 'response'], ['rq', 'rs']] as const, route.form + index);
          const async = route.form % 5 !== 2;
          const destructured = route.form % 7 === 6;
          const h: Handle = destructured ? {
            sources: ['query.q', "query?.['term']", 'body.name', 'routeParams.id', "headers['x-target']", 'getInput(query)'],
            body: 'body',
            id: 'routeParams.id',
            principal: 'user',
            json: (x) => `${res}.json(${x});`,
            html: (x) => `${res}.send(${x});`,
            redirect: (x) => `${res}.redirect(${x});`,
          } : {
            sources: [
              `${req}.query.q`,
              `${req}?.query?.['term']`,
              `${req}.body.name`,
              `${req}.params.id`,
              `${req}.get('x-target')`,
              `${req}.headers['x-forwarded-host']`,
              `${req}.cookies?.session`,
              `getInput(${req}, 'q')`,
              `readQueryParam(${req}, 'next')`,
            ],
            body: `${req}.body`,
            id: `${req}.params.id`,
            principal: `${req}.user`,
            json: (x, env) => (env.tail ? `${res}.status(200).json(${x});` : `${res}.json(${x});`),
            html: (x) => `${res}.send(${x});`,
            redirect: (x) => `${res}.redirect(${x});`,
          };
          const check = route.guard === 'check' ? [`if (!${h.principal}) return ${res}.status(401).end();`] : [];
          const typed = ts && route.form % 2 === 0;
          const arrow = route.form % 5 === 0 || route.form % 5 === 2;
          let params = destructured
            ? `{ query, body, params: routeParams, headers, user }${typed ? ': Request' : ''}, ${res}`
            : typed ? `${req}: Request, ${res}: Response` : `${req}, ${res}`;
          const prelude: string[] = [];
          if (!destructured && route.params === 3) {
            params = '...args';
            prelude.push(`const [${req}, ${res}] = args;`);
          } else if (!destructured && route.params === 4) {
            params = `${req} = {}, ${res} = {}`;
          } else if (!destructured && route.params === 5 && ts && !arrow) {
            params = `this: unknown, ${params}`;
          }
          const inner = indent([...prelude, ...check, ...body(route, h, w, async)]);
          const middleware = route.guard === 'middleware' ? pick(['requireAuth, ', 'gatekeeper, ', 'passport.authenticate(\'jwt\'), '], route.form) : '';
          const method = pick(METHODS, route.method);
          const target = pick(['app', 'router', `app.route(${pathLiteral(route.path, route.style)})`], route.form + route.method);
          const arrayed = route.style >= 12;
          const call = callee(target, method, route.style);
          const open = `${target.startsWith('app.route') ? `${call}(` : `${call}(${pathLiteral(route.path, route.style)}, `}${arrayed ? '[' : ''}${middleware}`;
          const close = arrayed ? ']);' : ');';
          switch (route.form % 5) {
            case 0:
              out.push(`${open}${fn(async)}(${params}) => {`, ...inner, `}${close}`);
              break;
            case 1:
              // A rest parameter must be the last one: TypeScript's parser accepts `(...args, next)`, espree does not.
              out.push(`${open}${fn(async)}function handle${index}(${params.startsWith('...') ? params : `${params}, next`}) {`, ...inner, `}${close}`);
              break;
            case 2:
              out.push(`${open}(${params}) => {`, ...inner, `}${close}`);
              break;
            case 3: {
              const name = w.fresh('routeHandler');
              const exported = w.dialect === 'script' || nested ? '' : 'export ';
              out.push(`${exported}${fn(async)}function ${name}(${params}) {`, ...inner, '}');
              if (w.dialect === 'script') out.push(`module.exports.${name} = ${name};`);
              out.push(`${open}(${req}, ${res}) => ${name}(${req}, ${res})${close}`);
              break;
            }
            default: {
              const name = w.fresh('controller');
              out.push(`const ${name} = {`, `  ${fn(async)}handle(${params}) {`, ...indent(inner), '  },', '};');
              out.push(`${open}${name}.handle${close}`);
            }
          }
        });
        return out;
      }),
    );
    if (spec.auth === 'after') lines.push('app.use(requireAuth);');
    lines.push("app.use('/api', router);");
    if (spec.salt % 4 === 0 && w.dialect !== 'script') lines.push('export default router;');
    return lines;
  },
};

const fastify: Shell = {
  framework: 'fastify',
  dialects: ALL,
  filename: (dialect, salt) => `src/plugins/routes${salt}.${extension(dialect, salt)}`,
  oddities: [
    ['fastify.route();', 'fastify.route(routeOptions);'],
    ["fastify.route({ ...{ method: 'GET' }, url: '/spread', handler(request, reply) { return request.query; } });"],
    ["fastify.route({ method: ['GET', 'HEAD'], url: `/multi`, async handler(request) { return request.body; } });"],
    ["fastify.get('/no-handler');", "fastify.get('/opts', {}, async function () { return this; });"],
    ["fastify.register(import('./plugin.js'));", 'fastify.register(async function (child, opts) { child.get(opts.path, async (request) => request.user); });'],
    ["fastify.route({ method: 'POST', url: '/computed', ['handler']: async (request) => request.body });"],
    ["fastify.get('/reply', (request, reply) => reply.send(`<b>${request.query.q}</b>`));"],
    ['fastify.addHook();', "fastify.addHook('onRequest');"],
    ["fastify.post('/schema', { schema: { body: { type: 'object' } }, preHandler: [] }, async (request) => request.body);"],
    ["fastify.get('/regex/:id(^\\\\d+)', async ({ params }) => params.id);"],
  ],
  render(spec, w) {
    w.use('fastify');
    const lines = ['const fastify = Fastify();'];
    if (spec.auth === 'before') lines.push("fastify.addHook('onRequest', fastify.authenticate);");
    if (spec.auth === 'scoped') lines.push("fastify.register(async (secure) => { secure.addHook('preHandler', secure.verifyJwt); });");
    lines.push(
      ...contain(spec, w, () => {
        const out: string[] = [];
        spec.routes.forEach((route) => {
          const h: Handle = {
            sources: ['request.query.q', "request.body?.['name']", 'request.params.id', "request.headers['x-target']", 'getInput(request)'],
            body: 'request.body',
            id: 'request.params.id',
            principal: 'request.user',
            json: (x, env) => (route.form % 2 === 0 ? answer(x, env) : `reply.send(${x});`),
            html: (x) => `reply.type('text/html').send(${x});`,
            redirect: (x) => `reply.redirect(${x});`,
          };
          const check = route.guard === 'check' ? ['if (!request.user) return reply.code(401).send();'] : [];
          const inner = indent([...check, ...body(route, h, w, true)]);
          const options = route.guard === 'middleware' ? '{ onRequest: [fastify.authenticate] }, ' : '';
          const method = pick(METHODS, route.method);
          switch (route.form % 3) {
            case 0:
              out.push(`${callee('fastify', method, route.style)}(${pathLiteral(route.path, route.style)}, ${options}async (request, reply) => {`, ...inner, '});');
              break;
            case 1:
              out.push(
                `fastify.route({ method: '${method.toUpperCase()}', url: '${route.path}',${options ? ` onRequest: [fastify.authenticate],` : ''} handler: async function (request, reply) {`,
                ...inner,
                '} });',
              );
              break;
            default:
              out.push(
                'fastify.register(async (instance) => {',
                `  instance.${method}('${route.path}', ${options.replaceAll('fastify', 'instance')}async (request, reply) => {`,
                ...indent(inner),
                '  });',
                "}, { prefix: '/v1' });",
              );
          }
        });
        return out;
      }),
    );
    if (spec.auth === 'after') lines.push("fastify.addHook('preHandler', async (request) => { await request.jwtVerify(); });");
    return lines;
  },
};

const koa: Shell = {
  framework: 'koa',
  dialects: ALL,
  filename: (dialect, salt) => `src/router${salt}.${extension(dialect, salt)}`,
  oddities: [
    ["router.get('named', '/named/:id', async (ctx) => { ctx.body = ctx.params; });"],
    ['router.get(/^\\/re/u, (ctx) => { ctx.body = ctx.query; });'],
    ["router.all('*', async (ctx, next) => next());"],
    ["router.get(['/a', '/b'], async (ctx) => { ctx.body = ctx.query; });"],
    ["router.use('/nested', new Router().get('/x', (ctx) => { ctx.body = ctx.state.user; }).routes());"],
    ['app.use(async (ctx) => { ctx.body = ctx.request.body; });'],
    ['router.get();', 'router.use();'],
    ["router.post('/destructured', async ({ request, response }) => { response.body = request.body; });"],
    ["router.get('/redirect', (ctx) => ctx.redirect(ctx.query.next));"],
    ['app.use(router.allowedMethods());'],
  ],
  render(spec, w) {
    w.use('koa');
    w.use('koaRouter');
    const lines = ['const app = new Koa();', "const router = new Router({ prefix: '/api' });"];
    if (spec.auth === 'before') lines.push('router.use(requireAuth);');
    if (spec.auth === 'scoped') lines.push("router.use('/admin', requireAuth);");
    lines.push(
      ...contain(spec, w, () => {
        const out: string[] = [];
        spec.routes.forEach((route) => {
          const h: Handle = {
            sources: ['ctx.query.q', "ctx.request.body?.['name']", 'ctx.params.id', "ctx.get('x-target')", "ctx.cookies.get('sid')", "ctx.request.query['term']"],
            body: 'ctx.request.body',
            id: 'ctx.params.id',
            principal: 'ctx.state.user',
            json: (x) => `ctx.body = ${x};`,
            html: (x) => `ctx.body = ${x};`,
            redirect: (x) => `ctx.redirect(${x});`,
          };
          const check = route.guard === 'check' ? ["if (!ctx.state.user) ctx.throw(401, 'login');"] : [];
          const inner = indent([...check, ...body(route, h, w, true)]);
          const middleware = route.guard === 'middleware' ? 'requireAuth, ' : '';
          const method = pick(METHODS, route.method);
          out.push(`${callee('router', method, route.style)}(${pathLiteral(route.path, route.style)}, ${middleware}async (ctx, next) => {`, ...inner, '});');
        });
        return out;
      }),
    );
    lines.push('app.use(router.routes());');
    if (spec.auth === 'after') lines.push('app.use(requireAuth);');
    return lines;
  },
};

const hapi: Shell = {
  framework: 'hapi',
  dialects: ALL,
  filename: (dialect, salt) => `src/server${salt}.${extension(dialect, salt)}`,
  oddities: [
    ['server.route(routes);', 'server.route([]);', 'server.route();'],
    ["server.route({ method: '*', path: '/{p*}', handler: { directory: { path: '.' } } });"],
    ["server.route({ method: ['GET', 'POST'], path: '/m', options: { ...shared, handler: (request) => request.payload } });"],
    ["server.route({ method: 'GET', path: '/s', handler() { return this; } });"],
    ["server.route({ method: 'GET', path: `/t`, options: { auth: { mode: 'try' }, handler: (request, h) => h.response(request.query.q) } });"],
    ["server.route({ method: 'GET', path: '/r', handler: (request, h) => h.redirect(request.query.to) });"],
    ["server.auth.default();", "server.auth.strategy();"],
    ["server.route([{ method: 'GET', path: '/u', options: { handler: async (request) => request.auth.credentials } }]);"],
    ["server.ext('onPreAuth', (request, h) => h.continue);"],
    ["server.route({ path: '/nomethod', handler: () => null });"],
  ],
  render(spec, w) {
    w.use('hapi');
    const lines = ['const server = Hapi.server({ port: 3000 });'];
    if (spec.auth === 'before') lines.push("server.auth.strategy('jwt', 'jwt', {});", "server.auth.default('jwt');");
    lines.push(
      ...contain(spec, w, () => {
        const out: string[] = [];
        spec.routes.forEach((route) => {
          const h: Handle = {
            sources: ['request.query.q', "request.payload?.['name']", 'request.params.id', "request.headers['x-target']", 'request.state.session'],
            body: 'request.payload',
            id: 'request.params.id',
            principal: 'request.auth.credentials',
            json: (x, env) => answer(x, env),
            html: (x, env) => answer(`h.response(${x})`, env),
            redirect: (x, env) => answer(`h.redirect(${x})`, env),
          };
          const inner = indent(body(route, h, w, true));
          const path = route.path.replaceAll(/:(\w+)/gu, '{$1}');
          const method = pick(METHODS, route.method).toUpperCase();
          const auth = route.guard === 'middleware' ? "auth: 'session', " : route.guard === 'check' ? 'auth: false, ' : '';
          if (route.form % 2 === 0) {
            out.push(`server.route({ method: '${method}', path: '${path}', options: { ${auth}handler: async (request, h) => {`, ...inner, '} } });');
          } else {
            out.push(`server.route([{ method: '${method}', path: '${path}', ${auth}handler: async function (request, h) {`, ...inner, '} }]);');
          }
        });
        return out;
      }),
    );
    if (spec.auth === 'after') lines.push("server.auth.default('jwt');");
    return lines;
  },
};

const hono: Shell = {
  framework: 'hono',
  dialects: ALL,
  filename: (dialect, salt) => `src/worker${salt}.${extension(dialect, salt)}`,
  oddities: [
    ["app.get('/spread', ...[(c) => c.json(c.req.query())]);"],
    ["app.route('/sub', new Hono().get('/x', (c) => c.json(c.req.query())));"],
    ["app.on(['GET', 'POST'], ['/a', '/b'], (c) => c.text('x'));"],
    ["app.all('*', (c) => c.notFound());"],
    ["new Hono().basePath('/b').get('/c', (c) => c.html(c.req.query('q')));"],
    ["app.get('/redir', (c) => c.redirect(c.req.query('to') ?? '/'));"],
    ['app.get();', 'app.use();'],
    ["app.get('/json', async ({ req, json }) => json(await req.json()));"],
    ["app.mount('/legacy', (request) => new Response(request.url));"],
    ["app.get('/stream', (c) => c.body(c.req.query('q')));"],
  ],
  render(spec, w) {
    w.use('hono');
    const lines = ['const app = new Hono();'];
    if (spec.auth !== 'none' || spec.routes.some((route) => route.guard === 'middleware')) w.use('honoJwt');
    if (spec.auth === 'before') lines.push("app.use('/api/*', jwt({ secret: process.env.JWT_SECRET }));");
    if (spec.auth === 'scoped') lines.push("app.use('/admin/*', jwt({ secret: process.env.JWT_SECRET }));");
    lines.push(
      ...contain(spec, w, () => {
        const out: string[] = [];
        spec.routes.forEach((route) => {
          const async = route.form % 3 !== 2;
          const h: Handle = {
            sources: [
              "c.req.query('q')",
              "c.req.param('id')",
              "c.req.header('x-target')",
              ...(async ? ['(await c.req.json()).name', "(await c.req.parseBody())['file']"] : ["c.req.queries('tag')"]),
            ],
            body: async ? '(await c.req.json())' : 'c.req.query()',
            id: "c.req.param('id')",
            principal: "c.get('user')",
            json: (x, env) => answer(`c.json(${x})`, env),
            html: (x, env) => answer(`c.html(${x})`, env),
            redirect: (x, env) => answer(`c.redirect(${x})`, env),
          };
          const inner = indent(body(route, h, w, async));
          const middleware = route.guard === 'middleware' ? 'jwt({ secret: process.env.JWT_SECRET }), ' : '';
          const method = pick(METHODS, route.method);
          const register =
            route.form % 3 === 1
              ? `app.on('${method.toUpperCase()}', ${pathLiteral(route.path, route.style)}, `
              : `${callee(route.style >= 12 ? "app.basePath('/v2')" : 'app', method, route.style)}(${pathLiteral(route.path, route.style)}, `;
          out.push(`${register}${middleware}${fn(async)}(c) => {`, ...inner, '});');
        });
        return out;
      }),
    );
    if (spec.auth === 'after') lines.push("app.use('*', jwt({ secret: process.env.JWT_SECRET }));");
    if (w.dialect !== 'script' && spec.salt % 2 === 0) lines.push('export default app;');
    return lines;
  },
};

const nodeHttp: Shell = {
  framework: 'node-http',
  dialects: ALL,
  filename: (dialect, salt) => `src/http${salt}.${extension(dialect, salt)}`,
  oddities: [
    ['http.createServer();'],
    ['http.createServer({ keepAlive: true }, (req, res) => res.end(req.url));'],
    ['http.createServer(globalThis.handler).listen();'],
    ['new http.Server((req, res) => res.end(req.headers.host));'],
    ["http.createServer(async ({ url, headers }, res) => res.end(url + headers['x']));"],
    ['http.createServer(function () { arguments[1].end(arguments[0].url); });'],
    ['http.createServer((...args) => args[1].end(args[0].url));'],
    ["http.request(new URL('http://localhost'), (res) => res.resume()).end();"],
    ['http.get(process.env.URL ?? "http://localhost");'],
    ['http.createServer().on("request", (req, res) => res.writeHead(302, { Location: req.url }).end());'],
  ],
  render(spec, w) {
    w.use('http');
    const lines: string[] = [];
    lines.push(
      ...contain(spec, w, () => {
        const out: string[] = [];
        spec.routes.forEach((route, index) => {
          const h: Handle = {
            sources: ['req.url', "req.headers['x-target']", "new URL(req.url ?? '/', 'http://localhost').searchParams.get('q')"],
            body: 'req.headers',
            id: 'req.url',
            principal: null,
            json: (x) => `res.end(JSON.stringify(${x}));`,
            html: (x) => `res.end(${x});`,
            redirect: (x) => `res.writeHead(302, { Location: ${x} }).end();`,
          };
          const check =
            route.guard === 'none'
              ? []
              : ['if (req.headers.authorization !== `Bearer ${process.env.TOKEN}`) {', '  res.writeHead(401).end();', '  return;', '}'];
          const inner = indent([...check, ...body(route, h, w, true)]);
          if (route.form % 2 === 0) {
            out.push('http.createServer(async (req, res) => {', ...inner, `}).listen(${8000 + index});`);
          } else {
            const server = w.fresh('server');
            out.push(`const ${server} = http.createServer();`, `${server}.on('request', async function (req, res) {`, ...inner, '});', `${server}.listen(${8000 + index});`);
          }
        });
        return out;
      }),
    );
    return lines;
  },
};

const nest: Shell = {
  framework: 'nest',
  dialects: TS,
  filename: (dialect, salt) => `src/orders/orders${salt}.controller.${dialect}`,
  oddities: [
    ['@Controller() export class BareController { @Get() bare() { return this; } }'],
    ["@Controller(['a', 'b']) class MultiController { @Get(['x', 'y']) @Post(`t`) multi(@Body() { a, ...rest }: any = {}) { return rest; } }"],
    ['@Controller(PATH) class DynamicController { @Get() get value() { return 1; } @Get() static s() {} @Get() [Symbol.iterator]() {} }'],
    ["@Controller('anonymous') export default class { @Get() anon(@Req() { user }) { return user; } }"],
    ['@UseGuards() @Controller() class EmptyController {}'],
    ["const ExprController = @Controller('expr') class { @Get() m() { return this; } };"],
    ["@Controller({ path: 'v', host: ':account.example.com' }) class HostController { @Get(':id') @UseGuards(...guards) find(@Param() params: Record<string, string>, @Query() query) { return query.q; } }"],
    ["@Controller('bare') class BareDecoratorController { @Get find() { return 1; } @Post() @HttpCode(204) create(@Body('name') name: string) { return name; } }"],
    ["abstract class BaseCrudController<T> { @Get() list(): T[] { return []; } } @Controller('items') class ItemsController extends BaseCrudController<unknown> {}"],
    ["@Controller('async') class AsyncController { @Get() async *stream(@Query('q') q: string) { yield q; } }"],
  ],
  render(spec, w) {
    w.use(spec.salt % 3 === 0 ? 'nestWithoutUseGuards' : 'nest');
    const lines: string[] = [];
    if (spec.auth === 'before') {
      w.use('nestPassport');
      lines.push("@UseGuards(AuthGuard('jwt'))");
    }
    const controller = spec.salt % 2 === 0 ? "@Controller('orders')" : "@Controller({ path: 'orders', version: '1' })";
    lines.push(controller, `export class Orders${spec.salt}Controller {`, '  constructor(private readonly service: unknown) {}');
    spec.routes.forEach((route) => {
      const h: Handle = {
        sources: ['q', "body?.['name']", 'id', 'target', 'req.query.q'],
        body: 'body',
        id: 'id',
        principal: 'req.user',
        json: (x, env) => answer(x, env),
        html: (x) => `res.send(${x});`,
        redirect: (x) => `res.redirect(${x});`,
      };
      const verb = pick(['Get', 'Post', 'Put', 'Patch', 'Delete'], route.method);
      const path = route.path.replace(/^\//u, '');
      const decorators = [route.form % 2 === 0 ? `@${verb}('${path}')` : `@(${verb})('${path}')`];
      if (route.guard === 'middleware') decorators.push(pick(['@UseGuards(JwtAuthGuard)', '@UseGuards(TenantGuard)', '@Anonymous()', '@Public()'], route.form));
      const name = w.fresh('handle');
      const signature = `async ${name}(`;
      lines.push(
        ...(route.form % 3 === 2 ? [`  ${decorators.join(' ')} ${signature}`] : [...indent(decorators), `  ${signature}`]),
        `    @Query('q') q: string, @Body() body: Record<string, unknown>, @Param('id') id: string, @Headers('x-target') target: string, @Req() req: any, @Res({ passthrough: true }) res: any) {`,
        ...indent(indent(body(route, h, w, true))),
        '  }',
      );
    });
    lines.push('}');
    return lines;
  },
};

const NEXT_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

const nextApp: Shell = {
  framework: 'next-app',
  dialects: MODULES,
  filename: (dialect, salt) => `app/api/${pick(['orders', 'admin/users', 'items/[id]', 'public/feed'], salt)}/route.${extension(dialect, salt)}`,
  oddities: [
    ['export const HEAD = undefined;'],
    ['export const OPTIONS = async () => new Response(null);'],
    ["export const dynamic = 'force-dynamic';"],
    ["export { handler as PATCH } from './other';"],
    ["export * from './shared';"],
    ['export const revalidate = 60, runtime = "nodejs";'],
    ['export const DELETE = withAuth(async (request) => Response.json(await request.json()));'],
    ["export const generateStaticParams = async () => [{ id: '1' }];"],
    ["export let OPTIONS_FALLBACK;"],
    ["export function helper(request) { return request.nextUrl.searchParams.get('q'); }"],
  ],
  render(spec, w) {
    w.use('nextServer');
    const ts = isTs(w.dialect);
    if (ts) w.use('nextTypes');
    const lines: string[] = [];
    spec.routes.forEach((route, index) => {
      const method = pick(NEXT_METHODS, index);
      const request = route.form % 2 === 0 ? 'request' : 'req';
      const h: Handle = {
        sources: [
          `${request}.nextUrl.searchParams.get('q')`,
          `(await ${request}.json()).name`,
          `${request}.headers.get('x-target')`,
          `new URL(${request}.url).searchParams.get('url')`,
          `(await ${request}.formData()).get('file')`,
        ],
        body: `(await ${request}.json())`,
        id: `${request}.nextUrl.searchParams.get('id')`,
        principal: null,
        json: (x, env) => answer(route.form % 3 === 0 ? `Response.json(${x})` : `NextResponse.json(${x})`, env),
        html: (x, env) => answer(`new Response(${x}, { headers: { 'content-type': 'text/html' } })`, env),
        redirect: (x, env) => {
          if (route.form % 3 !== 1) return answer(`NextResponse.redirect(${x})`, env);
          w.use('nextNavigation');
          return `redirect(${x});`;
        },
      };
      const check: string[] = [];
      if (route.guard !== 'none') {
        w.use('nextAuth');
        check.push('const session = await auth();', "if (!session?.user) return new Response('Unauthorized', { status: 401 });");
      }
      const inner = indent([...check, ...body(route, h, w, true)]);
      const param = ts ? `${request}: NextRequest` : request;
      switch (route.form % 3) {
        case 0:
          lines.push(`export async function ${method}(${param}) {`, ...inner, '}');
          break;
        case 1:
          lines.push(`export const ${method} = async (${param}, { params }) => {`, ...inner, '};');
          break;
        default: {
          const name = w.fresh('handle');
          lines.push(`async function ${name}(${param}) {`, ...inner, '}', `export { ${name} as ${method} };`);
        }
      }
    });
    return lines;
  },
};

const nextPages: Shell = {
  framework: 'next-pages',
  dialects: MODULES,
  filename: (dialect, salt) => `pages/api/${pick(['orders', 'profile', 'redirect'], salt)}.${extension(dialect, salt)}`,
  oddities: [
    ['export const config = { api: { bodyParser: false } };'],
    ["export const runtime = 'nodejs';"],
    ['export function helper(req) { return req.query.q; }'],
  ],
  render(spec, w) {
    const route = spec.routes[0]!;
    const h: Handle = {
      sources: ['req.query.q', "req.body?.['name']", 'req.cookies.token', "req.headers['x-target']"],
      body: 'req.body',
      id: 'req.query.id',
      principal: null,
      json: (x) => `res.status(200).json(${x});`,
      html: (x) => `res.send(${x});`,
      redirect: (x) => `res.redirect(307, ${x});`,
    };
    const check = route.guard === 'none' ? [] : ['if (req.headers.authorization !== process.env.API_TOKEN) return res.status(401).end();'];
    const inner = indent([...check, ...body(route, h, w, true)]);
    if (route.form % 2 === 0) return ['export default async function handler(req, res) {', ...inner, '}'];
    return ['const handler = async (req, res) => {', ...inner, '};', 'export default handler;'];
  },
};

const SHELLS: readonly Shell[] = [express, fastify, koa, hapi, hono, nodeHttp, nest, nextApp, nextPages];

const PATHS = ['/orders', '/orders/:id', '/admin/users/:id', '/health', '/api/v1/items', '/public/feed', '/ops/jobs', '/login', '/catalog/items'];

// ---------------------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------------------

const allowed = <T extends { readonly dialects: readonly Dialect[] }>(items: readonly T[], dialect: Dialect): T[] =>
  items.filter((item) => item.dialects.includes(dialect));

function render(dialect: Dialect, shell: Shell, spec: Spec): GeneratedProgram {
  const w = new Writer(dialect);
  const secrets = spec.secrets.flatMap(({ form, value }) => form.render(value, w));
  const main = shell.render(spec, w);
  const oddities = spec.oddities.flatMap((index) => shell.oddities[index] ?? []);
  const code = [...w.header(), ...secrets, ...main, ...oddities, ''].join('\n');
  const filename = shell.filename(dialect, spec.salt);
  const sourceType = dialect === 'script' ? 'script' : 'module';
  return {
    filename,
    sourceType,
    dialect,
    framework: shell.framework,
    code,
    [fc.toStringMethod]: () => `\n// ${filename} (${sourceType})\n${code}`,
  };
}

/**
 * `min` to `max` values, each an option, so that shrinking can drop any of them (an array shrinks
 * by dropping a prefix) and a counterexample keeps only the route or chain that fails.
 */
function several<T>(arbitrary: fc.Arbitrary<T>, min: 0 | 1, max: number): fc.Arbitrary<T[]> {
  return fc
    .array(fc.option(arbitrary, { nil: undefined }), { minLength: min, maxLength: max })
    .map((values) => values.filter((value): value is T => value !== undefined))
    .filter((values) => values.length >= min);
}

/** Generated programs, in every dialect and framework. */
export const programs: fc.Arbitrary<GeneratedProgram> = fc.constantFrom(...ALL).chain((dialect) => {
  const steps = allowed(STEPS, dialect);
  const sinks = allowed(SINKS, dialect);
  const shapes = allowed(SHAPES, dialect);
  const secretForms = allowed(SECRETS, dialect);
  const chain: fc.Arbitrary<Chain> = fc.record({
    source: fc.nat(16),
    steps: several(fc.constantFrom(...steps), 0, 4),
    shape: fc.oneof({ arbitrary: fc.constant(SHAPES[0]!), weight: 4 }, { arbitrary: fc.constantFrom(...shapes), weight: 6 }),
    sink: fc.constantFrom(...sinks),
  });
  const route: fc.Arbitrary<Route> = fc.record({
    path: fc.constantFrom(...PATHS),
    method: fc.nat(4),
    form: fc.nat(29),
    style: fc.nat(23),
    params: fc.nat(5),
    guard: fc.constantFrom('none', 'none', 'middleware', 'check'),
    chains: several(chain, 1, 3),
  });
  const spec: fc.Arbitrary<Spec> = fc.record({
    auth: fc.constantFrom('none', 'none', 'before', 'after', 'scoped'),
    routes: several(route, 1, 3),
    secrets: several(
      fc.record({ form: fc.constantFrom(...secretForms), value: fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 20, maxLength: 40 }) }),
      0,
      2,
    ),
    salt: fc.nat(999),
    container: fc.nat(11),
    oddities: fc.uniqueArray(fc.nat(9), { maxLength: 3 }),
  });
  return fc.tuple(fc.constantFrom(...allowed(SHELLS, dialect)), spec).map(([shell, s]) => render(dialect, shell, s));
});
