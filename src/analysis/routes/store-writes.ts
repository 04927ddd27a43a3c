import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { nonStoreReceivers } from '../../models/exposure.js';
import { storeWriteMethods, storeWriteReceiver } from '../../models/route-sensitivity.js';
import { builtinReceivers } from '../../models/sinks/index.js';
import { dottedName, propertyName, unwrap } from '../../utils/ast.js';

/*
 * A write of stored records by the names of the models (`db.invoices.update(…)`,
 * `this.orderRepository.save(…)`, `Invoice.destroy(…)`): what the route model and the judge of
 * authentication both ask of a call, without following it.
 */

/** `db.users`, `this.userRepository`, `knex('users')` (a call's callee), `User`: the receiver as a name, without `this.`. */
export function receiverName(node: TSESTree.Node): string | null {
  let current = unwrap(node);
  for (let step = 0; step < 10 && current.type === AST_NODE_TYPES.CallExpression; step++) {
    const callee = unwrap(current.callee);
    current = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : callee;
  }
  const name = dottedName(current);
  return name?.replace(/^this\./u, '') ?? null;
}

/** Whether a receiver names a store (see `storeWriteReceiver`), not a builtin or a known non-store. */
export function isStoreReceiver(name: string): boolean {
  const head = name.split('.')[0] ?? name;
  if (nonStoreReceivers.has(head) || (builtinReceivers as readonly string[]).includes(head)) return false;
  if (/^[A-Z][A-Za-z0-9]*$/u.test(head)) return true;
  return storeWriteReceiver.test(name.toLowerCase());
}

/** Whether a call writes stored records by its method and receiver (`storeWriteMethods`). */
export function isStoreWriteCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(callee.property);
  if (method === null || !storeWriteMethods.has(method)) return false;
  const receiver = receiverName(callee.object);
  return receiver !== null && isStoreReceiver(receiver);
}
