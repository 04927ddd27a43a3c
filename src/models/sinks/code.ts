import type { GlobalSinkModel, SinkModel } from '../taint-types.js';

const VM = ['vm', 'node:vm'];

/** `vm` functions that compile or run their first argument as JavaScript. */
export const codeSinks = [
  { kind: 'code', library: 'vm', module: VM, path: 'Member[runInNewContext,runInThisContext,runInContext,compileFunction].Argument[0]' },
  { kind: 'code', library: 'vm', module: VM, path: 'Member[Script].Instance.Argument[0]' },
  // `_.template(text)` compiles its input to a function (`<%= %>` runs JavaScript).
  { kind: 'code', library: 'lodash', module: ['lodash', 'lodash-es', 'underscore'], path: 'Member[template].Argument[0]' },
  { kind: 'code', library: 'lodash', module: ['lodash/template', 'lodash.template'], path: 'Argument[0]' },
] as const satisfies readonly SinkModel[];

/** Globals that evaluate a string as JavaScript (timers only when given a string instead of a function). */
export const codeGlobalSinks = [
  { kind: 'code', library: 'JavaScript', name: 'eval', argument: 0 },
  { kind: 'code', library: 'JavaScript', name: 'Function', argument: 'any', construct: true },
  { kind: 'code', library: 'JavaScript', name: 'setTimeout', argument: 0 },
  { kind: 'code', library: 'JavaScript', name: 'setInterval', argument: 0 },
] as const satisfies readonly GlobalSinkModel[];
