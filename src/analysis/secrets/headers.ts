import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { credentialHeaders, headerClasses, headerSetters, requestCredentialHeaders, requestHeaderProperties } from '../../models/secrets.js';
import { propertyKeyName } from './context.js';
import { usesOf } from './bindings.js';
import { walk } from '../../utils/ast.js';

/*
 * The credential headers of a file: where a string becomes the `Authorization` (or `X-API-Key`, …)
 * header a request sends. A credential sent to another service is proven secret by how it is sent,
 * whatever its shape (a key one character short of its provider's format included). The reader is
 * structural, so it holds for every HTTP client: a header object is the `headers` option of a call
 * (fetch, node-fetch, undici, axios and `axios.create`, got, `http.request`), a `new Headers(…)`, the
 * object given to a header setter (`.set({ … })`), or what is assigned to a `headers` member
 * (`api.defaults.headers.common = { … }`); a single header is also set by `.set(name, value)`
 * (superagent, `Headers`, `res.set`) or assigned (`api.defaults.headers.common['X-API-Key'] = …`).
 */

/** A credential header and the expression that gives it its value. */
export interface HeaderSlot {
  /** The header as written: `Authorization`, `x-api-key`. */
  readonly header: string;
  /** The expression the header is set to. */
  readonly value: TSESTree.Node;
  /**
   * What sends it, when the code shows it: the callee of the request (`axios.post`, `fetch`), the
   * setter (`req.set`), the headers object assigned to (`api.defaults.headers.common`).
   */
  readonly sender: TSESTree.Node | undefined;
}

/** `Authorization` and `Proxy-Authorization` carry a credential wherever an object literal has them. */
const ANYWHERE = new Set(credentialHeaders.map((header) => header.toLowerCase()));
/** The other credential headers (`X-API-Key`, `apikey`, …) only in a header object. */
const IN_HEADERS = new Set(requestCredentialHeaders.map((header) => header.toLowerCase()));
const HEADER_PROPERTIES = new Set(requestHeaderProperties.map((name) => name.toLowerCase()));
const HEADER_CLASSES = new Set(headerClasses);
const SETTERS = new Set(headerSetters);
/** The `const` hops followed from a header or options object to where it is used. */
const MAX_HOPS = 2;
/** The members climbed from an assigned header to its `headers` object (`a.defaults.headers.common.X`). */
const MAX_MEMBERS = 4;

/** A header object: it holds headers, and may show what sends them. */
interface Container {
  readonly sender: TSESTree.Node | undefined;
}

function outerHolder(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.parent?.type === AST_NODE_TYPES.TSAsExpression ||
    current.parent?.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.parent?.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.parent?.type === AST_NODE_TYPES.AwaitExpression
  ) {
    current = current.parent;
  }
  return current;
}

function isHeadersProperty(name: string | null | undefined): boolean {
  return name !== null && name !== undefined && HEADER_PROPERTIES.has(name.toLowerCase());
}

/** Whether a member expression goes through a `headers` member (`api.defaults.headers.common`). */
function throughHeaders(node: TSESTree.Node): boolean {
  let current = node;
  for (let depth = 0; depth < MAX_MEMBERS && current.type === AST_NODE_TYPES.MemberExpression; depth++) {
    if (isHeadersProperty(ASTUtils.getPropertyName(current))) return true;
    current = current.object;
  }
  return false;
}

/** Whether a setter may name a header: `set` and `append` also belong to maps and form data, where only a header-shaped name says a header. */
function setterHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return ANYWHERE.has(lower) || (IN_HEADERS.has(lower) && lower.includes('-'));
}

/** `request.post(url).set(…)` (superagent): the request is the call the setter is chained on; else the setter (`res.set`). */
function setterSender(callee: TSESTree.MemberExpression): TSESTree.Node {
  return callee.object.type === AST_NODE_TYPES.CallExpression ? callee.object.callee : callee;
}

/** The header slots of a file, read once per parse. */
export function findHeaderSlots(sourceCode: Readonly<TSESLint.SourceCode>): HeaderSlot[] {
  const containers = new Map<TSESTree.Node, Container | undefined>();

  /** What calls take this options object (`fetch(url, options)`), followed through a `const`. */
  const senderOfOptions = (node: TSESTree.Node, hops: number): TSESTree.Node | undefined => {
    const holder = outerHolder(node);
    const parent = holder.parent;
    if ((parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(holder as TSESTree.Expression)) {
      return parent.callee;
    }
    if (parent?.type === AST_NODE_TYPES.SpreadElement && parent.parent.type === AST_NODE_TYPES.ObjectExpression) return senderOfOptions(parent.parent, hops);
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && hops < MAX_HOPS) {
      for (const use of usesOf(sourceCode, holder).slice(1)) {
        const sender = senderOfOptions(use, hops + 1);
        if (sender !== undefined) return sender;
      }
    }
    return undefined;
  };

  /** Whether the value of `node` is a header object, and what sends it. */
  const containerOf = (node: TSESTree.Node, hops: number): Container | undefined => {
    const holder = outerHolder(node);
    const parent = holder.parent;
    switch (parent?.type) {
      case AST_NODE_TYPES.Property:
        if (parent.value !== holder || parent.parent.type !== AST_NODE_TYPES.ObjectExpression || !isHeadersProperty(propertyKeyName(parent))) return undefined;
        return { sender: senderOfOptions(parent.parent, 0) };
      case AST_NODE_TYPES.SpreadElement:
        // `headers: { ...baseHeaders, Accept }`: the spread object's headers are sent too.
        return parent.parent.type === AST_NODE_TYPES.ObjectExpression ? containerOf(parent.parent, hops) : undefined;
      case AST_NODE_TYPES.NewExpression:
        if (parent.callee.type !== AST_NODE_TYPES.Identifier || !HEADER_CLASSES.has(parent.callee.name) || parent.arguments[0] !== holder) return undefined;
        return containerOf(parent, hops) ?? { sender: undefined };
      case AST_NODE_TYPES.CallExpression: {
        const callee = parent.callee;
        if (parent.arguments[0] !== holder || callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
        const method = ASTUtils.getPropertyName(callee);
        return method !== null && SETTERS.has(method) ? { sender: setterSender(callee) } : undefined;
      }
      case AST_NODE_TYPES.VariableDeclarator:
        if (hops >= MAX_HOPS) return undefined;
        for (const use of usesOf(sourceCode, holder).slice(1)) {
          const found = containerOf(use, hops + 1);
          if (found !== undefined) return found;
        }
        return undefined;
      case AST_NODE_TYPES.AssignmentExpression:
        return parent.right === holder && throughHeaders(parent.left) ? { sender: parent.left } : undefined;
      default:
        return undefined;
    }
  };

  const objectContainer = (object: TSESTree.ObjectExpression): Container | undefined => {
    if (containers.has(object)) return containers.get(object);
    const found = containerOf(object, 0);
    containers.set(object, found);
    return found;
  };

  const slots: HeaderSlot[] = [];
  walk(sourceCode.ast, (node) => {
    if (node.type === AST_NODE_TYPES.Property && node.parent.type === AST_NODE_TYPES.ObjectExpression) {
      const header = propertyKeyName(node);
      const lower = header?.toLowerCase();
      if (header === undefined || lower === undefined || (!ANYWHERE.has(lower) && !IN_HEADERS.has(lower))) return;
      const container = objectContainer(node.parent);
      if (container === undefined && !ANYWHERE.has(lower)) return;
      slots.push({ header, value: node.value, sender: container?.sender });
      return;
    }
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && node.arguments.length >= 2) {
      const method = ASTUtils.getPropertyName(node.callee);
      const [first, value] = node.arguments;
      const header = first === undefined ? null : ASTUtils.getStringIfConstant(first);
      if (method === null || !SETTERS.has(method) || header === null || value === undefined || !setterHeader(header)) return;
      slots.push({ header, value, sender: setterSender(node.callee) });
      return;
    }
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && node.left.type === AST_NODE_TYPES.MemberExpression) {
      const header = ASTUtils.getPropertyName(node.left);
      const lower = header?.toLowerCase();
      if (header === null || lower === undefined || (!ANYWHERE.has(lower) && !IN_HEADERS.has(lower)) || !throughHeaders(node.left.object)) return;
      slots.push({ header, value: node.right, sender: node.left.object });
    }
  });
  return slots;
}
