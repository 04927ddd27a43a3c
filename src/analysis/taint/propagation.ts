/**
 * Propagation: how taint moves through expressions, evaluated on demand backwards from a sink
 * argument. Variables through their earlier writes and mutations (flow-sensitive where a write
 * dominates the read), members, calls and methods (sanitizers, schemas, propagating built-ins),
 * `new`, and strings built with templates and `+`, memoised per node and kind within the limits.
 */
import { callsEntryMatcher } from '../routes/dispatch-branches.js';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isBodyStreamEvent } from '../routes/handlers.js';
import { parsedRequestBody, parsedRequestText, parsedUrlModuleText, parsedUrlText, readArchive } from '../routes/request-inputs.js';
import {
  argumentPropagatingMethods,
  keyedWriteMethods,
  lookupMethods,
  mutatorMethods,
  pathFunctions,
  pathModules,
  predicateMethods,
  propagatingFunctions,
  sanitizers,
  stringResultFunctions,
  stringOnlyMethods,
  stringResultMethods,
  stringValueMethods,
  valueCallbackMethods,
} from '../../models/sanitizers.js';
import { browserSentKinds, serverChosenUploadMembers } from '../../models/frameworks/request-inputs.js';
import { allTaintKinds, prefixKinds, type SanitizerModel, type TaintKind } from '../../models/taint-types.js';
import { dottedName, enclosingFunction, findVariable, type FunctionNode, isConstantBinding, isFunction, memberKeyName, propertyName, singleDefinition, unwrap, walk, scopeOf } from '../../utils/ast.js';
import { quoteCode } from '../../utils/describe-node.js';
import { matchSteps, originOf, parsePath, patternPath, sameModule } from './access-path.js';
import { alwaysExits, fixedTextBefore, GuardFinder, type KindSet } from './guards.js';
import { isRegexValue, regexKinds } from './regex-kinds.js';
import { isFixedList } from './allowlist.js';
import { escapesHtml } from './html-escape.js';
import { opensQuotedAttribute } from './html-context.js';
import type { Taint, TaintOrigin } from './types.js';
import { CLEAN, contain, decodedUrls, FIXED_URL_PREFIX, flat, isParentChecked, MAX_DEPTH, MAX_EVALUATIONS, MAX_WRITES_BACK, merge, ORIGIN_ONLY, sourceTaint, TAINTED_MARK, uncheckedParents, UNKNOWN_MARK } from './taint-set.js';
import { pathRead } from './path-readers.js';
import { escapesRegex, strippedKinds, stripsLeadingParents } from './replace-sanitizers.js';
import { walkOwn, within } from './engine-context.js';
import { TaintSources } from './sources.js';
import { jobQueues } from '../../models/frameworks/job-queues.js';

/** Pieces of a string built by a template or `+`, in order: static text or an expression. */
type Piece = string | TSESTree.Node;

const STRING_RESULT_FUNCTIONS = new Set<string>(stringResultFunctions);
const STRING_METHODS = new Set<string>(stringValueMethods);
const STRING_RESULT_METHODS = new Set<string>(stringResultMethods);
const STRING_ONLY_METHODS = new Set<string>(stringOnlyMethods);
/** How many string-method calls before a read are tried as proof that the value is a string. */
const MAX_STRING_PROOFS = 8;
const PREDICATES = new Set<string>(predicateMethods);
const ARG_PROPAGATORS = new Set<string>(argumentPropagatingMethods);
const PROPAGATING = new Set<string>(propagatingFunctions);
const ELEMENT_CALLBACKS = new Set<string>(valueCallbackMethods);
/** Methods registering a job queue's processor (`models/frameworks/job-queues.ts`). */
const JOB_PROCESSOR_METHODS = new Set<string>(jobQueues.flatMap((model) => model.processes));
/** Processor methods whose processor is not the last argument, and its position (amqplib's `consume(queue, onMessage, options)`). */
const JOB_PROCESSOR_POSITIONS = new Map<string, number>(jobQueues.flatMap((model) => ('processorArgument' in model ? model.processes.map((method) => [method, model.processorArgument] as const) : [])));
const MUTATORS = new Set<string>(mutatorMethods);
const KEYED_WRITES = new Set<string>(keyedWriteMethods);
const LOOKUPS = new Set<string>(lookupMethods);
const PREFIX_KINDS = new Set<TaintKind>(prefixKinds);
const PATH_FUNCTIONS = new Set<string>(pathFunctions);
const UPLOAD_MEMBERS = new Set<string>(serverChosenUploadMembers.members);

/** Members of a parsed URL that are empty or start with `?` (`search`) or `#` (`hash`), whatever text was parsed. */
const URL_SUFFIXES = new Set(['search', 'hash']);
/** Functions that undo percent-encoding: what they return has the characters an encoding removed. */
const URL_DECODERS = new Set(['decodeURIComponent', 'decodeURI', 'unescape']);
/** Schemes the URL standard calls special: their query is percent-encoded for `'` too. */
const SPECIAL_SCHEME = /^(?:https?|wss?|ftp|file):/i;

/**
 * Text after which the next character starts a URL's host: `//`, `https://`, or a scheme followed
 * by at most two slashes (`https:evil.example` names that host for a browser on another scheme).
 */
const HOST_START = /^(?:[a-z][\d+.a-z-]*:[/\\]{0,2}|[/\\]{2})$/i;

/** Array methods that neither add elements, hand them to a callback, nor hand the array on: an array of records stays one. */
const RECORD_ARRAY_READS = new Set(['sort', 'reverse', 'indexOf', 'includes']);

/**
 * Methods that cut, recase or join text without making characters of their own from it: the URL
 * as sent keeps its mark through them (see `undecodedUrl`); through any other call it may be decoded.
 */
const URL_CUTS = new Set(['split', 'slice', 'substring', 'substr', 'toLowerCase', 'toUpperCase', 'trim', 'trimEnd', 'trimStart', 'toString', 'join', 'concat', 'at', 'shift', 'pop']);

/**
 * `x.split('?')`, `parts.join('/')`, `String(x)`: a call that keeps the text's characters as they
 * are. A separator that holds `"`, `<` or `>` puts them where the text chose
 * (`url.split('%22').join('"')` decodes), so `join` only with a fixed one that holds none.
 */
function cutsText(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'String';
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return false;
  const method = propertyName(callee.property) ?? '';
  if (method !== 'join') return URL_CUTS.has(method);
  const separator = call.arguments[0];
  return separator === undefined || (separator.type === AST_NODE_TYPES.Literal && typeof separator.value === 'string' && !/["<>]/u.test(separator.value));
}

/** Chains of at least this many inner links are evaluated from their innermost link (see `evaluateChainFirst`). */
const CHAIN_FIRST = 16;

/**
 * The next inner link of a chain whose evaluation recurses through it: a method call's receiver, a
 * member's object, the left operand of `+` and of `||` and `??` (`&&` evaluates only its right one),
 * an awaited value. Null for any other expression.
 */
function innerLink(node: TSESTree.Node): TSESTree.Node | null {
  switch (node.type) {
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(node.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : null;
    }
    case AST_NODE_TYPES.MemberExpression:
      return unwrap(node.object);
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator === '+' ? unwrap(node.left) : null;
    case AST_NODE_TYPES.LogicalExpression:
      return node.operator === '&&' ? null : unwrap(node.left);
    case AST_NODE_TYPES.AwaitExpression:
      return unwrap(node.argument);
    default:
      return null;
  }
}

/** On-demand evaluation of the taints an expression carries. */
export abstract class TaintPropagation extends TaintSources {
  private readonly memo = new Map<TaintKind, Map<TSESTree.Node, readonly Taint[]>>();
  private evaluations = 0;
  private limit: string | null = null;

  /**
   * The limit at which an evaluation stopped and read a value as clean, if one did: findings of
   * this file may then be missing, which the rules say (see `reportAnalysisLimit`).
   */
  get limitReached(): string | null {
    return this.limit ?? this.input.project?.limitReached ?? null;
  }

  /** The taints an expression's value carries for `kind` (empty when clean). */
  evaluate(node: TSESTree.Node, kind: TaintKind, depth = 0): readonly Taint[] {
    let byNode = this.memo.get(kind);
    if (!byNode) {
      byNode = new Map();
      this.memo.set(kind, byNode);
    }
    const cached = byNode.get(node);
    if (cached) return cached;
    if (depth > MAX_DEPTH) {
      this.limit ??= `an expression nested more than ${String(MAX_DEPTH)} levels deep, at line ${String(node.loc.start.line)}`;
      return CLEAN;
    }
    if (this.evaluations++ > MAX_EVALUATIONS) {
      this.limit ??= `${MAX_EVALUATIONS.toLocaleString('en-US')} evaluations`;
      return CLEAN;
    }
    byNode.set(node, CLEAN); // cycles read as clean
    this.evaluateChainFirst(node, kind, depth, byNode);
    // No catch: reading a failed sub-expression as clean would hide findings; the rule reports
    // the error instead (see `createRule`).
    const result = this.compute(node, kind, depth + 1);
    byNode.set(node, result);
    return result;
  }

  /**
   * A long chain (`yargs.option(…).option(…)…`, `a + b + c + …`, `x || y || …`) is evaluated
   * link by link from its innermost one, each at the depth of its head: the recursion from the head
   * then finds every inner link memoised, so a chain's length costs no depth and no stack. Its links
   * are found by walking down until one is memoised, so each link is visited once. Chains shorter
   * than `CHAIN_FIRST` are left to the plain recursion.
   */
  private evaluateChainFirst(node: TSESTree.Node, kind: TaintKind, depth: number, byNode: ReadonlyMap<TSESTree.Node, readonly Taint[]>): void {
    const links: TSESTree.Node[] = [];
    for (let link = innerLink(unwrap(node)); link !== null && !byNode.has(link); link = innerLink(link)) links.push(link);
    if (links.length < CHAIN_FIRST) return;
    for (let index = links.length - 1; index >= 0; index--) this.evaluate(links[index]!, kind, depth);
  }

  private compute(node: TSESTree.Node, kind: TaintKind, depth: number): readonly Taint[] {
    const target = unwrap(node);
    if (target !== node) return this.evaluate(target, kind, depth);
    switch (target.type) {
      case AST_NODE_TYPES.Identifier:
        return this.guarded(target, kind, () => this.identifier(target, kind, depth));
      case AST_NODE_TYPES.MemberExpression:
        return this.guarded(target, kind, () => this.member(target, kind, depth));
      case AST_NODE_TYPES.CallExpression:
        // `['./', ...rest].join('?')`: a URL whose fixed first element decides where it points.
        if (PREFIX_KINDS.has(kind) && joinedArray(target)) return this.typed(target, kind, () => flat(this.urlPieces(target, kind).map((piece) => this.evaluate(piece, kind, depth))));
        if (kind === 'xss' && !cutsText(target)) return decodedUrls(this.typed(target, kind, () => this.call(target, kind, depth)));
        return this.typed(target, kind, () => this.call(target, kind, depth));
      case AST_NODE_TYPES.NewExpression:
        return kind === 'xss' ? decodedUrls(this.newExpression(target, kind, depth)) : this.newExpression(target, kind, depth);
      case AST_NODE_TYPES.AwaitExpression: {
        const source = this.requestSource(target, kind);
        if (source !== undefined) return source;
        return this.evaluate(target.argument, kind, depth);
      }
      case AST_NODE_TYPES.TemplateLiteral: {
        if (kind === 'nosql') return CLEAN;
        if (PREFIX_KINDS.has(kind)) return flat(this.urlPieces(target, kind).map((piece) => this.evaluate(piece, kind, depth)));
        const html = kind === 'xss' ? this.htmlParts(target, depth) : null;
        if (html) return flat(html.map((piece) => this.evaluate(piece, kind, depth)));
        if (kind === 'path') return this.pathTextPieces(target, depth);
        return flat(target.expressions.map((expression) => this.evaluate(expression, kind, depth)));
      }
      case AST_NODE_TYPES.TaggedTemplateExpression:
        if (kind !== 'nosql' && dottedName(target.tag) === 'String.raw') return flat(target.quasi.expressions.map((expression) => this.evaluate(expression, kind, depth)));
        return CLEAN;
      case AST_NODE_TYPES.BinaryExpression: {
        if (target.operator !== '+' || kind === 'nosql') return CLEAN;
        if (PREFIX_KINDS.has(kind)) return flat(this.urlPieces(target, kind).map((piece) => this.evaluate(piece, kind, depth)));
        const html = kind === 'xss' ? this.htmlParts(target, depth) : null;
        if (html) return flat(html.map((piece) => this.evaluate(piece, kind, depth)));
        if (kind === 'path') return this.pathTextPieces(target, depth);
        return flat([this.evaluate(target.left, kind, depth), this.evaluate(target.right, kind, depth)]);
      }
      case AST_NODE_TYPES.LogicalExpression:
        if (target.operator === '&&') return this.evaluate(target.right, kind, depth);
        return merge([this.evaluate(target.left, kind, depth), this.evaluate(target.right, kind, depth)]);
      case AST_NODE_TYPES.ConditionalExpression:
        return merge([this.evaluate(target.consequent, kind, depth), this.evaluate(target.alternate, kind, depth)]);
      case AST_NODE_TYPES.AssignmentExpression:
        return this.evaluate(target.right, kind, depth);
      case AST_NODE_TYPES.SequenceExpression:
        return target.expressions.length > 0 ? this.evaluate(target.expressions.at(-1)!, kind, depth) : CLEAN;
      case AST_NODE_TYPES.SpreadElement:
        // Spread into an array that is joined: its elements become text.
        if (isJoinedElement(target)) return flat([this.evaluate(target.argument, kind, depth)]);
        return this.evaluate(target.argument, kind, depth);
      case AST_NODE_TYPES.ObjectExpression: {
        // `{ ...filter }`: a copy of the spread values, which is what they are (keys and fields alike).
        if (target.properties.length > 0 && target.properties.every((property) => property.type === AST_NODE_TYPES.SpreadElement)) {
          return merge(target.properties.map((property) => this.evaluate((property as TSESTree.SpreadElement).argument, kind, depth)));
        }
        const parts: (readonly Taint[])[] = [];
        for (const property of target.properties) {
          if (property.type === AST_NODE_TYPES.SpreadElement) parts.push(this.evaluate(property.argument, kind, depth));
          else {
            parts.push(this.evaluate(property.value, kind, depth));
            if (property.computed) parts.push(this.evaluate(property.key, kind, depth));
          }
        }
        return contain(merge(parts));
      }
      case AST_NODE_TYPES.ArrayExpression:
        return contain(merge(target.elements.map((element) => (element ? this.evaluate(element, kind, depth) : CLEAN))));
      default:
        return CLEAN;
    }
  }

  private guarded(node: TSESTree.Identifier | TSESTree.MemberExpression, kind: TaintKind, compute: () => readonly Taint[]): readonly Taint[] {
    const result = this.typed(node, kind, compute);
    if (result.length === 0) return result;
    if (this.guards.guardedKinds(node).has(kind)) return kind === 'path' ? this.checkedForParents(node, result) : CLEAN;
    // `is_relative_url('/' + next) ? \`/${next}\` : '/'`: the string checked is the string used.
    const whole = fixedTextBefore(node);
    if (whole !== null && this.guards.guardedKinds(whole).has(kind)) return CLEAN;
    return kind === 'redirect' ? this.checkedAgainstRuntimePrefix(node, result) : result;
  }

  private prefixGuards: GuardFinder | null = null;
  private parentGuards: GuardFinder | null = null;

  /**
   * A path whose guards clear it only through a check that rejects `..`: it cannot climb, but may
   * be absolute. Request input is kept, marked (see `parentChecked`): `path.join` after a root, or
   * text before it, drops it; resolved or used alone it is reported. A parameter of a helper so
   * checked is cleared, as before: the mark is carried by the caller's input only.
   */
  private checkedForParents(node: TSESTree.Identifier | TSESTree.MemberExpression, result: readonly Taint[]): readonly Taint[] {
    this.parentGuards ??= this.guards.withoutParentChecks();
    if (this.parentGuards.guardedKinds(node).has('path')) return CLEAN;
    const marked: Taint[] = [];
    for (const taint of result) {
      if (taint.origin.type === 'source') marked.push({ ...taint, origin: { type: 'source', source: { ...taint.origin.source, parentChecked: true } } });
    }
    return marked.length === 0 ? CLEAN : merge([marked]);
  }

  /**
   * For `path`: the taints of the pieces of a string built with a template or `+`, those of input
   * checked for `..` only dropped where text other than separators, or a value without input (a
   * root), comes before them: an absolute path there stays under what precedes it.
   */
  private pathTextPieces(node: TSESTree.TemplateLiteral | TSESTree.BinaryExpression, depth: number): readonly Taint[] {
    const pieces: TSESTree.Node[] = [];
    const collect = (piece: TSESTree.Node): void => {
      const target = unwrap(piece);
      if (target.type === AST_NODE_TYPES.BinaryExpression && target.operator === '+') {
        collect(target.left);
        collect(target.right);
      } else if (target.type === AST_NODE_TYPES.TemplateLiteral) {
        target.quasis.forEach((quasi, index) => {
          pieces.push(quasi);
          const expression = target.expressions[index];
          if (expression) pieces.push(expression);
        });
      } else pieces.push(target);
    };
    collect(node);
    const parts: (readonly Taint[])[] = [];
    let rooted = false;
    for (const piece of pieces) {
      const text = piece.type === AST_NODE_TYPES.TemplateElement ? piece.value.cooked : piece.type === AST_NODE_TYPES.Literal && typeof piece.value === 'string' ? piece.value : null;
      if (text !== null) {
        if (/[^/\\]/u.test(text)) rooted = true;
        continue;
      }
      const taints = this.evaluate(piece, 'path', depth);
      if (taints.length === 0) rooted = true;
      parts.push(rooted ? taints.filter((taint) => !isParentChecked(taint)) : taints);
    }
    return flat(parts);
  }

  /**
   * A redirect target checked with `startsWith` against a prefix known only at run time
   * (`if (!target.startsWith(config.siteUrl)) throw …`): its sources are marked with the prefix,
   * for the rule to report or leave by its `runtimePrefixes` option. A prefix the request chose (or
   * that a caller passes) is not one: its check proves nothing, and the taint stays as it is.
   */
  private checkedAgainstRuntimePrefix(node: TSESTree.Identifier | TSESTree.MemberExpression, result: readonly Taint[]): readonly Taint[] {
    this.prefixGuards ??= new GuardFinder(this.sourceCode, () => null, (list) => this.isHeldByServer(list), (prefix) => this.isRuntimePrefix(prefix));
    if (!this.prefixGuards.guardedKinds(node).has('redirect')) return result;
    const key = this.prefixGuards.key(node);
    const prefix = key === null ? null : this.prefixGuards.runtimePrefixOf(node, key);
    if (prefix === null) return result;
    const runtimePrefix = { text: quoteCode(this.sourceCode.getText(prefix)), line: prefix.loc.start.line };
    return result.map((taint) => (taint.origin.type === 'source' ? { ...taint, origin: { type: 'source', source: { ...taint.origin.source, runtimePrefix } } } : taint));
  }

  /** A prefix read at run time that no request input (or caller) decides: not text written here. */
  private isRuntimePrefix(prefix: TSESTree.Node): boolean {
    const target = unwrap(prefix);
    if (target.type === AST_NODE_TYPES.Literal || target.type === AST_NODE_TYPES.TemplateLiteral || target.type === AST_NODE_TYPES.SpreadElement) return false;
    return this.stringValue(target) === null && this.evaluate(target, 'redirect').length === 0;
  }

  private typed(node: TSESTree.Node, kind: TaintKind, compute: () => readonly Taint[]): readonly Taint[] {
    const result = compute();
    // A number or a UUID the client chose is still a record id of its choosing.
    if (result.length === 0 || !this.input.types || kind === 'id') return result;
    return this.input.types.isSafe(node) ? CLEAN : result;
  }

  /**
   * What a lookup on a collection (`cache.get(key)`, `store.getValue(key)`: a `lookupMethods` call
   * given arguments; other methods, `buf.toString('utf8')`, `errors.full('li')`, may answer the keys
   * or the data a `set(data, offset)` copied in) can return: the values stored in it, without the
   * keys of its keyed writes (`keyedWriteMethods`). Null when the receiver is not a variable (read
   * it whole then). A collection the request fills (`new URLSearchParams(req.url)`) stays tainted
   * through its other writes.
   */
  private lookupReceiver(call: TSESTree.CallExpression, method: string, kind: TaintKind, depth: number): readonly Taint[] | null {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments.length === 0 || !LOOKUPS.has(method)) return null;
    const receiver = unwrap(callee.object);
    if (receiver.type !== AST_NODE_TYPES.Identifier) return null;
    // What was stored comes back as itself, not held in the collection.
    return this.guarded(receiver, kind, () => this.identifier(receiver, kind, depth, true)).map((taint) => (taint.container ? { ...taint, container: false } : taint));
  }

  /**
   * `record.name = req.body.name; … record._id`: a read of one field of a variable does not get
   * what was assigned to another field named in the code (a `[key]` write may be any field). Null
   * when no such write comes before the read (read the whole variable then).
   */
  private otherFieldsSkipped(node: TSESTree.MemberExpression, name: string, kind: TaintKind, depth: number): readonly Taint[] | null {
    const object = unwrap(node.object);
    if (object.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = findVariable(scopeOf(this.sourceCode, object), object.name);
    if (!variable) return null;
    const mutations = this.usesOf(variable).mutations;
    const before = mutations.slice(Math.max(0, countBefore(mutations, object) - MAX_WRITES_BACK), countBefore(mutations, object));
    if (!before.some((reference) => otherFieldWrite(reference, name))) return null;
    return this.memberStep(this.guarded(object, kind, () => this.identifier(object, kind, depth, false, name)), name, kind);
  }

  private identifier(node: TSESTree.Identifier, kind: TaintKind, depth: number, valuesOnly = false, field: string | null = null): readonly Taint[] {
    if (node.name === 'undefined') return CLEAN;
    const variable = findVariable(scopeOf(this.sourceCode, node), node.name);
    if (kind === 'nosql' && variable && this.provenString(variable, node)) return CLEAN;
    const source = this.requestSource(node, kind);
    if (source !== undefined) return source;
    if (!variable) return CLEAN;
    const definition = variable.defs[0];
    if (!definition || definition.type === 'ImportBinding' || definition.type === 'FunctionName' || definition.type === 'ClassName') return CLEAN;
    const parts: (readonly Taint[])[] = [];
    let dominated = false;
    const uses = this.usesOf(variable);
    const before = countBefore(uses.writes, node);
    for (let index = before - 1; index >= Math.max(0, before - MAX_WRITES_BACK); index--) {
      const write = uses.writes[index]!;
      const assignment = write.identifier.parent;
      // `x = x + y` reading x on the right: the write has not happened yet.
      const container = assignment.type === AST_NODE_TYPES.AssignmentExpression || assignment.type === AST_NODE_TYPES.VariableDeclarator ? assignment : null;
      if (container && container.range[0] <= node.range[0] && node.range[1] <= container.range[1] && write.writeExpr && within(node, write.writeExpr)) continue;
      parts.push(this.write(write, kind, depth));
      if (assignment.type === AST_NODE_TYPES.AssignmentExpression && assignment.operator !== '=' && assignment.left === write.identifier) {
        continue; // `+=` keeps the earlier value
      }
      if (this.dominates(write.identifier, node)) {
        dominated = true;
        break;
      }
    }
    if (!dominated && definition.type === 'Parameter') parts.push(this.parameter(definition.name, definition.node, kind, depth));
    // Mutations before the read: `parts.push(x)`, `filter.email = x`.
    const mutated = countBefore(uses.mutations, node);
    for (const reference of uses.mutations.slice(Math.max(0, mutated - MAX_WRITES_BACK), mutated)) {
      const member = reference.identifier.parent as TSESTree.MemberExpression;
      const user = member.parent;
      if (user.type === AST_NODE_TYPES.CallExpression) {
        // For a lookup, the key of a keyed write (`cache.set(req.originalUrl, body)`) is not stored as a value.
        const skipped = valuesOnly && user.arguments.length >= 2 && KEYED_WRITES.has(propertyName(member.property) ?? '') ? 1 : 0;
        parts.push(contain(merge(user.arguments.slice(skipped).map((argument) => this.evaluate(argument, kind, depth)))));
      } else if (user.type === AST_NODE_TYPES.AssignmentExpression) {
        if (field !== null && otherFieldWrite(reference, field)) continue;
        parts.push(contain(this.evaluate(user.right, kind, depth)));
      }
    }
    return merge(parts);
  }

  /**
   * A variable never reassigned on which a method only strings have (`id.substring(0, 8)`) ran
   * before `read` on every path that reaches it, or under a test of its truthiness: an operator
   * object would have thrown there, so at `read` the value is a string (or falsy). Not an optional
   * call (`id.trim?.()`), and not in a `try` whose `catch` carries on.
   */
  private provenString(variable: TSESLint.Scope.Variable, read: TSESTree.Identifier): boolean {
    let uses = this.stringMethodUses.get(variable);
    if (!uses) {
      uses = variable.references.some((reference) => reference.isWrite() && !reference.init)
        ? []
        : variable.references
            .map((reference) => reference.identifier)
            .filter((identifier): identifier is TSESTree.Identifier => {
              const member = identifier.parent;
              if (identifier.type !== AST_NODE_TYPES.Identifier || member.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier || member.computed) return false;
              const call = member.parent;
              return call.type === AST_NODE_TYPES.CallExpression && call.callee === member && !call.optional && STRING_ONLY_METHODS.has(propertyName(member.property) ?? '');
            })
            .sort((a, b) => a.range[0] - b.range[0]);
      this.stringMethodUses.set(variable, uses);
    }
    // The nearest few calls before the read: a bounded look keeps a long function linear.
    let checked = 0;
    for (let index = uses.length - 1; index >= 0 && checked < MAX_STRING_PROOFS; index--) {
      const use = uses[index]!;
      if (use.range[0] >= read.range[0]) continue;
      checked++;
      if (this.runsBefore(use, read)) return true;
    }
    return false;
  }

  private readonly stringMethodUses = new WeakMap<TSESLint.Scope.Variable, TSESTree.Identifier[]>();

  /**
   * The values the function that binds `this` at `read` (arrow functions pass it through) assigned
   * to `this.<name>` before the read, nearest `MAX_WRITES_BACK` of them: a method that keeps request
   * input on the instance and reads it back (`this.term = req.query.q; res.send(this.term)`).
   * Writes in other methods are not followed.
   */
  private thisFieldWrites(read: TSESTree.MemberExpression, name: string, kind: TaintKind, depth: number): readonly Taint[] {
    let fn: TSESTree.Node | undefined = read.parent;
    while (fn && (!isFunction(fn) || fn.type === AST_NODE_TYPES.ArrowFunctionExpression)) fn = fn.parent;
    if (!fn || !isFunction(fn)) return CLEAN;
    let fields = this.thisFields.get(fn);
    if (!fields) {
      const found = new Map<string, TSESTree.AssignmentExpression[]>();
      const visit = (node: TSESTree.Node): unknown => {
        if (node !== fn && isFunction(node) && node.type !== AST_NODE_TYPES.ArrowFunctionExpression) return 'skip';
        if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.MemberExpression) return undefined;
        const target = node.left;
        if (unwrap(target.object).type !== AST_NODE_TYPES.ThisExpression || target.computed) return undefined;
        const field = propertyName(target.property);
        if (field === null) return undefined;
        const list = found.get(field) ?? [];
        list.push(node);
        found.set(field, list);
        return undefined;
      };
      walk(fn.body, visit);
      fields = found;
      this.thisFields.set(fn, fields);
    }
    const writes = (fields.get(name) ?? []).filter((write) => write.range[1] <= read.range[0]);
    // Nearest first, up to one that always runs before the read (`this.target = '/orders'` replaces
    // what an earlier write put there).
    const reaching: TSESTree.AssignmentExpression[] = [];
    for (const write of writes.slice(-MAX_WRITES_BACK).reverse()) {
      reaching.push(write);
      if (alwaysRunsIn(write, fn)) break;
    }
    return merge(reaching.map((write) => this.evaluate(write.right, kind, depth)));
  }

  private readonly thisFields = new WeakMap<TSESTree.Node, Map<string, TSESTree.AssignmentExpression[]>>();

  /**
   * Whether `use` runs on every path that reaches `read` on which the variable it names is truthy:
   * like `dominates`, also through the consequent of `if (x)`, `x ? use : …` and `x && use`.
   */
  private runsBefore(use: TSESTree.Identifier, read: TSESTree.Node): boolean {
    return this.onEveryPathTo(use, read, true);
  }

  private readonly variableUses = new WeakMap<TSESLint.Scope.Variable, VariableUses>();

  /**
   * A variable's writes and in-place mutations in source order, computed once, so that each read
   * looks only at the ones before it (a long function with many reads stays linear in practice).
   */
  private usesOf(variable: TSESLint.Scope.Variable): VariableUses {
    let uses = this.variableUses.get(variable);
    if (uses) return uses;
    const byPosition = (a: TSESLint.Scope.Reference, b: TSESLint.Scope.Reference): number => a.identifier.range[0] - b.identifier.range[0];
    const writes = variable.references.filter((reference) => reference.isWrite() && reference.writeExpr).sort(byPosition);
    const mutations = variable.references
      .filter((reference) => {
        if (reference.isWrite()) return false;
        const member = reference.identifier.parent;
        if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) return false;
        const user = member.parent;
        return (
          (user.type === AST_NODE_TYPES.CallExpression && user.callee === member && MUTATORS.has(propertyName(member.property) ?? '')) ||
          (user.type === AST_NODE_TYPES.AssignmentExpression && user.left === member)
        );
      })
      .sort(byPosition);
    uses = { writes, mutations };
    this.variableUses.set(variable, uses);
    return uses;
  }

  /**
   * Whether every path to a read that could carry an earlier value passes the write: the write sits
   * in a block enclosing the read (same function), or it is skipped only where the earlier value
   * carries nothing. `if (x) x = check(x)` skips the write only when `x` is falsy (an empty string,
   * `null`, `0`: no input in it); a `try { x = check(x) } catch { throw … }` before the read reaches
   * it only when the write ran.
   */
  private dominates(write: TSESTree.Identifier | TSESTree.JSXIdentifier, read: TSESTree.Node): boolean {
    return this.onEveryPathTo(write, read, false);
  }

  /**
   * The walk of `dominates` and `runsBefore`: from `node` up to the statement list that holds
   * `read`, every enclosing construct must run `node` whenever the read can see the variable's
   * value. With `truthyBranches`, also the consequent of `if (x)` with an `else`, `x ? node : …`
   * and `x && node`, which skip `node` only when `x` is falsy.
   */
  private onEveryPathTo(node: TSESTree.Identifier | TSESTree.JSXIdentifier, read: TSESTree.Node, truthyBranches: boolean): boolean {
    let statement: TSESTree.Node = node;
    for (let steps = 0; steps < 64; steps++) {
      const parent: TSESTree.Node | undefined = statement.parent;
      if (!parent || isFunction(parent)) return false;
      if (isStatementList(parent)) {
        if (parent.type === AST_NODE_TYPES.SwitchCase) return false;
        if (within(read, parent)) return true;
        statement = parent;
        continue;
      }
      if (parent.type === AST_NODE_TYPES.TryStatement && parent.block === statement) {
        // Past the `try` only when the block completed; the `catch` and `finally` may run before it.
        if (!parent.handler || !alwaysExits(parent.handler.body) || within(read, parent)) return false;
      } else if (parent.type === AST_NODE_TYPES.IfStatement && parent.consequent === statement && (truthyBranches || !parent.alternate)) {
        if (within(read, parent) || (!this.testsTruthiness(parent.test, node) && !this.sameBranchTaken(parent, true, read))) return false;
      } else if (parent.type === AST_NODE_TYPES.IfStatement && parent.test !== statement && !within(read, parent) && this.sameBranchTaken(parent, parent.consequent === statement, read)) {
        // `if (!isRemote) { src = clean(src) } … if (isRemote) {…} else { use(src) }`: see `sameBranchTaken`.
      } else if (truthyBranches && parent.type === AST_NODE_TYPES.ConditionalExpression && parent.consequent === statement) {
        if (!this.testsTruthiness(parent.test, node)) return false;
      } else if (truthyBranches && parent.type === AST_NODE_TYPES.LogicalExpression && parent.operator === '&&' && parent.right === statement) {
        if (!this.testsTruthiness(parent.left, node)) return false;
      } else if (isConditional(parent, statement)) {
        return false;
      }
      statement = parent;
    }
    return false;
  }

  /**
   * Whether `read` runs only where the test of `branch` took the same branch as the one that holds
   * the write (`consequent`): the read sits in a branch of a later `if`, `?:` or `&&` of the same
   * function whose test is the same constant flag, or its negation, with the same truth
   * (`const isRemote = …; if (!isRemote) { src = clean(src) } … if (isRemote) {…} else { use(src) }`).
   * The flag is a variable written once (a `const`, or a `let` only initialised): it holds the same
   * truth at both tests. Any other test, or a flag written again, proves nothing.
   */
  private sameBranchTaken(branch: TSESTree.IfStatement, consequent: boolean, read: TSESTree.Node): boolean {
    const flag = this.constantFlag(branch.test);
    if (!flag) return false;
    const wanted = flag.truth === consequent;
    const fn = enclosingFunction(branch);
    let child: TSESTree.Node = read;
    for (let steps = 0; steps < 64; steps++) {
      const parent: TSESTree.Node | undefined = child.parent;
      if (!parent || isFunction(parent)) return false;
      let taken: boolean | null = null;
      let test: TSESTree.Node | null = null;
      if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.test !== child) {
        test = parent.test;
        taken = parent.consequent === child;
      } else if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === child && (parent.operator === '&&' || parent.operator === '||')) {
        test = parent.left;
        taken = parent.operator === '&&';
      }
      if (test !== null && taken !== null && parent !== branch) {
        const other = this.constantFlag(test);
        if (other && other.variable === flag.variable && (other.truth === taken) === wanted && enclosingFunction(parent) === fn) return true;
      }
      child = parent;
    }
    return false;
  }

  /** `flag` or `!flag` (any number of `!`) of a variable written once: the variable, and whether the test is true when it is truthy. */
  private constantFlag(test: TSESTree.Node): { variable: TSESLint.Scope.Variable; truth: boolean } | null {
    let target = unwrap(test);
    let truth = true;
    while (target.type === AST_NODE_TYPES.UnaryExpression && target.operator === '!') {
      truth = !truth;
      target = unwrap(target.argument);
    }
    if (target.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || definition?.type !== 'Variable') return null;
    // Once per variable: a flag tested before many reads must not scan its references for each.
    let once = this.writtenOnce.get(variable);
    if (once === undefined) {
      once = variable.references.every((reference) => !reference.isWrite() || reference.init === true);
      this.writtenOnce.set(variable, once);
    }
    return once ? { variable, truth } : null;
  }

  private readonly writtenOnce = new WeakMap<TSESLint.Scope.Variable, boolean>();

  /** `x`, `x != null` or `x !== undefined` of the variable `write` writes: false only for a value without input. */
  private testsTruthiness(test: TSESTree.Node, write: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
    let target = unwrap(test);
    if (target.type === AST_NODE_TYPES.BinaryExpression && (target.operator === '!=' || target.operator === '!==')) {
      const right = unwrap(target.right);
      const nullish = (right.type === AST_NODE_TYPES.Literal && right.value === null) || (right.type === AST_NODE_TYPES.Identifier && right.name === 'undefined');
      if (!nullish) return false;
      target = unwrap(target.left);
    }
    if (target.type !== AST_NODE_TYPES.Identifier || target.name !== write.name) return false;
    const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
    return variable !== null && variable === findVariable(scopeOf(this.sourceCode, write), write.name);
  }

  private write(write: { identifier: TSESTree.Identifier | TSESTree.JSXIdentifier; writeExpr?: TSESTree.Node | null }, kind: TaintKind, depth: number): readonly Taint[] {
    const expression = write.writeExpr;
    if (!expression) return CLEAN;
    let root: TSESTree.Node = write.identifier;
    const defaults: TSESTree.Node[] = [];
    while (root.parent && isPatternPart(root.parent, root)) {
      if (root.parent.type === AST_NODE_TYPES.AssignmentPattern && root.parent.left === root) defaults.push(root.parent.right);
      root = root.parent;
    }
    const path = patternPath(write.identifier, root) ?? [];
    let taints = this.evaluate(expression, kind, depth);
    let loop: TSESTree.Node | undefined = root.parent;
    // `for (const chunk of req)`: the declarator sits in a declaration that is the loop's left side.
    if (loop?.type === AST_NODE_TYPES.VariableDeclarator && loop.id === root && !loop.init && loop.parent.type === AST_NODE_TYPES.VariableDeclaration) {
      root = loop.parent;
      loop = root.parent;
    }
    if (loop && (loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) && loop.left === root) {
      // `for (i in rows)` over an array of records (see `arrayRecords`): its keys are indices.
      if (loop.type === AST_NODE_TYPES.ForInStatement && this.isRecordArray(loop.right)) return CLEAN;
      taints = taints.map((taint) => ({ ...taint, container: false }));
      // `for await (const chunk of req)`: the chunks of the request stream are the raw body.
      if (loop.type === AST_NODE_TYPES.ForOfStatement && kind !== 'nosql') taints = merge([taints, this.bodyStream(loop.right)]);
    }
    for (const name of path) taints = this.memberStep(taints, name, kind);
    return merge([taints, ...defaults.map((value) => this.evaluate(value, kind, depth))]);
  }

  private parameter(name: TSESTree.Node, fn: TSESTree.Node, kind: TaintKind, depth: number): readonly Taint[] {
    if (!isFunction(fn) || this.handlers.has(fn)) return CLEAN;
    const index = fn.params.findIndex((param) => within(name, param));
    if (index < 0) return CLEAN;
    const param = fn.params[index]!;
    const path = patternPath(name, param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param) ?? [];
    // Callbacks of array methods receive the elements: `ids.map((id) => ...)`.
    const call = fn.parent;
    if (call.type === AST_NODE_TYPES.CallExpression && call.arguments.includes(fn as TSESTree.CallExpressionArgument)) {
      const callee = unwrap(call.callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
      // `req.on('data', (chunk) => …)`: the listener receives the raw body.
      if (callee.type === AST_NODE_TYPES.MemberExpression && (method === 'on' || method === 'once' || method === 'addListener') && call.arguments[1] === fn && index === 0) {
        const event = call.arguments[0] ? this.stringValue(call.arguments[0]) : null;
        return event !== null && isBodyStreamEvent(event) && kind !== 'nosql' ? this.bodyStream(callee.object) : CLEAN;
      }
      // `form.parse(req, (err, fields, files) => …)` of formidable: the request's fields and files.
      if (call.arguments[1] === fn && (index === 1 || index === 2)) {
        const parsed = parsedRequestBody(call, this.sourceCode);
        if (parsed) {
          let taints: readonly Taint[] = this.parsedBodySource(call, parsed);
          for (const step of path) taints = this.memberStep(taints, step, kind);
          return taints;
        }
      }
      if (callee.type === AST_NODE_TYPES.MemberExpression && method !== null && ELEMENT_CALLBACKS.has(method)) {
        const elementIndex = method === 'reduce' || method === 'reduceRight' ? 1 : 0;
        if (index !== elementIndex) return CLEAN;
        let taints: readonly Taint[] = this.evaluate(callee.object, kind, depth).map((taint) => ({ ...taint, container: false }));
        for (const step of path) taints = this.memberStep(taints, step, kind);
        return taints;
      }
      // `queue.process(async (job) => …)`, `agenda.define('export', (job) => …)`: a job queue's
      // processor, whose job is what the project's producers enqueue (decided across files, see
      // `job-queues.ts`); any other callback's parameters are what its caller passes, unknown here.
      const processor = method !== null && JOB_PROCESSOR_METHODS.has(method) && (call.arguments.at(-1) === fn || call.arguments[JOB_PROCESSOR_POSITIONS.get(method) ?? -1] === fn);
      if (!(processor && index === 0)) return CLEAN;
    }
    const defaults: TSESTree.Node[] = [];
    for (let current: TSESTree.Node = name; current !== param && current.parent; current = current.parent) {
      if (current.parent.type === AST_NODE_TYPES.AssignmentPattern && current.parent.left === current) defaults.push(current.parent.right);
    }
    const placeholder: Taint = { origin: { type: 'param', fn, index, path, direct: true }, container: false, schema: null };
    return merge([[placeholder], ...defaults.map((value) => this.evaluate(value, kind, depth))]);
  }

  private member(node: TSESTree.MemberExpression, kind: TaintKind, depth: number): readonly Taint[] {
    // `const m = name.match(/^[\w-]+$/); … m[0]`: the whole match of a pattern is the input after a
    // passing `.test()` of it (as `regexKinds` reads one), or there is no match to read.
    const pattern = fullMatchPattern(node, this.sourceCode);
    if (pattern !== null && regexKinds(pattern, this.sourceCode).has(kind)) return CLEAN;
    // `req.originalUrl = '/home'` earlier on every path: the read gets what was written.
    const overwritten = this.overwrittenMember(node);
    if (overwritten) {
      let taints = this.evaluate(overwritten.value, kind, depth);
      for (const name of overwritten.rest) taints = this.memberStep(taints, name, kind);
      return taints;
    }
    const source = this.requestSource(node, kind);
    if (source !== undefined) return source;
    // A query whose quotes and angle brackets are encoded (see `encodedUrlQuery`; decoders undo it).
    if (kind === 'xss' && this.encodedUrlQuery(node, 0) !== null) return CLEAN;
    const staticKey = !node.computed || node.property.type === AST_NODE_TYPES.Literal || node.property.type === AST_NODE_TYPES.TemplateLiteral;
    // `obj[key]` reads the field `key` holds, not one named `key`.
    const name = staticKey ? (propertyName(node.property) ?? '*') : '*';
    if (name === 'length') return CLEAN;
    // `SORT[req.query.sort]`: whatever the key, a constant table of literals yields one of them.
    if (!staticKey && this.isLiteralTable(node.object)) return CLEAN;
    if (name !== '*' && staticKey) {
      // A field of a constant object literal, or of the object a helper of this file returns: only
      // what that field holds.
      const field = this.fieldOf(node.object, name, kind, depth);
      if (field) return field;
      // `this.term = req.query.q; … this.term`: what the same method wrote to the field before.
      if (unwrap(node.object).type === AST_NODE_TYPES.ThisExpression) {
        const written = this.thisFieldWrites(node, name, kind, depth);
        if (written.length > 0) return merge([written, this.memberStep(this.evaluate(node.object, kind, depth), name, kind)]);
        // `constructor(req) { this.period = req.query.period }`, read in another method.
        const stored = this.constructorStoredField(node, name, kind, depth);
        if (stored && stored.length > 0) return stored;
      }
    }
    if (name !== '*') {
      const skipped = this.otherFieldsSkipped(node, name, kind, depth);
      if (skipped) return skipped;
    }
    // `table[req.params.name]`: a client-chosen key reads any field, but the value read is one the
    // table holds. It carries the table's taint (request text when the request filled the table,
    // as in `req.query[name]`), never the key's.
    return this.memberStep(this.evaluate(node.object, kind, depth), name, kind);
  }

  private readonly memberWrites = new WeakMap<TSESLint.Scope.Variable, MemberWrite[]>();
  private readonly assignedObjectsCache = new WeakMap<TSESLint.Scope.Variable, TSESTree.ObjectExpression[] | null>();

  /** `assignedObjects`, once per variable: every member read of it asks (linear in its references). */
  private assignedObjectsOf(variable: TSESLint.Scope.Variable): TSESTree.ObjectExpression[] | null {
    if (!this.assignedObjectsCache.has(variable)) this.assignedObjectsCache.set(variable, assignedObjects(variable));
    return this.assignedObjectsCache.get(variable) ?? null;
  }

  /**
   * The value a read of a parameter's member (`req.originalUrl`, `req.query.next`) gets from a plain
   * assignment to it (or to a member on its way, `req.query = {}`) that runs on every path to the
   * read, earlier in the same function (the read may be in a callback created after it): the value
   * written replaces the request's. Null, and the read is judged as usual, when any other write to
   * that member could come between: a second assignment after it, one in another function, a
   * compound one (`+=`), or a write below the member read (`req.query.next = …` after
   * `req.query = {}`); or when the read sits in a function declaration (hoisted: it may run first).
   * A helper given the request may still change it: that is not followed.
   */
  private overwrittenMember(node: TSESTree.MemberExpression): { value: TSESTree.Node; rest: string[] } | null {
    const path: string[] = [];
    let root: TSESTree.Node = node;
    while (root.type === AST_NODE_TYPES.MemberExpression) {
      const name = root.computed && root.property.type !== AST_NODE_TYPES.Literal ? null : propertyName(root.property);
      if (name === null) return null;
      path.unshift(name);
      root = unwrap(root.object);
    }
    if (root.type !== AST_NODE_TYPES.Identifier) return null;
    return this.overwrittenPath(root, path, node);
  }

  /**
   * `overwrittenMember` for the member `path` of the variable `root` names, read at `node`: also a
   * helper's read of its parameter's member, at the call that hands it the variable
   * (`req.originalUrl = '/'; finish(req, res)` where `finish` redirects to `req.originalUrl`).
   */
  protected overwrittenPath(root: TSESTree.Identifier, path: readonly string[], node: TSESTree.Node): { value: TSESTree.Node; rest: string[] } | null {
    if (path.length === 0 || path.includes('*')) return null;
    const variable = findVariable(scopeOf(this.sourceCode, root), root.name);
    if (!variable || variable.defs[0]?.type !== 'Parameter') return null;
    const writes = this.memberWritesOf(variable);
    if (writes.length === 0) return null;
    const related = writes.filter((write) => sharesPrefix(write.path, path));
    let candidate: MemberWrite | null = null;
    for (const write of related) {
      if (write.assignment.range[1] > node.range[0] || write.value === null || write.path.length > path.length) continue;
      if (!candidate || write.assignment.range[0] > candidate.assignment.range[0]) candidate = write;
    }
    if (!candidate?.value) return null;
    const owner = enclosingFunctionOf(candidate.assignment);
    for (const write of related) {
      if (write === candidate) continue;
      if (write.assignment.range[0] > candidate.assignment.range[0] || enclosingFunctionOf(write.assignment) !== owner) return null;
    }
    for (let current: TSESTree.Node | undefined = node.parent; current && current !== owner; current = current.parent) {
      if (current.type === AST_NODE_TYPES.FunctionDeclaration) return null;
    }
    if (!this.dominates(candidate.root, node)) return null;
    return { value: candidate.value, rest: path.slice(candidate.path.length) };
  }

  /** The assignments to members of a variable (`v.a = …`, `v.a.b += …`), computed once. */
  private memberWritesOf(variable: TSESLint.Scope.Variable): MemberWrite[] {
    let writes = this.memberWrites.get(variable);
    if (writes) return writes;
    writes = [];
    for (const reference of variable.references) {
      if (reference.isWrite()) continue;
      const path: string[] = [];
      let top: TSESTree.Node = reference.identifier;
      while (top.parent?.type === AST_NODE_TYPES.MemberExpression && top.parent.object === top) {
        const member: TSESTree.MemberExpression = top.parent;
        const name = member.computed && member.property.type !== AST_NODE_TYPES.Literal ? '*' : (propertyName(member.property) ?? '*');
        path.push(name);
        top = member;
        const parent = member.parent;
        if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) {
          writes.push({ root: reference.identifier as TSESTree.Identifier, path: [...path], assignment: parent, value: parent.operator === '=' ? parent.right : null });
          break;
        }
        if ((parent?.type === AST_NODE_TYPES.UpdateExpression && parent.argument === member) || (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete')) {
          writes.push({ root: reference.identifier as TSESTree.Identifier, path: [...path], assignment: parent, value: null });
          break;
        }
      }
    }
    this.memberWrites.set(variable, writes);
    return writes;
  }

  /**
   * The taints of the field `name` of `node`'s value when the code says what that field holds: an
   * object literal bound to a `const`, or a call of a function of this file whose returns are
   * object literals (`build(name).url` where `build` returns `{ name, url: FIXED }`), maybe
   * through a `const` holding the call. Null when it does not (read the whole value then).
   */
  protected fieldOf(node: TSESTree.Node, name: string, kind: TaintKind, depth: number, hops = 0): readonly Taint[] | null {
    const object = this.constObject(node);
    if (object) return this.objectField(object, name, kind, depth);
    let target = unwrap(node);
    if (target.type === AST_NODE_TYPES.AwaitExpression) target = unwrap(target.argument);
    if (target.type === AST_NODE_TYPES.CallExpression) {
      const fn = this.calledFunction(target);
      if (!fn) {
        // `new Uploader(Uploader.reqToOptions(req))` read as `.pathPrefix`: the field a function of
        // another file returns, when all its returns are object literals.
        const remote = this.input.project?.returnedField(target, name, kind);
        if (remote) return this.returnedTaints(remote.fn, target, kind, depth, remote.summary);
        const whole = this.input.project?.returned(target, kind);
        return whole ? this.returnedMember(whole.fn, target, name, kind, depth, whole.summary) : null;
      }
      if (fn.generator) return null;
      const summary = this.returnedFieldSummary(fn, name, kind, depth);
      return summary === null ? this.returnedMember(fn, target, name, kind, depth) : this.returnedTaints(fn, target, kind, depth, summary);
    }
    // `new RequestContext(req).period`: what the constructor stores in the field.
    if (target.type === AST_NODE_TYPES.NewExpression) return this.constructedField(target, name, kind, depth);
    // `this.options.pathPrefix` where the constructor stored `this.options = { ...input, headers }`:
    // that member of what it stored, not every member of the object.
    if (target.type === AST_NODE_TYPES.MemberExpression && !target.computed && unwrap(target.object).type === AST_NODE_TYPES.ThisExpression) {
      const field = propertyName(target.property);
      if (field !== null && this.thisFieldWrites(target, field, kind, depth).length === 0) {
        const stored = this.constructorStoredField(target, field, kind, depth, name);
        if (stored !== null) return stored;
      }
    }
    // `rows[i].name`: an element of an array of object literals (see `arrayRecords`).
    if (target.type === AST_NODE_TYPES.MemberExpression && target.computed && unwrap(target.object).type === AST_NODE_TYPES.Identifier) {
      const array = unwrap(target.object) as TSESTree.Identifier;
      const arrayVariable = findVariable(scopeOf(this.sourceCode, array), array.name);
      const elements = arrayVariable ? this.arrayRecords(arrayVariable) : null;
      if (elements) return this.recordsField(elements, name, kind, depth);
    }
    if (target.type !== AST_NODE_TYPES.Identifier || hops >= 3) return null;
    const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
    // `const row = rows[i]`, `for (const row of rows)`: an element of an array of object literals.
    const records = variable ? this.elementRecords(variable) : null;
    if (records) return this.recordsField(records, name, kind, depth);
    // `let options; … options = { url, headers }`: a variable only ever given object literals.
    const literals = variable ? this.assignedObjectsOf(variable) : null;
    if (literals) {
      const fields: (readonly Taint[])[] = [];
      for (const literal of literals) {
        const field = this.objectField(literal, name, kind, depth);
        if (field === null) return null;
        fields.push(field);
      }
      return merge(fields);
    }
    const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    const declarator = definition?.node;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return null;
    if (declarator.parent.type !== AST_NODE_TYPES.VariableDeclaration || declarator.parent.kind !== 'const') return null;
    const init = unwrap(declarator.init);
    const call = init.type === AST_NODE_TYPES.AwaitExpression ? unwrap(init.argument) : init;
    if ((call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression) || variable!.references.some((reference) => writesThrough(reference.identifier))) return null;
    return this.fieldOf(init, name, kind, depth, hops + 1);
  }

  /**
   * The object literals a variable may hold as an element of an array of records (see
   * `arrayRecords`): `const row = rows[i]` or `for (const row of rows)`, the variable never written
   * otherwise. Null for any other variable.
   */
  private elementRecords(variable: TSESLint.Scope.Variable): TSESTree.ObjectExpression[] | null {
    if (variable.defs.length !== 1 || !isConstantBinding(variable)) return null;
    // `row.href = req.url` changes the record read.
    if (variable.references.some((reference) => writesThrough(reference.identifier))) return null;
    const declarator = variable.defs[0]!.node;
    if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
    let array: TSESTree.Node | null = null;
    const init = declarator.init ? unwrap(declarator.init) : null;
    if (init?.type === AST_NODE_TYPES.MemberExpression && init.computed) array = unwrap(init.object);
    const loop = declarator.parent.parent;
    if (!init && loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declarator.parent) array = unwrap(loop.right);
    if (array?.type !== AST_NODE_TYPES.Identifier) return null;
    const arrayVariable = findVariable(scopeOf(this.sourceCode, array), array.name);
    return arrayVariable ? this.arrayRecords(arrayVariable) : null;
  }

  /** Whether the variables a declaration (or a loop's left side) declares are never written through. */
  private readsOnly(declaration: TSESTree.Node): boolean {
    if (declaration.type !== AST_NODE_TYPES.VariableDeclaration) return false;
    return this.sourceCode.scopeManager?.getDeclaredVariables(declaration).every((declared) => declared.references.every((reference) => !writesThrough(reference.identifier))) ?? false;
  }

  /** The field `name` of any of the object literals, or null when one of them may hide it (a computed key). */
  private recordsField(records: readonly TSESTree.ObjectExpression[], name: string, kind: TaintKind, depth: number): readonly Taint[] | null {
    const fields = records.map((record) => this.objectField(record, name, kind, depth));
    return fields.includes(null) ? null : merge(fields as (readonly Taint[])[]);
  }

  private isRecordArray(node: TSESTree.Node): boolean {
    const target = unwrap(node);
    if (target.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
    return variable !== undefined && variable !== null && this.arrayRecords(variable) !== null;
  }

  private readonly recordArrays = new WeakMap<TSESLint.Scope.Variable, TSESTree.ObjectExpression[] | null>();

  /**
   * The elements of an array that only ever holds object literals: declared once with an array of
   * them (or none), then only given more with `push`/`unshift`, reordered (`sort`, `reverse`), read
   * by index, `length`, a read-only method or a `for … of`/`for … in` loop. Any other use (passed to
   * a function, returned, assigned, an element written) may put anything in it: null.
   */
  private arrayRecords(variable: TSESLint.Scope.Variable): TSESTree.ObjectExpression[] | null {
    if (this.recordArrays.has(variable)) return this.recordArrays.get(variable)!;
    this.recordArrays.set(variable, null);
    const declarator = variable.defs.length === 1 ? variable.defs[0]!.node : null;
    const init = declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init ? unwrap(declarator.init) : null;
    if (init?.type !== AST_NODE_TYPES.ArrayExpression || !isConstantBinding(variable)) return null;
    const records: TSESTree.ObjectExpression[] = [];
    const add = (elements: readonly (TSESTree.Node | null)[]): boolean => elements.every((element) => element?.type === AST_NODE_TYPES.ObjectExpression && records.push(element) > 0);
    if (!add(init.elements)) return null;
    for (const reference of variable.references) {
      if (reference.init === true) continue;
      const identifier = reference.identifier as TSESTree.Node;
      const parent = identifier.parent;
      if (parent?.type === AST_NODE_TYPES.ForInStatement && parent.right === identifier) continue;
      // `for (const row of rows)`: the loop's variable must not change the records either.
      if (parent?.type === AST_NODE_TYPES.ForOfStatement && parent.right === identifier) {
        if (!this.readsOnly(parent.left)) return null;
        continue;
      }
      if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) return null;
      const use = parent.parent;
      if (use.type === AST_NODE_TYPES.CallExpression && use.callee === parent) {
        const method = parent.computed ? null : propertyName(parent.property);
        if (method === 'push' || method === 'unshift') {
          if (!add(use.arguments)) return null;
        } else if (method === null || !RECORD_ARRAY_READS.has(method)) return null;
        continue;
      }
      // `rows[i]` or `rows.length` read, not written, nor written through (`rows[i].href = …`).
      if (writesThrough(identifier as TSESTree.Identifier) || writesThrough(parent as unknown as TSESTree.Identifier) || (use.type === AST_NODE_TYPES.AssignmentExpression && use.left === parent)) return null;
      if (!parent.computed && propertyName(parent.property) !== 'length') return null;
      if (parent.computed && use.type === AST_NODE_TYPES.VariableDeclarator && use.id.type === AST_NODE_TYPES.Identifier && !this.readsOnly(use.parent)) return null;
    }
    this.recordArrays.set(variable, records);
    return records;
  }

  /**
   * The field `name` of an object literal: its last property of that name and the spreads after it
   * (read at the same field), or, without one, the spreads' fields. Null for a computed key that
   * might be the name.
   */
  protected objectField(object: TSESTree.ObjectExpression, name: string, kind: TaintKind, depth: number): readonly Taint[] | null {
    const parts: (readonly Taint[])[] = [];
    for (let index = object.properties.length - 1; index >= 0; index--) {
      const property = object.properties[index]!;
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        parts.push(this.fieldOf(property.argument, name, kind, depth) ?? this.memberStep(this.evaluate(property.argument, kind, depth), name, kind));
        continue;
      }
      const key = memberKeyName(property);
      if (key === null) return null;
      if (key === name) {
        parts.push(this.evaluate(property.value, kind, depth));
        break;
      }
    }
    return merge(parts);
  }

  protected memberStep(taints: readonly Taint[], name: string, kind: TaintKind): readonly Taint[] {
    const result: Taint[] = [];
    for (const taint of taints) {
      // Where an upload was stored, read from the upload object however it got here.
      if (taint.upload && UPLOAD_MEMBERS.has(name)) continue;
      let origin: TaintOrigin = taint.origin;
      if (origin.type === 'param' && origin.direct) origin = { ...origin, path: [...origin.path, name] };
      let schema: TSESTree.Node | null = null;
      if (taint.schema) {
        const field = this.schemas.field(taint.schema, name) ?? (name === 'data' || name === 'value' ? taint.schema : null);
        if (field) {
          if (this.schemas.clears(field).has(kind)) continue;
          schema = field;
        }
      }
      result.push(taint.upload ? { origin, container: false, schema, upload: true } : { origin, container: false, schema });
    }
    return result;
  }

  private call(node: TSESTree.CallExpression, kind: TaintKind, depth: number): readonly Taint[] {
    const callee = unwrap(node.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
    // Checked before the source: `req.body.email.toString()` is a string, `x.replace(/[^\w]/g, '')` is stripped.
    if (method !== null && kind === 'nosql' && STRING_RESULT_METHODS.has(method)) return CLEAN;
    if ((method === 'replace' || method === 'replaceAll') && strippedKinds(node)?.has(kind) === true) return CLEAN;
    if ((method === 'replace' || method === 'replaceAll') && kind === 'regex' && escapesRegex(node, this.sourceCode)) return CLEAN;
    if ((method === 'replace' || method === 'replaceAll') && kind === 'xss' && escapesHtml(node, this.sourceCode)) return CLEAN;
    const source = this.requestSource(node, kind);
    if (source !== undefined) return source;
    // `get(params, 'query.next', '/')` of lodash: what `params.query.next` holds, or the default.
    const read = pathRead(node, this.sourceCode);
    if (read) {
      let taints = this.evaluate(read.object, kind, depth);
      for (const key of read.keys) taints = this.memberStep(taints, key, kind);
      return merge([taints, read.fallback ? this.evaluate(read.fallback, kind, depth) : CLEAN]);
    }
    const name = dottedName(callee);
    const args = (): readonly Taint[] => flat(node.arguments.map((argument) => this.evaluate(argument, kind, depth)));

    const sanitizer = this.sanitizerKinds(node, name);
    if (sanitizer) return sanitizer.has(kind) ? CLEAN : args();

    const parsed = this.schemas.parsedSchema(node);
    // `const { value } = schema.validate(x)` with its error never checked: `value` is `x` as sent.
    if (parsed && this.schemas.errorIgnored(node)) return this.evaluate(parsed.input, kind, depth);
    if (parsed) {
      if (this.schemas.clears(parsed.schema).has(kind)) return CLEAN;
      return this.evaluate(parsed.input, kind, depth).map((taint) => ({ ...taint, schema: parsed.schema }));
    }

    // `const url = assertAllowedUrl(input)`: a helper that throws unless the host is allowed, and returns the URL.
    if (node.arguments.length > 0 && (kind === 'ssrf' || kind === 'url-path' || kind === 'redirect') && this.guards.assertedResult(node).has(kind)) return CLEAN;
    const local = this.calledFunction(node);
    if (local) {
      const returned = this.returnedTaints(local, node, kind, depth);
      // `store.get(key)` on an object of this file that `store.set(key, req.body)` filled: its method
      // reads a database the analysis does not follow, so the object's own taint still stands.
      const onObject = callee.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object).type === AST_NODE_TYPES.Identifier;
      if (returned.length > 0 || !onObject) return returned;
    }
    const remote = this.input.project?.returned(node, kind);
    if (remote) return this.returnedTaints(remote.fn, node, kind, depth, remote.summary);
    // `url.parse(req.url, true).query`, `querystring.parse(body)`: the parts of parsed request text.
    const parsedArgument = parsedRequestText(node, this.sourceCode);
    if (parsedArgument) return this.evaluate(parsedArgument, kind, depth).map((taint) => ({ ...taint, container: true }));
    // `await formidable(opts).parse(req)`: the fields and files of the request's body.
    const parsedBody = parsedRequestBody(node, this.sourceCode);
    if (parsedBody) return this.parsedBodySource(node, parsedBody);
    // `new AdmZip(buffer).getEntries()`: entries named by whoever built the archive it was given.
    const archive = readArchive(node, this.sourceCode);
    if (archive) return this.evaluate(archive, kind, depth).map((taint) => ({ ...taint, container: true }));
    if (kind !== 'nosql' && this.isPathFunction(node)) {
      // `path.join(root, safe)` where `safe` is a normalised path stripped of its leading `..`: it
      // has no `..` left, and `join` (unlike `resolve`) keeps even an absolute one under `root`.
      if (kind === 'path' && this.pathFunctionName(node) === 'join') {
        // So does a segment of input checked for `..` only (see `parentChecked`).
        return flat(
          node.arguments.map((argument, index) => {
            if (index === 0) return this.evaluate(argument, kind, depth);
            return this.confinedSegment(argument) ? CLEAN : this.evaluate(argument, kind, depth).filter((taint) => !isParentChecked(taint));
          }),
        );
      }
      return args();
    }

    if (name !== null && PROPAGATING.has(name)) {
      if (kind === 'nosql' && STRING_RESULT_FUNCTIONS.has(name)) return CLEAN;
      // `decodeURIComponent(name)` after a check for `..`: `%2e%2e` becomes one again.
      if (kind === 'path' && URL_DECODERS.has(name)) return uncheckedParents(args());
      // `JSON.parse(request.query.filter)`: a text that is only a string (a flat query field, a
      // value checked to be a string) parses into any object, operators included. Its text is read
      // as any other kind reads it.
      const [text] = node.arguments;
      if (kind === 'nosql' && name === 'JSON.parse' && text && text.type !== AST_NODE_TYPES.SpreadElement) return merge([args(), this.evaluate(text, 'sql', depth)]);
      // `decodeURIComponent(u.search)`: the encoded query in the clear again.
      const [encoded] = node.arguments;
      if (kind === 'xss' && URL_DECODERS.has(name) && encoded && encoded.type !== AST_NODE_TYPES.SpreadElement) {
        return merge([args(), ...this.decodedUrlQueries(encoded).map((text) => this.evaluate(text, kind, depth))]);
      }
      return name.startsWith('Object.') || name === 'Array.from' ? merge(node.arguments.map((argument) => this.evaluate(argument, kind, depth))) : args();
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return CLEAN;
    // `route.match(url.pathname)`: the matcher a dispatcher gave each entry of its route table
    // answers with the path's parameters, whatever its name (`route.test(pathname)` too).
    if (kind !== 'nosql' && callsEntryMatcher(callee, this.sourceCode)) return args();
    if (method === null || PREDICATES.has(method)) return CLEAN;
    if (encodesToWordCharacters(node, method)) return CLEAN;
    const receiver = this.lookupReceiver(node, method, kind, depth) ?? this.evaluate(callee.object, kind, depth);
    if (receiver.length > 0) {
      if ((method === 'map' || method === 'flatMap') && this.mapsToClean(node.arguments[0], kind, depth)) return CLEAN;
      // `dims.filter((d) => DIMENSIONS.has(d))`: only members of a fixed list are kept.
      if (method === 'filter' && this.keepsFixedMembers(node.arguments[0])) return CLEAN;
      // `new URL(req.url).searchParams.get('sort')`: the parameter read names the input better than the URL.
      if ((method === 'get' || method === 'getAll') && isSearchParams(callee.object)) {
        const text = quoteCode(`searchParams.${method}(${node.arguments.map((argument) => this.sourceCode.getText(argument)).join(', ')})`);
        return receiver.map((taint) => (taint.origin.type === 'source' ? { ...taint, ...sourceTaint(node, text), schema: null } : { ...taint, container: false }));
      }
      if (kind === 'nosql' && (STRING_RESULT_METHODS.has(method) || method === 'split')) return CLEAN;
      const joined = method === 'join' || method === 'concat' ? args() : CLEAN;
      return merge([receiver.map((taint) => ({ ...taint, container: taint.container && method !== 'join', schema: null })), joined]);
    }
    if (ARG_PROPAGATORS.has(method)) {
      if (kind === 'nosql' && STRING_METHODS.has(method)) return CLEAN;
      return args();
    }
    // `/^(\w+)-(.*)$/.exec(name)`: the match holds the text it was given, as `name.match(…)` does.
    if (method === 'exec' && kind !== 'nosql' && isRegexValue(callee.object, this.sourceCode)) return args();
    return CLEAN;
  }

  private newExpression(node: TSESTree.NewExpression, kind: TaintKind, depth: number): readonly Taint[] {
    const name = dottedName(node.callee);
    if (this.sanitizerKinds(node, name)?.has(kind)) return CLEAN;
    // Encoded when stringified, so the object whole is a container: what `get` reads back is decoded.
    if (name === 'URLSearchParams' && (kind === 'url-path' || kind === 'redirect' || kind === 'xss')) return contain(flat(node.arguments.map((argument) => this.evaluate(argument, kind, depth))));
    // `new Headers(req.headers).get('x-user')`: the values it was built from. Not for what a browser
    // sends: which header is read decides whether another site can set it (see the request sources).
    if (name === 'Headers' && !browserSentKinds.includes(kind)) return contain(flat(node.arguments.map((argument) => this.evaluate(argument, kind, depth))));
    if (name === 'Promise') return this.resolvedValues(node, kind, depth);
    if (name === 'URL' && node.arguments.length > 1 && kind !== 'nosql') {
      // `new URL('/login', req.url)`: the base is this server's own URL, not a client-chosen origin.
      const [input, base] = node.arguments;
      const parts = [input ? this.evaluate(input, kind, depth) : CLEAN];
      if (base && kind !== 'url-path' && !this.isOwnUrl(base)) parts.push(this.evaluate(base, kind, depth));
      return flat(parts);
    }
    if (name === 'URL' || name === 'URLSearchParams' || name === 'String' || name === 'Array' || name === 'Set' || name === 'Map') {
      if (kind === 'nosql' && name === 'String') return CLEAN;
      return flat(node.arguments.map((argument) => this.evaluate(argument, kind, depth)));
    }
    return CLEAN;
  }

  /**
   * `new Promise((resolve) => { … resolve(value) })`: what the executor gives `resolve` is what
   * awaiting the promise yields (a helper reading the body on `end` resolves with it).
   */
  private resolvedValues(node: TSESTree.NewExpression, kind: TaintKind, depth: number): readonly Taint[] {
    const executor = node.arguments[0] ? unwrap(node.arguments[0]) : null;
    if (executor?.type !== AST_NODE_TYPES.ArrowFunctionExpression && executor?.type !== AST_NODE_TYPES.FunctionExpression) return CLEAN;
    const resolve = executor.params[0];
    if (resolve?.type !== AST_NODE_TYPES.Identifier) return CLEAN;
    const variable = this.sourceCode.scopeManager?.getDeclaredVariables(executor).find((declared) => declared.name === resolve.name);
    const values: TSESTree.Node[] = [];
    for (const reference of variable?.references ?? []) {
      const call = reference.identifier.parent;
      const value = call.type === AST_NODE_TYPES.CallExpression && call.callee === reference.identifier ? call.arguments[0] : undefined;
      if (value && value.type !== AST_NODE_TYPES.SpreadElement) values.push(value);
    }
    return merge(values.map((value) => this.evaluate(value, kind, depth)));
  }

  /**
   * A `filter` callback that keeps an element only when a fixed list holds it: `(d) => ALLOWED.has(d)`,
   * `(d) => LIST.includes(d)`, as an expression body or a lone `return`. A callback that tests
   * anything else (a list filled at run time, `||` another test) keeps what it likes.
   */
  private keepsFixedMembers(callback: TSESTree.CallExpressionArgument | undefined): boolean {
    if (!callback || callback.type === AST_NODE_TYPES.SpreadElement) return false;
    const target = unwrap(callback);
    if (target.type !== AST_NODE_TYPES.ArrowFunctionExpression && target.type !== AST_NODE_TYPES.FunctionExpression) return false;
    const element = target.params[0];
    if (element?.type !== AST_NODE_TYPES.Identifier) return false;
    let body: TSESTree.Node = target.body;
    if (body.type === AST_NODE_TYPES.BlockStatement) {
      const [only] = body.body;
      if (body.body.length !== 1 || only?.type !== AST_NODE_TYPES.ReturnStatement || !only.argument) return false;
      body = only.argument;
    }
    const test = unwrap(body);
    if (test.type !== AST_NODE_TYPES.CallExpression || test.callee.type !== AST_NODE_TYPES.MemberExpression || test.callee.computed) return false;
    const name = propertyName(test.callee.property);
    const [argument] = test.arguments;
    const tested = argument ? unwrap(argument) : null;
    return (name === 'has' || name === 'includes') && test.arguments.length === 1 && tested?.type === AST_NODE_TYPES.Identifier && tested.name === element.name && isFixedList(test.callee.object, this.sourceCode);
  }

  /**
   * `.map(Number)`, `.map((x) => parseInt(x, 10))`: the callback of a `map` is a sanitizer for
   * `kind`, or returns only values that are clean for it.
   */
  private mapsToClean(callback: TSESTree.CallExpressionArgument | undefined, kind: TaintKind, depth: number): boolean {
    if (!callback || callback.type === AST_NODE_TYPES.SpreadElement) return false;
    const target = unwrap(callback);
    if (target.type === AST_NODE_TYPES.ArrowFunctionExpression || target.type === AST_NODE_TYPES.FunctionExpression) {
      if (target.async || target.generator) return false;
      const values: TSESTree.Node[] = [];
      if (target.body.type !== AST_NODE_TYPES.BlockStatement) values.push(target.body);
      else {
        walkOwn(target.body, (inner) => {
          if (inner.type === AST_NODE_TYPES.ReturnStatement && inner.argument) values.push(inner.argument);
        });
      }
      return values.every((value) => this.evaluate(value, kind, depth).length === 0);
    }
    if (target.type !== AST_NODE_TYPES.Identifier && target.type !== AST_NODE_TYPES.MemberExpression) return false;
    return this.sanitizerOf(target, false, dottedName(target))?.has(kind) === true;
  }

  private sanitizerKinds(node: TSESTree.CallExpression | TSESTree.NewExpression, name: string | null): KindSet | null {
    const found = this.sanitizerOf(node.callee, node.type === AST_NODE_TYPES.NewExpression, name);
    // Turned off, it still hands on what it was given (the text it builds), clearing nothing.
    if (found) return this.turnedOff(node) ? new Set() : found;
    const origin = originOf(node.callee, this.sourceCode);
    if (!origin) return null;
    if (origin.module === 'pg-format' && origin.steps.length === 0 && node.type === AST_NODE_TYPES.CallExpression) {
      // `format('... %L', x)` quotes; `%s` inserts raw text.
      const fmt = node.arguments[0];
      if (fmt?.type === AST_NODE_TYPES.Literal && typeof fmt.value === 'string' && !fmt.value.includes('%s')) return new Set(['sql']);
    }
    return null;
  }

  /**
   * Whether the call's options turn its sanitizer off (`qs.stringify(q, { encode: false })`, a
   * model's `unless`): the key is there with the value named, or with any value when none is, or the
   * options object cannot be read (a spread, a variable not bound to a literal object).
   */
  private turnedOff(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
    const origin = originOf(node.callee, this.sourceCode);
    if (!origin) return false;
    for (const model of sanitizers as readonly SanitizerModel[]) {
      if (!model.unless || model.module === null || !sameModule(model.module, origin.module) || !matchSteps(parsePath(model.path).tokens, origin.steps)) continue;
      for (const option of model.unless) {
        const argument = node.arguments[option.argument];
        if (!argument) continue;
        const object = unwrap(argument).type === AST_NODE_TYPES.ObjectExpression ? (unwrap(argument) as TSESTree.ObjectExpression) : this.constObject(argument);
        if (!object) return true;
        for (const property of object.properties) {
          if (property.type !== AST_NODE_TYPES.Property || property.computed) return true;
          if (propertyName(property.key) !== option.key) continue;
          if (option.value === undefined) return true;
          const value = unwrap(property.value);
          if (value.type !== AST_NODE_TYPES.Literal || value.value === option.value) return true;
        }
      }
    }
    return false;
  }

  /** The kinds a function (called, or passed as a callback when `construct` is false) clears, by name or import. */
  private sanitizerOf(callee: TSESTree.Node, construct: boolean, name: string | null): KindSet | null {
    if (name !== null) {
      for (const user of this.userSanitizers) if (user.match(name)) return new Set(user.kinds);
      for (const model of sanitizers) {
        if (model.module !== null) continue;
        const matches = model.path.endsWith('.*') ? name.startsWith(model.path.slice(0, -1)) : name === model.path;
        if (matches && !construct) return new Set(model.kinds === 'all' ? allTaintKinds : model.kinds);
      }
    }
    const origin = originOf(callee, this.sourceCode);
    if (!origin) return null;
    const steps = construct ? [...origin.steps, 'Instance'] : origin.steps;
    for (const model of sanitizers) {
      if (model.module === null || !sameModule(model.module, origin.module)) continue;
      if (matchSteps(parsePath(model.path).tokens, steps)) return new Set(model.kinds === 'all' ? allTaintKinds : model.kinds);
    }
    return null;
  }

  /**
   * A constant object, array or `Map` whose values are all literals (nested tables included),
   * never written through: any read from it is one of those literals.
   */
  private isLiteralTable(node: TSESTree.Node): boolean {
    const target = unwrap(node);
    if (target.type !== AST_NODE_TYPES.Identifier) return isLiteralValue(target, 0);
    const init = this.constInit(target);
    if (!init || !isLiteralValue(init, 0)) return false;
    const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
    return variable !== null && variable.references.every((reference) => !isMutatedThrough(reference.identifier));
  }

  /** `path.join`, `path.resolve`, ... called by name or imported from `path`. */
  protected isPathFunction(call: TSESTree.CallExpression): boolean {
    return this.pathFunctionName(call) !== null;
  }

  /** `join` of `path.join(…)` (or of `join` imported from `path`): the path-building function a call runs, if any. */
  protected pathFunctionName(call: TSESTree.CallExpression): string | null {
    const name = dottedName(call.callee);
    if (name !== null && PROPAGATING.has(name) && name.startsWith('path.')) return name.slice('path.'.length);
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return null;
    const origin = originOf(callee, this.sourceCode);
    const last = origin?.steps.at(-1)?.slice('Member:'.length);
    return origin !== null && sameModule(pathModules, origin.module) && last !== undefined && PATH_FUNCTIONS.has(last) ? last : null;
  }

  /**
   * `path.normalize(p).replace(/^(\.\.(\/|\\|$))+/, '')`, directly or through a `const`: a path with
   * no `..` segment left (see `stripsLeadingParents`).
   */
  protected confinedSegment(node: TSESTree.Node, hops = 0): boolean {
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.Identifier && hops < 3) {
      const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      const declarator = definition?.node;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init || declarator.parent.type !== AST_NODE_TYPES.VariableDeclaration || declarator.parent.kind !== 'const') return false;
      return this.confinedSegment(declarator.init, hops + 1);
    }
    if (target.type !== AST_NODE_TYPES.CallExpression || !stripsLeadingParents(target)) return false;
    const callee = unwrap(target.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee.property) !== 'replace') return false;
    const normalized = unwrap(callee.object);
    return normalized.type === AST_NODE_TYPES.CallExpression && this.pathFunctionName(normalized) === 'normalize';
  }

  /**
   * For HTML: the expressions of a string built with a template or `+`, leaving out those that are
   * only the request's own URL as the browser sent it (taints marked `undecodedUrl`: `req.originalUrl`,
   * `req.path.split('?')[0]`, a variable or field given one of those, maybe with fixed text or
   * encoded values joined) where the fixed text before it leaves a double-quoted attribute open
   * (`'<a href="' + req.originalUrl + '">'`, see `html-context.ts`): a browser percent-encodes `"`,
   * `<` and `>` in what it sends, so that text cannot leave the attribute. Null when no piece is
   * left out (the string is read as usual).
   */
  protected htmlParts(node: TSESTree.Node, depth = 0): TSESTree.Node[] | null {
    const target = unwrap(node);
    if (target.type !== AST_NODE_TYPES.TemplateLiteral && !(target.type === AST_NODE_TYPES.BinaryExpression && target.operator === '+')) return null;
    const kept: TSESTree.Node[] = [];
    let before = '';
    let text = '';
    let left = false;
    for (const piece of this.pieces(target)) {
      if (typeof piece === 'string') {
        before += piece;
        text += piece;
        continue;
      }
      if (opensQuotedAttribute(text, before) && this.onlyUndecodedUrl(piece, depth)) left = true;
      else kept.push(piece);
      text = '';
    }
    return left ? kept : null;
  }

  /** Whether every taint of the value is the request's URL as sent (see `undecodedUrl`), and it has one. */
  private onlyUndecodedUrl(node: TSESTree.Node, depth: number): boolean {
    const taints = this.evaluate(node, 'xss', depth);
    return taints.length > 0 && taints.every((taint) => taint.origin.type === 'source' && taint.origin.source.undecodedUrl === true);
  }

  /**
   * The pieces of a string built with a template literal or `+`, in order; with `joins`, also of an
   * array literal joined with a literal separator (`['./', ...rest].join('?')`): its elements with
   * the separator between them, a spread element as one piece (of unknown length, maybe none).
   */
  protected pieces(node: TSESTree.Node, joins = false): Piece[] {
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.TemplateLiteral) {
      const result: Piece[] = [];
      target.quasis.forEach((quasi, index) => {
        result.push(quasi.value.cooked ?? quasi.value.raw);
        const expression = target.expressions[index];
        if (expression) result.push(...this.pieces(expression, joins));
      });
      return result;
    }
    if (target.type === AST_NODE_TYPES.BinaryExpression && target.operator === '+') return [...this.pieces(target.left, joins), ...this.pieces(target.right, joins)];
    if (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'string') return [target.value];
    const joined = joins ? joinedArray(target) : null;
    if (joined) {
      const result: Piece[] = [];
      joined.array.elements.forEach((element, index) => {
        if (index > 0) result.push(joined.separator);
        if (element?.type === AST_NODE_TYPES.SpreadElement) result.push(element);
        else if (element) result.push(...this.pieces(element, joins));
      });
      return result;
    }
    return [target];
  }

  /**
   * The expressions of a URL that decide where it points: for `ssrf` and `redirect`, those before
   * a fixed prefix (`https://host/`, `/account/`); for other kinds every expression.
   */
  protected urlPieces(node: TSESTree.Node, kind: TaintKind): TSESTree.Node[] {
    const pieces = this.pieces(node, PREFIX_KINDS.has(kind));
    const result: TSESTree.Node[] = [];
    if (!PREFIX_KINDS.has(kind)) {
      for (const piece of pieces) if (typeof piece !== 'string') result.push(piece);
      return result;
    }
    let text = '';
    for (const [index, piece] of pieces.entries()) {
      if (FIXED_URL_PREFIX.test(text)) break;
      if (typeof piece === 'string') {
        text += piece;
      } else if (piece.type === AST_NODE_TYPES.SpreadElement) {
        // Joined elements of unknown number, maybe none: no text after them fixes the start.
        if (this.evaluate(piece, kind).some((taint) => !taint.container)) result.push(piece);
        text += TAINTED_MARK;
      } else if (kind === 'redirect' && ORIGIN_ONLY.test(text) && this.isOwnPath(piece)) {
        // The request's own path starts with `/`: after an origin it only chooses a path there.
        text += `/${UNKNOWN_MARK}`;
      } else if (kind === 'redirect' && HOST_START.test(text) && !startsSubdomain(pieces[index + 1]) && this.encodedComponentInput(piece) !== null) {
        // `'//' + encodeURIComponent(host)`: the encoding keeps the letters, digits, dots and dashes of
        // a host name, which then starts the URL's authority (not so before a fixed `.example.com`).
        result.push(this.encodedComponentInput(piece)!);
        text += TAINTED_MARK;
      } else if (kind === 'redirect' && this.isParsedUrlSuffix(piece, 0)) {
        // The query or fragment of a parsed URL is empty or starts with `?` or `#`: it cannot name
        // another site wherever it stands. What follows it is judged as if it were absent (it may be).
        continue;
      } else {
        const taints = this.evaluate(piece, kind).filter((taint) => !taint.container);
        if (taints.length === 0) {
          text += this.stringValue(piece) ?? UNKNOWN_MARK;
          continue;
        }
        result.push(piece);
        // A parameter of a helper is input only if a caller passes input, and then it is reported
        // itself; for the pieces after it, it stands for whatever the callers pass.
        text += taints.every((taint) => taint.origin.type === 'param') ? UNKNOWN_MARK : TAINTED_MARK;
      }
    }
    return result;
  }

  /** `encodeURIComponent(x)` with `x` request input for a redirect: `x`, or null. */
  private encodedComponentInput(piece: TSESTree.Node): TSESTree.Node | null {
    const call = unwrap(piece);
    if (call.type !== AST_NODE_TYPES.CallExpression || dottedName(call.callee) !== 'encodeURIComponent') return null;
    if (this.sanitizerKinds(call, 'encodeURIComponent')?.has('redirect') !== true) return null;
    const [argument] = call.arguments;
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return null;
    return this.evaluate(argument, 'redirect').some((taint) => !taint.container) ? argument : null;
  }

  /**
   * The query or fragment of a URL parsed here (`new URL(text, base).search`, `url.parse(text).hash`,
   * `const { search } = url.parse(text)`, `search || ''`): empty, or text that starts with `?` or
   * `#`, whatever text was parsed. Not what is made of it (`search.slice(1)`, a decoded copy).
   */
  protected isParsedUrlSuffix(node: TSESTree.Node, depth: number): boolean {
    if (depth > 4) return false;
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.LogicalExpression && target.operator !== '&&') {
      return [target.left, target.right].every((side) => this.stringValue(side) === '' || this.isParsedUrlSuffix(side, depth + 1));
    }
    if (target.type === AST_NODE_TYPES.Identifier) {
      const init = this.constInit(target);
      if (init) return this.isParsedUrlSuffix(init, depth + 1);
      const destructured = this.destructuredUrlMember(target);
      return destructured !== null && URL_SUFFIXES.has(destructured.name) && this.parsedUrl(destructured.from, depth + 1) !== null;
    }
    if (target.type !== AST_NODE_TYPES.MemberExpression || (target.computed && target.property.type !== AST_NODE_TYPES.Literal)) return false;
    return URL_SUFFIXES.has(propertyName(target.property) ?? '') && this.parsedUrl(target.object, depth + 1) !== null;
  }

  /**
   * The query of a URL parsed here with the characters that end an HTML attribute or start a tag
   * percent-encoded: `new URL(req.url, 'http://…').search`, the request's own path on a base of a
   * special scheme (WHATWG encodes `"`, `'`, `<`, `>` in a special URL's query; a non-special one
   * keeps `'`). Not Node's `url.parse`, which leaves a relative URL's query as it was sent.
   * The parse, or null.
   */
  protected encodedUrlQuery(node: TSESTree.Node, depth: number): TSESTree.Node | null {
    if (depth > 4) return null;
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.Identifier) {
      const init = this.constInit(target);
      return init ? this.encodedUrlQuery(init, depth + 1) : null;
    }
    if (target.type !== AST_NODE_TYPES.MemberExpression || (target.computed && target.property.type !== AST_NODE_TYPES.Literal) || propertyName(target.property) !== 'search') return null;
    const parse = this.parsedUrl(target.object, depth + 1);
    if (parse === null || (parse.type === AST_NODE_TYPES.CallExpression && parsedUrlModuleText(parse, this.sourceCode) !== null)) return null;
    const [text, base] = parse.arguments;
    if (!text || !base || !this.isOwnPath(text)) return null;
    const baseText = this.stringValue(base);
    return baseText !== null && SPECIAL_SCHEME.test(baseText) ? parse : null;
  }

  /**
   * `decodeURIComponent(u.search)`, `decodeURI('/x' + q)` with `q` such a query: the parsed texts
   * whose encoded query the decoder gets back in the clear (see `encodedUrlQuery`).
   */
  private decodedUrlQueries(argument: TSESTree.Node, depth = 0): TSESTree.Node[] {
    const found: TSESTree.Node[] = [];
    if (depth > 4) return found;
    for (const piece of this.pieces(argument, false)) {
      if (typeof piece === 'string' || piece.type === AST_NODE_TYPES.SpreadElement) continue;
      const parse = this.encodedUrlQuery(piece, 0);
      const text = parse && (parse.type === AST_NODE_TYPES.NewExpression || parse.type === AST_NODE_TYPES.CallExpression) ? parse.arguments[0] : undefined;
      if (text && text.type !== AST_NODE_TYPES.SpreadElement) found.push(text);
      // `const label = 'q' + parsed.search; decodeURI(label)`: the constant's own pieces.
      const target = unwrap(piece);
      const init = !parse && target.type === AST_NODE_TYPES.Identifier ? this.constInit(target) : null;
      if (init) found.push(...this.decodedUrlQueries(init, depth + 1));
    }
    return found;
  }

  /**
   * A URL parsed here, directly or through a `const`: `new URL(text, base)`, `URL.parse(text, base)`
   * or Node's `url.parse(text)`. The parse, or null.
   */
  private parsedUrl(node: TSESTree.Node, depth: number): TSESTree.NewExpression | TSESTree.CallExpression | null {
    if (depth > 6) return null;
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.Identifier) {
      const init = this.constInit(target);
      return init ? this.parsedUrl(init, depth + 1) : null;
    }
    if (target.type === AST_NODE_TYPES.NewExpression) return parsedUrlText(target) !== null ? target : null;
    if (target.type !== AST_NODE_TYPES.CallExpression) return null;
    if (dottedName(target.callee) === 'URL.parse' || parsedUrlModuleText(target, this.sourceCode) !== null) return target;
    return null;
  }

  /** `const { search } = parse(…)`, `const { hash: h } = u`: the key destructured and the object, or null. */
  private destructuredUrlMember(node: TSESTree.Identifier): { name: string; from: TSESTree.Node } | null {
    const variable = findVariable(scopeOf(this.sourceCode, node), node.name);
    const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
    const declarator = definition?.node;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.ObjectPattern || !declarator.init) return null;
    for (const property of declarator.id.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed || property.value !== definition?.name) continue;
      const name = propertyName(property.key);
      return name === null ? null : { name, from: declarator.init };
    }
    return null;
  }

  /** The same-file function a call invokes (see `summaries.ts`). */
  protected abstract calledFunction(call: TSESTree.CallExpression): FunctionNode | null;

  /** What the field `name` of the objects `fn` returns holds, or null when a return is not an object literal (see `summaries.ts`). */
  protected abstract returnedFieldSummary(fn: FunctionNode, name: string, kind: TaintKind, depth: number): readonly Taint[] | null;

  /** The member `name` of what a function returns for this call, when it hands back a parameter (see `summaries.ts`). */
  protected abstract returnedMember(fn: FunctionNode, call: TSESTree.CallExpression, name: string, kind: TaintKind, depth: number, summary?: readonly Taint[]): readonly Taint[] | null;
  /** Taints a function returns for this call (see `summaries.ts`). */
  protected abstract returnedTaints(fn: FunctionNode, call: TSESTree.CallExpression | TSESTree.NewExpression, kind: TaintKind, depth: number, summary?: readonly Taint[]): readonly Taint[];
  /** The field `name` of the instance `new C(…)` builds, when its constructor is in view (see `summaries.ts`). */
  protected abstract constructedField(node: TSESTree.NewExpression, name: string, kind: TaintKind, depth: number): readonly Taint[] | null;
  /** `this.name` read in a method: what the class's constructor stored there (see `summaries.ts`). */
  protected abstract constructorStoredField(read: TSESTree.MemberExpression, name: string, kind: TaintKind, depth: number, member?: string): readonly Taint[] | null;
}

/**
 * Whether a read of an object may change its fields: `o.url = …`, `o.count++`, `delete o.url`,
 * `Object.assign(o, …)`, or a mutator method called on it (`o.set(…)`).
 */
/**
 * The object literals a variable is given when its every write is a whole assignment of one (its
 * declaration, maybe without a value, and `=`), and no read writes through it (`options.url = x`):
 * a field of it holds one of theirs. Null for any other variable.
 */
function assignedObjects(variable: TSESLint.Scope.Variable): TSESTree.ObjectExpression[] | null {
  if (variable.defs.length !== 1 || variable.defs[0]?.type !== 'Variable') return null;
  const objects: TSESTree.ObjectExpression[] = [];
  for (const reference of variable.references) {
    if (reference.isRead() && writesThrough(reference.identifier)) return null;
    if (!reference.isWrite()) continue;
    const parent = reference.identifier.parent;
    const whole =
      (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id === reference.identifier) ||
      (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === reference.identifier && parent.operator === '=');
    const value = whole && reference.writeExpr ? unwrap(reference.writeExpr) : null;
    if (value?.type !== AST_NODE_TYPES.ObjectExpression) return null;
    objects.push(value);
  }
  return objects.length > 0 ? objects : null;
}

/** Whether a mutation of a variable assigns a field of it named in the code other than `field` (`record.name = …` for `_id`). */
function otherFieldWrite(reference: TSESLint.Scope.Reference, field: string): boolean {
  const member = reference.identifier.parent;
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.parent.type !== AST_NODE_TYPES.AssignmentExpression || member.parent.left !== member) return false;
  const staticKey = !member.computed || member.property.type === AST_NODE_TYPES.Literal;
  const name = staticKey ? propertyName(member.property) : null;
  return name !== null && name !== field;
}

function writesThrough(read: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
  const parent = read.parent;
  if (parent.type === AST_NODE_TYPES.CallExpression) return parent.arguments[0] === read && dottedName(parent.callee) === 'Object.assign';
  if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== read) return false;
  const use = parent.parent;
  if (use.type === AST_NODE_TYPES.AssignmentExpression && use.left === parent) return true;
  if (use.type === AST_NODE_TYPES.UpdateExpression) return true;
  if (use.type === AST_NODE_TYPES.UnaryExpression && use.operator === 'delete') return true;
  const method = propertyName(parent.property);
  return use.type === AST_NODE_TYPES.CallExpression && use.callee === parent && method !== null && MUTATORS.has(method);
}

/** A piece of fixed text that starts with `.` and a host name character: the parent domain of a host built before it. */
function startsSubdomain(piece: Piece | undefined): boolean {
  return typeof piece === 'string' && /^\.[\da-z]/i.test(piece);
}

/**
 * `[a, b].join(sep)`: an array literal joined with a literal separator (`,` when none is given),
 * or null for any other node.
 */
function joinedArray(node: TSESTree.Node): { array: TSESTree.ArrayExpression; separator: string } | null {
  if (node.type !== AST_NODE_TYPES.CallExpression || node.arguments.length > 1) return null;
  const callee = unwrap(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || propertyName(callee.property) !== 'join') return null;
  const array = unwrap(callee.object);
  if (array.type !== AST_NODE_TYPES.ArrayExpression) return null;
  const [argument] = node.arguments;
  if (argument === undefined) return { array, separator: ',' };
  const separator = unwrap(argument);
  return separator.type === AST_NODE_TYPES.Literal && typeof separator.value === 'string' ? { array, separator: separator.value } : null;
}

/** An element of an array literal that is joined (`[...parts].join('/')`). */
function isJoinedElement(element: TSESTree.Node): boolean {
  const array = element.parent;
  const member = array?.parent;
  const call = member?.parent;
  return array?.type === AST_NODE_TYPES.ArrayExpression && member?.type === AST_NODE_TYPES.MemberExpression && member.object === array && call !== undefined && joinedArray(call)?.array === array;
}

/** `url.searchParams`, a `searchParams` binding, or `new URLSearchParams(...)`. */
function isSearchParams(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.NewExpression) return dottedName(target.callee) === 'URLSearchParams';
  if (target.type === AST_NODE_TYPES.Identifier) return target.name === 'searchParams';
  return target.type === AST_NODE_TYPES.MemberExpression && propertyName(target.property) === 'searchParams';
}

/** A literal, or an object, array or `new Map([[k, v], ...])` of literals. */
function isLiteralValue(node: TSESTree.Node, depth: number): boolean {
  const target = unwrap(node);
  if (depth > 4) return false;
  switch (target.type) {
    case AST_NODE_TYPES.Literal:
      return true;
    case AST_NODE_TYPES.TemplateLiteral:
      return target.expressions.length === 0;
    case AST_NODE_TYPES.UnaryExpression:
      return target.operator === '-' && unwrap(target.argument).type === AST_NODE_TYPES.Literal;
    case AST_NODE_TYPES.ArrayExpression:
      return target.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && isLiteralValue(element, depth + 1));
    case AST_NODE_TYPES.ObjectExpression:
      return target.properties.every((property) => property.type === AST_NODE_TYPES.Property && !property.computed && property.kind === 'init' && !property.method && isLiteralValue(property.value, depth + 1));
    case AST_NODE_TYPES.NewExpression: {
      const [entries] = target.arguments;
      return dottedName(target.callee) === 'Map' && target.arguments.length === 1 && entries !== undefined && isLiteralValue(entries, depth + 1);
    }
    default:
      return false;
  }
}

/** `T.x = v`, `T[k] = v`, `delete T.x`, `T.push(v)`, `T.set(k, v)`, `Object.assign(T, v)`. */
function isMutatedThrough(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
  const parent = identifier.parent;
  if (parent.type === AST_NODE_TYPES.CallExpression) return parent.arguments[0] === identifier && /^(?:Object\.assign|Object\.defineProperty|Reflect\.set|_\.(?:merge|assign|set|extend))$/.test(dottedName(parent.callee) ?? '');
  if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== identifier) return false;
  const user = parent.parent;
  if (user.type === AST_NODE_TYPES.AssignmentExpression && user.left === parent) return true;
  if (user.type === AST_NODE_TYPES.UpdateExpression || (user.type === AST_NODE_TYPES.UnaryExpression && user.operator === 'delete')) return true;
  return user.type === AST_NODE_TYPES.CallExpression && user.callee === parent && MUTATORS.has(propertyName(parent.property) ?? '');
}

/**
 * The pattern of `m[0]` where `m` is `x.match(re)` or `re.exec(x)`, written there or held in a
 * `const`: the whole match, which passed `re` as a `.test()` would. Null for any other read (a
 * group `m[1]` holds part of a match, which the pattern's anchors do not bound).
 */
function fullMatchPattern(node: TSESTree.MemberExpression, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node | null {
  const index = node.property;
  if (!node.computed || index.type !== AST_NODE_TYPES.Literal || (index.value !== 0 && index.value !== '0')) return null;
  let matched = unwrap(node.object);
  if (matched.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scopeOf(sourceCode, matched), matched.name);
    const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id !== definition.name || !definition.node.init) return null;
    matched = unwrap(definition.node.init);
  }
  if (matched.type !== AST_NODE_TYPES.CallExpression || matched.arguments.length !== 1) return null;
  const callee = unwrap(matched.callee);
  const [argument] = matched.arguments;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !argument || argument.type === AST_NODE_TYPES.SpreadElement) return null;
  const method = propertyName(callee.property);
  if (method === 'match') return argument;
  if (method === 'exec') return callee.object;
  return null;
}

function isStatementList(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.BlockStatement ||
    node.type === AST_NODE_TYPES.Program ||
    node.type === AST_NODE_TYPES.SwitchCase ||
    node.type === AST_NODE_TYPES.StaticBlock
  );
}

/** Whether `child` runs only sometimes when `parent` runs. */
function isConditional(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test !== child;
    case AST_NODE_TYPES.LogicalExpression:
      return parent.right === child;
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.TryStatement:
    case AST_NODE_TYPES.CatchClause:
      return true;
    default:
      return false;
  }
}

function isPatternPart(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.Property:
      return parent.value === child && parent.parent.type === AST_NODE_TYPES.ObjectPattern;
    case AST_NODE_TYPES.ObjectPattern:
    case AST_NODE_TYPES.ArrayPattern:
    case AST_NODE_TYPES.RestElement:
      return true;
    case AST_NODE_TYPES.AssignmentPattern:
      return parent.left === child;
    default:
      return false;
  }
}

interface VariableUses {
  writes: TSESLint.Scope.Reference[];
  mutations: TSESLint.Scope.Reference[];
}

/** How many of the references (sorted by position) start before `node`. */
function countBefore(references: readonly TSESLint.Scope.Reference[], node: TSESTree.Node): number {
  let low = 0;
  let high = references.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (references[middle]!.identifier.range[0] < node.range[0]) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Whether a write runs whenever its function does: a statement of the function's body, or of blocks
 * and `try` blocks in it, not under a condition, a loop, a callback or a `catch`.
 */
function alwaysRunsIn(write: TSESTree.Node, fn: TSESTree.Node): boolean {
  let current: TSESTree.Node = write;
  if (current.parent?.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  current = current.parent;
  while (current.parent && current.parent !== fn) {
    const parent: TSESTree.Node = current.parent;
    const plain = parent.type === AST_NODE_TYPES.BlockStatement || (parent.type === AST_NODE_TYPES.TryStatement && parent.block === current);
    if (!plain) return false;
    current = parent;
  }
  return current.parent === fn;
}

/** A write to a member of a variable (see `overwrittenMember`). */
interface MemberWrite {
  root: TSESTree.Identifier;
  path: string[];
  /** The assignment, `delete` or `++` that writes it. */
  assignment: TSESTree.Node;
  /** What a plain `=` writes; null for the other writes. */
  value: TSESTree.Node | null;
}

/** Whether one member path is a prefix of the other (`*` matches any name). */
function sharesPrefix(a: readonly string[], b: readonly string[]): boolean {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) if (a[index] !== b[index] && a[index] !== '*' && b[index] !== '*') return false;
  return true;
}

function enclosingFunctionOf(node: TSESTree.Node): TSESTree.Node | null {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return null;
}

/** Encodings whose text holds only letters, digits, `-` and `_`: no path separator, dot, quote or markup. */
const WORD_ENCODINGS = new Set(['hex', 'base64url']);

/**
 * `Buffer.from(name).toString('base64url')`, `createHash('sha256').update(name).digest('hex')`:
 * whatever the input, the text is made of letters, digits, `-` and `_` only, so it clears every
 * kind. Only a buffer's `toString` takes an encoding (a string's ignores it), so the receiver must
 * be made by `Buffer.from` / `Buffer.alloc` / `Buffer.concat` in the same expression; base64 (with
 * `/` and `+`) and other encodings are not read so.
 */
function encodesToWordCharacters(node: TSESTree.CallExpression, method: string): boolean {
  const [encoding] = node.arguments;
  if (encoding?.type !== AST_NODE_TYPES.Literal || typeof encoding.value !== 'string' || !WORD_ENCODINGS.has(encoding.value)) return false;
  if (method === 'digest') return true;
  if (method !== 'toString' || node.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const receiver = unwrap(node.callee.object);
  return receiver.type === AST_NODE_TYPES.CallExpression && /^Buffer\.(?:from|alloc|concat)$/u.test(dottedName(receiver.callee) ?? '');
}
