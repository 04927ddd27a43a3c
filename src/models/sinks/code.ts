import type { GlobalSinkModel, ResponseSinkModel, SinkModel } from '../taint-types.js';

const VM = ['vm', 'node:vm'];
const NUNJUCKS = 'Member[renderString,compile].Argument[0]';

/** `vm` functions that compile or run their first argument as JavaScript, and template engines given the template. */
export const codeSinks = [
  { kind: 'code', library: 'vm', module: VM, path: 'Member[runInNewContext,runInThisContext,runInContext,compileFunction].Argument[0]' },
  { kind: 'code', library: 'vm', module: VM, path: 'Member[Script,SourceTextModule].Instance.Argument[0]' },
  // The context's globals are code when the evaluated text hands them to `eval` or `Function`.
  { kind: 'code', library: 'vm', module: VM, path: 'Member[runInNewContext,runInContext].Argument[1]', mode: 'sandbox' },
  // vm2 (deprecated, with sandbox escapes) runs its input as JavaScript.
  { kind: 'code', library: 'vm2', module: 'vm2', path: 'Member[VM,NodeVM].Instance.Member[run,runFile].Argument[0]' },
  { kind: 'code', library: 'vm2', module: 'vm2', path: 'Member[VMScript].Instance.Argument[0]' },
  // safe-eval runs its input in a vm context that code escapes; node-serialize's `unserialize` calls
  // the functions (`_$$ND_FUNC$$_…()`) the serialized text declares; serialize-to-js evaluates its input.
  { kind: 'code', library: 'safe-eval', module: 'safe-eval', path: 'Argument[0]' },
  { kind: 'code', library: 'node-serialize', module: 'node-serialize', path: 'Member[unserialize].Argument[0]' },
  { kind: 'code', library: 'serialize-to-js', module: 'serialize-to-js', path: 'Member[deserialize].Argument[0]' },
  // Template engines compile their template to JavaScript: a client-written template runs code.
  // `_.template(text)` compiles its input to a function (`<%= %>` runs JavaScript).
  { kind: 'code', library: 'lodash', module: ['lodash', 'lodash-es', 'underscore'], path: 'Member[template].Argument[0]' },
  { kind: 'code', library: 'lodash', module: ['lodash/template', 'lodash.template'], path: 'Argument[0]' },
  { kind: 'code', library: 'pug', module: ['pug', 'jade'], path: 'Member[compile,render,compileClient,compileClientWithDependenciesTracked].Argument[0]' },
  { kind: 'code', library: 'ejs', module: 'ejs', path: 'Member[render,compile].Argument[0]' },
  { kind: 'code', library: 'handlebars', module: ['handlebars', 'hbs'], path: 'Member[compile,precompile].Argument[0]' },
  { kind: 'code', library: 'handlebars', module: ['handlebars', 'hbs'], path: 'Member[create].ReturnValue.Member[compile,precompile].Argument[0]' },
  { kind: 'code', library: 'handlebars', module: 'hbs', path: 'Member[handlebars].Member[compile,precompile].Argument[0]' },
  { kind: 'code', library: 'nunjucks', module: 'nunjucks', path: NUNJUCKS },
  { kind: 'code', library: 'nunjucks', module: 'nunjucks', path: `Member[configure].ReturnValue.${NUNJUCKS}` },
  { kind: 'code', library: 'nunjucks', module: 'nunjucks', path: `Member[Environment].Instance.${NUNJUCKS}` },
  { kind: 'code', library: 'nunjucks', module: 'nunjucks', path: 'Member[Template].Instance.Argument[0]' },
] as const satisfies readonly SinkModel[];

/**
 * Globals that evaluate a string as JavaScript (timers only when given a string instead of a
 * function), and `require`, which loads and runs the module it is named. `import(x)` is matched
 * by the engine as an expression, with the same meaning.
 */
export const codeGlobalSinks = [
  { kind: 'code', library: 'JavaScript', name: 'eval', argument: 0 },
  { kind: 'code', library: 'JavaScript', name: 'Function', argument: 'any', construct: true },
  { kind: 'code', library: 'JavaScript', name: 'setTimeout', argument: 0 },
  { kind: 'code', library: 'JavaScript', name: 'setInterval', argument: 0 },
  { kind: 'code', library: 'Node.js', name: 'require', argument: 0 },
] as const satisfies readonly GlobalSinkModel[];

/**
 * `res.render(view, options)`: the options object is also the template engine's configuration
 * (ejs reads `client`, `escapeFunction`, `outputFunctionName`, ... from it, pug and handlebars
 * similar keys), so passing the request's query or body whole lets a client run code.
 */
export const codeResponseSinks = [
  { kind: 'code', library: 'express', styles: ['express', 'nest'], methods: ['render'], argument: 1, mode: 'options' },
  // koa-views (and @ladjs/koa-views) add `ctx.render(view, locals)`.
  { kind: 'code', library: 'koa-views', styles: ['koa'], methods: ['render'], argument: 1, mode: 'options' },
] as const satisfies readonly ResponseSinkModel[];

/** Code text that evaluates strings it is handed (the globals of a `vm` context, `mode: 'sandbox'`). */
export const evaluatingCode = /\b(?:eval|Function|setTimeout|setInterval)\s*\(/;
