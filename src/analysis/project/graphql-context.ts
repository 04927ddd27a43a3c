import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { findVariable } from '@typescript-eslint/utils/ast-utils';
import { graphqlContextOptions, graphqlServerModules } from '../../models/frameworks/graphql.js';
import { nodesOfType, propertyName, unwrap, type FunctionNode, scopeOf } from '../../utils/ast.js';
import { candidateFiles } from './candidates.js';
import { recordAll, recordingDependencies, type Dependencies } from './dependencies.js';
import { projectIndexOf, type ProjectIndex } from './index.js';
import type { ProjectModule } from './parse.js';

/*
 * The GraphQL context as resolvers receive it: `(parent, args, context, info)`, with the services and
 * data sources a server's `context` option builds for every request (`context: async ({ req }) =>
 * ({ user, services: { products: new ProductService() } })`, Apollo Server 3's separate
 * `dataSources: () => ({ images: new ImageSource() })`). Read from the one server of the project that
 * builds a context (two or more: which one serves a resolver is not known here, so none is taken).
 */

/** A value the context holds, and the file it is written in. */
export interface ContextValue {
  node: TSESTree.Node;
  file: string;
}

/** Server files read per project: a project with more GraphQL server files than this is searched partly. */
const MAX_SERVER_FILES = 50;

interface ContextSite {
  /** The object the context function returns. */
  context: TSESTree.ObjectExpression;
  /** The object Apollo Server 3's `dataSources` option returns, beside it. */
  dataSources: TSESTree.ObjectExpression | null;
  file: string;
}

/** The context builders of one parsed file. */
const sitesByProgram = new WeakMap<TSESTree.Program, ContextSite[]>();
/** The project's one context builder, per index version. */
const projectSites = new WeakMap<ProjectIndex, { generation: number; site: ContextSite | null; dependencies: Dependencies }>();
/** The `dataSources` object beside each context object. */
const dataSourcesByContext = new WeakMap<TSESTree.Node, ContextValue>();

const isServerSpecifier = (specifier: string): boolean => graphqlServerModules.some((module) => specifier === module || specifier.startsWith(`${module}/`));

/**
 * What the parameter `name` of `fn` holds when `fn` is a resolver and the parameter its context
 * (`(parent, args, ctx)`) or a member destructured from it (`(parent, args, { services })`): the
 * context object, or that member of it. Null when `fn` is not shaped as a resolver, or the project
 * does not build one context.
 */
export function graphqlContextValue(fn: TSESTree.Node, name: TSESTree.Identifier, file: string): ContextValue | null {
  if (!isFunction(fn) || fn.params.length < 3 || fn.params.length > 4) return null;
  const param = fn.params[2];
  const pattern = param?.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  let key: string | null = null;
  if (pattern === name) key = '';
  else if (pattern?.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of pattern.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
      const local = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (local === name) key = propertyName(property.key);
    }
  }
  if (key === null) return null;
  const index = projectIndexOf(file);
  const site = index ? projectContext(index) : null;
  if (!site) return null;
  if (key === '') return { node: site.context, file: site.file };
  return memberOfContext(site.context, key, site.file) ?? (key === 'dataSources' && site.dataSources ? { node: site.dataSources, file: site.file } : null);
}

/** `ctx.dataSources` read from a context object that has no such member, under Apollo Server 3: the `dataSources` option's object. */
export function contextDataSources(holder: TSESTree.Node, name: string): ContextValue | null {
  return name === 'dataSources' ? (dataSourcesByContext.get(holder) ?? null) : null;
}

function memberOfContext(context: TSESTree.ObjectExpression, key: string, file: string): ContextValue | null {
  for (const property of context.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.kind !== 'init' || propertyName(property.key) !== key) continue;
    return { node: unwrap(property.value), file };
  }
  return null;
}

function projectContext(index: ProjectIndex): ContextSite | null {
  const generation = index.generation();
  const kept = projectSites.get(index);
  if (kept?.generation === generation) {
    // A later question reusing the answer depends on the server files it read.
    recordAll(kept.dependencies);
    return kept.site;
  }
  const { value, dependencies } = recordingDependencies(() => {
    let site: ContextSite | null = null;
    let count = 0;
    for (const file of candidateFiles(index, 'graphql-servers', (candidate) => index.importsOf(candidate).some((entry) => isServerSpecifier(entry.specifier)), MAX_SERVER_FILES)) {
      const module = index.module(file);
      for (const found of module ? sitesOf(module, file) : []) {
        site = found;
        count++;
      }
    }
    return count === 1 ? site : null;
  });
  projectSites.set(index, { generation, site: value, dependencies });
  return value;
}

/** `{ context: fn }` given to a call or a `new` (a server, a middleware, a plugin's options), with the object `fn` returns. */
function sitesOf(module: ProjectModule, file: string): ContextSite[] {
  let sites = sitesByProgram.get(module.program);
  if (sites) return sites;
  sites = [];
  for (const options of nodesOfType(module.program, AST_NODE_TYPES.ObjectExpression)) {
    const parent = options.parent;
    if (parent.type !== AST_NODE_TYPES.CallExpression && parent.type !== AST_NODE_TYPES.NewExpression) continue;
    let context: TSESTree.ObjectExpression | null = null;
    let dataSources: TSESTree.ObjectExpression | null = null;
    for (const property of options.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
      const key = propertyName(property.key);
      const option = key === null ? undefined : graphqlContextOptions[key];
      if (option === undefined) continue;
      const returned = returnedObject(module, property.value);
      if (option === 'context') context = returned;
      else dataSources = returned;
    }
    if (!context) continue;
    if (dataSources) dataSourcesByContext.set(context, { node: dataSources, file });
    sites.push({ context, dataSources, file });
  }
  sitesByProgram.set(module.program, sites);
  return sites;
}

/** The object literal a function returns (its expression body, or its last top-level `return`), the function written there or named. */
function returnedObject(module: ProjectModule, value: TSESTree.Node): TSESTree.ObjectExpression | null {
  let fn: TSESTree.Node | null = unwrap(value);
  if (fn.type === AST_NODE_TYPES.Identifier) {
    const definition = findVariable(scopeOf(module.sourceCode, fn), fn.name)?.defs[0];
    fn = definition?.type === 'FunctionName' ? definition.node : definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init ? unwrap(definition.node.init) : null;
  }
  if (!fn || !isFunction(fn)) return null;
  let returned: TSESTree.Node | null = null;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) returned = unwrap(fn.body);
  else for (const statement of fn.body.body) if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument) returned = unwrap(statement.argument);
  return returned?.type === AST_NODE_TYPES.ObjectExpression ? returned : null;
}

function isFunction(node: TSESTree.Node): node is FunctionNode {
  return node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.ArrowFunctionExpression;
}
