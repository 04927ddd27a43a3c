import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { jobQueues, type JobQueueModel } from '../../models/frameworks/job-queues.js';
import { findVariable, propertyName, staticString, unwrap, walk, type FunctionNode } from '../../utils/ast.js';
import type { ProjectIndex } from '../project/index.js';
import { exportedDefinition } from '../project/imported.js';
import { parseProjectFile, type ProjectModule } from '../project/parse.js';
import { originOf } from './access-path.js';

/*
 * The queue hop (see `models/frameworks/job-queues.ts`): which queue a worker's processor runs the
 * jobs of, and the calls of a project file that enqueue jobs on that queue. A queue is known by
 * evidence only: created from a queue package with a literal name (`new Queue('exports')`), here
 * or in the project file it is imported from. The taint of what a producer enqueues is decided by
 * the producer file's own engine (`cross-file.ts`).
 */

/** A queue, or agenda's scheduler: the model it comes from and its literal name (null: not a literal, or agenda's scheduler). */
interface QueueRef {
  model: JobQueueModel;
  name: string | null;
}

/** The queue whose jobs a processor runs, and the members of its job that hold the enqueued data. */
export interface ProcessedQueue {
  model: JobQueueModel;
  /** The queue's name, or agenda's job name. */
  name: string;
}

/** A call that enqueues a job on a queue, and the index of its data argument. */
export interface ProducerCall {
  call: TSESTree.CallExpression;
  data: number;
}

/** Files whose definitions a queue is traced through (an import of an import of a re-export). */
const MAX_HOPS = 4;

/**
 * The name a queue or job is given: a string literal, or a constant of this file holding one
 * (`const QUEUE = 'exports'`); null for anything decided at run time (`process.env.QUEUE`).
 */
function literalString(node: TSESTree.Node | undefined, sourceCode: Readonly<TSESLint.SourceCode>): string | null {
  if (!node || node.type === AST_NODE_TYPES.SpreadElement) return null;
  return staticString(node, sourceCode.getScope(node));
}

/** The export of a queue package a callee names (`''`: the package itself, its default export), with the model; null otherwise. */
function packageExport(callee: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): { model: JobQueueModel; name: string } | null {
  const origin = originOf(callee, sourceCode);
  if (!origin) return null;
  const model = jobQueues.find((candidate) => (candidate.modules as readonly string[]).includes(origin.module));
  if (!model) return null;
  if (origin.steps.length === 0) return { model, name: '' };
  const [step] = origin.steps;
  if (origin.steps.length !== 1 || !step?.startsWith('Member:')) return null;
  return { model, name: step.slice(7) };
}

/**
 * The queue an expression holds: `new Queue('exports')` of a queue package, through `const`
 * aliases, and through the exports of project files (`const { exportQueue } = require('./queues')`).
 */
export function queueOf(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, file: string, index: ProjectIndex | null, hops = 0): QueueRef | null {
  if (hops > MAX_HOPS) return null;
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.NewExpression) {
    const made = packageExport(target.callee, sourceCode);
    if (!made || !(made.model.queues as readonly string[]).includes(made.name)) return null;
    return { model: made.model, name: made.model.byJobName ? null : literalString(target.arguments[0], sourceCode) };
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode.getScope(target), target.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.type === 'Variable' && definition.node.id.type === AST_NODE_TYPES.Identifier && definition.node.init) {
      // Only a binding never assigned again names one queue.
      if (variable!.references.some((reference) => reference.isWrite() && reference.identifier !== definition.node.id)) return null;
      return queueOf(definition.node.init, sourceCode, file, index, hops + 1);
    }
  }
  if (index === null) return null;
  // Imported from a project file: its export, traced there.
  const origin = originOf(target, sourceCode);
  if (!origin) return null;
  const resolved = index.resolve(file, origin.module);
  if (resolved === null) return null;
  const [first, ...rest] = origin.steps;
  if (rest.length > 0 || (first !== undefined && !first.startsWith('Member:'))) return null;
  const definition = exportedDefinition(resolved, first === undefined ? '' : first.slice(7));
  if (!definition) return null;
  const module = parseProjectFile(definition.file);
  return module ? queueOf(definition.node, module.sourceCode, definition.file, index, hops + 1) : null;
}

/** The calls and `new` expressions that receive `fn` as an argument: where it is written, or by its name. */
function usesAsArgument(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): { call: TSESTree.CallExpression | TSESTree.NewExpression; position: number }[] {
  const uses: { call: TSESTree.CallExpression | TSESTree.NewExpression; position: number }[] = [];
  const asArgument = (node: TSESTree.Node): void => {
    const parent = node.parent;
    if (parent?.type !== AST_NODE_TYPES.CallExpression && parent?.type !== AST_NODE_TYPES.NewExpression) return;
    const position = parent.arguments.indexOf(node as TSESTree.CallExpressionArgument);
    if (position >= 0) uses.push({ call: parent, position });
  };
  asArgument(fn);
  const id = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn.id : fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn ? fn.parent.id : null;
  if (id?.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode.getScope(fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : id), id.name);
    for (const reference of variable?.references ?? []) if (reference.identifier !== id) asArgument(reference.identifier);
  }
  return uses;
}

/**
 * The queue whose jobs `fn` processes: `new Worker('exports', fn)` (BullMQ), `queue.process(fn)`
 * of a queue created with a literal name (bull, Bee-Queue), `agenda.define('export', fn)`. Null
 * for any other function, and when the name is not a literal.
 */
export function processedQueue(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>, file: string, index: ProjectIndex | null): ProcessedQueue | null {
  for (const { call, position } of usesAsArgument(fn, sourceCode)) {
    if (call.type === AST_NODE_TYPES.NewExpression) {
      const made = packageExport(call.callee, sourceCode);
      const name = literalString(call.arguments[0], sourceCode);
      if (made && position === 1 && name !== null && (made.model.workers as readonly string[]).includes(made.name)) return { model: made.model, name };
      continue;
    }
    const callee = call.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || position !== call.arguments.length - 1) continue;
    const method = propertyName(callee.property);
    if (method === null || callee.computed) continue;
    const queue = queueOf(callee.object, sourceCode, file, index);
    if (!queue || !(queue.model.processes as readonly string[]).includes(method)) continue;
    const name = queue.model.byJobName ? literalString(call.arguments[0], sourceCode) : queue.name;
    if (name !== null) return { model: queue.model, name };
  }
  return null;
}

/** The calls of a module that enqueue a job on `queue` (the same model and literal name). */
export function producerCalls(module: ProjectModule, queue: ProcessedQueue, index: ProjectIndex | null): ProducerCall[] {
  const found: ProducerCall[] = [];
  const methods = new Map<string, number | 'first-object'>(queue.model.producers.map((producer) => [producer.method, producer.data]));
  walk(module.program, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression || node.callee.computed) return;
    const method = propertyName(node.callee.property);
    const position = method === null ? undefined : methods.get(method);
    if (position === undefined) return;
    const data = position === 'first-object' ? (literalString(node.arguments[0], module.sourceCode) !== null ? 1 : 0) : position;
    if (queue.model.byJobName && literalString(node.arguments[data - 1], module.sourceCode) !== queue.name) return;
    const target = queueOf(node.callee.object, module.sourceCode, module.file, index);
    if (target?.model !== queue.model || (!queue.model.byJobName && target.name !== queue.name)) return;
    found.push({ call: node, data });
  });
  return found;
}

/** Whether a file's text may name the queue: the name as a string literal. */
export function mentionsQueue(text: string, name: string): boolean {
  return [`'${name}'`, `"${name}"`, `\`${name}\``].some((quoted) => text.includes(quoted));
}
