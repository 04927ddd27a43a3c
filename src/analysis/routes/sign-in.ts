import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { accountCreationVerbs, credentialStoringCalls, findOrCreateMethods, principalMembers, promiseCredentialChecks, sentCredentialKeyWords, signInSecretPatterns, unverifiedDecodes } from '../../models/auth.js';
import { httpErrorStatusNames, storeInsertMethods, storeWriteMethods, storeWriteReceiver } from '../../models/route-sensitivity.js';
import { nestInputDecorators } from '../../models/frameworks/request-inputs.js';
import { dottedName, isFunction, patternNames, propertyName, unwrap, walk, type FunctionNode } from '../../utils/ast.js';
import { splitWords } from '../secrets/names.js';

/*
 * Unsafe routes public by design, judged by what their handler does with the secret it is sent
 * rather than by their path:
 * - a sign-in: a password the request sent goes to a check whose failure answers 401/403 and stops
 *   (a callback's error, a falsy answer, a `catch`); a sign-up: an account created from the request
 *   and answered a token or session issued for it. Nothing else in the handler may change state.
 * - a route that acts only on the credential it is sent (`DELETE /tokens/:token` revoking the token
 *   it names): knowing the secret is the proof.
 * Both read the handler once (its callbacks included) and give up past a bound of calls.
 */

/**
 * Why a handler is public by what it does with the secret it is sent (a sign-in, a sign-up, an
 * action on the credential it names), or null. One reading of the handler serves both questions.
 */
export function publicByCredential(fn: FunctionNode, resolve: ResolveCall = () => null): string | null {
  const facts = new HandlerFacts(fn);
  if (facts.tooLarge || facts.request === null) return null;
  return signInByEvidence(facts, resolve) ?? actsOnlyOnSentCredential(facts);
}

/** The function of the project a call runs, when it is in view. */
export type ResolveCall = (call: TSESTree.CallExpression) => FunctionNode | null;

/** Calls looked at in one handler: past this, no exemption is granted (the route stays judged). */
const MAX_CALLS = 200;

/** Response methods (on a parameter of the handler: `res`, `reply`, `ctx`, `c`). */
const RESPONSE_METHODS = new Set([
  'send', 'json', 'end', 'status', 'code', 'sendStatus', 'type', 'header', 'headers', 'set', 'setHeader', 'redirect',
  'cookie', 'clearCookie', 'writeHead', 'write', 'throw', 'text', 'html', 'body', 'jsonp', 'vary', 'location', 'append',
]);
/** Methods that read the request (`c.req.param('token')`, `req.get('x-api-key')`, `await c.req.json()`). */
const REQUEST_READERS = new Set(['param', 'get', 'header', 'query', 'queries', 'cookie', 'json', 'text', 'formData', 'valid', 'parseBody']);
/** Methods that send an answer: once one has, a later answer of Express or Fastify is not sent. */
const SENDING_METHODS = new Set(['send', 'json', 'end', 'sendStatus', 'jsonp', 'redirect', 'text', 'html']);
const LOGGING = /^(?:console|log|debug|\w*[Ll]ogger)$|\.(?:log|info|warn|error|debug|trace|fatal|verbose)$/u;
const PURE_BUILTINS = /^(?:String|Number|Boolean|BigInt|decodeURIComponent|encodeURIComponent|JSON\.\w+|Object\.\w+|Array\.\w+|Math\.\w+|Date\.\w+)$/u;
const TOKEN_WORDS = new Set(['token', 'jwt', 'session']);
const principalSet = new Set(principalMembers);

/** A read of the request: the words of its path after the request (`body password`, `params token`). */
interface RequestRead {
  words: string[];
  node: TSESTree.Node;
}

/** One reading of a handler: the request's locals and every call in it, its callbacks included. */
class HandlerFacts {
  readonly params: ReadonlySet<string>;
  readonly request: string | null;
  /** Locals read from the request (`const { name, password } = request.body`), with their path. */
  readonly locals = new Map<string, string[]>();
  readonly calls: TSESTree.CallExpression[] = [];
  readonly assignments: TSESTree.AssignmentExpression[] = [];
  readonly returns: TSESTree.Node[] = [];
  /** The values each local of the handler was declared with or assigned (`const target = await db.users.findOne(…)`). */
  readonly inits = new Map<string, TSESTree.Node[]>();
  /** Names declared in the handler (locals and its callbacks' parameters). */
  readonly declared = new Set<string>();
  tooLarge = false;

  constructor(readonly fn: FunctionNode) {
    this.params = new Set(fn.params.flatMap((param) => (param.type === AST_NODE_TYPES.Identifier ? [param.name] : [])));
    const first = fn.params[0];
    const decorated = this.decoratedInputs();
    // A NestJS handler is given its inputs by decorators (`@Body('password') password`): the request
    // itself is a `@Req()` parameter if any, and no other parameter stands for it.
    this.request = decorated !== null ? decorated : first?.type === AST_NODE_TYPES.Identifier ? first.name : null;
    walk(fn.body, (node) => {
      if (this.tooLarge) return 'skip';
      if (node.type === AST_NODE_TYPES.VariableDeclarator) {
        for (const name of patternNames(node.id)) {
          this.declared.add(name);
          if (node.init) this.assign(name, node.init);
        }
        if (node.init) this.declare(node);
      }
      if (isFunction(node)) for (const param of node.params) for (const name of patternNames(param)) this.declared.add(name);
      if (node.type === AST_NODE_TYPES.CallExpression) {
        this.calls.push(node);
        if (this.calls.length > MAX_CALLS) this.tooLarge = true;
      }
      if (node.type === AST_NODE_TYPES.AssignmentExpression) {
        this.assignments.push(node);
        if (node.left.type === AST_NODE_TYPES.Identifier) this.assign(node.left.name, node.right);
      }
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && enclosing(node) === fn) this.returns.push(node.argument);
      return undefined;
    });
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) this.returns.push(fn.body);
  }

  /**
   * Reads the NestJS input decorators of the handler's parameters into `locals` (`@Body('password')
   * password` is `body.password`, `@Body() dto` is `body`): the name of a `@Req()` parameter, `''`
   * when there is none, or null when no parameter is so decorated.
   */
  private decoratedInputs(): string | null {
    let request: string | null = null;
    for (const param of this.fn.params) {
      const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
      if (target.type !== AST_NODE_TYPES.Identifier) continue;
      // Parsers of plain JavaScript (espree) leave `decorators` out.
      const decorators = (target.decorators as readonly TSESTree.Decorator[] | undefined) ?? [];
      for (const decorator of decorators) {
        const expression = unwrap(decorator.expression);
        if (expression.type !== AST_NODE_TYPES.CallExpression || expression.callee.type !== AST_NODE_TYPES.Identifier) continue;
        const name = expression.callee.name;
        if (!Object.hasOwn(nestInputDecorators, name)) continue;
        const member = nestInputDecorators[name as keyof typeof nestInputDecorators];
        if (member === null) continue;
        request ??= '';
        if (member === '') {
          request = target.name;
          continue;
        }
        const [key] = expression.arguments;
        this.locals.set(target.name, key?.type === AST_NODE_TYPES.Literal && typeof key.value === 'string' ? [member, key.value] : [member]);
      }
    }
    return request;
  }

  private assign(name: string, value: TSESTree.Node): void {
    const values = this.inits.get(name);
    if (values) values.push(value);
    else this.inits.set(name, [value]);
  }

  private declare(node: TSESTree.VariableDeclarator): void {
    if (!node.init) return;
    let init = unwrap(node.init);
    if (init.type === AST_NODE_TYPES.AwaitExpression) init = unwrap(init.argument);
    const path = this.requestPath(init);
    if (path === null) return;
    if (node.id.type === AST_NODE_TYPES.Identifier) this.locals.set(node.id.name, path);
    if (node.id.type === AST_NODE_TYPES.ObjectPattern) {
      for (const property of node.id.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = propertyName(property.key);
        const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        if (key !== null && value.type === AST_NODE_TYPES.Identifier) this.locals.set(value.name, [...path, key]);
      }
    }
  }

  /** The path of a request read (`req.body`, `c.req.param('token')`, a local of one), or null. */
  requestPath(node: TSESTree.Node): string[] | null {
    const words: string[] = [];
    let current = unwrap(node);
    for (let step = 0; step < 8; step++) {
      if (current.type === AST_NODE_TYPES.Identifier) {
        if (current.name === this.request) return words.reverse();
        const local = this.locals.get(current.name);
        return local ? [...local, ...words.reverse()] : null;
      }
      if (current.type === AST_NODE_TYPES.MemberExpression) {
        const key = current.computed && current.property.type !== AST_NODE_TYPES.Literal ? null : propertyName(current.property);
        if (key === null) return null;
        words.push(key);
        current = unwrap(current.object);
        continue;
      }
      // `c.req.param('token')`, `req.get('x-api-key')`: the member named by the call.
      if (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression) {
        const [first] = current.arguments;
        if (first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string') words.push(first.value);
        current = unwrap(current.callee.object);
        continue;
      }
      return null;
    }
    return null;
  }

  /** The request reads in `node` (outside the functions it holds). */
  readsIn(node: TSESTree.Node): RequestRead[] {
    const reads: RequestRead[] = [];
    walk(node, (inner) => {
      if (isFunction(inner)) return 'skip';
      // `c.req.param('token')`, `req.get('x-api-key')`: the call names the member read.
      const read = inner.type === AST_NODE_TYPES.CallExpression && inner.callee.type === AST_NODE_TYPES.MemberExpression;
      if (read || inner.type === AST_NODE_TYPES.MemberExpression || inner.type === AST_NODE_TYPES.Identifier) {
        if (inner.type === AST_NODE_TYPES.Identifier && isPropertyKey(inner)) return undefined;
        const path = this.requestPath(inner);
        if (path !== null) {
          reads.push({ words: path, node: inner });
          return 'skip';
        }
      }
      return undefined;
    });
    return reads;
  }

  /**
   * The request reads a value is made from, through the locals it names (`target` of `const target
   * = await db.users.findOne({ id: req.body.userId })` is made from `body.userId`), a few locals deep.
   */
  readsBehind(node: TSESTree.Node): RequestRead[] {
    const reads = this.readsIn(node);
    const seen = new Set<string>();
    let frontier = [node];
    for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
      const next: TSESTree.Node[] = [];
      for (const root of frontier) {
        walk(root, (inner) => {
          if (isFunction(inner)) return 'skip';
          if (inner.type !== AST_NODE_TYPES.Identifier || isPropertyKey(inner) || seen.has(inner.name) || this.locals.has(inner.name)) return undefined;
          const values = this.inits.get(inner.name);
          if (values === undefined) return undefined;
          seen.add(inner.name);
          for (const value of values) {
            reads.push(...this.readsIn(value));
            next.push(value);
          }
          return undefined;
        });
      }
      frontier = next;
    }
    return reads;
  }

  /** A call that answers the request: a response method on a parameter of the handler. */
  isResponse(call: TSESTree.CallExpression): boolean {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = propertyName(callee.property);
    if (method === null || !RESPONSE_METHODS.has(method)) return false;
    let root: TSESTree.Node = callee.object;
    for (let step = 0; step < 10; step++) {
      root = unwrap(root);
      if (root.type === AST_NODE_TYPES.CallExpression) root = root.callee;
      else if (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
      else break;
    }
    return root.type === AST_NODE_TYPES.Identifier && this.params.has(root.name);
  }

  /** A call that answers, logs, converts or reads the request: no effect the route's caller matters for. */
  isInert(call: TSESTree.CallExpression): boolean {
    const name = dottedName(call.callee);
    if (this.isResponse(call)) return true;
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && REQUEST_READERS.has(propertyName(callee.property) ?? '') && this.requestPath(call) !== null) return true;
    if (name === null) return false;
    return LOGGING.test(name) || PURE_BUILTINS.test(name) || name === 'next';
  }
}

function enclosing(node: TSESTree.Node): FunctionNode | null {
  let current = node.parent;
  while (current && !isFunction(current)) current = current.parent;
  return current ?? null;
}

function isPropertyKey(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression) return parent.property === node && !parent.computed;
  if (parent?.type === AST_NODE_TYPES.Property) return parent.key === node && !parent.shorthand && !parent.computed;
  return false;
}

function isSignInSecret(words: readonly string[]): boolean {
  return words.some((word) => signInSecretPatterns.some((pattern) => pattern.test(word)));
}

/** Whether the last key of a request path names a secret credential (`token`, `refreshToken`, `apiKey`). */
export function isSentCredentialKey(key: string): boolean {
  const words = splitWords(key);
  return sentCredentialKeyWords.some((suffix) => suffix.length <= words.length && suffix.every((word, index) => words[words.length - suffix.length + index] === word));
}

/** The call's value, climbed past `await`, `?.` and casts. */
function valueOf(call: TSESTree.Node): TSESTree.Node {
  let node = call;
  while (node.parent && (node.parent.type === AST_NODE_TYPES.AwaitExpression || node.parent.type === AST_NODE_TYPES.ChainExpression ||
    node.parent.type === AST_NODE_TYPES.TSAsExpression || node.parent.type === AST_NODE_TYPES.TSNonNullExpression)) {
    node = node.parent;
  }
  return node;
}

/**
 * What holds a call's value: the parent of its value climbed past conditionals and fallbacks too
 * (`const token = name ? await issue(user) : undefined` holds it in `token`).
 */
function holderOf(call: TSESTree.Node): TSESTree.Node | undefined {
  let node = valueOf(call);
  for (let step = 0; step < 4; step++) {
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== node) node = valueOf(parent);
    else if (parent?.type === AST_NODE_TYPES.LogicalExpression) node = valueOf(parent);
    else break;
  }
  return node.parent;
}

/** Whether a call is made for its effect: its value is dropped or returned. */
function madeForEffect(call: TSESTree.CallExpression): boolean {
  const node = valueOf(call);
  const parent = node.parent;
  return parent?.type === AST_NODE_TYPES.ExpressionStatement || parent?.type === AST_NODE_TYPES.ReturnStatement ||
    (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === node);
}

/** A write of a store the route-sensitivity model knows (`db.users.create`, `User.deleteOne`). */
function writesStore(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(callee.property);
  const receiver = dottedName(callee.object)?.replace(/^this\./u, '') ?? null;
  return method !== null && storeWriteMethods.has(method) && receiver !== null && storeWriteReceiver.test(/^[A-Z]/u.test(receiver) ? receiver : receiver.toLowerCase());
}

/** A call that creates an account: a store insert, or a call named for one (see `accountCreationVerbs`). */
function createsAccount(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
  if (method === null || findOrCreateMethods.includes(method)) return false;
  if (storeInsertMethods.has(method) && writesStore(call)) return true;
  const [first, second] = splitWords(method);
  return first !== undefined && (accountCreationVerbs.includes(first) || (first === 'sign' && second === 'up'));
}

/** The HTTP status a node sets or throws: a literal, or a named constant (`fastify.statusCode.UNAUTHORIZED`). */
function statusOf(node: TSESTree.Node): number | null {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'number') return value.value;
  if (value.type === AST_NODE_TYPES.MemberExpression) return httpErrorStatusNames.get(propertyName(value.property) ?? '') ?? null;
  return null;
}

const DENIALS = /^(?:get)?(?:unauthori[sz]ed|forbidden)(?:error|exception)?$/iu;

/**
 * How a branch turns the caller away for a failed credential: `'stops'` when it answers 401/403
 * (a status, an `Unauthorized` error, `reply.unauthorized()`) and returns, throws or sends the
 * answer (a later answer of Express or Fastify is then not sent); null otherwise (a bare
 * `res.status(401)` or `ctx.status = 401` that the code after it can overwrite).
 */
function deniesAndStops(branch: TSESTree.Node): boolean {
  let denies = false;
  let stops = false;
  walk(branch, (node) => {
    if (isFunction(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.ThrowStatement) stops = true;
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      const name = dottedName(node.callee) ?? '';
      const last = name.slice(name.lastIndexOf('.') + 1);
      // `ctx.throw(401)` (Koa) throws: it stops as a `throw` does.
      if (SENDING_METHODS.has(last) || (last === 'throw' && node.type === AST_NODE_TYPES.CallExpression)) stops = true;
      if (DENIALS.test(last)) denies = true;
      if (['status', 'code', 'sendStatus', 'throw', 'writeHead', 'createError', 'HttpError', 'HTTPException', 'HttpException'].includes(last)) {
        const code = node.arguments[0] ? statusOf(node.arguments[0]) : null;
        if (code === 401 || code === 403) denies = true;
      }
      // An error built with a named status: `next(errors.getCode(HTTP_STATUS.UNAUTHORIZED, …))`.
      for (const argument of node.arguments) {
        const value = unwrap(argument);
        const code = value.type === AST_NODE_TYPES.MemberExpression ? statusOf(value) : null;
        if (code === 401 || code === 403) denies = true;
      }
    }
    if (node.type === AST_NODE_TYPES.Property && propertyName(node.key) === 'status') {
      const code = statusOf(node.value);
      if (code === 401 || code === 403) denies = true;
    }
    return undefined;
  });
  return denies && stops;
}

function isNegative(test: TSESTree.Node): boolean {
  const node = unwrap(test);
  if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return true;
  if (node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '===' || node.operator === '==')) {
    const isFalsy = (side: TSESTree.Node): boolean => side.type === AST_NODE_TYPES.Literal ? side.value === null || side.value === false : side.type === AST_NODE_TYPES.Identifier && side.name === 'undefined';
    return isFalsy(node.left) || isFalsy(node.right);
  }
  return false;
}

function mentions(node: TSESTree.Node, name: string): boolean {
  return mentionsAny(node, new Set([name]));
}

function mentionsAny(node: TSESTree.Node, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  let found = false;
  walk(node, (inner) => {
    if (found || isFunction(inner)) return 'skip';
    if (inner.type === AST_NODE_TYPES.Identifier && names.has(inner.name) && !isPropertyKey(inner)) found = true;
    return undefined;
  });
  return found;
}

/** The statement of `node` in its function: the `try` around it when there is one. */
function statementOf(node: TSESTree.Node): TSESTree.Node {
  let current: TSESTree.Node = node;
  while (current.parent && current.parent.type !== AST_NODE_TYPES.BlockStatement && current.parent.type !== AST_NODE_TYPES.Program && !isFunction(current.parent)) {
    current = current.parent;
  }
  return current;
}

/** A credential check: where the failing branch is, and what the check's success holds (the callback's user, the answer). */
interface Check {
  call: TSESTree.CallExpression;
  /** The statement after which the check has passed (or the callback whose rest runs after it). */
  after: TSESTree.Node;
  /** Within `after`'s function or block: what runs only once the check passed starts here. */
  from: number;
}

/**
 * `call` as a check of the secret it is given, whose failure denies and stops: a callback whose
 * error (or missing user) is answered 401/403, an answer tested falsy and so answered, or a `catch`
 * around it that so answers.
 */
function asCheck(call: TSESTree.CallExpression): Check | null {
  // `auth.authenticate(name, password, (err, user) => { if (err) return reply.code(401).send(); … })`
  for (const argument of call.arguments) {
    if (!isFunction(argument) || argument.body.type !== AST_NODE_TYPES.BlockStatement) continue;
    const [error, result] = argument.params;
    for (const statement of argument.body.body) {
      if (statement.type !== AST_NODE_TYPES.IfStatement) continue;
      const negative = isNegative(statement.test);
      const testsError = error?.type === AST_NODE_TYPES.Identifier && mentions(statement.test, error.name);
      const testsResult = result?.type === AST_NODE_TYPES.Identifier && mentions(statement.test, result.name);
      const failing = testsError ? (negative ? statement.alternate : statement.consequent) : testsResult && negative ? statement.consequent : null;
      if (failing && deniesAndStops(failing)) return { call, after: argument.body, from: statement.range[1] };
    }
  }
  // `const ok = await bcrypt.compare(password, hash); if (!ok) return res.sendStatus(401);`
  // Not awaited, a promise is tested: always truthy, so the refusal never runs.
  if (promiseCredentialChecks.test(dottedName(call.callee) ?? '') && unwrap(call).parent?.type !== AST_NODE_TYPES.AwaitExpression && !call.arguments.some(isFunction)) return null;
  const holder = holderOf(call);
  const statement = statementOf(call);
  const block = statement.parent;
  if (block?.type === AST_NODE_TYPES.BlockStatement) {
    const answer = holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier ? holder.id.name : null;
    const index = block.body.indexOf(statement as TSESTree.Statement);
    for (const next of [statement, ...block.body.slice(index + 1, index + 4)]) {
      if (next.type !== AST_NODE_TYPES.IfStatement || !isNegative(next.test)) continue;
      const tested = (answer !== null && mentions(next.test, answer)) || (next.test.range[0] <= call.range[0] && call.range[1] <= next.test.range[1]);
      if (tested && deniesAndStops(next.consequent)) return { call, after: block, from: next.range[1] };
    }
  }
  // `try { await auth.login(name, password); } catch { throw new UnauthorizedError(); }`
  for (let current: TSESTree.Node | undefined = call.parent; current && !isFunction(current); current = current.parent) {
    if (current.type === AST_NODE_TYPES.TryStatement && current.handler && current.block.range[0] <= call.range[0] && call.range[1] <= current.block.range[1]) {
      if (deniesAndStops(current.handler.body) && current.parent.type === AST_NODE_TYPES.BlockStatement) {
        return { call, after: current.parent, from: current.range[1] };
      }
      break;
    }
  }
  return null;
}

/**
 * `call` as a check that throws by itself: a function of the project given the password the request
 * sent and something that is no request value (`await assertPassword(user, password)`), whose body
 * throws outright when a test of that password with it fails, called for its effect with no `try`
 * around it in the handler. What follows it runs only once the password matched.
 */
function throwingCheck(call: TSESTree.CallExpression, facts: HandlerFacts, resolve: ResolveCall): Check | null {
  if (!madeForEffect(call)) return null;
  for (let current: TSESTree.Node | undefined = call.parent; current && current !== facts.fn; current = current.parent) {
    if (current.type === AST_NODE_TYPES.TryStatement || isFunction(current)) return null;
  }
  const statement = statementOf(call);
  if (statement.parent?.type !== AST_NODE_TYPES.BlockStatement) return null;
  const fn = resolve(call);
  if (fn === null) return null;
  const secret = new Set<string>();
  const other = new Set<string>();
  call.arguments.forEach((argument, index) => {
    const param = fn.params[index];
    if (param?.type !== AST_NODE_TYPES.Identifier) return;
    const reads = facts.readsIn(argument);
    if (reads.some((read) => isSignInSecret(read.words))) secret.add(param.name);
    else if (reads.length === 0 && unwrap(argument).type !== AST_NODE_TYPES.Literal) other.add(param.name);
  });
  if (secret.size === 0 || other.size === 0) return null;
  let throws = false;
  walk(fn.body, (node) => {
    if (throws || (isFunction(node) && node !== fn)) return 'skip';
    if (node.type === AST_NODE_TYPES.IfStatement && mentionsAny(node.test, secret) && mentionsAny(node.test, other) && throwsOutright(node.consequent)) throws = true;
    return undefined;
  });
  return throws ? { call, after: statement.parent, from: statement.range[1] } : null;
}

/** A branch that throws whatever happens in it: a `throw` of its own, not one under a further condition. */
function throwsOutright(branch: TSESTree.Node): boolean {
  if (branch.type === AST_NODE_TYPES.ThrowStatement) return true;
  return branch.type === AST_NODE_TYPES.BlockStatement && branch.body.some((statement) => statement.type === AST_NODE_TYPES.ThrowStatement);
}

/** Whether `node` runs only after `check` passed: later in the check's callback or block. */
function runsAfter(node: TSESTree.Node, check: Check): boolean {
  return check.after.range[0] <= node.range[0] && node.range[1] <= check.after.range[1] && node.range[0] >= check.from;
}

/** A call whose result a session or token is: how it is described, and the value it issues for. */
interface Issuance {
  node: TSESTree.Node;
  /** The expressions naming whom it is for (the call's arguments, the value a session is given). */
  subjects: readonly TSESTree.Node[];
}

/**
 * The sessions and tokens the handler issues: `jwt.sign(…)`, `req.login(user)`,
 * `req.session.userId = user.id`, or a call whose result is held in a local named for a token or
 * session and sent in the answer (`const token = await getApiToken(…); reply.send({ token })`).
 */
function issuances(facts: HandlerFacts): Issuance[] {
  const found: Issuance[] = [];
  const sent = sentNames(facts);
  for (const call of facts.calls) {
    const name = dottedName(call.callee) ?? '';
    const args = call.arguments.filter((argument) => argument.type !== AST_NODE_TYPES.SpreadElement);
    if (/(?:^|\.)jwt\.sign$|^sign$|(?:^|\.)sign(?:Jwt|JWT|Token)$/u.test(name)) found.push({ node: call, subjects: args.slice(0, 1) });
    else if (facts.request !== null && (name === `${facts.request}.login` || name === `${facts.request}.logIn`)) found.push({ node: call, subjects: args.slice(0, 1) });
    else {
      const holder = holderOf(call);
      if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier &&
        splitWords(holder.id.name).some((word) => TOKEN_WORDS.has(word)) && sent.has(holder.id.name)) {
        found.push({ node: call, subjects: args });
      }
    }
  }
  for (const assignment of facts.assignments) {
    const target = assignment.left;
    if (target.type !== AST_NODE_TYPES.MemberExpression || facts.request === null) continue;
    const member = propertyName(target.property);
    if (dottedName(target.object) === `${facts.request}.session` && member !== null && principalSet.has(member)) found.push({ node: assignment, subjects: [assignment.right] });
  }
  return found;
}

/**
 * Locals sent in an answer: in a response call's arguments, a returned value, `ctx.body = …`, or a
 * value handed on to the next middleware (`next({ ok, token })`), which answers with it.
 */
function sentNames(facts: HandlerFacts): Set<string> {
  const names = new Set<string>();
  const collect = (node: TSESTree.Node): void => {
    walk(node, (inner) => {
      if (isFunction(inner)) return 'skip';
      if (inner.type === AST_NODE_TYPES.Identifier && !isPropertyKey(inner)) names.add(inner.name);
      return undefined;
    });
  };
  for (const call of facts.calls) if (facts.isResponse(call) || dottedName(call.callee) === 'next') for (const argument of call.arguments) collect(argument);
  for (const value of facts.returns) collect(value);
  for (const assignment of facts.assignments) {
    if (assignment.left.type === AST_NODE_TYPES.MemberExpression && propertyName(assignment.left.property) === 'body') collect(assignment.right);
  }
  return names;
}

/** What a call's success holds: its callback's result parameter, or the local it is assigned to. */
function resultNames(call: TSESTree.CallExpression): string[] {
  const names: string[] = [];
  for (const argument of call.arguments) {
    if (isFunction(argument)) for (const param of argument.params.slice(1)) if (param.type === AST_NODE_TYPES.Identifier) names.push(param.name);
  }
  const holder = holderOf(call);
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) names.push(holder.id.name);
  return names;
}

/**
 * Why a handler is a sign-in or sign-up by what it does, or null. Every call made for its effect
 * (or writing a store) must be a check of a password the request sent, whose failure answers
 * 401/403 and stops, or the creation of an account from such a password followed by a token or
 * session issued for it; tokens and sessions are issued only after one of those, for whom they
 * checked or created (a request value in a token must have been given to the check or creation:
 * `jwt.sign({ sub: req.body.userId })` after checking another name's password is not a sign-in).
 */
function signInByEvidence(facts: HandlerFacts, resolve: ResolveCall): string | null {
  const checks: Check[] = [];
  const creations: TSESTree.CallExpression[] = [];
  const proven = new Set<string>();
  const secretCalls = new Set<TSESTree.CallExpression>();
  for (const call of facts.calls) {
    if (facts.isInert(call)) continue;
    const reads = call.arguments.flatMap((argument) => facts.readsIn(argument));
    if (!reads.some((read) => isSignInSecret(read.words))) continue;
    const answered = asCheck(call);
    const thrown = answered === null ? throwingCheck(call, facts, resolve) : null;
    const check = answered ?? thrown;
    if (check !== null) checks.push(check);
    // `await assertPassword(account, password)`, `bcrypt.compare(password, account.hash)`: the
    // password was checked against the account looked up (by the e-mail sent), so what it was looked
    // up by is proven too.
    if (check !== null) for (const argument of call.arguments) for (const read of facts.readsBehind(argument)) proven.add(read.words.join('.'));
    else if ((madeForEffect(call) || writesStore(call)) && createsAccount(call)) creations.push(call);
    else continue;
    secretCalls.add(call);
    for (const read of reads) proven.add(read.words.join('.'));
  }
  if (checks.length === 0 && creations.length === 0) return null;
  const issued = issuances(facts);
  const issuedCalls = new Set(issued.map((issuance) => issuance.node));
  // Every token is issued after a check or a creation, and names nobody the request chose unchecked.
  for (const issuance of issued) {
    const after = checks.some((check) => runsAfter(issuance.node, check)) || creations.some((creation) => createdBefore(issuance, creation));
    if (!after) return null;
    for (const subject of issuance.subjects) {
      if (facts.readsBehind(subject).some((read) => !proven.has(read.words.join('.')))) return null;
    }
  }
  // Every account created gets a token or session of its own.
  for (const creation of creations) if (!issued.some((issuance) => createdBefore(issuance, creation))) return null;
  // Nothing else changes state.
  for (const call of facts.calls) {
    if (secretCalls.has(call) || issuedCalls.has(call) || facts.isInert(call)) continue;
    if (madeForEffect(call) || writesStore(call)) return null;
  }
  for (const assignment of facts.assignments) {
    if (issued.some((issuance) => issuance.node === assignment)) continue;
    if (changesOutside(assignment, facts)) return null;
  }
  return checks.length > 0 ? 'a sign-in that checks the password it is sent' : 'a sign-up that answers a token for the account it creates';
}

/** Whether a token is issued for the account `creation` made: after it, given its result or what it was given. */
function createdBefore(issuance: Issuance, creation: TSESTree.CallExpression): boolean {
  const callback = creation.arguments.find((argument) => isFunction(argument));
  const inCallback = callback !== undefined && callback.range[0] <= issuance.node.range[0] && issuance.node.range[1] <= callback.range[1];
  const statement = statementOf(creation);
  const block = statement.parent;
  const later = block?.type === AST_NODE_TYPES.BlockStatement && block.range[0] <= issuance.node.range[0] && issuance.node.range[1] <= block.range[1] && issuance.node.range[0] >= statement.range[1];
  if (!inCallback && !later) return false;
  const results = resultNames(creation);
  return issuance.subjects.some((subject) => results.some((name) => mentions(subject, name))) || results.length === 0;
}

/**
 * An assignment that changes state beyond the answer: a member of a variable declared outside the
 * handler (`config.owner = …`). Locals, the answer (`ctx.body`, `ctx.status`) and the request's
 * members are not; a session written for anything but the principal is.
 */
function changesOutside(assignment: TSESTree.AssignmentExpression, facts: HandlerFacts): boolean {
  const target = assignment.left;
  if (target.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = dottedName(target) ?? '';
  const root = name.split('.')[0] ?? '';
  if (facts.params.has(root)) return name.split('.').includes('session');
  if (root === '' || root === 'this') return root === '';
  return !facts.declared.has(root);
}

/**
 * Why a handler acts only on the secret credential it is sent, or null: every call it makes,
 * besides answering, logging and conversions, is given a request value whose key names a secret
 * credential (`req.params.token`, `request.body.refreshToken`, `apiKey`), or a local computed from
 * one; none is given any other request value; none stores the credential as a value
 * (`credentialStoringCalls`); and the handler writes nothing outside itself.
 */
function actsOnlyOnSentCredential(facts: HandlerFacts): string | null {
  const derived = new Set<string>();
  let key: string | null = null;
  let acts = false;
  for (const call of facts.calls) {
    if (facts.isInert(call)) continue;
    const reads = call.arguments.flatMap((argument) => facts.readsIn(argument));
    const credentialReads = reads.filter((read) => {
      const last = read.words.at(-1);
      return last !== undefined && isSentCredentialKey(last);
    });
    if (credentialReads.length !== reads.length) return null;
    const givenDerived = call.arguments.some((argument) => mentionsAny(argument, derived));
    if (credentialReads.length === 0 && !givenDerived) return null;
    if (storesCredential(call, facts, derived)) return null;
    key ??= credentialReads[0]?.words.at(-1) ?? null;
    acts = true;
    // `const hash = sha256(token)`: what is computed from the credential stands for it.
    const holder = holderOf(call);
    if (holder?.type === AST_NODE_TYPES.VariableDeclarator) walk(holder.id, (inner) => {
      if (inner.type === AST_NODE_TYPES.Identifier) derived.add(inner.name);
    });
  }
  if (!acts || key === null) return null;
  if (facts.assignments.some((assignment) => changesOutside(assignment, facts))) return null;
  // `jwt.sign(jwt.decode(refreshToken))`: claims read without a signature check are the client's.
  if (facts.calls.some((call) => unverifiedDecodes.test(dottedName(call.callee) ?? '') && call.arguments.some((argument) => mentionsAny(argument, derived) || facts.readsIn(argument).length > 0))) return null;
  return `an action on the credential it is sent (\`${key}\`)`;
}

/** Whether a call stores the credential it is given as a value (see `credentialStoringCalls`). */
function storesCredential(call: TSESTree.CallExpression, facts: HandlerFacts, derived: ReadonlySet<string>): boolean {
  const callee = unwrap(call.callee);
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
  if (method === null) return false;
  const holdsCredential = (node: TSESTree.Node): boolean =>
    facts.readsIn(node).some((read) => isSentCredentialKey(read.words.at(-1) ?? '')) || mentionsAny(node, derived);
  if (credentialStoringCalls.storing.test(method)) return call.arguments.some(holdsCredential);
  if (!credentialStoringCalls.updating.test(method)) return false;
  return call.arguments.some((argument, index) => {
    if (index > 0) return holdsCredential(argument);
    let stored = false;
    walk(argument, (inner) => {
      if (stored || isFunction(inner)) return 'skip';
      if (inner.type === AST_NODE_TYPES.Property && (credentialStoringCalls.storedValueKeys as readonly string[]).includes(propertyName(inner.key) ?? '') && holdsCredential(inner.value)) stored = true;
      return undefined;
    });
    return stored;
  });
}
