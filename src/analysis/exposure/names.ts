import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { propertyName, unwrap } from '../../utils/ast.js';
import { contextRequestMembers, knexRootNames, modelNameSuffixes, nonStoreReceivers, storeCarryingContexts } from '../../models/exposure.js';
import { normalizeName } from './settings.js';

const SUFFIXES = new Set([...modelNameSuffixes, 'service', 'services', 'provider', 'client']);

/** Splits `AdminUser`, `user_accounts`, `usersRepository` into lower-case words. */
function words(name: string): string[] {
  return name
    .replace(/([a-z\d])([A-Z])/gu, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/gu, '$1 $2')
    .split(/[\s_\-$.]+/u)
    .map((word) => word.toLowerCase())
    .filter((word) => word !== '');
}

function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) return word.slice(0, -1);
  return word;
}

/**
 * The entity a model, repository or variable name is about: the last word after dropping
 * `Repository`/`Model`-like suffixes, singular (`usersRepository` → `user`, `AdminUser` → `user`).
 */
export function headNoun(name: string): string | null {
  const parts = words(name);
  while (parts.length > 1 && SUFFIXES.has(parts[parts.length - 1]!)) parts.pop();
  const last = parts[parts.length - 1];
  return last === undefined ? null : singular(last);
}

/** Whether a name is (or is plural of) a word ending in `s`, used to guess lists. */
export function looksPlural(name: string): boolean {
  const parts = words(name);
  while (parts.length > 1 && SUFFIXES.has(parts[parts.length - 1]!)) parts.pop();
  const last = parts[parts.length - 1] ?? '';
  return last.length > 3 && last.endsWith('s') && !last.endsWith('ss');
}

/** Builds a case-insensitive matcher for field names (`password_hash` matches `passwordHash`). */
export function fieldMatcher(fields: readonly string[]): (name: string) => boolean {
  const set = new Set(fields.map(normalizeName));
  return (name) => set.has(normalizeName(name));
}

/** Builds a matcher for entity names by head noun. */
export function modelMatcher(models: readonly string[]): (name: string) => boolean {
  const set = new Set(models.map((model) => singular(normalizeName(model))));
  return (name) => {
    const noun = headNoun(name);
    return noun !== null && set.has(noun);
  };
}

/** A singular variable name for one element of a list named `name` (`users` → `user`). */
export function elementName(name: string | null): string {
  if (name === null) return 'item';
  const noun = singular(name);
  return noun !== name && /^[A-Za-z_$][\w$]*$/u.test(noun) ? noun : 'item';
}

/**
 * Whether the receiver of a `find`/`create`/`update` call (as dotted, `ctx.prisma.user`) is not a
 * data store: a built-in, the response, or a handler context, except a data client the context
 * carries (`ctx.prisma.user.update`, `ctx.db.users.find`).
 */
export function isNonStoreReceiver(receiver: string | null): boolean {
  if (receiver === null) return false;
  const [head = '', member, ...rest] = receiver.split('.');
  if (!nonStoreReceivers.has(head) && !nonStoreReceivers.has(receiver)) return false;
  return !(storeCarryingContexts.has(head) && member !== undefined && rest.length > 0 && !contextRequestMembers.has(member));
}

/**
 * Whether a callee is the Knex instance a handler context carries, called with a table name:
 * `ctx.db('users')` (tRPC's `createContext` returning `{ db }`, Koa's `ctx.db`). The context by its
 * name (`storeCarryingContexts`), the member by the names a Knex root goes by (`knexRootNames`).
 */
export function isContextKnex(callee: TSESTree.Node): boolean {
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return false;
  const object = unwrap(callee.object);
  const member = propertyName(callee.property);
  return object.type === AST_NODE_TYPES.Identifier && storeCarryingContexts.has(object.name) && member !== null && knexRootNames.has(member);
}
