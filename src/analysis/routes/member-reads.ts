import path from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { findVariable, nodesOfType, unwrap, type FunctionNode, scopeOf } from '../../utils/ast.js';
import { candidateFiles } from '../project/candidates.js';
import { projectIndexOf } from '../project/index.js';
import { readProjectFile } from './project-files.js';

/*
 * A function stored in a member (`obj.showPage = function (req, res) { … }`) travels with its object:
 * a factory returns it, `module.exports` is it, another file reaches it through a chain the import
 * graph does not show (`server.pages.showPage`). What is known of how it runs comes from the reads
 * of the member's name, in the linted file and in every project file whose text holds the name
 * (tests aside, see `candidateFiles`): each must be a read the question accepts. Any other use of
 * the name (a destructuring, a key of an object literal, a string `obj['showPage']`), a computed
 * read of the holder in its own file (`obj[key]`), a file that cannot be read or parsed, or more
 * files than `MAX_MEMBER_FILES` gives no answer. Another function stored under the same name
 * (`other.showPage = function …`) is no read.
 */

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** How many project files besides the linted one a member's reads are looked for in. */
const MAX_MEMBER_FILES = 24;

/** `holder.name`, the member a function is stored in. */
export type StoredMember = TSESTree.MemberExpression & { property: TSESTree.Identifier };

/** `holder.name = function (req, res) { … }`: the member a function is stored in, or null. */
export function memberBinding(fn: FunctionNode): StoredMember | null {
  const parent = fn.parent;
  if (parent.type !== AST_NODE_TYPES.AssignmentExpression || parent.operator !== '=' || parent.right !== fn) return null;
  const left = parent.left;
  if (left.type !== AST_NODE_TYPES.MemberExpression || left.computed || left.property.type !== AST_NODE_TYPES.Identifier) return null;
  return left as StoredMember;
}

/**
 * How many reads of `member`'s name the project holds, when every one is a member read (`x.name`)
 * that `accept` takes; null when some use is not (see the file comment).
 */
export function projectMemberReads(context: AnyContext, member: StoredMember, accept: (read: TSESTree.MemberExpression) => boolean): number | null {
  const name = member.property.name;
  const holder = unwrap(member.object);
  if (holder.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(scopeOf(context.sourceCode, holder), holder.name);
    if (!variable || readComputed(variable)) return null;
  }
  let reads = memberReads(context.sourceCode.ast, name, accept, member.property);
  if (reads === null) return null;
  const index = path.isAbsolute(context.filename) ? projectIndexOf(context.filename) : null;
  if (index === null) return reads;
  const linted = path.resolve(context.filename);
  const files = candidateFiles(index, `member-reads\0${name}`, (file) => {
    const text = readProjectFile(file);
    return text === null || text.includes(name);
  });
  const others = files.filter((file) => file !== linted);
  if (others.length > MAX_MEMBER_FILES) return null;
  for (const file of others) {
    const module = index.module(file);
    if (module === null) return null;
    const found = memberReads(module.program, name, accept, null);
    if (found === null) return null;
    reads += found;
  }
  return reads;
}

const computedReads = new WeakMap<object, boolean>();

/** Whether a variable is read with a computed key (`obj[key]`), once per variable. */
function readComputed(variable: NonNullable<ReturnType<typeof findVariable>>): boolean {
  let found = computedReads.get(variable);
  if (found === undefined) {
    found = variable.references.some((reference) => {
      const use = reference.identifier.parent;
      return use.type === AST_NODE_TYPES.MemberExpression && use.object === reference.identifier && use.computed && use.property.type !== AST_NODE_TYPES.Literal;
    });
    computedReads.set(variable, found);
  }
  return found;
}

/** A program's identifiers by name, and the texts of its strings: built once, so that each question costs the reads of its name. */
interface NameTable {
  identifiers: Map<string, TSESTree.Identifier[]>;
  strings: Set<string>;
}

const tables = new WeakMap<TSESTree.Program, NameTable>();

function nameTable(program: TSESTree.Program): NameTable {
  let table = tables.get(program);
  if (!table) {
    const identifiers = new Map<string, TSESTree.Identifier[]>();
    for (const identifier of nodesOfType(program, AST_NODE_TYPES.Identifier)) {
      const list = identifiers.get(identifier.name);
      if (list) list.push(identifier);
      else identifiers.set(identifier.name, [identifier]);
    }
    const strings = new Set<string>();
    for (const literal of nodesOfType(program, AST_NODE_TYPES.Literal)) if (typeof literal.value === 'string') strings.add(literal.value);
    for (const template of nodesOfType(program, AST_NODE_TYPES.TemplateLiteral)) for (const quasi of template.quasis) if (quasi.value.cooked !== null) strings.add(quasi.value.cooked);
    table = { identifiers, strings };
    tables.set(program, table);
  }
  return table;
}

/** The reads of the member `name` in `program` when `accept` takes each, or null. `definition` and other stores of a function are no reads. */
function memberReads(program: TSESTree.Program, name: string, accept: (read: TSESTree.MemberExpression) => boolean, definition: TSESTree.Identifier | null): number | null {
  let reads = 0;
  const table = nameTable(program);
  if (table.strings.has(name)) return null;
  for (const identifier of table.identifiers.get(name) ?? []) {
    if (identifier === definition) continue;
    const parent = identifier.parent;
    if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.property !== identifier || parent.computed) return null;
    const store = parent.parent;
    if (store.type === AST_NODE_TYPES.AssignmentExpression && store.left === parent && store.operator === '=' && (store.right.type === AST_NODE_TYPES.FunctionExpression || store.right.type === AST_NODE_TYPES.ArrowFunctionExpression)) continue;
    if (!accept(parent)) return null;
    reads++;
  }
  return reads;
}
