import type { TaintKind } from '../taint-types.js';

/**
 * Sails.js v1 (read by `analysis/routes/frameworks/sails.ts`). A controller file of
 * `api/controllers/**` holds either one action in the actions2 shape, `module.exports = {
 * friendlyName, inputs: { … }, exits: { … }, fn: async function ({ id }) { … } }` (its action id is
 * the file's path under the controllers directory without extension: `reservations/view-reservation`),
 * or a classic controller, `UserController.js` exporting `{ find: function (req, res) { … } }` (action
 * ids `user/find`). Routes come from the explicit route table of `config/routes.js`
 * (`'GET /r/:id': { action: 'reservations/view' }`, `'GET /x': 'UserController.find'`), policies from
 * `config/policies.js` (`'*': 'is-logged-in'`, `'admin/*': 'is-super-admin'`, `'entrance/*': true`,
 * `UserController: { find: true }`), each policy a file of `api/policies/` judged, like any
 * middleware, by what its body does.
 */
export const sailsProject = {
  /** A project is a Sails app when it depends on one of these. */
  packages: ['sails'],
  controllersDirectory: 'api/controllers',
  policiesDirectory: 'api/policies',
  /** The route table and the member of `module.exports` that holds it. */
  routesFile: 'config/routes.js',
  routesMember: 'routes',
  policiesFile: 'config/policies.js',
  policiesMember: 'policies',
  /** A classic controller's file name ends with this, which its action ids leave out. */
  controllerSuffix: 'Controller',
  /**
   * Keys of an actions2 definition besides `fn`: an exported object with `fn` and one of these is
   * an action (a machine definition), not a classic controller whose action is named `fn`.
   */
  actionKeys: ['inputs', 'exits', 'friendlyName', 'description'],
  /** The key of the function that runs the action. */
  actionFunction: 'fn',
  /** The keys of a route target object (`{ action: 'a/b' }`, `{ controller: 'User', action: 'find' }`). */
  targetAction: 'action',
  targetController: 'controller',
} as const;

/**
 * Inside an action's `fn`, `this.req` and `this.res` are the Express-style request and response
 * of the call (Sails extends Express's): `this.req.param('x')`, `this.req.allParams()`,
 * `this.res.redirect(url)`. Read as a handler's `(req, res)` are (see the `express` request style).
 */
export const sailsActionContext = {
  request: 'req',
  response: 'res',
} as const;

/**
 * How an input declared in `inputs` bounds what the client can send (Sails checks the declaration
 * before `fn` runs, and coerces numbers and booleans): by its `type`, and by validation rules. A
 * `string` input can no longer be an operator object; `json` and `ref` inputs can be anything.
 * A number still names a record of the client's choosing (`id` is not cleared by a type).
 */
export const sailsInputTypes: Readonly<Record<string, readonly TaintKind[] | 'all-but-id'>> = {
  number: 'all-but-id',
  boolean: 'all-but-id',
  string: ['nosql'],
};

/**
 * Validation rules of a Sails input that bound its value: `isIn` (a fixed list) clears every kind;
 * `isUUID` and `isInteger` every kind but the choice of a record; `isEmail` admits quotes and
 * slashes, so only the operator object it cannot be; `regex` as the pattern constrains it.
 */
export const sailsInputRules: Readonly<Record<string, readonly TaintKind[] | 'all' | 'all-but-id' | 'pattern'>> = {
  isIn: 'all',
  isUUID: 'all-but-id',
  isInteger: 'all-but-id',
  isEmail: ['nosql'],
  regex: 'pattern',
};

/**
 * Policy values that are no policy: `true` lets every request through to the action (public by
 * the team's word, but judged by the action itself as any route without a guard), `false` refuses
 * every request (the action cannot be reached).
 */
export const sailsOpenPolicy = true;
export const sailsClosedPolicy = false;
