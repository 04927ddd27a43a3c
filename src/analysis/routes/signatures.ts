import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { cryptoModules, signatureLibraryCalls } from '../../models/auth.js';
import { dottedName, enclosingFunction, isFunction, unwrap, walk, type FunctionNode } from '../../utils/ast.js';

/*
 * Whether a function of the project verifies a webhook's signature, judged by its definition, not
 * its name: it computes an HMAC (`createHmac` of Node's crypto, `crypto.subtle.sign` of WebCrypto)
 * and compares it (`timingSafeEqual`, `===`), or has WebCrypto verify one, or calls a webhook SDK
 * that verifies (`signatureLibraryCalls`), and what it finds decides what it returns or throws.
 * A helper that only checks that the header is there, or compares it with a constant, is none.
 */

/** The package export a call runs (`{ module: 'node:crypto', path: 'createHmac' }`), or null. */
export type LibraryCallOf = (call: TSESTree.CallExpression) => { module: string; path: string } | null;

export interface SignatureVerifier {
  /** What verifies in it: `createHmac` compared with `timingSafeEqual`, `stripe webhooks.constructEvent`. */
  by: string;
  /**
   * A bad signature makes it throw, or answer the request with a client error itself: a call of it
   * that takes effect turns the request away. Otherwise it answers false, and only a caller that
   * tests the answer and rejects is authenticated.
   */
  throws: boolean;
}

const verifiers = new WeakMap<FunctionNode, SignatureVerifier | null>();

/** Whether a branch turns the request away (a 4xx answer, `next(err)`); throws are seen here. */
export type RejectsBranch = (branch: TSESTree.Node) => boolean;

/**
 * See the file comment; memoized per function node (a re-parsed file has new nodes). `rejects` is
 * the judge's reading of a branch that answers the request itself (`res.status(401).end()`).
 */
export function signatureVerifier(fn: FunctionNode, libraryCall: LibraryCallOf, rejects: RejectsBranch): SignatureVerifier | null {
  if (verifiers.has(fn)) return verifiers.get(fn) ?? null;
  const verified = judgeVerifier(fn, libraryCall, rejects);
  // `if (!signature) return true;` before the comparison: a delivery without a signature passes.
  const result = verified !== null && !verified.throws && answersYesOutright(fn) ? null : verified;
  verifiers.set(fn, result);
  return result;
}

/** Whether a function answers `true` (a literal) by a `return` of its own: a yes that verified nothing. */
function answersYesOutright(fn: FunctionNode): boolean {
  let yes = false;
  walk(fn.body, (node) => {
    if (yes || (node !== fn.body && isFunction(node))) return 'skip';
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) {
      const value = unwrap(node.argument);
      if (value.type === AST_NODE_TYPES.Literal && value.value === true) yes = true;
    }
    return undefined;
  });
  return yes;
}

/** A webhook SDK call that verifies a signature (see `signatureLibraryCalls`), or null. */
export function signatureLibraryCall(call: TSESTree.CallExpression, libraryCall: LibraryCallOf): { by: string; throws: boolean } | null {
  const target = libraryCall(call);
  if (target === null) return null;
  const entry = signatureLibraryCalls.find((candidate) => candidate.module === target.module && candidate.path === target.path);
  return entry ? { by: `${entry.module} ${entry.path}`, throws: entry.failure === 'throws' } : null;
}

function isCrypto(call: TSESTree.CallExpression, libraryCall: LibraryCallOf, member: string): boolean {
  const target = libraryCall(call);
  return target !== null && cryptoModules.includes(target.module) && target.path === member;
}

/** `crypto.subtle.sign(…)` / `crypto.subtle.verify(…)` of the global WebCrypto (edge runtimes, Workers, Bun). */
function isWebCrypto(call: TSESTree.CallExpression, libraryCall: LibraryCallOf, method: 'sign' | 'verify'): boolean {
  const name = dottedName(call.callee);
  return libraryCall(call) === null && (name === `crypto.subtle.${method}` || name === `globalThis.crypto.subtle.${method}`);
}

function judgeVerifier(fn: FunctionNode, libraryCall: LibraryCallOf, rejects: RejectsBranch): SignatureVerifier | null {
  // Variables that hold a computed HMAC (`const expected = createHmac(…).update(…).digest('hex')`).
  const digests = new Set<string>();
  const computesDigest = (node: TSESTree.Node): boolean => {
    let hit = false;
    walk(node, (inner) => {
      if (hit) return 'skip';
      if (inner.type === AST_NODE_TYPES.Identifier && digests.has(inner.name)) hit = true;
      if (inner.type === AST_NODE_TYPES.CallExpression && (isCrypto(inner, libraryCall, 'createHmac') || isWebCrypto(inner, libraryCall, 'sign'))) hit = true;
      return undefined;
    });
    return hit;
  };
  let found: SignatureVerifier | null = null;
  // Source order: a digest is declared before it is compared.
  walk(fn.body, (node) => {
    if (found !== null) return 'skip';
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init && node.id.type === AST_NODE_TYPES.Identifier && computesDigest(node.init)) {
      digests.add(node.id.name);
    }
    let comparison: string | null = null;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const library = signatureLibraryCall(node, libraryCall);
      // A throw that escapes decides wherever the call stands; a boolean answer must be used.
      const escapes = library !== null && library.throws && !swallowed(node, fn);
      if (library !== null && (escapes || decides(node, fn))) {
        found = { by: library.by, throws: escapes };
        return 'skip';
      }
      if (isCrypto(node, libraryCall, 'timingSafeEqual') && node.arguments.some(computesDigest)) comparison = '`createHmac` compared with `timingSafeEqual`';
      if (isWebCrypto(node, libraryCall, 'verify')) comparison = '`crypto.subtle.verify`';
    }
    if (node.type === AST_NODE_TYPES.BinaryExpression && ['===', '!==', '==', '!='].includes(node.operator) && node.left.type !== AST_NODE_TYPES.PrivateIdentifier) {
      // The digest itself on one side (`expected === signature`), not a part of it (`expected.length`).
      const isDigest = (side: TSESTree.Node): boolean => {
        const target = unwrap(side);
        return (target.type === AST_NODE_TYPES.Identifier && digests.has(target.name)) || (target.type === AST_NODE_TYPES.CallExpression && computesDigest(target));
      };
      const [digest, other] = isDigest(node.left) ? [node.left, node.right] : [node.right, node.left];
      if (isDigest(digest) && !computesDigest(other) && unwrap(other).type !== AST_NODE_TYPES.Literal) comparison = '`createHmac` compared';
    }
    if (comparison !== null && decides(node, fn)) {
      found = { by: comparison, throws: rejectsOnMismatch(node, fn, rejects) };
      return 'skip';
    }
    return undefined;
  });
  return found;
}

/**
 * Whether a check's outcome leaves the function: it is returned (`return timingSafeEqual(…)`), tested
 * by an `if` or a `? :`, or kept in a variable that is. A comparison made and dropped decides nothing.
 */
function decides(check: TSESTree.Node, fn: FunctionNode): boolean {
  let child: TSESTree.Node = check;
  let current = check.parent;
  while (current && current !== fn) {
    // A callback's answer feeds the call it is given to (`signatures.some((s) => timingSafeEqual(…))`).
    if (current.type === AST_NODE_TYPES.ReturnStatement || (current.type === AST_NODE_TYPES.ArrowFunctionExpression && current.body === child)) {
      const owner = current.type === AST_NODE_TYPES.ReturnStatement ? enclosingFunction(current) : current;
      if (owner === null || owner === fn) return true;
      child = owner;
      current = owner.parent;
      continue;
    }
    if (isFunction(current)) return false;
    if ((current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression) && current.test === child) return true;
    if (current.type === AST_NODE_TYPES.ExpressionStatement) return false;
    if (current.type === AST_NODE_TYPES.VariableDeclarator) {
      return current.id.type === AST_NODE_TYPES.Identifier && isTestedOrReturned(current.id.name, fn);
    }
    child = current;
    current = current.parent;
  }
  // The expression body of an arrow function: `(raw, sig) => timingSafeEqual(…)`.
  return child === fn.body && fn.body.type !== AST_NODE_TYPES.BlockStatement;
}

/** Whether `name` is read in a `return` or in the test of an `if` / `? :` of `fn`. */
function isTestedOrReturned(name: string, fn: FunctionNode): boolean {
  let hit = false;
  walk(fn.body, (node) => {
    if (hit) return 'skip';
    const read =
      node.type === AST_NODE_TYPES.ReturnStatement ? node.argument
        : node.type === AST_NODE_TYPES.IfStatement || node.type === AST_NODE_TYPES.ConditionalExpression ? node.test
          : null;
    if (read) {
      walk(read, (inner) => {
        if (inner.type === AST_NODE_TYPES.Identifier && inner.name === name) hit = true;
      });
    }
    return undefined;
  });
  return hit;
}

/**
 * A comparison whose `if` throws or answers the request in a branch: `if (!timingSafeEqual(a, b))
 * throw new Error(…)`, `… return res.status(401).end()`.
 */
function rejectsOnMismatch(check: TSESTree.Node, fn: FunctionNode, rejects: RejectsBranch): boolean {
  let child: TSESTree.Node = check;
  for (let current = check.parent; current && current !== fn && !isFunction(current); child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement && current.test === child) {
      return [current.consequent, current.alternate].some((branch) => branch != null && (containsThrow(branch) || rejects(branch)));
    }
  }
  return false;
}

function containsThrow(branch: TSESTree.Node): boolean {
  let hit = false;
  walk(branch, (node) => {
    if (hit || isFunction(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.ThrowStatement) hit = true;
    return undefined;
  });
  return hit;
}

/** Inside a `try` whose `catch` does not throw again: the failure becomes an answer, not a throw. */
function swallowed(call: TSESTree.Node, fn: FunctionNode): boolean {
  let child: TSESTree.Node = call;
  for (let current = call.parent; current && current !== fn && !isFunction(current); child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.TryStatement && current.block === child && current.handler && !containsThrow(current.handler.body)) return true;
  }
  return false;
}
