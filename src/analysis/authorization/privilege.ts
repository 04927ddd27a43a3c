import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { RequestStyle } from '../../models/frameworks/request-inputs.js';
import { knexRootNames, principalDecoratorPattern } from '../../models/exposure.js';
import { decoratorControllers } from '../../models/frameworks/decorator-controllers.js';
import {
  callerGroupMembers,
  callerMembers,
  clientInputCalls,
  clientInputDecorators,
  clientInputMembers,
  contextDecorators,
  handlerParameterRoles,
  credentialFields,
  dataKeys,
  filterKeys,
  passwordChecks,
  recordDeleteMethods,
  recordListMethods,
  recordUpdateMethods,
  refundCalls,
  roleFields,
  sessionIdentityMembers,
  singleRecordReads,
  systemModels,
  tokenIssuers,
  tokenSubjectClaims,
  userModels,
  accessGrantModels,
  tenantModels,
  identityAdminCalls,
} from '../../models/privilege.js';
import { classMethodOf, constructorMemberValue, dottedName, enclosingFunction, findVariable, importSource, isConstantBinding, isFunction, requiredModule, patternNames, propertyName, resolveFunction, scopeLookup, singleDefinition, thisClass, unwrap, walk, type FunctionNode, scopeOf } from '../../utils/ast.js';
import { declarationSources, declaredShape } from '../exposure/declarations.js';
import { fieldMatcher, headNoun, modelMatcher } from '../exposure/names.js';
import { crossFileTarget } from '../project/calls.js';
import { prismaCredentialModels } from './prisma-users.js';
import { EXPRESSION_MARK, readSql, type SqlSlot, type SqlStatement } from './sql-text.js';
import { fileOfNode } from '../project/parse.js';
import { importedDefinition } from '../project/imported.js';

/** What makes a route privileged by what it does (see `privilegedOperation`). */
export type PrivilegeKind = 'role-write' | 'credential-write' | 'user-delete' | 'user-export' | 'system-write' | 'impersonation' | 'refund';

/** A privileged operation found in a handler or a function it calls. */
export interface PrivilegedOperation {
  kind: PrivilegeKind;
  /** How a message says what the route does: "writes `role` of a record the client names (`prisma.user.update`)". */
  description: string;
  /** The operation (a call or an assignment). */
  node: TSESTree.Node;
  /** The file that holds it (undefined: the linted file, when it is not on disk). */
  file: string | undefined;
  line: number;
}

/** At most this many calls deep from the handler. */
const MAX_DEPTH = 3;
/** At most this many functions read per handler. */
const MAX_FUNCTIONS = 24;
/** At most this many variable definitions followed back from one value. */
const MAX_DEFINITION_STEPS = 6;

const isUserModel = modelMatcher(userModels);
const isSystemModel = modelMatcher(systemModels);
const isRoleField = fieldMatcher(roleFields);
const isCredentialField = fieldMatcher(credentialFields);
const updateMethods = new Set(recordUpdateMethods);
const deleteMethods = new Set(recordDeleteMethods);
const listMethods = new Set(recordListMethods);
const singleReads = new Set(singleRecordReads);
const filterKeySet = new Set(filterKeys);
const dataKeySet = new Set(dataKeys);
const issuerSet = new Set(tokenIssuers);
const subjectClaimSet = new Set(tokenSubjectClaims);
const sessionMemberSet = new Set(sessionIdentityMembers);
const inputMemberSet = new Set(clientInputMembers);
const inputCallSet = new Set(clientInputCalls);
const inputDecoratorSet = new Set(clientInputDecorators);
const contextDecoratorSet = new Set(contextDecorators);
/**
 * Parameter decorators of the decorator controllers besides NestJS (routing-controllers, tsoa,
 * inversify-express-utils, …) by the request member they inject: `@requestParam('id')` is of
 * `params`, `@request()` the request itself (`''`), `@principal()` the caller (null).
 */
const controllerParameterDecorators: ReadonlyMap<string, string | null> = new Map(
  decoratorControllers.flatMap((model) => Object.entries(model.parameters).map(([decorator, parameter]): [string, string | null] => [decorator, parameter.member])),
);
const callerMemberSet = new Set(callerMembers);
const isCallerGroup = fieldMatcher(callerGroupMembers);
/** Query-builder roots whose delete names the table as its argument (`db.delete(users)`). */
const queryRoots: ReadonlySet<string> = knexRootNames;

/** Where a value comes from: the client's request input, the caller's identity, or both. */
interface Origin {
  client: boolean;
  caller: boolean;
}

const NONE: Origin = { client: false, caller: false };

/** A function being read, with what its parameters hold. */
interface Frame {
  fn: FunctionNode;
  sourceCode: Readonly<TSESLint.SourceCode>;
  /** Parameters holding the request, context or event: their `params`, `body`, `query` are client input. */
  requestParams: ReadonlySet<string>;
  /** Parameters holding client input, or a record the client names. */
  clientParams: ReadonlySet<string>;
  /** Parameters holding the caller's identity. */
  callerParams: ReadonlySet<string>;
  /** Members of the request params that hold client input besides `clientInputMembers` (a callable's `data`). */
  inputMembers: readonly string[];
  depth: number;
}

/**
 * The first privileged operation `handler` performs, itself or through the functions it calls (in
 * this file, and in other files of the project through their imports, `crossFileTarget`), at most
 * `MAX_DEPTH` calls deep and `MAX_FUNCTIONS` functions per handler; null when none is in view.
 * Privileged: writing a role or permission field from the request or on a record the client names,
 * writing the credentials or status of a user the client names, deleting such a user, answering
 * every user record, writing a system setting or feature flag, issuing a credential or a session
 * for a user the client names, or issuing a refund.
 */
export function privilegedOperation(handler: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>, style?: RequestStyle): PrivilegedOperation | null {
  const cached = cache.get(handler);
  if (cached !== undefined) return cached;
  const frame = handlerFrame(handler, sourceCode, style);
  const state: SearchState = { visited: new Set(), budget: MAX_FUNCTIONS };
  const found = search(frame, state);
  cache.set(handler, found);
  return found;
}

const cache = new WeakMap<FunctionNode, PrivilegedOperation | null>();

interface SearchState {
  visited: Set<string>;
  budget: number;
}

function handlerFrame(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>, style?: RequestStyle): Frame {
  const requestParams = new Set<string>();
  const clientParams = new Set<string>();
  const callerParams = new Set<string>();
  const roles = style === undefined ? undefined : handlerParameterRoles[style];
  for (const [position, param] of fn.params.entries()) {
    const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    const name = target.type === AST_NODE_TYPES.Identifier ? target.name : target.type === AST_NODE_TYPES.AssignmentPattern && target.left.type === AST_NODE_TYPES.Identifier ? target.left.name : null;
    const decorators = (param.decorators ?? []).map((decorator) => dottedName(decorator.expression) ?? '');
    if (roles !== undefined) {
      // A resolver's `(parent, args, context)`, a callable's `(data, context)`: each parameter by its position.
      if (roles.client.includes(position) || roles.request.includes(position)) addParameter(target, roles.client.includes(position), roles.inputMembers ?? [], { requestParams, clientParams, callerParams });
      continue;
    }
    const declared = decorators.map((decorator) => controllerParameterDecorators.get(decorator)).find((member) => member !== undefined);
    if (name !== null && (decorators.some((decorator) => inputDecoratorSet.has(decorator)) || (typeof declared === 'string' && declared !== '' && inputMemberSet.has(declared)))) clientParams.add(name);
    else if (name !== null && declared === null) callerParams.add(name);
    else if (name !== null && declared === '') requestParams.add(name);
    else if (name !== null && decorators.some((decorator) => principalDecoratorPattern.test(decorator))) callerParams.add(name);
    else if (name !== null && decorators.some((decorator) => contextDecoratorSet.has(decorator))) requestParams.add(name);
    else if (name !== null && decorators.length === 0) requestParams.add(name);
    else if (target.type === AST_NODE_TYPES.ObjectPattern) {
      // Next.js `(request, { params })`: the route's path parameters.
      for (const property of target.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = propertyName(property.key);
        const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        if (key !== null && inputMemberSet.has(key) && value.type === AST_NODE_TYPES.Identifier) clientParams.add(value.name);
      }
    }
  }
  return { fn, sourceCode, requestParams, clientParams, callerParams, depth: 0, inputMembers: roles?.inputMembers ?? [] };
}

/**
 * What a parameter of a handler with a known signature holds (see `handlerParameterRoles`): the
 * client's input (`args`, or the names `{ id, input }` destructure from it), or the request or
 * context, whose destructured members are read as the request's: `{ user }` of a resolver's context
 * is the caller, `{ data }` of a callable's request the client's payload.
 */
function addParameter(param: TSESTree.Parameter, isClient: boolean, inputMembers: readonly string[], frame: { requestParams: Set<string>; clientParams: Set<string>; callerParams: Set<string> }): void {
  const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
  if (isClient) {
    for (const name of patternNames(target)) frame.clientParams.add(name);
    return;
  }
  if (target.type === AST_NODE_TYPES.Identifier) frame.requestParams.add(target.name);
  if (target.type !== AST_NODE_TYPES.ObjectPattern) return;
  for (const property of target.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyName(property.key);
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (key === null || value.type !== AST_NODE_TYPES.Identifier) continue;
    if (inputMemberSet.has(key) || inputMembers.includes(key)) frame.clientParams.add(value.name);
    else if (callerMemberSet.has(key)) frame.callerParams.add(value.name);
  }
}

/**
 * What a function does given what its parameters hold, remembered across the routes of a file (a
 * helper every route calls is read once per way it is called, not once per route).
 */
const searched = new WeakMap<FunctionNode, Map<string, PrivilegedOperation | null>>();

function search(frame: Frame, state: SearchState): PrivilegedOperation | null {
  const key = `${String(frame.depth)}|${[...frame.clientParams].join(',')}|${[...frame.requestParams].join(',')}|${[...frame.callerParams].join(',')}|${frame.inputMembers.join(',')}`;
  const known = searched.get(frame.fn)?.get(key);
  if (known !== undefined) return known;
  const visit = `${String(fileOfNode(frame.fn))}:${String(frame.fn.range[0])}:${key}`;
  if (state.visited.has(visit) || state.budget <= 0) return null;
  state.visited.add(visit);
  state.budget--;
  const found = searchFrame(frame, state);
  // A result cut short by the budget is this route's, not the function's.
  if (state.budget > 0) {
    let byKey = searched.get(frame.fn);
    if (!byKey) searched.set(frame.fn, (byKey = new Map()));
    byKey.set(key, found);
  }
  return found;
}

function searchFrame(frame: Frame, state: SearchState): PrivilegedOperation | null {
  const origins = new OriginReader(frame);
  const checksPassword = runsPasswordCheck(frame.fn, frame.sourceCode);
  let found: PrivilegedOperation | null = null;
  const calls: TSESTree.CallExpression[] = [];
  walk(frame.fn.body, (node) => {
    if (found !== null) return 'skip';
    if (node.type === AST_NODE_TYPES.CallExpression) {
      found = callOperation(node, frame, origins, checksPassword);
      if (found === null) calls.push(node);
    } else if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
      found = assignmentOperation(node, node.left, frame, origins);
    } else if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      found = taggedSqlOperation(node, frame, origins);
    }
    return undefined;
  });
  if (found !== null || frame.depth >= MAX_DEPTH) return found;
  for (const call of calls) {
    const next = calleeFrame(call, frame, origins);
    if (next === null) continue;
    const inner = search(next, state);
    if (inner !== null) return inner;
  }
  return null;
}

/** The function a call runs (this file, a method of the same class, or another project file), with what its parameters receive. */
function calleeFrame(call: TSESTree.CallExpression, frame: Frame, origins: OriginReader): Frame | null {
  const callee = unwrap(call.callee);
  let fn: FunctionNode | null = null;
  let sourceCode = frame.sourceCode;
  const scopeOf = scopeLookup(frame.sourceCode);
  if (callee.type === AST_NODE_TYPES.Identifier) fn = resolveFunction(callee, scopeOf(callee));
  else if (callee.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object).type === AST_NODE_TYPES.ThisExpression) fn = classMethodCalled(callee);
  if (fn === null) {
    const target = crossFileTarget(callee, frame.sourceCode);
    if (target === null) return null;
    fn = target.fn;
    sourceCode = target.module.sourceCode;
  }
  if (fn === frame.fn) return null;
  const requestParams = new Set<string>();
  const clientParams = new Set<string>();
  const callerParams = new Set<string>();
  fn.params.forEach((param, index) => {
    const argument = call.arguments[index];
    const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
    const name = target.type === AST_NODE_TYPES.Identifier ? target.name : target.type === AST_NODE_TYPES.AssignmentPattern && target.left.type === AST_NODE_TYPES.Identifier ? target.left.name : null;
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return;
    const value = unwrap(argument);
    if (value.type === AST_NODE_TYPES.Identifier && frame.requestParams.has(value.name) && name !== null) {
      requestParams.add(name);
      return;
    }
    const origin = origins.of(value);
    const names = name !== null ? [name] : patternNames(target);
    for (const each of names) {
      if (origin.client) clientParams.add(each);
      else if (origin.caller) callerParams.add(each);
    }
  });
  return { fn, sourceCode, requestParams, clientParams, callerParams, inputMembers: frame.inputMembers, depth: frame.depth + 1 };
}

/** `this.helper()` inside a class method: the class's own method of that name. */
function classMethodCalled(callee: TSESTree.MemberExpression): FunctionNode | null {
  const owner = thisClass(callee);
  const name = propertyName(callee.property);
  return owner && name !== null ? classMethodOf(owner, name) : null;
}

/** Whether a function checks a password or verifies a token: it then issues credentials to whoever proves one, not to a user of the client's choice. */
function runsPasswordCheck(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let found = false;
  walk(fn.body, (node) => {
    if (found) return 'skip';
    if (node.type === AST_NODE_TYPES.CallExpression && passwordChecks.test(dottedName(node.callee) ?? '')) found = true;
    // `const ok = await users.authenticateCredentials(body.username, body.password); if (ok) …`: a
    // function of any name given the password, whose answer the handler tests, checks it. Only
    // given it (`await setPassword(body.userId, body.password)`, answer untested) proves nothing.
    if (node.type === AST_NODE_TYPES.IfStatement && testsPasswordAnswer(node.test, fn, sourceCode)) found = true;
    return undefined;
  });
  return found;
}

/** Whether an `if` test reads the answer of a call given a password, directly or through a `const`. */
function testsPasswordAnswer(test: TSESTree.Node, fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  let found = false;
  walk(test, (node) => {
    if (found || isFunction(node)) return 'skip';
    let value: TSESTree.Node | null = null;
    if (node.type === AST_NODE_TYPES.CallExpression) value = node;
    else if (node.type === AST_NODE_TYPES.Identifier) {
      const definition = findVariable(scopeOf(sourceCode, node), node.name)?.defs[0];
      const declarator = definition?.node;
      if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init && declarator.parent.kind === 'const' && enclosingFunction(declarator) === fn) value = declarator.init;
    }
    let call = value && unwrap(value);
    if (call?.type === AST_NODE_TYPES.AwaitExpression) call = unwrap(call.argument);
    if (call?.type === AST_NODE_TYPES.CallExpression && passesPassword(call, sourceCode)) found = true;
    return undefined;
  });
  return found;
}

/** `login(name, password)`: a credential issued to whoever proves the password is a sign-in. */
function passesPassword(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  return call.arguments.some((argument) => /pass(?:word|wd)?\b|password/iu.test(sourceCode.getText(argument)));
}

/**
 * Whether a handler decides by the caller itself: an `if` whose test reads the caller (`req.user`,
 * a value derived from it) and whose branch leaves or answers (`return`, `throw`, a redirect, a
 * response). Such a handler is open to users on purpose, with its own (often object-level) check:
 * its siblings' role checks do not make it inconsistent.
 */
export function authorizesCallerItself(handler: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  // A comparison with the caller's tenant (`doc.orgId !== req.user.orgId`) is a decision about the caller too.
  const origins = new OriginReader(handlerFrame(handler, sourceCode), true);
  let found = false;
  walk(handler.body, (node) => {
    if (found || (isFunction(node) && node !== handler)) return 'skip';
    if (node.type !== AST_NODE_TYPES.IfStatement) return undefined;
    // A comparison or a call about the caller (`run.ownerId !== req.user.id`, `canEdit(req.user, doc)`);
    // a test of its mere presence (`!req.user`) is authentication, not a decision about who may.
    let caller = false;
    walk(node.test, (inner) => {
      if (caller || isFunction(inner)) return 'skip';
      const operands = inner.type === AST_NODE_TYPES.BinaryExpression ? [inner.left, inner.right]
        : inner.type === AST_NODE_TYPES.CallExpression ? [...inner.arguments, ...(inner.callee.type === AST_NODE_TYPES.MemberExpression ? [inner.callee.object] : [])]
          : [];
      if (operands.some((operand) => origins.of(operand).caller)) caller = true;
      return undefined;
    });
    if (caller && (leaves(node.consequent) || (node.alternate != null && leaves(node.alternate)))) found = true;
    return undefined;
  });
  return found;
}

const ANSWERS = /(?:^|\.)(?:redirect|status|sendStatus|json|send|end|throw)$/u;

function leaves(branch: TSESTree.Node): boolean {
  let found = false;
  walk(branch, (node) => {
    if (found || isFunction(node)) return 'skip';
    if (node.type === AST_NODE_TYPES.ReturnStatement || node.type === AST_NODE_TYPES.ThrowStatement) found = true;
    if (node.type === AST_NODE_TYPES.CallExpression && ANSWERS.test(dottedName(node.callee) ?? '')) found = true;
    return undefined;
  });
  return found;
}

/** The outermost call of a chain: `db.update(users).set({...}).where(...)` for its `set`. */
function chainTop(call: TSESTree.Node): TSESTree.Node {
  let top: TSESTree.Node = call;
  for (;;) {
    const parent: TSESTree.Node | undefined = top.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === top && parent.parent?.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) {
      top = parent.parent;
      continue;
    }
    if (parent && (parent.type === AST_NODE_TYPES.AwaitExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression || parent.type === AST_NODE_TYPES.TSAsExpression)) {
      top = parent;
      continue;
    }
    return top;
  }
}

/** The names a store call's receiver goes by: `prisma.user`, `User`, `this.usersRepository`, `knex('users')`, drizzle's `db.update(users)`, `getRepository(User)`. */
function receiverNames(receiver: TSESTree.Node): string[] {
  const names: string[] = [];
  walk(receiver, (node) => {
    if (isFunction(node)) return 'skip';
    // A table is named by a bare name or a string (`knex('users')`, `getRepository(User)`); a member
    // passed to a call is a value the call works on (`createHmac('sha256', config.secret).update`).
    // So are objects and arrays passed to it: the filter of `Ticket.find({ owner: req.user.id })`
    // names no table (its keys and values are fields and the caller).
    if (node.parent?.type === AST_NODE_TYPES.CallExpression && node.parent.arguments.includes(node as TSESTree.CallExpressionArgument) && node.type !== AST_NODE_TYPES.Identifier && node.type !== AST_NODE_TYPES.Literal) return 'skip';
    if (node.type === AST_NODE_TYPES.Identifier && node.name !== 'this') names.push(node.name);
    if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' && /^[A-Za-z_][\w-]*$/u.test(node.value)) names.push(node.value);
    return undefined;
  });
  return names;
}

function modelOf(receiver: TSESTree.Node, test: (name: string) => boolean): string | null {
  // Nearest name first: `this.prisma.user` is about `user`, `db.collection('users')` about `users`.
  return receiverNames(receiver).reverse().find(test) ?? null;
}

const isPasswordField = fieldMatcher(['password', 'passwordHash', 'hashedPassword', 'encryptedPassword', 'passwordDigest']);
/** A field that makes the model declaring it a user model: a password or a role. */
const isCredentialDeclaration = (field: string): boolean => isPasswordField(field) || isRoleField(field);

/**
 * The user model a store call's receiver names: by its name (`userModels`), a model of the
 * project's Prisma schema with a password or role field (`prisma.principal`), an entity the app
 * declares with a password or role field (a Mongoose schema, a Sequelize model, a TypeORM class, in
 * this file or the file its binding is imported from): `Principal.findByIdAndDelete(id)` of a
 * `Principal` with `passwordHash` and `roles`; or, for `this.repo`, the entity the class's
 * injection names by type or decorator (`@InjectRepository(Principal) repo: Repository<Principal>`).
 */
function userModelOf(receiver: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string | null {
  const prisma = prismaCredentialModels(fileOfNode(receiver), isCredentialDeclaration);
  const test = (at: TSESTree.Node) => (name: string): boolean => isUserModel(name) || prisma.has(name.toLowerCase()) || (/^[A-Z]/u.test(name) && declaresCredentials(at, sourceCode, name));
  const named = modelOf(receiver, test(receiver)) ?? injectedUserModel(receiver, sourceCode, prisma);
  if (named !== null) return named;
  // `this.repo` of a class whose field holds `dataSource.getRepository(User)`.
  const initializer = classFieldValue(receiver);
  return initializer === null ? null : modelOf(initializer, test(initializer));
}

/** Whether a raw SQL statement's table is a user table: by its head noun, or a Prisma model (or `@@map` table) with a password or role field. */
function isUserTable(table: string, at: TSESTree.Node): boolean {
  return isUserModel(table) || prismaCredentialModels(fileOfNode(at), isCredentialDeclaration).has(table.toLowerCase());
}

function declaresCredentials(at: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, name: string): boolean {
  const shape = declaredShape(declarationSources(at, sourceCode, name), name);
  return shape !== null && shape.fields.some(isCredentialDeclaration);
}

/**
 * The user model behind `this.<member>` when the class declares the member with a generic store type
 * (`Repository<Principal>`, `Model<PrincipalDocument>`) or injects it by a decorator naming the
 * entity (`@InjectRepository(Principal)`, `@InjectModel(Principal.name)`), and that entity is a user
 * model (by name, by its declaration, or in the Prisma schema).
 */
function injectedUserModel(receiver: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>, prisma: ReadonlySet<string>): string | null {
  const target = unwrap(receiver);
  if (target.type !== AST_NODE_TYPES.MemberExpression || unwrap(target.object).type !== AST_NODE_TYPES.ThisExpression) return null;
  const member = propertyName(target.property);
  let body: TSESTree.Node | undefined = target.parent;
  while (body && body.type !== AST_NODE_TYPES.ClassBody) body = body.parent;
  if (!body || member === null) return null;
  const candidates: string[] = [];
  const collect = (annotation: TSESTree.TSTypeAnnotation | undefined, decorators: readonly TSESTree.Decorator[] | undefined): void => {
    const type = annotation?.typeAnnotation;
    const argument = type?.type === AST_NODE_TYPES.TSTypeReference ? type.typeArguments?.params[0] : undefined;
    if (argument?.type === AST_NODE_TYPES.TSTypeReference && argument.typeName.type === AST_NODE_TYPES.Identifier) candidates.push(argument.typeName.name);
    for (const decorator of decorators ?? []) {
      if (decorator.expression.type !== AST_NODE_TYPES.CallExpression) continue;
      const first = decorator.expression.arguments[0] ? unwrap(decorator.expression.arguments[0]) : null;
      if (first?.type === AST_NODE_TYPES.Identifier) candidates.push(first.name);
      else if (first?.type === AST_NODE_TYPES.MemberExpression && first.object.type === AST_NODE_TYPES.Identifier && propertyName(first.property) === 'name') candidates.push(first.object.name);
    }
  };
  for (const element of body.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && propertyName(element.key) === member) collect(element.typeAnnotation, element.decorators);
    if (element.type !== AST_NODE_TYPES.MethodDefinition || element.kind !== 'constructor') continue;
    for (const param of element.value.params) {
      if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
      const inner = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
      if (inner.type === AST_NODE_TYPES.Identifier && inner.name === member) collect(inner.typeAnnotation, param.decorators);
    }
  }
  for (const candidate of candidates) {
    // `Model<PrincipalDocument>` of `type PrincipalDocument = Principal & Document`.
    for (const name of new Set([candidate, candidate.replace(/Document$/u, '')])) {
      if (name === '') continue;
      if (isUserModel(name) || prisma.has(name.toLowerCase()) || declaresCredentials(receiver, sourceCode, name)) return name;
    }
  }
  return null;
}

/** The object literals of a call's arguments that hold the written values, with the fields they write. */
function writtenObjects(call: TSESTree.CallExpression): TSESTree.ObjectExpression[] {
  const objects: TSESTree.ObjectExpression[] = [];
  for (const argument of call.arguments) {
    const value = unwrap(argument);
    if (value.type !== AST_NODE_TYPES.ObjectExpression) continue;
    let nested = false;
    for (const property of value.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const inner = unwrap(property.value);
      if (dataKeySet.has(propertyName(property.key) ?? '') && inner.type === AST_NODE_TYPES.ObjectExpression) {
        objects.push(inner);
        nested = true;
      }
    }
    const filters = value.properties.some((property) => property.type === AST_NODE_TYPES.Property && filterKeySet.has(propertyName(property.key) ?? ''));
    if (!nested && !filters) objects.push(value);
  }
  return objects;
}

function fieldsOf(object: TSESTree.ObjectExpression, test: (name: string) => boolean): TSESTree.Property[] {
  return object.properties.filter((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && !property.computed && test(propertyName(property.key) ?? ''));
}

/**
 * Origin of what a chain says about the record it acts on: the arguments of its calls, except the
 * written objects (`where: { id: req.params.id }` of `prisma.user.update`, `.where(eq(users.id, id))`
 * of drizzle), never the receiver's name (`prisma.user`).
 */
function targetOrigin(top: TSESTree.Node, written: readonly TSESTree.Node[], origins: OriginReader): Origin {
  let client = false;
  let caller = false;
  let node: TSESTree.Node = unwrap(top);
  while (node.type === AST_NODE_TYPES.AwaitExpression) node = unwrap(node.argument);
  while (node.type === AST_NODE_TYPES.CallExpression) {
    for (const argument of node.arguments) {
      if (written.includes(argument)) continue;
      const origin = originWithoutStamps(argument, origins);
      client ||= origin.client;
      caller ||= origin.caller;
    }
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    node = unwrap(callee.object);
  }
  return { client, caller };
}

function describeCallee(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): string {
  // `dottedName` reads through calls (`db.where.del` of `db('accounts').where({ id }).del`): only a plain chain is named by it.
  let plain = true;
  walk(call.callee, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression) plain = false;
    return plain ? undefined : 'skip';
  });
  const name = plain ? dottedName(call.callee) : null;
  if (name !== null) return name;
  const text = sourceCode.getText(call.callee).replace(/\s+/gu, ' ');
  return text.length > 60 ? `…${text.slice(-59)}` : text;
}

function operation(kind: PrivilegeKind, description: string, node: TSESTree.Node): PrivilegedOperation {
  return { kind, description, node, file: fileOfNode(node), line: node.loc.start.line };
}

function callOperation(call: TSESTree.CallExpression, frame: Frame, origins: OriginReader, checksPassword: boolean): PrivilegedOperation | null {
  const callee = unwrap(call.callee);
  const name = dottedName(callee) ?? '';
  const method = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : callee.type === AST_NODE_TYPES.Identifier ? callee.name : null;
  if (method === null) return null;
  const label = (): string => `\`${describeCallee(call, frame.sourceCode)}\``;
  if (refundCalls.test(name)) {
    const origin = argumentsOrigin(call, origins);
    if (!origin.caller) return operation('refund', `issues a refund (${label()})`, call);
  }
  if (issuerSet.has(method) && !checksPassword && !passesPassword(call, frame.sourceCode)) {
    const origin = subjectOrigin(call, origins) ?? chainedSubjectOrigin(call, origins) ?? argumentsOrigin(call, origins);
    if (origin.client && !origin.caller) return operation('impersonation', `issues a credential for a user the client names (${label()})`, call);
  }
  const sql = call.arguments[0] === undefined ? null : sqlTextOf(call.arguments[0], frame);
  if (sql !== null) {
    const bindings = sql.bindings ?? (call.arguments[1] === undefined ? null : unwrap(call.arguments[1]));
    return sqlOperation(sql, bindings, chainTop(call), describeCallee(call, frame.sourceCode), call, frame, origins);
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const identity = identityAdminOperation(call, callee, frame, origins, checksPassword);
  if (identity !== null) return identity;
  const receiver = callee.object;
  const top = chainTop(call);
  if (updateMethods.has(method)) {
    const written = writtenObjects(call);
    // The objects that write a role or credential are the data; any other argument names the record.
    const data = written.filter((object) => fieldsOf(object, isRoleField).length > 0 || fieldsOf(object, isCredentialField).length > 0);
    const target = targetOrigin(top, data, origins);
    const othersRecord = target.client && !target.caller;
    for (const object of written) {
      const role = fieldsOf(object, isRoleField).find((property) => othersRecord || origins.of(property.value).client);
      if (role) {
        const whose = othersRecord ? ' of a record the client names' : ' from the request';
        return operation('role-write', `writes \`${propertyName(role.key) ?? 'role'}\`${whose} (${label()})`, call);
      }
    }
    const user = othersRecord ? userModelOf(receiver, frame.sourceCode) : null;
    if (user !== null) {
      const credential = written.flatMap((object) => fieldsOf(object, isCredentialField))[0];
      if (credential) return operation('credential-write', `writes \`${propertyName(credential.key) ?? 'password'}\` of a user the client names (${label()})`, call);
    }
    const system = modelOf(receiver, isSystemModel);
    if (system !== null && !target.caller && method !== 'set') return operation('system-write', `writes the system setting \`${system}\` (${label()})`, call);
    const tenant = tenantSettingWrite(call, receiver, written, targetOrigin(top, written, origins));
    if (tenant !== null) return operation('system-write', `writes ${tenant} (${label()})`, call);
  }
  if (deleteMethods.has(method)) {
    const target = targetOrigin(top, [], origins);
    // drizzle names the table in the call: `db.delete(users).where(eq(users.id, id))`.
    const table = queryRoots.has(dottedName(receiver) ?? '') ? call.arguments[0] ?? receiver : receiver;
    const user = target.client && !target.caller ? userModelOf(table, frame.sourceCode) : null;
    if (user !== null && target.client && !target.caller) return operation('user-delete', `deletes a user the client names (${label()})`, call);
    if (target.client && !target.caller && modelOf(table, isAccessGrant) !== null) return operation('user-delete', `removes a member the client names from its group (${label()})`, call);
    const system = modelOf(receiver, isSystemModel);
    if (system !== null && !target.caller && (target.client || call.arguments.length > 0)) return operation('system-write', `deletes the system setting \`${system}\` (${label()})`, call);
  }
  if (listMethods.has(method) || method === 'from') {
    // drizzle and knex name the table in `from`: `db.select().from(users)`, `knex.select('*').from('users')`.
    const table = method === 'from' ? call.arguments[0] ?? null : receiver;
    const user = table === null || filtered(call) ? null : userModelOf(table, frame.sourceCode);
    if (user !== null && !filtered(call) && !narrowedInChain(call) && answered(top, frame)) {
      return operation('user-export', `answers every \`${headNoun(user) ?? user}\` record (${label()})`, call);
    }
  }
  return null;
}

const identityMethods = new Set(identityAdminCalls.map((entry) => entry.path.slice(entry.path.lastIndexOf('.') + 1)));

/**
 * A call of an identity provider's admin SDK that manages another user's account (see
 * `identityAdminCalls`): `getAuth().setCustomUserClaims(request.data.uid, { admin: true })`.
 */
function identityAdminOperation(call: TSESTree.CallExpression, callee: TSESTree.MemberExpression, frame: Frame, origins: OriginReader, checksPassword: boolean): PrivilegedOperation | null {
  const method = propertyName(callee.property);
  if (method === null || !identityMethods.has(method)) return null;
  const value = libraryValue(callee.object, scopeLookup(frame.sourceCode), 0);
  if (value === null) return null;
  const entry = identityAdminCalls.find((candidate) => candidate.module === value.module && candidate.path === `${value.path}.${method}`);
  if (!entry) return null;
  const label = `\`${describeCallee(call, frame.sourceCode)}\``;
  if (entry.subject === undefined) return operation(entry.kind, `${entry.does} (${label})`, call);
  // A custom token minted after a password check is a sign-in, as a token of `tokenIssuers` is.
  if (entry.kind === 'impersonation' && checksPassword) return null;
  const subject = call.arguments[entry.subject];
  const origin = subject === undefined ? NONE : origins.of(subject);
  if (origin.client && !origin.caller) return operation(entry.kind, `${entry.does} an account the client names (${label})`, call);
  const grants = entry.grants === undefined ? undefined : call.arguments[entry.grants];
  if (grants !== undefined && origins.of(grants).client) return operation(entry.kind, `${entry.does} an account with claims from the request (${label})`, call);
  return null;
}

/** Steps followed from a value back to the package it comes from. */
const MAX_LIBRARY_STEPS = 4;

/**
 * The package a value comes from and the path from it, `()` marking a call's result:
 * `admin.auth()` of `import * as admin from 'firebase-admin'` is `auth()` of `firebase-admin`,
 * `getAuth()` of `firebase-admin/auth` is `getAuth()`. Follows constants (`const auth = getAuth()`)
 * in this file and in the project file they are imported from (`export const adminAuth = getAuth()`).
 */
function libraryValue(node: TSESTree.Node, scopeOf: (node: TSESTree.Node) => TSESLint.Scope.Scope, steps: number): { module: string; path: string } | null {
  if (steps > MAX_LIBRARY_STEPS) return null;
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const module = requiredModule(value);
    if (module !== null && value.callee.type === AST_NODE_TYPES.Identifier) return { module, path: '' };
    const inner = libraryValue(value.callee, scopeOf, steps);
    return inner && { module: inner.module, path: `${inner.path}()` };
  }
  if (value.type === AST_NODE_TYPES.MemberExpression) {
    const name = value.computed && value.property.type !== AST_NODE_TYPES.Literal ? null : propertyName(value.property);
    const inner = name === null ? null : libraryValue(value.object, scopeOf, steps);
    return inner && name !== null ? { module: inner.module, path: inner.path === '' ? name : `${inner.path}.${name}` } : null;
  }
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  const scope = scopeOf(value);
  const source = importSource(scope, value.name);
  if (source !== null) {
    const path = source.imported === null || source.imported === 'default' ? '' : source.imported;
    if (!/^(?:\.{1,2}\/|[#~]|@\/)/u.test(source.module)) return { module: source.module, path };
    const imported = importedDefinition(value, source.module, path);
    if (!imported) return null;
    const init = imported.node.type === AST_NODE_TYPES.VariableDeclarator ? imported.node.init : imported.node;
    return init ? libraryValue(init, imported.scopeOf, steps + 1) : null;
  }
  const variable = findVariable(scope, value.name);
  const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id.type !== AST_NODE_TYPES.Identifier || !definition.node.init) return null;
  return libraryValue(definition.node.init, scopeOf, steps + 1);
}

/** SQL text as written (a string, a template with its `${…}` marked, a `const` holding one, pg's `{ text, values }`), with the bindings an object form carries. */
interface SqlText {
  statement: SqlStatement;
  /** The template's `${…}` expressions, by index. */
  expressions: readonly TSESTree.Node[];
  /** `values` of pg's `{ text, values }`; null when the bindings are the call's next argument. */
  bindings: TSESTree.Node | null;
}

const SQL_VERB = /^\s*(?:update|delete|insert|select)\b/iu;

function sqlTextOf(node: TSESTree.Node, frame: Frame, steps = 0): SqlText | null {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal) {
    if (typeof value.value !== 'string' || !SQL_VERB.test(value.value)) return null;
    const statement = readSql(value.value);
    return statement === null ? null : { statement, expressions: [], bindings: null };
  }
  if (value.type === AST_NODE_TYPES.TemplateLiteral) {
    const text = value.quasis.map((quasi, position) => (position === 0 ? '' : `${EXPRESSION_MARK}${String(position - 1)}${EXPRESSION_MARK}`) + (quasi.value.cooked ?? quasi.value.raw)).join('');
    if (!SQL_VERB.test(text)) return null;
    const statement = readSql(text);
    return statement === null ? null : { statement, expressions: value.expressions, bindings: null };
  }
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    const text = objectProperty(value, 'text') ?? objectProperty(value, 'sql');
    const inner = text === null ? null : sqlTextOf(text, frame, steps);
    return inner === null ? null : { ...inner, bindings: objectProperty(value, 'values') };
  }
  if (value.type === AST_NODE_TYPES.Identifier && steps < 2) {
    const init = constantInit(value, frame);
    return init === null ? null : sqlTextOf(init, frame, steps + 1);
  }
  return null;
}

function objectProperty(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | null {
  const found = object.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === key);
  return found ? found.value : null;
}

/** The initializer of a variable defined once (`const sql = 'UPDATE …'`), or null. */
function constantInit(node: TSESTree.Identifier, frame: Frame): TSESTree.Node | null {
  const variable = findVariable(scopeLookup(frame.sourceCode)(node), node.name);
  const definition = variable ? singleDefinition(variable) : null;
  return definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id.type === AST_NODE_TYPES.Identifier ? definition.node.init : null;
}

/** `sql\`UPDATE accounts SET is_admin = ${…}\``, `prisma.$executeRaw\`…\``: the template is the statement and its values. */
function taggedSqlOperation(node: TSESTree.TaggedTemplateExpression, frame: Frame, origins: OriginReader): PrivilegedOperation | null {
  const sql = sqlTextOf(node.quasi, frame);
  if (sql === null) return null;
  // `db.execute(sql\`…\`)`: the call answers (or not) what the statement reads.
  const parent = node.parent;
  const top = parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === node ? chainTop(parent) : chainTop(node);
  const tag = dottedName(node.tag) ?? frame.sourceCode.getText(node.tag);
  return sqlOperation(sql, null, top, tag.length > 60 ? `…${tag.slice(-59)}` : tag, node, frame, origins);
}

/**
 * A raw SQL statement read as the store calls are: the table's head noun as the model, the written
 * columns as its fields, the WHERE clause as the record it acts on (`WHERE id = $1` with
 * `req.user.id` is the caller's own row), each placeholder's value read from the bindings.
 */
function sqlOperation(sql: SqlText, bindings: TSESTree.Node | null, top: TSESTree.Node, via: string, node: TSESTree.Node, frame: Frame, origins: OriginReader): PrivilegedOperation | null {
  const { statement } = sql;
  const slotOrigin = bindingReader(sql, bindings, frame, origins);
  const originOf = (slots: readonly SqlSlot[]): Origin => {
    let client = false;
    let caller = false;
    for (const slot of slots) {
      const origin = slotOrigin(slot);
      client ||= origin.client;
      caller ||= origin.caller;
    }
    return { client, caller };
  };
  const verb = statement.verb === 'delete' ? 'DELETE FROM' : statement.verb === 'insert' ? 'INSERT INTO' : statement.verb.toUpperCase();
  const label = `\`${verb} ${statement.table}\` through \`${via}\``;
  const user = isUserTable(statement.table, node);
  const system = isSystemModel(statement.table);
  if (statement.verb === 'select') {
    if (user && statement.where === null && !statement.limitOne && answered(top, frame)) return operation('user-export', `answers every \`${headNoun(statement.table) ?? statement.table}\` record (${label})`, node);
    return null;
  }
  // What names the record: the WHERE clause; an INSERT names its own row by its values.
  const target = statement.verb === 'insert' ? originOf(statement.writes.flatMap((write) => write.slots)) : statement.where === null ? NONE : originOf(statement.where);
  const othersRecord = target.client && !target.caller;
  if (statement.verb === 'delete') {
    if (user && othersRecord) return operation('user-delete', `deletes a user the client names (${label})`, node);
    if (system && !target.caller && (target.client || statement.where !== null)) return operation('system-write', `deletes the system setting \`${statement.table}\` (${label})`, node);
    return null;
  }
  const recordNamed = statement.verb === 'update' && othersRecord;
  for (const write of statement.writes) {
    if (isRoleField(write.column) && (recordNamed || originOf(write.slots).client)) {
      return operation('role-write', `writes \`${write.column}\` ${recordNamed ? 'of a record the client names' : 'from the request'} (${label})`, node);
    }
  }
  if (user && recordNamed) {
    const credential = statement.writes.find((write) => isCredentialField(write.column));
    if (credential) return operation('credential-write', `writes \`${credential.column}\` of a user the client names (${label})`, node);
  }
  if (system && !target.caller) return operation('system-write', `writes the system setting \`${statement.table}\` (${label})`, node);
  return null;
}

/** Where the value of each placeholder comes from: the template's expression, the bindings' element or property, else the bindings as a whole. */
function bindingReader(sql: SqlText, bindings: TSESTree.Node | null, frame: Frame, origins: OriginReader): (slot: SqlSlot) => Origin {
  let values: TSESTree.Node | null = bindings;
  // Sequelize `{ replacements }` / `{ bind }`; a `const params = [...]`.
  for (let steps = 0; values !== null && steps < 3; steps++) {
    const value: TSESTree.Node = unwrap(values);
    if (value.type === AST_NODE_TYPES.Identifier) values = constantInit(value, frame) ?? value;
    else if (value.type === AST_NODE_TYPES.ObjectExpression) values = objectProperty(value, 'replacements') ?? objectProperty(value, 'bind') ?? objectProperty(value, 'values') ?? value;
    else values = value;
    if (values === value) break;
  }
  const resolved = values === null ? null : unwrap(values);
  return (slot) => {
    if (slot.kind === 'expression') {
      const expression = sql.expressions[slot.index];
      return expression === undefined ? NONE : origins.of(expression);
    }
    if (resolved === null) return NONE;
    if (resolved.type === AST_NODE_TYPES.ArrayExpression) {
      if (slot.kind === 'named') return origins.of(resolved);
      const element = resolved.elements[slot.kind === 'numbered' ? slot.index - 1 : slot.index];
      return element === undefined || element === null ? NONE : origins.of(element);
    }
    if (resolved.type === AST_NODE_TYPES.ObjectExpression && slot.kind === 'named') {
      const property = objectProperty(resolved, slot.name);
      if (property !== null) return origins.of(property);
      // `{ id }` shorthand is a property too; anything else (a spread) reads as the whole object.
      return origins.of(resolved);
    }
    return origins.of(resolved);
  };
}

const NARROWING = /^(?:where|andWhere|orWhere|whereIn|filter|having|findOne|first)$/u;

/** Whether the chain around a read narrows it: `.where(...)` before or after it (`knex('users').where({ id }).select()`). */
function narrowedInChain(call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = call;
  // After: `db.select().from(users).where(...)`.
  while (node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.object === node && node.parent.parent?.type === AST_NODE_TYPES.CallExpression) {
    if (NARROWING.test(propertyName(node.parent.property) ?? '')) return true;
    node = node.parent.parent;
  }
  // Before: `knex('users').where({ id }).select()`.
  let inner: TSESTree.Node = unwrap(call.callee);
  while (inner.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrap(inner.object);
    if (object.type !== AST_NODE_TYPES.CallExpression) break;
    const callee = unwrap(object.callee);
    const before = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) ?? '' : '';
    // `User.findById(id).select('email')`: a projection of one record (read or written) is no list.
    if (NARROWING.test(before) || singleReads.has(before) || updateMethods.has(before) || deleteMethods.has(before)) return true;
    inner = callee;
  }
  return false;
}

/** Whether a list call narrows its records: a filter object with keys, a `where`, or any argument from the request or the caller. */
function filtered(call: TSESTree.CallExpression): boolean {
  const first = call.arguments[0] ? unwrap(call.arguments[0]) : null;
  if (first === null) return false;
  if (first.type === AST_NODE_TYPES.Literal) return false;
  if (first.type !== AST_NODE_TYPES.ObjectExpression) return true;
  const keys = first.properties.map((property) => (property.type === AST_NODE_TYPES.Property ? propertyName(property.key) : null));
  // Prisma, Sequelize and TypeORM options: only `where` narrows; `select`, `orderBy`, `include`, `take` do not.
  if (keys.some((key) => key === 'where' || key === 'filter')) return true;
  const options = new Set(['select', 'orderBy', 'order', 'include', 'attributes', 'relations', 'take', 'skip', 'limit', 'offset', 'omit', 'projection', 'sort', 'raw']);
  return keys.some((key) => key === null || !options.has(key));
}

const RESPONSE_CALL = /(?:^|\.)(?:json|send|end|write|jsonp|ok|body)$/u;

/** Whether a read's result is answered: returned, sent, or assigned to a response body (directly or through a `const`). */
function answered(top: TSESTree.Node, frame: Frame): boolean {
  if (reachesResponse(top)) return true;
  const parent = top.parent;
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== top) return false;
  const scope = scopeLookup(frame.sourceCode)(parent);
  const names = patternNames(parent.id);
  return names.some((name) => {
    const variable = findVariable(scope, name);
    return variable !== null && variable.references.some((reference) => reference.identifier !== parent.id && reachesResponse(reference.identifier));
  });
}

function reachesResponse(node: TSESTree.Node): boolean {
  let current: TSESTree.Node = node;
  for (let steps = 0; current.parent && steps < 8; steps++) {
    const parent: TSESTree.Node = current.parent;
    if (parent.type === AST_NODE_TYPES.ReturnStatement) return true;
    if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === current) return true;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(current as TSESTree.CallExpressionArgument) && RESPONSE_CALL.test(dottedName(parent.callee) ?? '')) return true;
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === current && parent.left.type === AST_NODE_TYPES.MemberExpression && propertyName(parent.left.property) === 'body') return true;
    if (parent.type === AST_NODE_TYPES.ExpressionStatement || parent.type === AST_NODE_TYPES.VariableDeclaration || isFunction(parent)) return false;
    current = parent;
  }
  return false;
}

/** Origin of the subject a token is signed for (`sign({ sub: target.id, act: req.user.id })`): null when the payload names none. */
function subjectOrigin(call: TSESTree.CallExpression, origins: OriginReader): Origin | null {
  const payload = call.arguments[0] ? unwrap(call.arguments[0]) : null;
  if (payload?.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const subject = payload.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && !property.computed && subjectClaimSet.has(propertyName(property.key) ?? ''));
  return subject ? origins.of(subject.value) : null;
}

function argumentsOrigin(call: TSESTree.CallExpression, origins: OriginReader): Origin {
  let client = false;
  let caller = false;
  for (const argument of call.arguments) {
    const origin = origins.of(argument);
    client ||= origin.client;
    caller ||= origin.caller;
  }
  return { client, caller };
}

/** `user.role = req.body.role`, `target.password = …` on a user the client names, `req.session.userId = req.params.id`. */
function assignmentOperation(node: TSESTree.AssignmentExpression, left: TSESTree.MemberExpression, frame: Frame, origins: OriginReader): PrivilegedOperation | null {
  const field = propertyName(left.property);
  if (field === null) return null;
  const value = origins.of(node.right);
  const chain = dottedName(left) ?? '';
  const segments = chain.split('.');
  const root = segments[0] ?? '';
  // The session of the request: who the caller is from now on.
  if (frame.requestParams.has(root) && segments.includes('session') && sessionMemberSet.has(field)) {
    if (value.client && !value.caller) return operation('impersonation', `sets the session's user from the request (\`${chain}\`)`, node);
    return null;
  }
  if (frame.requestParams.has(root) || frame.callerParams.has(root)) return null;
  const record = origins.of(left.object);
  if (isRoleField(field) && ((record.client && !record.caller) || value.client)) {
    return operation('role-write', `writes \`${field}\` ${record.client && !record.caller ? 'of a record the client names' : 'from the request'} (\`${chain}\`)`, node);
  }
  if (isCredentialField(field) && record.client && !record.caller && loadedUser(left.object, frame)) {
    return operation('credential-write', `writes \`${field}\` of a user the client names (\`${chain}\`)`, node);
  }
  return null;
}

/** Whether a variable holds a user: loaded from a user model (`const user = await User.findById(id)`), else named like one. */
function loadedUser(node: TSESTree.Node, frame: Frame): boolean {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.Identifier) return isUserModel(dottedName(target) ?? '');
  const variable = findVariable(scopeLookup(frame.sourceCode)(target), target.name);
  const definition = variable ? singleDefinition(variable) : null;
  if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
    const init = unwrap(definition.node.init);
    const call = init.type === AST_NODE_TYPES.AwaitExpression ? unwrap(init.argument) : init;
    if (call.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression) {
      return userModelOf(call.callee.object, frame.sourceCode) !== null;
    }
  }
  return isUserModel(target.name);
}

/**
 * Reads where values come from in one function: request input (`req.params.id`, `ctx.request.body`,
 * `c.req.param('id')`, a `@Param()`), the caller (`req.user.id`, `session.user.id`, a `@CurrentUser()`),
 * through `const` definitions and calls that take them (a record loaded by a client id is the client's choice).
 */
class OriginReader {
  private readonly memo = new Map<TSESTree.Node, Origin>();
  private readonly scopeOf: ReturnType<typeof scopeLookup>;
  /**
   * `groupIsCaller`: whether a member naming the caller's group (`req.user.tenantId`) reads as the
   * caller. False when judging whose record an operation acts on: a tenant-scoped record the client
   * names is another member's.
   */
  constructor(private readonly frame: Frame, private readonly groupIsCaller = false) {
    this.scopeOf = scopeLookup(frame.sourceCode);
  }

  of(node: TSESTree.Node, steps = 0): Origin {
    const known = this.memo.get(node);
    if (known) return known;
    // A cycle (`let a = b; b = a`) reads as nothing while it is being read.
    this.memo.set(node, NONE);
    const origin = this.read(node, steps);
    this.memo.set(node, origin);
    return origin;
  }

  private read(node: TSESTree.Node, steps: number): Origin {
    const target = unwrap(node);
    switch (target.type) {
      case AST_NODE_TYPES.Identifier:
        return this.identifier(target, steps);
      case AST_NODE_TYPES.MemberExpression:
        return this.member(target, steps);
      case AST_NODE_TYPES.CallExpression: {
        const callee = unwrap(target.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && inputCallSet.has(propertyName(callee.property) ?? '')) {
          const root = rootOf(callee.object);
          if (root !== null && this.frame.requestParams.has(root)) return { client: true, caller: false };
        }
        const parts: TSESTree.Node[] = [...target.arguments];
        if (callee.type === AST_NODE_TYPES.MemberExpression) parts.push(callee.object);
        return this.union(parts, steps);
      }
      case AST_NODE_TYPES.AwaitExpression:
        return this.of(target.argument, steps);
      case AST_NODE_TYPES.ObjectExpression:
        return this.union(target.properties.map((property) => (property.type === AST_NODE_TYPES.Property ? property.value : property.argument)), steps);
      case AST_NODE_TYPES.ArrayExpression:
        return this.union(target.elements.flatMap((element) => (element === null ? [] : [element])), steps);
      case AST_NODE_TYPES.TemplateLiteral:
        return this.union(target.expressions, steps);
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.LogicalExpression:
        return this.union([target.left, target.right], steps);
      case AST_NODE_TYPES.ConditionalExpression:
        return this.union([target.consequent, target.alternate], steps);
      case AST_NODE_TYPES.SpreadElement:
        return this.of(target.argument, steps);
      case AST_NODE_TYPES.NewExpression:
        return this.union(target.arguments, steps);
      default:
        return NONE;
    }
  }

  private union(nodes: readonly TSESTree.Node[], steps: number): Origin {
    let client = false;
    let caller = false;
    for (const node of nodes) {
      const origin = this.of(node, steps);
      client ||= origin.client;
      caller ||= origin.caller;
    }
    return { client, caller };
  }

  private identifier(node: TSESTree.Identifier, steps: number): Origin {
    if (this.frame.clientParams.has(node.name)) return { client: true, caller: false };
    if (this.frame.callerParams.has(node.name)) return { client: false, caller: true };
    if (steps >= MAX_DEFINITION_STEPS) return NONE;
    const variable = findVariable(this.scopeOf(node), node.name);
    const definition = variable ? singleDefinition(variable) : null;
    if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return NONE;
    const init = definition.node.init;
    const id = definition.node.id;
    // `const { id } = req.params`, `const { user } = req`: the member read is the destructured key.
    if (id.type === AST_NODE_TYPES.ObjectPattern) {
      const root = rootOf(init);
      const path = dottedName(init)?.split('.').slice(1) ?? [];
      const key = id.properties.find((property) => property.type === AST_NODE_TYPES.Property && patternNames(property.value).includes(node.name));
      const keyName = key?.type === AST_NODE_TYPES.Property ? propertyName(key.key) : null;
      if (root !== null && this.frame.requestParams.has(root) && keyName !== null) return this.requestPath([...path, keyName]);
    }
    return this.of(init, steps + 1);
  }

  private member(node: TSESTree.MemberExpression, steps: number): Origin {
    const root = rootOf(node);
    const path = memberPath(node);
    if (root !== null && this.frame.requestParams.has(root)) return this.requestPath(path);
    let object: TSESTree.Node = node;
    while (object.type === AST_NODE_TYPES.MemberExpression) object = unwrap(object.object);
    const base = this.of(object, steps);
    if (base.client) return base;
    // `session.user.id`, `currentUser.id`: a root named for the caller, whose value is not the client's choice.
    if (base.caller || (root !== null && callerMemberSet.has(root))) return this.callerRead(path);
    return base;
  }

  /** A path read off the request: `params.id` is client input, `user.id` the caller, `state.user.id` too. */
  private requestPath(path: readonly string[]): Origin {
    for (const segment of path) {
      if (inputMemberSet.has(segment) || this.frame.inputMembers.includes(segment)) return { client: true, caller: false };
      if (callerMemberSet.has(segment)) return this.callerRead(path);
    }
    return NONE;
  }

  /** A read off the caller: the caller, unless it names the caller's group (`user.tenantId`, see `callerGroupMembers`). */
  private callerRead(path: readonly string[]): Origin {
    const last = path[path.length - 1];
    if (!this.groupIsCaller && last !== undefined && isCallerGroup(last)) return NONE;
    return { client: false, caller: true };
  }
}

function rootOf(node: TSESTree.Node): string | null {
  let target = unwrap(node);
  while (target.type === AST_NODE_TYPES.MemberExpression || target.type === AST_NODE_TYPES.CallExpression) {
    target = unwrap(target.type === AST_NODE_TYPES.MemberExpression ? target.object : target.callee);
  }
  return target.type === AST_NODE_TYPES.Identifier ? target.name : null;
}

/** The member names of a chain after its root: `['state', 'user', 'id']` of `ctx.state.user.id`. */
function memberPath(node: TSESTree.MemberExpression): string[] {
  const path: string[] = [];
  let target: TSESTree.Node = node;
  while (target.type === AST_NODE_TYPES.MemberExpression || target.type === AST_NODE_TYPES.CallExpression) {
    if (target.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(target.property);
      if (name !== null) path.unshift(name);
      target = unwrap(target.object);
    } else target = unwrap(target.callee);
  }
  return path;
}

const isAccessGrant = modelMatcher(accessGrantModels);
const isTenantModel = modelMatcher(tenantModels);

/**
 * Fields that record who made a change (`updatedBy: req.user.id`, `createdById`): an audit stamp
 * written with the record, which says nothing about whose record it is.
 */
const AUDIT_STAMP = /^(?:created|updated|modified|changed|edited|deleted|approved|reviewed|last\w*)By(?:Id)?$|^(?:actor|editor)Id$/iu;

/** Origin of what an argument says about a record, without the audit stamps of its objects (see `AUDIT_STAMP`). */
function originWithoutStamps(node: TSESTree.Node, origins: OriginReader): Origin {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return origins.of(node);
  let client = false;
  let caller = false;
  for (const property of value.properties) {
    if (property.type === AST_NODE_TYPES.Property && AUDIT_STAMP.test(propertyName(property.key) ?? '')) continue;
    const origin = property.type === AST_NODE_TYPES.Property ? originWithoutStamps(property.value, origins) : origins.of(property.argument);
    client ||= origin.client;
    caller ||= origin.caller;
  }
  return { client, caller };
}

/**
 * Origin of the subject of a token built by a chain (jose's `new SignJWT({ act }).setSubject(id).sign(key)`):
 * its `setSubject(…)`, else the subject claim of the payload it was made with; null when it names none.
 */
function chainedSubjectOrigin(call: TSESTree.CallExpression, origins: OriginReader): Origin | null {
  let node: TSESTree.Node = unwrap(call.callee);
  for (let steps = 0; steps < 12 && node.type === AST_NODE_TYPES.MemberExpression; steps++) {
    const object = unwrap(node.object);
    if (object.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(object.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && propertyName(callee.property) === 'setSubject' && object.arguments[0]) return origins.of(object.arguments[0]);
      node = callee;
    } else if (object.type === AST_NODE_TYPES.NewExpression) {
      const payload = object.arguments[0] ? unwrap(object.arguments[0]) : null;
      if (payload?.type !== AST_NODE_TYPES.ObjectExpression) return null;
      const subject = payload.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && !property.computed && subjectClaimSet.has(propertyName(property.key) ?? ''));
      return subject ? origins.of(subject.value) : null;
    } else return null;
  }
  return null;
}

/**
 * A configuration field written on the record of a whole tenant (`db.update(orgs).set({ ssoConfig })`,
 * `prisma.workspace.update({ data: { settings } })`), not scoped to the caller (`target`, read
 * without the written values): how the message names it, or null. Drizzle's `set` counts after an `update(table)` only (a `Map`'s `set` is no store).
 */
function tenantSettingWrite(call: TSESTree.CallExpression, receiver: TSESTree.Node, written: readonly TSESTree.ObjectExpression[], target: Origin): string | null {
  if (target.caller) return null;
  const calledName = (node: TSESTree.Node): string | null => {
    const callee = node.type === AST_NODE_TYPES.CallExpression ? unwrap(node.callee) : null;
    return callee?.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property) : null;
  };
  if (calledName(call) === 'set' && calledName(unwrap(receiver)) !== 'update') return null;
  // A tenant created with its settings (a user opening a workspace of their own) configures no one else's.
  if (CREATES.has(calledName(call) ?? '')) return null;
  const tenant = modelOf(receiver, isTenantModel);
  if (tenant === null) return null;
  const field = written.flatMap((object) => fieldsOf(object, isSystemModel))[0];
  return field ? `\`${propertyName(field.key) ?? 'settings'}\` of the tenant \`${tenant}\`` : null;
}

/** What the class field `this.name` holds (`private repo = dataSource.getRepository(User)`), or null. */
function classFieldValue(receiver: TSESTree.Node): TSESTree.Node | null {
  const member = unwrap(receiver);
  if (member.type !== AST_NODE_TYPES.MemberExpression || unwrap(member.object).type !== AST_NODE_TYPES.ThisExpression) return null;
  const name = propertyName(member.property);
  let node: TSESTree.Node | undefined = member.parent;
  while (node && node.type !== AST_NODE_TYPES.ClassBody) node = node.parent;
  if (!node || name === null) return null;
  for (const element of node.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.computed && propertyName(element.key) === name && element.value) return element.value;
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor' && isFunction(element.value)) {
      const value = constructorMemberValue(element.value, name);
      if (value) return value;
    }
  }
  return null;
}

/** A field a store call of a handler writes, on a model, and whether the record is the caller's own. */
export interface RecordWrite {
  /** The model as its receiver or table names it (`invoices`, `prisma.invoice` → `invoice`). */
  model: string;
  field: string;
  /** The write's target names the caller (`where: { id, ownerId: req.user.id }`): the caller's own record. */
  callersOwn: boolean;
  node: TSESTree.Node;
}

/** Store methods that add a record rather than change one. */
const CREATES: ReadonlySet<string> = new Set(['create', 'createMany', 'insert', 'insertOne', 'insertMany', 'save', 'merge']);

/** Fields every write stamps, which say nothing about what the write does. */
const BOOKKEEPING = /^(?:updatedAt|updated_at|modifiedAt|createdAt|created_at|version|id)$/u;

/**
 * The fields the store calls of a handler's own body write (not of the functions it calls), with
 * the model they write and whether the record is the caller's own: what `require-role-check`
 * compares between the routes of a file to learn which writes the application keeps behind a role.
 */
export function recordWritesOf(handler: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): RecordWrite[] {
  const known = recordWritesCache.get(handler);
  if (known) return known;
  const frame = handlerFrame(handler, sourceCode);
  const origins = new OriginReader(frame);
  const writes: RecordWrite[] = [];
  walk(handler.body, (node) => {
    if (isFunction(node) && node !== handler) return 'skip';
    if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = propertyName(callee.property) ?? '';
    if (!updateMethods.has(method) || CREATES.has(method)) return undefined;
    const model = modelOf(callee.object, (name) => !queryRoots.has(name) && !/^(?:update|prisma|this|client|tx|em|manager|repo|repository)$/u.test(name));
    if (model === null) return undefined;
    const written = writtenObjects(node);
    const target = targetOrigin(chainTop(node), written, origins);
    // A change of a record the client names; a record found otherwise (the caller's, a fixed one) is no such change.
    if (!target.client && !target.caller) return undefined;
    const callersOwn = target.caller;
    for (const object of written) {
      for (const property of fieldsOf(object, (name) => !BOOKKEEPING.test(name) && !AUDIT_STAMP.test(name))) {
        writes.push({ model, field: propertyName(property.key) ?? '', callersOwn, node });
      }
    }
    return undefined;
  });
  recordWritesCache.set(handler, writes);
  return writes;
}

const recordWritesCache = new WeakMap<FunctionNode, RecordWrite[]>();
