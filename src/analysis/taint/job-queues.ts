import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { jobQueues, type JobQueueModel } from '../../models/frameworks/job-queues.js';
import { enumMemberValue, findVariable, memberKeyName, propertyName, requiredModule, staticString, unwrap, walk, type FunctionNode, type Scope, scopeOf } from '../../utils/ast.js';
import type { ProjectIndex } from '../project/index.js';
import { exportedDefinition, importBindingTarget, resolveRelativeImport, type ImportedDefinition } from '../project/imported.js';
import { parseProjectFile, type ProjectModule } from '../project/parse.js';
import { matchSteps, originOf, parsePath, patternPath } from './access-path.js';

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
  /** The job name the processor is limited to (`@Process('welcome')` of @nestjs/bull), if any. */
  job?: string;
}

/** A call that enqueues a job on a queue, and the index of its data argument. */
export interface ProducerCall {
  call: TSESTree.CallExpression;
  data: number;
}

/** Files whose definitions a queue is traced through (an import of an import of a re-export). */
const MAX_HOPS = 4;

type ScopeOf = (node: TSESTree.Node) => Scope;

/**
 * The name a queue or job is given: a string literal, or a constant of this file holding one
 * (`const QUEUE = 'exports'`); null for anything decided at run time (`process.env.QUEUE`).
 */
function literalString(node: TSESTree.Node | undefined, sourceCode: Readonly<TSESLint.SourceCode>, file: string): string | null {
  return nameOf(node, (inner) => scopeOf(sourceCode, inner), file, 0);
}

/**
 * The string a name holds: a literal or a constant of its file, or a constant imported from a
 * project file (`import { EMAIL_QUEUE } from './constants'`, `QUEUES.EMAIL` of an exported object
 * literal, `Queues.Email` of an exported enum, `const { QUEUES } = require('./constants')`).
 */
function nameOf(node: TSESTree.Node | undefined, scopeOf: ScopeOf, file: string, hops: number): string | null {
  if (!node || node.type === AST_NODE_TYPES.SpreadElement) return null;
  const local = staticString(node, scopeOf(node));
  if (local !== null || hops > MAX_HOPS) return local;
  const members: string[] = [];
  let root = unwrap(node);
  while (root.type === AST_NODE_TYPES.MemberExpression) {
    const key = root.computed ? (root.property.type === AST_NODE_TYPES.Literal && typeof root.property.value === 'string' ? root.property.value : null) : propertyName(root.property);
    if (key === null) return null;
    members.unshift(key);
    root = unwrap(root.object);
  }
  if (root.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scopeOf(root), root.name);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  let target: { file: string; path: string[] } | null = null;
  if (definition?.type === 'ImportBinding') {
    const imported = importBindingTarget(definition, file);
    if (imported) target = { file: imported.file, path: imported.name === '*' ? members : [imported.name, ...members] };
  } else if (definition?.type === 'Variable' && definition.node.init && definition.parent.kind === 'const') {
    // `const { QUEUES } = require('./constants')`, `const constants = require('./constants')`.
    const specifier = unwrap(definition.node.init).type === AST_NODE_TYPES.CallExpression ? requiredModule(definition.node.init) : null;
    const resolved = specifier === null ? null : resolveRelativeImport(file, specifier);
    const path = patternPath(definition.name, definition.node.id);
    if (resolved !== null && path !== null) target = { file: resolved, path: [...path, ...members] };
  }
  if (!target) return null;
  const found = exportedValue(target.file, target.path);
  return typeof found === 'string' || found === null ? found : nameOf(found.node, found.scopeOf, found.file, hops + 1);
}

/** The value a project file exports at `path` (export name, then members), or the string initialiser of an exported enum's member. */
function exportedValue(file: string, path: readonly string[]): ImportedDefinition | string | null {
  const [head = '', ...rest] = path;
  const whole = exportedDefinition(file, head);
  if (whole?.node.type === AST_NODE_TYPES.TSEnumDeclaration) return rest.length === 1 ? enumMemberValue(whole.node, rest[0]!) : null;
  return rest.length === 0 ? whole : exportedDefinition(file, head, rest.join('.'));
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

/** The model whose package (or NestJS module) makes the decorator `decorator` (`@InjectQueue('x')`, `@Processor('x')`), with the export's name. */
function nestDecorator(decorator: TSESTree.Decorator, sourceCode: Readonly<TSESLint.SourceCode>): { model: JobQueueModel; name: string; call: TSESTree.CallExpression } | null {
  const call = decorator.expression;
  if (call.type !== AST_NODE_TYPES.CallExpression) return null;
  const origin = originOf(call.callee, sourceCode);
  const [step] = origin?.steps ?? [];
  if (!origin || origin.steps.length !== 1 || !step?.startsWith('Member:')) return null;
  const model = jobQueues.find((candidate) => 'nest' in candidate && candidate.nest.module === origin.module);
  return model ? { model, name: step.slice(7), call } : null;
}

/** The name a NestJS decorator is given: `'x'` or `{ name: 'x' }`. */
function decoratorName(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>, file: string): string | null {
  const [first] = call.arguments;
  if (first?.type !== AST_NODE_TYPES.ObjectExpression) return literalString(first, sourceCode, file);
  const property = first.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && !candidate.computed && propertyName(candidate.key) === 'name');
  return property ? literalString(property.value, sourceCode, file) : null;
}

/** `@InjectQueue('x')` among the decorators of a field or parameter: the queue named `x`. */
function injectedQueue(decorators: readonly TSESTree.Decorator[] | undefined, sourceCode: Readonly<TSESLint.SourceCode>, file: string): QueueRef | null {
  for (const decorator of decorators ?? []) {
    const found = nestDecorator(decorator, sourceCode);
    if (found?.name === 'InjectQueue') return { model: found.model, name: decoratorName(found.call, sourceCode, file) };
  }
  return null;
}

/**
 * `this.queue` in a class: a field holding a queue (`queue = new Queue('x')`), injected by NestJS
 * (`@InjectQueue('x') private queue: Queue`, as a field or a constructor parameter property), or
 * assigned once in the class (`this.queue = new Queue('x')` in its constructor).
 */
function fieldQueue(member: TSESTree.MemberExpression, sourceCode: Readonly<TSESLint.SourceCode>, file: string, index: ProjectIndex | null, hops: number): QueueRef | null {
  const name = member.computed ? null : propertyName(member.property);
  let body: TSESTree.Node | undefined = member.parent;
  while (body && body.type !== AST_NODE_TYPES.ClassBody) body = body.parent;
  if (name === null || !body) return null;
  const assigned: TSESTree.Node[] = [];
  for (const element of body.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.computed && memberKeyName(element) === name) {
      const injected = injectedQueue(element.decorators, sourceCode, file);
      if (injected) return injected;
      if (element.value) assigned.push(element.value);
    }
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
      for (const param of element.value.params) {
        if (param.type === AST_NODE_TYPES.TSParameterProperty && param.parameter.type === AST_NODE_TYPES.Identifier && param.parameter.name === name) {
          return injectedQueue(param.decorators, sourceCode, file);
        }
      }
    }
  }
  // Every write of the field in the class: one value names one queue.
  walk(body, (node) => {
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.MemberExpression || node.left.object.type !== AST_NODE_TYPES.ThisExpression) return;
    if (!node.left.computed && propertyName(node.left.property) === name) assigned.push(node.right);
  });
  const [only, ...others] = assigned;
  return only && others.length === 0 ? queueOf(only, sourceCode, file, index, hops + 1) : null;
}

/** The queue models whose queue is an object reached from the package, not made with `new` (amqplib's channel). */
const instanceModels = jobQueues.flatMap((model) => ('instances' in model ? model.instances.map((path) => ({ model: model as JobQueueModel, tokens: parsePath(path).tokens })) : []));

/**
 * The queue an expression holds: `new Queue('exports')` of a queue package, through `const`
 * aliases, class fields and NestJS injection (`fieldQueue`), the objects the model names
 * (amqplib's channel), and through the exports of project files
 * (`const { exportQueue } = require('./queues')`).
 */
export function queueOf(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, file: string, index: ProjectIndex | null, hops = 0): QueueRef | null {
  if (hops > MAX_HOPS) return null;
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.NewExpression) {
    const made = packageExport(target.callee, sourceCode);
    if (!made || !(made.model.queues as readonly string[]).includes(made.name)) return null;
    return { model: made.model, name: made.model.byJobName ? null : literalString(target.arguments[0], sourceCode, file) };
  }
  if (target.type === AST_NODE_TYPES.MemberExpression && target.object.type === AST_NODE_TYPES.ThisExpression) return fieldQueue(target, sourceCode, file, index, hops);
  if (instanceModels.length > 0) {
    const origin = originOf(target, sourceCode);
    const instance = origin && instanceModels.find((candidate) => (candidate.model.modules as readonly string[]).includes(origin.module) && matchSteps(candidate.tokens, origin.steps));
    if (instance) return { model: instance.model, name: null };
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scopeOf(sourceCode, target), target.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (definition?.type === 'Variable' && definition.node.id.type === AST_NODE_TYPES.Identifier && definition.node.init) {
      // Only a binding never assigned again names one queue.
      if (variable!.references.some((reference) => reference.isWrite() && reference.identifier !== definition.node.id)) return null;
      return queueOf(definition.node.init, sourceCode, file, index, hops + 1);
    }
    // `constructor(@InjectQueue('x') queue: Queue) { this.queue = queue }`.
    if (definition?.type === 'Parameter' && definition.name.type === AST_NODE_TYPES.Identifier) return injectedQueue(definition.name.decorators, sourceCode, file);
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
    const variable = findVariable(scopeOf(sourceCode, fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : id), id.name);
    for (const reference of variable?.references ?? []) if (reference.identifier !== id) asArgument(reference.identifier);
  }
  return uses;
}

/**
 * A method of a NestJS queue consumer: `@Processor('x')` on its class, and `@Process([job])` on
 * the method (@nestjs/bull) or the method `process` (a `WorkerHost` of @nestjs/bullmq).
 */
function nestProcessor(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>, file: string): ProcessedQueue | null {
  const method = fn.parent;
  if (method.type !== AST_NODE_TYPES.MethodDefinition || method.static || method.kind !== 'method') return null;
  const owner = method.parent.parent;
  if (owner.type !== AST_NODE_TYPES.ClassDeclaration && owner.type !== AST_NODE_TYPES.ClassExpression) return null;
  // espree leaves `decorators` out where typescript-estree has `[]`.
  for (const decorator of owner.decorators ?? []) {
    const found = nestDecorator(decorator, sourceCode);
    if (found?.name !== 'Processor') continue;
    const name = decoratorName(found.call, sourceCode, file);
    const nest = found.model.nest;
    if (name === null || !nest) return null;
    if (nest.method !== undefined && memberKeyName(method) === nest.method) return { model: found.model, name };
    for (const inner of method.decorators ?? []) {
      const process = nestDecorator(inner, sourceCode);
      if (process?.model !== found.model || process.name !== nest.decorator) continue;
      // `@Process('welcome')` runs the jobs of that name only; `@Process()` every job of the queue.
      const job = process.call.arguments.length > 0 ? decoratorName(process.call, sourceCode, file) : null;
      return job === null ? { model: found.model, name } : { model: found.model, name, job };
    }
  }
  return null;
}

/**
 * The queue whose jobs `fn` processes: `new Worker('exports', fn)` (BullMQ), `queue.process(fn)`
 * of a queue created with a literal name (bull, Bee-Queue), `agenda.define('export', fn)`,
 * `boss.work('export', fn)`, `channel.consume('export', fn)`, a NestJS consumer's method. Null
 * for any other function, and when the name cannot be read.
 */
export function processedQueue(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>, file: string, index: ProjectIndex | null): ProcessedQueue | null {
  const nest = nestProcessor(fn, sourceCode, file);
  if (nest) return nest;
  for (const { call, position } of usesAsArgument(fn, sourceCode)) {
    if (call.type === AST_NODE_TYPES.NewExpression) {
      const made = packageExport(call.callee, sourceCode);
      const name = literalString(call.arguments[0], sourceCode, file);
      if (made && position === 1 && name !== null && (made.model.workers as readonly string[]).includes(made.name)) return { model: made.model, name };
      continue;
    }
    const callee = call.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) continue;
    const method = propertyName(callee.property);
    if (method === null) continue;
    const queue = queueOf(callee.object, sourceCode, file, index);
    if (!queue || !(queue.model.processes as readonly string[]).includes(method)) continue;
    if (position !== ('processorArgument' in queue.model && queue.model.processorArgument !== undefined ? queue.model.processorArgument : call.arguments.length - 1)) continue;
    const name = queue.model.byJobName ? literalString(call.arguments[0], sourceCode, file) : queue.name;
    if (name !== null) return { model: queue.model, name };
  }
  return null;
}

/** The calls of a module that enqueue a job on `queue` (the same model and name, and the job's name when the processor runs one name only). */
export function producerCalls(module: ProjectModule, queue: ProcessedQueue, index: ProjectIndex | null): ProducerCall[] {
  const found: ProducerCall[] = [];
  const methods = new Map<string, number | 'first-object'>(queue.model.producers.map((producer) => [producer.method, producer.data]));
  walk(module.program, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression || node.callee.computed) return;
    const method = propertyName(node.callee.property);
    const position = method === null ? undefined : methods.get(method);
    if (position === undefined) return;
    const first = position === 'first-object' || (!queue.model.byJobName && position === 1) ? literalString(node.arguments[0], module.sourceCode, module.file) : null;
    const data = position === 'first-object' ? (first !== null ? 1 : 0) : position;
    if (queue.model.byJobName && literalString(node.arguments[data - 1], module.sourceCode, module.file) !== queue.name) return;
    // A job of another name than the processor's (`add('receipt', …)` for `@Process('welcome')`).
    if (queue.job !== undefined && first !== null && first !== queue.job) return;
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
