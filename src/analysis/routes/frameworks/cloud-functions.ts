import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  httpFunctionRegistrations,
  invokerOption,
  type HttpFunctionRegistration,
} from '../../../models/frameworks/cloud-functions.js';
import { parameterNames } from '../../../models/frameworks/handler-signatures.js';
import { crossFileTarget } from '../../project/calls.js';
import { findVariable, importSource, isConstantBinding, propertyName, singleDefinition, unwrap, type FunctionNode } from '../../../utils/ast.js';
import { resolveHandler } from '../handlers.js';
import type { ExtractContext, FrameworkExtractor, Route, RouteGuard } from '../types.js';
import { arrayLiteral, callsOf, claim, constantValue, importsAny, moduleMember, objectLiteral, propertyOf, staticText } from './shared-ast.js';

const registrations: readonly HttpFunctionRegistration[] = httpFunctionRegistrations;
const MODULES = new Set(registrations.flatMap((entry) => entry.modules));
const BUILDERS = new Set(registrations.flatMap((entry) => entry.builders));

/**
 * Google Cloud Functions and Firebase HTTP functions (`functions.https.onRequest(h)`,
 * `onRequest({ invoker }, h)`, `functions.http('name', h)`): one route per function, for every
 * method, at `/<function name>`; a callable function (`onCall(h)`) is a `POST` route there. A
 * function handed an Express or Koa app (`onRequest(app)`) is served by that app, whose own routes
 * the other extractors judge; it is no route of its own.
 */
export const cloudFunctionsExtractor: FrameworkExtractor = {
  framework: 'firebase',
  extract(context) {
    if (!importsAny(context, (module) => MODULES.has(module))) return {};
    const names = exportedNames(context);
    const routes: Route[] = [];
    for (const call of callsOf(context.program)) {
      if (context.claimed.has(call)) continue;
      const found = registrationOf(call, context);
      if (!found) continue;
      const route = toRoute(call, found, names, context);
      if (route) routes.push(route);
    }
    return { routes };
  },
};

interface Found {
  entry: HttpFunctionRegistration;
  /** Builder calls before the registration (`runWith({ … })`), from the registration back to the module. */
  builders: TSESTree.CallExpression[];
}

const MAX_STEPS = 16;

/**
 * The registration `call` is, if any: its callee walked down to a module, through builder calls
 * (`functions.region('x').runWith({…}).https.onRequest`) and constants holding them
 * (`const regional = functions.region('x')`).
 */
function registrationOf(call: TSESTree.CallExpression, context: ExtractContext): Found | null {
  const path: string[] = [];
  const builders: TSESTree.CallExpression[] = [];
  let target = unwrap(call.callee);
  for (let step = 0; step < MAX_STEPS; step++) {
    if (target.type === AST_NODE_TYPES.MemberExpression) {
      const name = target.computed && target.property.type !== AST_NODE_TYPES.Literal ? null : propertyName(target.property);
      if (name === null) return null;
      path.unshift(name);
      target = unwrap(target.object);
      continue;
    }
    if (target.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(target.callee);
      const name = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed ? propertyName(callee.property) : null;
      if (callee.type !== AST_NODE_TYPES.MemberExpression || name === null || !BUILDERS.has(name)) break;
      builders.push(target);
      target = unwrap(callee.object);
      continue;
    }
    if (target.type === AST_NODE_TYPES.Identifier && importSource(context.scopeOf(target), target.name) === null) {
      // `const regional = functions.region('europe-west1')`: follow the constant.
      const variable = findVariable(context.scopeOf(target), target.name);
      const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
      if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id !== definition.name || !definition.node.init) return null;
      target = unwrap(definition.node.init);
      continue;
    }
    break;
  }
  const root = moduleMember(target, context);
  if (!root) return null;
  const full = [...root.path, ...path];
  const entry = registrations.find(
    (candidate) =>
      candidate.modules.includes(root.module) &&
      candidate.path.length === full.length &&
      candidate.path.every((segment, index) => segment === full[index]) &&
      builders.every((builder) => {
        const callee = unwrap(builder.callee);
        return callee.type === AST_NODE_TYPES.MemberExpression && candidate.builders.includes(propertyName(callee.property) ?? '');
      }),
  );
  return entry ? { entry, builders } : null;
}

/** The function of another project file a handler expression names, or null (an app, a package's value). */
function handlerOfAnotherFile(node: TSESTree.Node, context: ExtractContext): FunctionNode | null {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.Identifier && target.type !== AST_NODE_TYPES.MemberExpression) return null;
  return crossFileTarget(target, context.sourceCode)?.fn ?? null;
}

function toRoute(call: TSESTree.CallExpression, { entry, builders }: Found, names: ReadonlyMap<TSESTree.Node, string>, context: ExtractContext): Route | null {
  const args = call.arguments;
  const handlerNode = args.at(-1);
  if (!handlerNode || handlerNode.type === AST_NODE_TYPES.SpreadElement) return null;
  const fn = resolveHandler(handlerNode, context.scopeOf(handlerNode));
  // An app (`onRequest(app)`): the app's routes are its own. A function of another file of the
  // project (`functions.http('preview', handlers.preview)`, `require('./handlers').preview`) is the
  // handler, judged there.
  const elsewhere = fn ? null : handlerOfAnotherFile(handlerNode, context);
  if ((!fn && !elsewhere) || (fn && context.claimed.has(fn))) return null;
  let name: string | null;
  // Options in source order, so that a later one overrides an earlier one.
  const options: TSESTree.Node[] = [...builders].reverse().flatMap((builder) => builder.arguments.slice(0, 1));
  if (entry.name === 'export') {
    name = names.get(call) ?? null;
    if (args.length >= 2 && args[0]) options.push(args[0]);
  } else {
    const nameNode = args[entry.name];
    name = nameNode && nameNode !== handlerNode ? staticText(nameNode, context) : null;
  }
  const guards: RouteGuard[] = [];
  const invoker = invokerOf(options, context);
  if (invoker) guards.push({ kind: 'config', name: invokerOption.name, node: invoker, fn: null, level: 'route', verdict: 'authenticated' });
  claim(context, call, fn);
  const second = (fn ?? elsewhere)?.params[1];
  const style = entry.contextStyle !== undefined && second?.type === AST_NODE_TYPES.Identifier && parameterNames.context.test(second.name) ? entry.contextStyle : entry.style;
  return {
    framework: entry.framework,
    methods: [...entry.methods],
    path: name === null ? null : `/${name}`,
    reportNode: call,
    handler: { node: handlerNode, fn, style },
    guards,
    insertBefore: null,
    owner: null,
  };
}

/**
 * The `invoker` option that restricts who may call the function (`'private'`, service accounts),
 * from the last options object that sets it; null when none does, it is `public`, or its value
 * cannot be read (then nothing is assumed).
 */
function invokerOf(options: readonly TSESTree.Node[], context: ExtractContext): TSESTree.Property | null {
  let found: TSESTree.Property | null = null;
  for (const node of options) {
    const object = node.type === AST_NODE_TYPES.SpreadElement ? null : objectLiteral(node, context);
    const property = object ? propertyOf(object, invokerOption.name) : null;
    if (!property) continue;
    const values = invokerValues(property.value, context);
    const isPublic = values === null || values.length === 0 || values.some((value) => (invokerOption.publicValues as readonly string[]).includes(value));
    found = isPublic ? null : property;
  }
  return found;
}

/** The invoker value as strings (`'private'`, `['sa@x.iam.gserviceaccount.com']`), or null when not static. */
function invokerValues(node: TSESTree.Node, context: ExtractContext): string[] | null {
  const array = arrayLiteral(node, context);
  if (!array) {
    const value = staticText(constantValue(node, context), context);
    return value === null ? null : [value];
  }
  const values: string[] = [];
  for (const element of array.elements) {
    const value = element && element.type !== AST_NODE_TYPES.SpreadElement ? staticText(element, context) : null;
    if (value === null) return null;
    values.push(value);
  }
  return values;
}

/**
 * The name each exported value is deployed under: `export const deleteUser = …`,
 * `exports.deleteUser = …`, `module.exports = { deleteUser }`, `export { fn as deleteUser }`; a
 * group (`exports.users = { remove: … }`) deploys `users-remove`. Keyed by the exported value,
 * through constants.
 */
function exportedNames(context: ExtractContext): Map<TSESTree.Node, string> {
  const names = new Map<TSESTree.Node, string>();
  const visit = (node: TSESTree.Node, name: string, depth: number): void => {
    if (depth > 4) return;
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(context.scopeOf(target), target.name);
      const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
      if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id === definition.name && definition.node.init) {
        visit(definition.node.init, name, depth + 1);
      }
      return;
    }
    if (target.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of target.properties) {
        const key = property.type === AST_NODE_TYPES.Property && !property.computed ? propertyName(property.key) : null;
        if (property.type === AST_NODE_TYPES.Property && key !== null) visit(property.value, `${name}-${key}`, depth + 1);
      }
      return;
    }
    if (!names.has(target)) names.set(target, name);
  };
  const visitTop = (node: TSESTree.Node, name: string): void => {
    const target = unwrap(node);
    // `module.exports = { a, b }` exports `a` and `b`, not a group.
    if (target.type === AST_NODE_TYPES.ObjectExpression && name === '') {
      for (const property of target.properties) {
        const key = property.type === AST_NODE_TYPES.Property && !property.computed ? propertyName(property.key) : null;
        if (property.type === AST_NODE_TYPES.Property && key !== null) visit(property.value, key, 1);
      }
      return;
    }
    if (name !== '') visit(target, name, 0);
  };
  for (const statement of context.program.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && !statement.source) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) visitTop(declarator.init, declarator.id.name);
        }
      }
      for (const specifier of statement.specifiers) {
        const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : String(specifier.exported.value);
        if (specifier.local.type === AST_NODE_TYPES.Identifier) visitTop(specifier.local, exported);
      }
    }
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    let expression = unwrap(statement.expression);
    // `exports.a = exports.b = …` is rare; the innermost assignment names the value.
    while (expression.type === AST_NODE_TYPES.AssignmentExpression) {
      const name = exportTargetName(expression.left);
      if (name === null) break;
      visitTop(expression.right, name);
      expression = unwrap(expression.right);
    }
  }
  return names;
}

/** `exports.x` and `module.exports.x` → `x`; `module.exports` → `''`; anything else → null. */
function exportTargetName(node: TSESTree.Node): string | null {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed) return null;
  const property = propertyName(target.property);
  const object = unwrap(target.object);
  if (object.type === AST_NODE_TYPES.Identifier && object.name === 'module' && property === 'exports') return '';
  if (object.type === AST_NODE_TYPES.Identifier && object.name === 'exports') return property;
  if (exportTargetName(object) === '') return property;
  return null;
}
