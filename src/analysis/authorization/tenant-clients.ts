/**
 * Tenant-scoped clients and repositories: a record access that runs on a client a helper of the
 * application made (`const db = forTenant(req.user.orgId); db.order.findFirst({ where: { id } })`,
 * `withTenant(orgId, (tx) => tx.order.findUnique(...))`, `scoped(req)('orders').where({ id })`,
 * a client extended in place with `prisma.$extends({ query: ... })`) is tied to the caller when the
 * helper's definition, in view, adds an owner or tenant condition to its queries, or sets Postgres
 * row-level security, bound to a value the client does not choose. Judged by the definition, never
 * by the helper's name; a helper whose definition is out of view is not judged.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { rowLevelSecurityText, tenantScoping } from '../../models/ownership.js';
import { dottedName, findVariable, type FunctionNode, isFunction, patternNames, propertyName, singleDefinition, unwrap, walk } from '../../utils/ast.js';

/** How a tenant helper ties the client it makes to the caller. */
export interface TenantScope {
  /**
   * `scoped`: it adds an owner or tenant condition bound to a value the client does not choose;
   * `policy`: it sets row-level security so; `client`: it does either with a value the client
   * chooses (`forTenant(req.params.orgId)`), which ties nothing to the caller.
   */
  kind: 'scoped' | 'policy' | 'client';
  by: string;
}

export interface TenantScopeQuestions {
  scopeOf: (node: TSESTree.Node) => TSESLint.Scope.Scope;
  /** The function a call runs, in this file or another project file, or null when out of view. */
  definition: (call: TSESTree.CallExpression) => FunctionNode | null;
  /** Whether a value of the linted file carries request input (the taint engine's answer). */
  clientInput: (node: TSESTree.Node) => boolean;
  isOwnerField: (field: string) => boolean;
  /** Members of a request that are its input (`params`, `query`, `body`, …), read syntactically in a helper. */
  requestMembers: ReadonlySet<string>;
}

/** One filter condition or row-level security setting a helper makes. */
interface Scoping {
  /** The field of a filter condition; null for a row-level security setting. */
  field: string | null;
  /** The value the condition or setting binds (for a setting, the call or tagged template that makes it). */
  value: TSESTree.Node;
}

const FILTER_PROPERTIES = new Set<string>(tenantScoping.filterProperties);
const FILTER_METHODS = new Set<string>(tenantScoping.filterMethods);
const EXTENSIONS = new Set<string>(tenantScoping.extensions);

const scopingCache = new WeakMap<TSESTree.Node, readonly Scoping[]>();

/** The candidate helper calls that made the client an access runs on, nearest first. */
function helperCalls(access: TSESTree.CallExpression, scopeOf: (node: TSESTree.Node) => TSESLint.Scope.Scope): { call: TSESTree.CallExpression; callback: TSESTree.Node | null }[] {
  const found: { call: TSESTree.CallExpression; callback: TSESTree.Node | null }[] = [];
  let node = unwrap(access.callee);
  for (let steps = 0; steps < 40; steps++) {
    if (node.type === AST_NODE_TYPES.MemberExpression) node = unwrap(node.object);
    else if (node.type === AST_NODE_TYPES.CallExpression) {
      found.push({ call: node, callback: null });
      node = unwrap(node.callee);
    } else if (node.type === AST_NODE_TYPES.AwaitExpression) node = unwrap(node.argument);
    else break;
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return found;
  const variable = findVariable(scopeOf(node), node.name);
  const definition = variable ? singleDefinition(variable) : null;
  if (definition?.type === 'Variable' && definition.node.init && definition.node.id.type === AST_NODE_TYPES.Identifier) {
    // `const db = await forTenant(orgId)`, `const db = getTenantClient(req)`.
    let init = unwrap(definition.node.init);
    if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrap(init.argument);
    if (init.type === AST_NODE_TYPES.CallExpression) found.push({ call: init, callback: null });
  } else if (definition?.type === 'Parameter' && isFunction(definition.node)) {
    // `withTenant(orgId, (tx) => tx.order.findUnique(...))`: the client handed to a callback.
    const fn = definition.node;
    const parent = fn.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) found.push({ call: parent, callback: fn });
  }
  return found;
}

/** The filter conditions and row-level security settings under a definition, read once per node. */
function scopingsOf(root: TSESTree.Node): readonly Scoping[] {
  const cached = scopingCache.get(root);
  if (cached) return cached;
  const found: Scoping[] = [];
  walk(root, (node) => {
    if (node.type === AST_NODE_TYPES.ObjectExpression && inFilterPosition(node)) {
      for (const property of node.properties) {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
        const field = propertyName(property.key);
        const value = unwrap(property.value);
        if (field !== null && value.type !== AST_NODE_TYPES.Literal && value.type !== AST_NODE_TYPES.ObjectExpression) found.push({ field, value });
      }
    }
    if (node.type === AST_NODE_TYPES.CallExpression) {
      // knex: `.where('org_id', orgId)`, `.where('org_id', '=', orgId)`.
      const callee = unwrap(node.callee);
      const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
      const [column, second, third] = node.arguments.map((argument) => unwrap(argument));
      if (method !== null && FILTER_METHODS.has(method) && column?.type === AST_NODE_TYPES.Literal && typeof column.value === 'string' && second) {
        const value = third && second.type === AST_NODE_TYPES.Literal && second.value === '=' ? third : node.arguments.length === 2 ? second : null;
        if (value && value.type !== AST_NODE_TYPES.Literal) found.push({ field: column.value.split('.').at(-1) ?? column.value, value });
      }
    }
    const text = node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' ? node.value : node.type === AST_NODE_TYPES.TemplateLiteral ? node.quasis.map((quasi) => quasi.value.cooked).join('?') : null;
    if (text !== null && rowLevelSecurityText.test(text)) {
      // The setting's values: the call or tagged template around the text (`tx.$executeRaw\`… ${orgId}\``, `client.query(text, [orgId])`).
      const parent = node.parent;
      const holder = parent?.type === AST_NODE_TYPES.TaggedTemplateExpression || parent?.type === AST_NODE_TYPES.CallExpression ? parent : node;
      found.push({ field: null, value: holder });
    }
    return undefined;
  });
  scopingCache.set(root, found);
  return found;
}

/**
 * Whether an object is a filter: the value of a `where` property, assigned to a `where` member
 * (`args.where = { ...args.where, tenantId }`), or given to `.where(...)`, also when it sits inside
 * another object or array there (`where: { AND: [{ tenantId }] }`).
 */
function inFilterPosition(object: TSESTree.ObjectExpression): boolean {
  let child: TSESTree.Node = object;
  for (let node: TSESTree.Node | undefined = object.parent, steps = 0; node && steps < 6; child = node, node = node.parent, steps++) {
    if (node.type === AST_NODE_TYPES.Property && node.value === child) {
      if (!node.computed && FILTER_PROPERTIES.has(propertyName(node.key) ?? '')) return true;
      continue;
    }
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.right === child) {
      return node.left.type === AST_NODE_TYPES.MemberExpression && FILTER_PROPERTIES.has(propertyName(node.left.property) ?? '');
    }
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(node.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression && FILTER_METHODS.has(propertyName(callee.property) ?? '') && node.arguments.includes(child as TSESTree.CallExpressionArgument);
    }
    if (node.type !== AST_NODE_TYPES.ObjectExpression && node.type !== AST_NODE_TYPES.ArrayExpression && node.type !== AST_NODE_TYPES.SpreadElement) return false;
  }
  return false;
}

/**
 * Whether the value a scoping binds is the client's: it reads a request input member
 * (`req.params.orgId`, `request.headers[...]`), or a parameter of the helper whose argument at
 * this call carries request input.
 */
function bindsClientValue(scoping: Scoping, fn: FunctionNode | null, call: TSESTree.CallExpression, callback: TSESTree.Node | null, questions: TenantScopeQuestions): boolean {
  let client = false;
  const params = new Map<string, number>();
  if (fn) fn.params.forEach((param, index) => patternNames(param).forEach((name) => params.set(name, index)));
  walk(scoping.value, (node) => {
    if (client) return 'skip';
    if (node.type === AST_NODE_TYPES.MemberExpression && questions.requestMembers.has(propertyName(node.property) ?? '') && node.object.type !== AST_NODE_TYPES.ThisExpression) {
      client = true;
      return 'skip';
    }
    if (node.type !== AST_NODE_TYPES.Identifier || !params.has(node.name)) return undefined;
    const parent = node.parent;
    if ((parent.type === AST_NODE_TYPES.MemberExpression && parent.property === node && !parent.computed) || (parent.type === AST_NODE_TYPES.Property && parent.key === node && parent.value !== node)) return undefined;
    // A member of the parameter (`req.user.orgId`) is judged by its path above; the parameter itself by what this call gives it.
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) return undefined;
    const argument = call.arguments[params.get(node.name) ?? -1];
    if (argument && argument !== callback && argument.type !== AST_NODE_TYPES.SpreadElement && questions.clientInput(argument)) client = true;
    return undefined;
  });
  return client;
}

/**
 * How the client an access runs on is tied to the caller by the helper that made it, or null when
 * no such helper is in view or its definition adds no owner or tenant condition and sets no
 * row-level security.
 */
export function tenantScope(access: TSESTree.CallExpression, questions: TenantScopeQuestions): TenantScope | null {
  for (const { call, callback } of helperCalls(access, questions.scopeOf)) {
    const callee = unwrap(call.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
    const extension = method !== null && EXTENSIONS.has(method) ? call.arguments[0] : undefined;
    const fn = extension ? null : questions.definition(call);
    const root = extension ?? fn;
    if (!root) continue;
    const scopings = scopingsOf(root).filter((scoping) => scoping.field === null || questions.isOwnerField(scoping.field));
    if (scopings.length === 0) continue;
    const name = dottedName(callee) ?? 'the helper';
    const line = String(call.loc.start.line);
    const client = scopings.find((scoping) => bindsClientValue(scoping, fn, call, callback, questions));
    if (client) return { kind: 'client', by: `\`${name}\` (line ${line}) with a value the client chooses` };
    const filter = scopings.find((scoping) => scoping.field !== null);
    if (filter) return { kind: 'scoped', by: `the client of \`${name}\` (line ${line}), which adds \`${filter.field ?? ''}\`` };
    return { kind: 'policy', by: `row-level security set by \`${name}\` (line ${line})` };
  }
  return null;
}
