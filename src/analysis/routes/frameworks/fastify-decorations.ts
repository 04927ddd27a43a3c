import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { nodesOfType, staticString, unwrap, scopeOf } from '../../../utils/ast.js';
import { candidateFiles } from '../../project/candidates.js';
import { projectIndexOf, type ProjectIndex } from '../../project/index.js';
import type { ProjectModule } from '../../project/parse.js';
import type { RouteGuard } from '../types.js';
import { methodCall } from './shared-ast.js';

/*
 * `fastify.authenticate` used as a hook in a route file is whatever a plugin of ANOTHER file stored
 * with `fastify.decorate('authenticate', fn)` (usually a `fastify-plugin` plugin, so that the
 * decorator reaches its siblings). The candidates are the project's files that import Fastify or a
 * Fastify package, outside tests; each is parsed only when a route file asks, and its decorations are
 * read once per parsed version.
 */

/** Where a decorator is defined: the stored value, with its file's scope lookup. */
export type DecorationSite = NonNullable<RouteGuard['declaredIn']>;

/** Files visited per question: a project with more Fastify files than this is searched partly. */
const MAX_CANDIDATES = 200;
const isFastifySpecifier = (specifier: string): boolean =>
  specifier === 'fastify' || specifier === 'fastify-plugin' || specifier.startsWith('@fastify/');

/** The project's files that import Fastify or a Fastify package, outside tests. */
function fastifyFiles(index: ProjectIndex): string[] {
  return candidateFiles(index, 'fastify', (file) => index.importsOf(file).some((imported) => isFastifySpecifier(imported.specifier)), MAX_CANDIDATES);
}

/** `decorate('name', value)` calls of one parsed file, by name; kept while its parse is. */
const decorationsByProgram = new WeakMap<TSESTree.Program, Map<string, TSESTree.Node[]>>();

function decorationsOf(module: ProjectModule): Map<string, TSESTree.Node[]> {
  let found = decorationsByProgram.get(module.program);
  if (found) return found;
  found = new Map();
  for (const call of nodesOfType(module.program, AST_NODE_TYPES.CallExpression)) {
    const parsed = methodCall(call);
    if (parsed?.method !== 'decorate') continue;
    const [name, value] = call.arguments;
    if (!name || !value || value.type === AST_NODE_TYPES.SpreadElement) continue;
    const key = staticString(name, scopeOf(module.sourceCode, name));
    if (key === null) continue;
    let list = found.get(key);
    if (!list) found.set(key, (list = []));
    list.push(unwrap(value));
  }
  decorationsByProgram.set(module.program, found);
  return found;
}

/**
 * The one definition of the instance decorator `name` in the other Fastify files of the linted
 * file's project, or null: not on disk, not found, or defined more than once (which of them a
 * route sees depends on registration order, so none is taken).
 */
export function projectDecoration(filename: string, name: string): DecorationSite | null {
  const index = projectIndexOf(filename);
  if (index === null) return null;
  const linted = path.resolve(filename);
  let site: DecorationSite | null = null;
  for (const file of fastifyFiles(index)) {
    if (file === linted) continue;
    const module = index.module(file);
    if (module === null) continue;
    for (const value of decorationsOf(module).get(name) ?? []) {
      if (site !== null) return null;
      site = { node: value, scopeOf: (node) => scopeOf(module.sourceCode, node), file };
    }
  }
  return site;
}
