/**
 * Calls that read a property path of an object (`get(req, 'query.next')`, see
 * `propertyPathReaders`): the object, the member names read in turn, and the default value.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { propertyPathReaders } from '../../models/sanitizers.js';
import { scopeOf, staticString } from '../../utils/ast.js';
import { matchSteps, originOf, parsePath, sameModule } from './access-path.js';

/** A property path read: `object` and the `keys` read from it in turn; `fallback` is returned when it is undefined. */
export interface PathRead {
  object: TSESTree.Node;
  keys: readonly string[];
  fallback: TSESTree.Node | null;
}

/**
 * `call` as a read of a property path, or null when it is not a call of one of
 * `propertyPathReaders` or its path is not written in the code (a key the request chooses reads
 * any field, which this does not model).
 */
export function pathRead(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): PathRead | null {
  const [object, path, fallback] = call.arguments;
  if (!object || !path || object.type === AST_NODE_TYPES.SpreadElement || path.type === AST_NODE_TYPES.SpreadElement) return null;
  const origin = originOf(call.callee, sourceCode);
  if (!origin || !propertyPathReaders.some((model) => sameModule(model.module, origin.module) && matchSteps(parsePath(model.path).tokens, origin.steps))) return null;
  const keys = pathKeys(path, sourceCode);
  if (keys === null || keys.length === 0) return null;
  return { object, keys, fallback: fallback && fallback.type !== AST_NODE_TYPES.SpreadElement ? fallback : null };
}

/** `'query.next'`, `'items[0].id'`, `['query', 'next']`: the keys in turn; null when one is not static. */
function pathKeys(path: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string[] | null {
  const text = (node: TSESTree.Node): string | null => {
    if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'number') return String(node.value);
    return staticString(node, scopeOf(sourceCode, node));
  };
  if (path.type === AST_NODE_TYPES.ArrayExpression) {
    const keys: string[] = [];
    for (const element of path.elements) {
      const key = element && element.type !== AST_NODE_TYPES.SpreadElement ? text(element) : null;
      if (key === null) return null;
      keys.push(key);
    }
    return keys;
  }
  const written = text(path);
  if (written === null) return null;
  // lodash reads `a[0].b` and `a["b"]` as `a.0.b` and `a.b`.
  return written
    .split(/[.[\]]/u)
    .map((key) => key.replace(/^(["'])(.*)\1$/u, '$2'))
    .filter((key) => key !== '');
}
