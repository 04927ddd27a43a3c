import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  expressValidatorFields,
  expressValidatorModule,
  expressValidatorNegations,
  expressValidatorPattern,
  expressValidatorResult,
  expressValidatorSanitizers,
  expressValidatorStrictFormats,
  expressValidatorStringChecks,
} from '../../models/frameworks/express-validator.js';
import type { InputLocation } from '../../models/frameworks/request-inputs.js';
import { allTaintKinds, type TaintKind } from '../../models/taint-types.js';
import { findVariable, type FunctionNode, isConstantBinding, isFunction, propertyName, singleDefinition, staticString, unwrap, walk, scopeOf } from '../../utils/ast.js';
import { crossFileTarget } from '../project/calls.js';
import type { RouteHandler } from '../routes/types.js';
import { originOf } from './access-path.js';
import type { KindSet } from './guards.js';
import { regexKinds } from './regex-kinds.js';

const NONE: KindSet = new Set();
const ALL: KindSet = new Set(allTaintKinds);
const NOSQL: KindSet = new Set<TaintKind>(['nosql']);
const XSS: KindSet = new Set<TaintKind>(['xss']);
/** Route arguments and array elements read before the handler. */
const MAX_ELEMENTS = 64;

/** What the chains of a route say about one field. */
interface FieldChain {
  locations: readonly InputLocation[];
  names: readonly string[];
  /** Kinds the validators prove, once errors are checked. */
  validated: KindSet;
  /** Kinds the sanitizers make safe by changing the value. */
  sanitized: KindSet;
}

interface RouteChains {
  fields: FieldChain[];
  /** A middleware after the chains rejects the request when they recorded errors. */
  checkedBefore: boolean;
}

/**
 * express-validator chains in a route's middleware (`router.post('/', body('age').isInt().toInt(),
 * validate, handler)`): which kinds they make a request input safe for. Validators count only where
 * errors are checked before the value is read, by a middleware after the chains or a
 * `validationResult(req)` check with an early exit in the handler; sanitizers always count.
 */
export class ExpressValidatorReader {
  private readonly routes = new Map<TSESTree.Node, RouteChains>();
  private readonly handlerChecks = new Map<FunctionNode, number | null>();

  constructor(private readonly sourceCode: Readonly<TSESLint.SourceCode>) {}

  /** Kinds the route's chains make input `name` at `location` safe for, read at `at` in the handler. */
  clears(handler: RouteHandler, location: InputLocation, name: string, at: TSESTree.Node): KindSet {
    const route = this.routeChains(handler);
    if (route.fields.length === 0) return NONE;
    const fields = route.fields.filter((field) => field.locations.includes(location) && field.names.includes(name));
    if (fields.length === 0) return NONE;
    let checked = route.checkedBefore;
    if (!checked && handler.fn) {
      const end = this.handlerCheck(handler.fn);
      checked = end !== null && at.range[0] >= end;
    }
    const kinds = new Set<TaintKind>();
    for (const field of fields) {
      for (const kind of field.sanitized) kinds.add(kind);
      if (checked) for (const kind of field.validated) kinds.add(kind);
    }
    return kinds;
  }

  private routeChains(handler: RouteHandler): RouteChains {
    const known = this.routes.get(handler.node);
    if (known) return known;
    const route: RouteChains = { fields: [], checkedBefore: false };
    this.routes.set(handler.node, route);
    let argument: TSESTree.Node = handler.node;
    if (argument.parent?.type === AST_NODE_TYPES.ArrayExpression) argument = argument.parent;
    const call = argument.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression) return route;
    const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
    if (index < 0) return route;
    const elements: TSESTree.Node[] = [];
    this.flatten(call.arguments.slice(0, index), elements, 0);
    if (argument !== handler.node && argument.type === AST_NODE_TYPES.ArrayExpression) {
      this.flatten(argument.elements.slice(0, argument.elements.indexOf(handler.node as TSESTree.Expression)), elements, 0);
    }
    for (const element of elements) {
      const chain = this.chain(element);
      if (chain) {
        route.fields.push(chain);
        continue;
      }
      const target = unwrap(element);
      // `validate([body('email').isEmail()])`: a factory that runs the chains it is given and checks them.
      if (target.type === AST_NODE_TYPES.CallExpression) {
        const inner: TSESTree.Node[] = [];
        this.flatten(target.arguments, inner, 0);
        const chains = inner.flatMap((node) => this.chain(node) ?? []);
        if (chains.length > 0) {
          route.fields.push(...chains);
          if (this.middlewareChecks(target.callee)) route.checkedBefore = true;
        }
        continue;
      }
      if (route.fields.length > 0 && this.middlewareChecks(target)) route.checkedBefore = true;
    }
    return route;
  }

  /** Route arguments, with arrays (literal, `const`, spread) flattened. */
  private flatten(nodes: readonly (TSESTree.Node | null)[], out: TSESTree.Node[], depth: number): void {
    for (const node of nodes) {
      if (!node || out.length >= MAX_ELEMENTS) continue;
      const target = unwrap(node.type === AST_NODE_TYPES.SpreadElement ? node.argument : node);
      const array = target.type === AST_NODE_TYPES.ArrayExpression ? target : depth < 3 ? this.constArray(target) : null;
      if (array) this.flatten(array.elements, out, depth + 1);
      else out.push(target);
    }
  }

  private constArray(node: TSESTree.Node): TSESTree.ArrayExpression | null {
    if (node.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = findVariable(scopeOf(this.sourceCode, node), node.name);
    const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
    const init = definition?.node.type === AST_NODE_TYPES.VariableDeclarator ? definition.node.init : null;
    return init && unwrap(init).type === AST_NODE_TYPES.ArrayExpression ? (unwrap(init) as TSESTree.ArrayExpression) : null;
  }

  /** `body('email').isEmail().normalizeEmail()`: the fields it checks and what its methods prove. */
  private chain(node: TSESTree.Node): FieldChain | null {
    const methods: { name: string; call: TSESTree.CallExpression }[] = [];
    let current = unwrap(node);
    for (let steps = 0; steps < 40 && current.type === AST_NODE_TYPES.CallExpression; steps++) {
      const callee = unwrap(current.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
      const name = propertyName(callee.property);
      if (name === null) return null;
      methods.unshift({ name, call: current });
      current = unwrap(callee.object);
    }
    if (current.type !== AST_NODE_TYPES.CallExpression) return null;
    const origin = originOf(current.callee, this.sourceCode);
    const starter = origin?.module === expressValidatorModule && origin.steps.length === 1 ? origin.steps[0]!.replace(/^Member:/u, '') : null;
    const locations = starter !== null && Object.hasOwn(expressValidatorFields, starter) ? expressValidatorFields[starter] : undefined;
    const names = locations ? this.fieldNames(current.arguments[0]) : [];
    if (!locations || names.length === 0) return null;
    const validated = new Set<TaintKind>();
    const sanitized = new Set<TaintKind>();
    let negated = false;
    for (const { name, call } of methods) {
      // `.if(condition)`: what follows runs only sometimes.
      if (name === 'if') break;
      if (expressValidatorNegations.has(name)) {
        negated = true;
        continue;
      }
      const sanitizer = Object.hasOwn(expressValidatorSanitizers, name) ? expressValidatorSanitizers[name] : undefined;
      if (sanitizer) for (const kind of sanitizer === 'all' ? ALL : XSS) sanitized.add(kind);
      let proves: KindSet = NONE;
      if (expressValidatorStrictFormats.has(name)) proves = ALL;
      else if (expressValidatorStringChecks.has(name)) proves = NOSQL;
      else if (name === expressValidatorPattern && call.arguments[0]) proves = regexKinds(call.arguments[0], this.sourceCode);
      if (!negated) for (const kind of proves) validated.add(kind);
      if (!sanitizer && name !== 'optional' && name !== 'withMessage' && name !== 'bail') negated = false;
    }
    return { locations, names, validated, sanitized };
  }

  /** `'email'` or `['email', 'name']`: plain field names (nested paths and wildcards are not read). */
  private fieldNames(node: TSESTree.Node | undefined): string[] {
    if (!node || node.type === AST_NODE_TYPES.SpreadElement) return [];
    const target = unwrap(node);
    const values = target.type === AST_NODE_TYPES.ArrayExpression ? target.elements : [target];
    const names: string[] = [];
    for (const value of values) {
      if (!value || value.type === AST_NODE_TYPES.SpreadElement) return [];
      const name = staticString(value, scopeOf(this.sourceCode, value));
      if (name === null || /[.*[\]]/u.test(name)) continue;
      names.push(name);
    }
    return names;
  }

  /** Where the handler's own `validationResult(req)` check ends, or null when it has none. */
  private handlerCheck(fn: FunctionNode): number | null {
    if (this.handlerChecks.has(fn)) return this.handlerChecks.get(fn) ?? null;
    this.handlerChecks.set(fn, null);
    const end = rejectionEnd(fn, this.sourceCode);
    this.handlerChecks.set(fn, end);
    return end;
  }

  /** A middleware (same file or another of the project) that rejects a request with recorded errors. */
  private middlewareChecks(node: TSESTree.Node): boolean {
    const target = unwrap(node);
    if (isFunction(target)) return rejectionEnd(target, this.sourceCode) !== null;
    if (target.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
      const definition = variable ? singleDefinition(variable) : null;
      if (definition?.type === 'FunctionName' && isFunction(definition.node)) return rejectionEnd(definition.node, this.sourceCode) !== null;
      const init = definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id === definition.name ? definition.node.init : null;
      if (init && isFunction(unwrap(init))) return rejectionEnd(unwrap(init) as FunctionNode, this.sourceCode) !== null;
    }
    const other = target.type === AST_NODE_TYPES.Identifier || target.type === AST_NODE_TYPES.MemberExpression ? crossFileTarget(target, this.sourceCode) : null;
    return other !== null && rejectionEnd(other.fn, other.module.sourceCode) !== null;
  }
}

/**
 * The end of the first statement of `fn` (its nested functions included, for a middleware factory)
 * that rejects the request on recorded errors: `if (!validationResult(req).isEmpty()) return …`,
 * `const errors = validationResult(req); if (!errors.isEmpty()) { res.status(400)…; return; }`,
 * `validationResult(req).throw()`. Null when there is none.
 */
function rejectionEnd(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): number | null {
  let end: number | null = null;
  walk(fn.body, (node) => {
    if (end !== null) return 'skip';
    if (node.type !== AST_NODE_TYPES.CallExpression || unwrap(node.callee).type === AST_NODE_TYPES.MemberExpression) return undefined;
    const origin = originOf(node.callee, sourceCode);
    if (origin?.module !== expressValidatorModule || origin.steps.join() !== `Member:${expressValidatorResult.function}`) return undefined;
    const uses: TSESTree.Node[] = [node];
    const declarator = node.parent;
    if (declarator.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === node && declarator.id.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(scopeOf(sourceCode, declarator.id), declarator.id.name);
      for (const reference of variable?.references ?? []) if (reference.identifier !== declarator.id) uses.push(reference.identifier);
    }
    for (const use of uses) {
      const member = use.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== use) continue;
      const method = propertyName(member.property);
      const statement = enclosingStatement(member);
      if (method === expressValidatorResult.throws && member.parent.type === AST_NODE_TYPES.CallExpression) {
        end = statement?.range[1] ?? member.range[1];
        return 'skip';
      }
      if (method !== expressValidatorResult.empty && method !== 'array') continue;
      // An `if` on the result whose branch leaves the function (return or throw).
      for (let current: TSESTree.Node | undefined = member.parent; current && current !== fn; current = current.parent) {
        if (current.type === AST_NODE_TYPES.IfStatement && within(member, current.test)) {
          if (exits(current.consequent) || (current.alternate !== null && exits(current.alternate))) {
            end = current.range[1];
            return 'skip';
          }
          break;
        }
      }
    }
    return undefined;
  });
  return end;
}

function within(node: TSESTree.Node, container: TSESTree.Node): boolean {
  return container.range[0] <= node.range[0] && node.range[1] <= container.range[1];
}

function enclosingStatement(node: TSESTree.Node): TSESTree.Node | null {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    if (current.parent?.type === AST_NODE_TYPES.BlockStatement || current.parent?.type === AST_NODE_TYPES.Program) return current;
  }
  return null;
}

/** A branch that leaves the function: it returns or throws (not inside a nested function). */
function exits(branch: TSESTree.Node): boolean {
  let found = false;
  walk(branch, (node) => {
    if (found || isFunction(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.ThrowStatement) found = true;
    return undefined;
  });
  return found;
}
