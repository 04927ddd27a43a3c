/**
 * The owner condition a `require-ownership-check` suggestion adds, only where both ends are in
 * view: the model's owner field (learned from its definition, one that names a user) and the
 * caller (`req.user.id`, `ctx.state.user.id`, a Nest `@CurrentUser() user`) in the function that
 * runs the access. Object filters get a property; SQL text with `$n` placeholders gets
 * `AND <column> = $k` and the value as a new parameter.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { dottedName, enclosingFunction, walk } from '../../utils/ast.js';
import type { AccessJudgement } from './ownership.js';
import { fieldKey } from './records.js';

export interface OwnerConditionFix {
  /** The condition added, as code or SQL. */
  condition: string;
  fix: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];
}

/** Owner fields that name a user (not a tenant, whose caller value is not known here). */
const USER_OWNER = /^(?:user|owner|author|creator|createdby)(?:id)?$/u;
/** Members that hold the caller's id, as written in handlers. */
const CALLER_ID = /^(?:req|request|ctx\.state|ctx\.request|ctx|c\.var|res\.locals|event\.context|session)\.(?:user|currentUser)\.(?:id|_id)$/u;
const CALLER = /^(?:req|request|ctx\.state|ctx\.request|ctx|c\.var|res\.locals|event\.context|session)\.(?:user|currentUser)$/u;
/** Nest parameter decorators that inject the caller. */
const CALLER_DECORATOR = /^(?:CurrentUser|User|AuthUser|ReqUser|GetUser|Principal)$/u;
/** Clauses that end a `WHERE`. */
const AFTER_WHERE = /\b(?:order\s+by|group\s+by|limit|offset|returning|for\s+update)\b/iu;

/** The suggestion's fix, or null when the owner field or the caller is not in view. */
export function ownerConditionFix(sourceCode: Readonly<TSESLint.SourceCode>, judgement: AccessJudgement): OwnerConditionFix | null {
  const access = judgement.access;
  const idFields = judgement.ownerFields.filter((field) => USER_OWNER.test(fieldKey(field)) && fieldKey(field).endsWith('id'));
  const relationFields = judgement.ownerFields.filter((field) => USER_OWNER.test(fieldKey(field)) && !fieldKey(field).endsWith('id'));
  const mongoose = access.orm === 'Mongoose';
  const field = idFields[0] ?? (mongoose ? relationFields[0] : undefined);
  if (field === undefined || idFields.length > 1) return null;
  const caller = callerId(access.call, mongoose);
  if (caller === null) return null;
  // A filter that already names an owner field (bound to the client) is not fixed by adding a second one.
  if (access.conditions.some((condition) => fieldKey(condition.field) === fieldKey(field))) return null;
  if (access.where) {
    const where = access.where;
    const last = where.properties.at(-1);
    if (!last) return null;
    const key = /^[A-Za-z_$][\w$]*$/u.test(field) ? field : JSON.stringify(field);
    const condition = `${key}: ${caller}`;
    return { condition, fix: (fixer) => [fixer.insertTextAfter(last, `, ${condition}`)] };
  }
  const byId = BY_ID[access.orm]?.[calleeMethod(access.call) ?? ''];
  const id = access.ids[0];
  const callee = access.call.callee;
  if (byId !== undefined && id && access.ids.length === 1 && (access.orm !== 'Sequelize' || access.call.arguments.length === 1) && callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed) {
    const idText = sourceCode.getText(id);
    const condition = `${field}: ${caller}`;
    const filter = access.orm === 'Sequelize' ? `{ where: { id: ${idText}, ${condition} } }` : `{ _id: ${idText}, ${condition} }`;
    return { condition, fix: (fixer) => [fixer.replaceText(callee.property, byId), fixer.replaceText(id, filter)] };
  }
  const sql = access.sql;
  if (sql?.params && !field.includes(' ')) {
    const text = sql.literal.value;
    const placeholders = [...text.matchAll(/\$(\d+)/gu)].map((match) => Number(match[1]));
    if (placeholders.length === 0 || text.includes('?')) return null;
    const next = Math.max(...placeholders) + 1;
    if (next !== sql.params.elements.length + 1) return null;
    const whereAt = text.search(/\bwhere\b/iu);
    const tail = text.slice(whereAt);
    const endAt = tail.search(AFTER_WHERE);
    const insertAt = endAt < 0 ? text.trimEnd().replace(/;$/u, '').length : whereAt + endAt;
    const condition = `AND ${field} = $${String(next)}`;
    const before = text.slice(0, insertAt).trimEnd();
    const rewritten = `${before} ${condition}${endAt < 0 ? text.slice(insertAt) : ` ${text.slice(insertAt)}`}`;
    const raw = sql.literal.raw;
    const quote = raw[0];
    if (quote === undefined || rewritten.includes(quote) || rewritten.includes('\\')) return null;
    const lastParam = sql.params.elements.at(-1);
    if (!lastParam) return null;
    return {
      condition,
      fix: (fixer) => [fixer.replaceText(sql.literal, `${quote}${rewritten}${quote}`), fixer.insertTextAfter(lastParam, `, ${caller}`)],
    };
  }
  return null;
}

/** By-id methods and the filter methods that do the same with an owner condition. */
const BY_ID: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Mongoose: { findById: 'findOne', findByIdAndUpdate: 'findOneAndUpdate', findByIdAndDelete: 'findOneAndDelete', findByIdAndRemove: 'findOneAndDelete' },
  Sequelize: { findByPk: 'findOne' },
};

function calleeMethod(call: TSESTree.CallExpression): string | null {
  return call.callee.type === AST_NODE_TYPES.MemberExpression && call.callee.property.type === AST_NODE_TYPES.Identifier ? call.callee.property.name : null;
}

/** The caller's id as the function of the access reads it, or null when it reads none. */
function callerId(call: TSESTree.CallExpression, mongoose: boolean): string | null {
  const fn = enclosingFunction(call);
  if (!fn) return null;
  let id: string | null = null;
  let principal: string | null = null;
  // Read in this function, or elsewhere in the file through a request parameter this function also has.
  const params = new Set(fn.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])));
  let root: TSESTree.Node = fn;
  while (root.parent) root = root.parent;
  for (const names of [callerMembers(fn), callerMembers(root)]) {
    for (const name of names) {
      if (names !== callerMembersCache.get(fn) && !params.has(name.split('.')[0] ?? '')) continue;
      if (CALLER_ID.test(name)) id ??= name;
      else principal ??= name;
    }
    if (id !== null || principal !== null) break;
  }
  if (id !== null) return id;
  if (principal !== null) return `${principal}.${mongoose ? '_id' : 'id'}`;
  for (const param of fn.params) {
    const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    if (target.type !== AST_NODE_TYPES.Identifier) continue;
    const decorators = ('decorators' in param ? param.decorators : undefined) ?? [];
    if (decorators.some((decorator) => CALLER_DECORATOR.test(dottedName(decorator.expression.type === AST_NODE_TYPES.CallExpression ? decorator.expression.callee : decorator.expression) ?? ''))) {
      return `${target.name}.${mongoose ? '_id' : 'id'}`;
    }
  }
  return null;
}

const callerMembersCache = new WeakMap<TSESTree.Node, readonly string[]>();

/** The members under `node` that read the caller (`req.user`, `ctx.state.user.id`), once per node. */
function callerMembers(node: TSESTree.Node): readonly string[] {
  const cached = callerMembersCache.get(node);
  if (cached) return cached;
  const found: string[] = [];
  walk(node, (inner) => {
    if (inner.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const name = dottedName(inner);
    if (name !== null && (CALLER_ID.test(name) || CALLER.test(name))) found.push(name);
    return undefined;
  });
  callerMembersCache.set(node, found);
  return found;
}
