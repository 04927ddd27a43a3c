/**
 * Object-level authorization (BOLA, CWE-639): whether a record access by a client-chosen id is
 * tied to the caller, judged by evidence in the code:
 * - the query holds an owner or tenant condition bound to a value the client does not choose
 *   (`where: { id, userId: req.user.id }`, `AND org_id = $2`, `and(eq(t.id, id), eq(t.userId, me))`);
 * - the loaded record's owner is compared after loading, in the function that loads it or in a
 *   caller it returns the record to (also in another file);
 * - a policy decides (CASL `ability.can`, `throwUnlessCan`, `accessibleBy`, or a helper whose own
 *   definition compares an owner field and rejects), or the database filters rows itself
 *   (Postgres row-level security set per request);
 * - the route is an administration route behind a role check.
 * The client-chosen id is the taint engine's answer (kind `id`, which no coercion clears), followed
 * into other files by the project model like every other flow.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { callerNames, policyMethods, publicRecordConditions, rowLevelSecurityText, tenantFields } from '../../models/ownership.js';
import { dottedName, enclosingFunction, findVariable, type FunctionNode, isConstantBinding, isFunction, nodesOfType, patternNames, propertyName, resolveFunction, scopeLookup, unwrap, walk, scopeOf } from '../../utils/ast.js';
import { getSettings } from '../../utils/settings.js';
import { getFileAnalysis } from '../file-analysis.js';
import { crossFileTarget } from '../project/calls.js';
import { projectIndexOf } from '../project/index.js';
import type { ProjectModule } from '../project/parse.js';
import { type AuthVocabulary, authVocabulary, routeRoleCheck } from '../routes/auth.js';
import { judgeMountedRoute, mayBeMountedElsewhere, scopeOfAcrossFiles } from '../routes/mounts-across-files.js';
import type { Route } from '../routes/types.js';
import { getRoutes, registeredRoutes } from '../routes/index.js';
import { moduleContext } from '../project/context.js';
import type { ValueInput } from '../taint/engine.js';
import { isDefaultOwnerField, isOwnerModel, type OwnerTable, ownersInText, ownersOfFiles, prismaSchemas } from './owners.js';
import { fieldKey, idValue, isIdField, modelKey, namesRecord, type RecordAccess, type RecordCondition, recordAccesses } from './records.js';
import { tenantScope } from './tenant-clients.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** How an access is tied to the caller, or that it is not. */
export type OwnershipStatus = 'scoped' | 'checked' | 'policy' | 'role' | 'unscoped';

/** Where the application ties a model's records to the caller (for the consistency report). */
export interface OwnershipEvidence {
  /** The model key (see `modelKey`). */
  key: string;
  /** How: `userId`, or `an owner comparison`. */
  how: string;
  /** The file, relative to the project root (empty for the linted file), and line. */
  file: string;
  line: number;
  /** The condition's value is the caller's identity (`requesterId: ctx.state.user.id`): its field is an owner field, whatever its name. */
  bound?: true;
}

export interface AccessJudgement {
  access: RecordAccess;
  /** The client input that names the record (empty: the id is not the client's). */
  inputs: readonly ValueInput[];
  status: OwnershipStatus;
  /** What ties it to the caller, for the inventory and tests. */
  by: string | null;
  /** The owner and tenant fields of the model: learned, or the field the app scopes it by elsewhere. */
  ownerFields: readonly string[];
  /** The model's definition is in view and has no owner or tenant field (a public catalog). */
  publicModel: boolean;
  /** Where the application ties this model's records to the caller elsewhere. */
  elsewhere: OwnershipEvidence | null;
  /**
   * Per input (same order as `inputs`), for an unscoped access: whether the path that input takes
   * checks the record (the handler that passes the id on compares the owner of what it gets back).
   * One route may check what another route, calling the same repository function, does not.
   */
  checkedPaths?: boolean[];
  /**
   * A list by the id of a parent record the client chose (`comment.findMany({ where: { postId } })`),
   * whose parent model is owned and is not tied to the caller here: the parent, its owner fields and
   * the client input that names it. Absent for every other access (and `inputs` stays empty for
   * lists, so consistency and the inventory are unchanged).
   */
  parent?: { model: string; field: string; ownerFields: readonly string[]; inputs: readonly ValueInput[] };
}

const POLICY = new Set<string>(policyMethods);
const CALLER = new Set<string>(callerNames.map((name) => name.toLowerCase()));
/** Members that are request input by name in another file's syntax (used for consistency evidence only). */
const REQUEST_MEMBERS = new Set(['params', 'query', 'body', 'headers', 'cookies', 'input', 'args']);
/** How many callers up a returned record is followed to find its owner check. */
const MAX_CALLER_DEPTH = 2;
/** Importers searched for the calls of a function of this file. */
const MAX_IMPORTERS = 12;
/** Project files parsed for consistency evidence. */
const MAX_EVIDENCE_FILES = 300;

const cache = new WeakMap<TSESTree.Program, readonly AccessJudgement[]>();

/** The record accesses of the linted file by a client-chosen id, judged. */
export function ownershipJudgements(context: Context): readonly AccessJudgement[] {
  const program = context.sourceCode.ast;
  const cached = cache.get(program);
  if (cached) return cached;
  const judge = new OwnershipJudge(context);
  const result = judge.run();
  cache.set(program, result);
  return result;
}

interface ProjectFacts {
  owners: OwnerTable;
  evidence: OwnershipEvidence[];
  rowLevelSecurity: boolean;
}

const projectFacts = new Map<string, { generation: number; facts: ProjectFacts }>();
const evidenceCache = new Map<string, { size: number; mtimeMs: number; evidence: OwnershipEvidence[]; rls: boolean }>();

class OwnershipJudge {
  private readonly sourceCode: Readonly<TSESLint.SourceCode>;
  private readonly scopeOf: (node: TSESTree.Node) => TSESLint.Scope.Scope;
  private readonly policyHelpers = new Map<FunctionNode, boolean>();
  /** The file a helper's definition was found in (when not the linted one). */
  private readonly definitionSources = new WeakMap<FunctionNode, Readonly<TSESLint.SourceCode>>();
  /** The file a helper's definition was found in by the project model. */
  private readonly definitionFiles = new WeakMap<FunctionNode, string>();
  /** Per function: the names its membership lookup is keyed by (see `membershipKeys`), null when it has none. */
  private readonly memberships = new Map<FunctionNode, ReadonlySet<string> | null>();
  /** Functions whose text sets row-level security, by node (each read once). */
  private readonly settingFunctions = new Map<TSESTree.Node, boolean>();
  /** The calls of a function's own body, in source order (see `callsOf`). */
  private readonly functionCalls = new Map<FunctionNode, readonly TSESTree.CallExpression[]>();
  private facts: ProjectFacts | null = null;
  /** Per model key, the owner fields this file's accesses filter by a value the client does not choose. */
  private scopedFields = new Map<string, Set<string>>();

  constructor(private readonly context: Context) {
    this.sourceCode = context.sourceCode;
    this.scopeOf = scopeLookup(context.sourceCode);
  }

  run(): AccessJudgement[] {
    const accesses = recordAccesses(this.sourceCode);
    if (accesses.length === 0) return [];
    const engine = getFileAnalysis(this.context).engine;
    const facts = this.projectFacts();
    const notClient = (node: TSESTree.Node): boolean => engine.inputsOf(node, 'id').length === 0;
    const bound = callerBoundFields(accesses, notClient);
    this.scopedFields = scopedFieldsOf(accesses, notClient);
    const judged: AccessJudgement[] = [];
    for (const access of accesses) {
      // `ordersRepository.findById(id)` of the project's own repository module is a call of the
      // application, not of an ORM: the access it runs is judged in its file.
      // A SQL statement written here and run by the project's own query helper
      // (`query('SELECT * FROM invoices WHERE id = $1', [id])`) is judged here: its text is in view.
      if (access.orm !== 'SQL' && this.runsProjectFunction(access.call)) continue;
      if (!namesRecord(access)) {
        // A list by a filter: only evidence of how the app scopes the model.
        const learned = withFields(facts.owners.get(access.key), bound.get(access.key));
        const learnedKeys = new Set([...(learned ?? [])].map(fieldKey));
        const isOwnerField = (field: string): boolean => learnedKeys.has(fieldKey(field)) || isDefaultOwnerField(field);
        const scoped = this.scopedBy(access, isOwnerField, notClient);
        const parent = scoped === null ? this.unscopedParent(access, isOwnerField, facts, judged) : null;
        judged.push({ access, inputs: [], status: scoped === null ? 'unscoped' : 'scoped', by: scoped, ownerFields: [], publicModel: false, elsewhere: null, ...(parent ? { parent } : {}) });
        continue;
      }
      const inputs = access.ids.flatMap((id) => engine.inputsOf(id, 'id'));
      const learned = withFields(facts.owners.get(access.key), bound.get(access.key));
      const ownerFields = learned && learned.size > 0 ? [...learned] : [];
      const learnedKeys = new Set([...(learned ?? [])].map(fieldKey));
      const isOwnerField = (field: string): boolean => learnedKeys.has(fieldKey(field)) || isDefaultOwnerField(field);
      let status: OwnershipStatus = 'unscoped';
      let by: string | null = null;
      const scoped = access.policy ? 'a policy filter' : this.scopedBy(access, isOwnerField, notClient);
      const publicOnly = scoped === null ? publicRecordCondition(access) : null;
      // A client made by a helper of the application that scopes its queries (or sets row-level security).
      const tenant =
        scoped === null && publicOnly === null
          ? tenantScope(access.call, {
              scopeOf: this.scopeOf,
              definition: (call) => this.helperDefinition(call, this.sourceCode),
              clientInput: (node) => engine.inputsOf(node, 'id').length > 0,
              isOwnerField,
              requestMembers: REQUEST_MEMBERS,
            })
          : null;
      if (scoped !== null) {
        status = access.policy ? 'policy' : 'scoped';
        by = scoped;
      } else if (publicOnly !== null) {
        status = 'policy';
        by = `the condition ${publicOnly} (public records only)`;
      } else if (tenant !== null && tenant.kind !== 'client') {
        status = tenant.kind;
        by = tenant.by;
      } else if (tenant === null && facts.rowLevelSecurity && this.underRowLevelSecurity(access.call)) {
        status = 'policy';
        by = 'row-level security set per request';
      } else if (inputs.length > 0) {
        // Checks are looked for only where the client chose the id: the rest is not reported.
        const check = this.checkAfter(access.call, isOwnerField, 0);
        if (check) {
          status = check.policy ? 'policy' : 'checked';
          by = check.by;
        } else {
          const role = this.roleCheck(access.call, inputs, (path) => !tenantNamedByPath(path, access, ownerFields));
          if (role !== null) {
            status = 'role';
            by = role;
          }
        }
      }
      judged.push({ access, inputs, status, by, ownerFields, publicModel: learned !== undefined && learned.size === 0, elsewhere: null });
    }
    // `if (share) credential = await repo.findOneBy({ id })` where `share` is a lookup scoped to the
    // caller that names the same id (`{ workspaceId, sharedItemId: id }`): the access runs only
    // when the caller's own lookup found the record.
    for (const judgement of judged) {
      if (judgement.status !== 'unscoped' || judgement.inputs.length === 0) continue;
      const guard = this.scopedLookupGuard(judgement.access, judged);
      if (guard !== null) {
        judgement.status = 'checked';
        judgement.by = `the lookup scoped to the caller on line ${String(guard.call.loc.start.line)}`;
      }
    }
    // `const acct = await repo.findOneBy({ id }); if (acct.ownerId !== user.id) throw …; await repo.update(id, data)`.
    for (const judgement of judged) {
      if (judgement.status !== 'unscoped' || judgement.inputs.length === 0) continue;
      const learnedKeys = new Set(judgement.ownerFields.map(fieldKey));
      const earlier = this.earlierCheckedLoad(judgement.access, (field) => learnedKeys.has(fieldKey(field)) || isDefaultOwnerField(field));
      if (earlier) {
        judgement.status = earlier.policy ? 'policy' : 'checked';
        judgement.by = earlier.by;
      }
    }
    for (const judgement of judged) {
      if (judgement.status !== 'unscoped' || judgement.inputs.length === 0) continue;
      // Inside a helper whose own membership lookup, keyed by the same parameter, decides a rejection.
      const fn = enclosingFunction(judgement.access.call);
      const keys = fn ? this.membershipKeys(fn) : null;
      if (keys && judgement.access.ids.some((id) => readNames(id, keys).size > 0)) {
        judgement.status = 'checked';
        judgement.by = 'the membership check of the same function';
        continue;
      }
      // A middleware of the route loads the same record by the same request value, scoped to the caller, and rejects.
      const middleware = this.middlewareGuard(judgement.access);
      if (middleware !== null) {
        judgement.status = 'checked';
        judgement.by = middleware;
        continue;
      }
      // Every path that hands the id on first gives it to an ownership helper (`await this.assertMember(pid, user.id); return this.updateProject(pid, body)`).
      const guards = judgement.inputs.map((input) => this.viaGuard(input, judgement.access));
      if (guards.every((guard) => guard !== null)) {
        judgement.status = 'policy';
        judgement.by = guards[0] ?? null;
      } else if (guards.some((guard) => guard !== null)) {
        // The report names a path that does not check first.
        judgement.inputs = [...judgement.inputs.filter((_, index) => guards[index] === null), ...judgement.inputs.filter((_, index) => guards[index] !== null)];
      }
    }
    for (const judgement of judged) {
      if (judgement.status !== 'unscoped' || judgement.inputs.length === 0) continue;
      const learnedKeys = new Set(judgement.ownerFields.map(fieldKey));
      const isOwnerField = (field: string): boolean => learnedKeys.has(fieldKey(field)) || isDefaultOwnerField(field);
      judgement.checkedPaths = judgement.inputs.map((input) => this.pathChecked(input, isOwnerField));
    }
    // Consistency: the same model tied to the caller in another access of this file or of the project.
    for (const judgement of judged) {
      if (judgement.status === 'unscoped' && judgement.inputs.length > 0) {
        const local = judged.find((other) => other !== judgement && other.access.key === judgement.access.key && ((other.status === 'scoped' && other.by !== 'a spread condition' && !callerRecordLookup(other, facts.owners)) || other.status === 'checked'));
        judgement.elsewhere = local
          ? { key: local.access.key, how: local.status === 'checked' ? 'an owner check' : (local.by ?? 'an owner check'), file: '', line: local.access.call.loc.start.line }
          : (facts.evidence.find((evidence) => evidence.key === judgement.access.key && this.ownerEvidence(evidence, facts.owners)) ?? null);
        // Nothing learned of the model's definition: the field the app scopes it by elsewhere is its owner field.
        const field = judgement.elsewhere?.how.startsWith('`') === true ? judgement.elsewhere.how.slice(1, -1) : null;
        if (judgement.ownerFields.length === 0 && field !== null) judgement.ownerFields = [field];
      }
    }
    // A record of a model with no owner field of its own, named by the client's id inside a parent
    // the client also names (`tasks.findOne({ where: { id: taskId, projectId } })`): the parent key
    // scopes nothing unless the parent is tied to the caller (see `unscopedParent`).
    for (const judgement of judged) {
      if (judgement.status !== 'unscoped' || judgement.inputs.length === 0 || judgement.ownerFields.length > 0 || judgement.elsewhere !== null) continue;
      const parent = this.unscopedParent(judgement.access, isDefaultOwnerField, facts, judged);
      if (parent) judgement.parent = parent;
    }
    return judged;
  }

  /**
   * Whether the connection an access runs on can carry the per-request row-level security setting
   * the project makes: a function around the access makes it, or the connection is not a shared
   * module-level one (`pool`, an imported `knex`), which serves every request with no setting: a
   * client handed to a callback, one checked out in the handler, `req.db`.
   */
  private underRowLevelSecurity(call: TSESTree.CallExpression): boolean {
    for (let node: TSESTree.Node | undefined = call.parent; node; node = node.parent) {
      if (!isFunction(node)) continue;
      let sets = this.settingFunctions.get(node);
      if (sets === undefined) {
        sets = rowLevelSecurityText.test(this.sourceCode.getText(node));
        this.settingFunctions.set(node, sets);
      }
      if (sets) return true;
    }
    let root: TSESTree.Node = call.callee;
    for (let steps = 0; steps < 32; steps++) {
      const inner = unwrap(root);
      if (inner.type === AST_NODE_TYPES.MemberExpression) root = inner.object;
      else if (inner.type === AST_NODE_TYPES.CallExpression) root = inner.callee;
      else {
        root = inner;
        break;
      }
    }
    if (root.type !== AST_NODE_TYPES.Identifier) return true;
    const variable = findVariable(this.scopeOf(root), root.name);
    if (!variable) return true;
    const shared = variable.scope.block.type === AST_NODE_TYPES.Program || variable.defs.some((definition) => definition.type === 'ImportBinding');
    return !shared;
  }

  /** Whether a call shaped like an ORM method runs a function of another project file (a repository of the application). */
  private runsProjectFunction(call: TSESTree.CallExpression): boolean {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression && callee.type !== AST_NODE_TYPES.Identifier) return false;
    return crossFileTarget(callee, this.sourceCode) !== null;
  }

  /**
   * A middleware of every route whose handler holds the access, that looks up a record of the same
   * model by the same request value (`params.id`) together with the caller
   * (`Hook.exists({ _id: req.params.id, owner: req.user.id }, …)`, `findOne({ where: { id, ownerId: user.id } })`)
   * and rejects (throws, or answers 401/403/404): judged by the middleware's body, whatever its name.
   */
  private middlewareGuard(access: RecordAccess): string | null {
    // What a middleware may have checked: the record itself by its id, or the parent a condition
    // names by the same request value (`Delivery.findOne({ _id: did, hook: req.params.id })` after
    // the middleware checked the `Hook` of `req.params.id`): a scope column whose value is a record
    // already checked for the caller.
    const candidates: { key: string; paths: Set<string> }[] = [];
    const paths = access.ids.map((id) => requestPath(idValue(id)));
    if (paths.length > 0 && paths.every((found) => found !== null)) candidates.push({ key: access.key, paths: new Set(paths as string[]) });
    for (const condition of access.conditions) {
      if (condition.spread === true || condition.value === null) continue;
      const path = requestPath(idValue(condition.value));
      const base = PARENT_KEY.exec(condition.field)?.[1] ?? condition.field;
      if (path !== null && modelKey(base) !== access.key) candidates.push({ key: modelKey(base), paths: new Set([path]) });
    }
    if (candidates.length === 0) return null;
    const holding = getRoutes(this.context).routes.filter((route) => {
      const fn = route.handler?.fn;
      return fn !== null && fn !== undefined && fn.range[0] <= access.call.range[0] && access.call.range[1] <= fn.range[1];
    });
    if (holding.length === 0) return null;
    let first: string | null = null;
    for (const route of holding) {
      const found = route.guards.find((guard) => {
        let fn = guard.fn;
        const written = unwrap(guard.node);
        if (!fn && (written.type === AST_NODE_TYPES.Identifier || written.type === AST_NODE_TYPES.MemberExpression)) fn = crossFileTarget(written, this.sourceCode)?.fn ?? null;
        return fn !== null && candidates.some((candidate) => scopedLookupIn(fn, candidate.key, candidate.paths));
      });
      if (!found) return null;
      first ??= `the middleware \`${found.name ?? 'of the route'}\`, which looks the record up with the caller and rejects`;
    }
    return first;
  }

  /** The call that hands an input's id on to the function of the access (in this file or another), with its file's source. */
  private viaCall(input: ValueInput): { call: TSESTree.CallExpression; sourceCode: Readonly<TSESLint.SourceCode> } | null {
    const via = input.via;
    if (!via) return null;
    if (via.call) return { call: via.call, sourceCode: this.sourceCode };
    const index = projectIndexOf(this.context.filename);
    const module = index?.module(path.resolve(index.root, via.file));
    if (!module) return null;
    fileBySource.set(module.sourceCode, module.file);
    const last = via.name.split('.').at(-1);
    const call = nodesOfType(module.program, AST_NODE_TYPES.CallExpression).find((candidate) => candidate.loc.start.line === via.line && calleeLast(candidate) === last);
    return call ? { call, sourceCode: module.sourceCode } : null;
  }

  /**
   * An ownership helper run before the call that hands the input on, given one of that call's
   * values (`await this.service.assertMember(pid, user.id)` before `this.service.findTask(pid, tid)`),
   * in a statement of a block that holds the call: a helper whose definition compares an owner and
   * rejects, or runs a membership lookup that decides a rejection (see `judgesOwnership`).
   */
  private viaGuard(input: ValueInput, access: RecordAccess): string | null {
    const found = this.viaCall(input);
    if (!found) return null;
    const { call: target, sourceCode } = found;
    const fn = enclosingFunction(target);
    if (!fn) return null;
    // Only the arguments the called function puts in the access itself (`findTask(pid, tid)` whose
    // query names `projectId: pid`) count: a check of a value the query never uses proves nothing.
    const called = this.helperDefinition(target, sourceCode);
    const own = enclosingFunction(access.call);
    // The definition may come from the project's own parse of the linted file: the same function by file and place.
    const same = called !== null && own !== null && (called === own || (this.definitionFiles.get(called) === this.context.filename && called.range[0] === own.range[0] && called.range[1] === own.range[1]));
    if (!called || !same) return null;
    const used = [...access.ids, ...access.conditions.flatMap((condition) => (condition.spread !== true && condition.value !== null ? [condition.value] : []))];
    const scopeOf = sourceCode === this.sourceCode ? this.scopeOf : scopeLookup(sourceCode);
    const values = target.arguments.flatMap((argument, index) => {
      const param = called.params[index];
      if (argument.type === AST_NODE_TYPES.SpreadElement || !param) return [];
      const names = new Set(patternNames(param));
      return used.some((value) => readNames(value, names).size > 0) ? [argument] : [];
    });
    const ids = values.map((value) => this.valueIdentity(value, scopeOf)).filter((identity) => identity !== null);
    if (ids.length === 0) return null;
    for (const call of this.callsOf(fn)) {
      if (call.range[1] > target.range[0]) break;
      if (!ids.some((identity) => this.namesValue(call, identity, scopeOf))) continue;
      let statement: TSESTree.Node = call;
      while (statement.parent && !STATEMENT.test(statement.type)) statement = statement.parent;
      const block = statement.parent;
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement && statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
      if (block?.type !== AST_NODE_TYPES.BlockStatement || !(block.range[0] <= target.range[0] && target.range[1] <= block.range[1]) || statement.range[1] > target.range[0]) continue;
      // The helper is told who the caller is (`user.id`, not `req.body.userId`).
      if (!call.arguments.some((argument) => namesCaller(argument) && !readsRequest(argument))) continue;
      const helper = this.helperDefinition(call, sourceCode);
      if (helper && this.judgesOwnership(helper)) {
        const where = sourceCode === this.sourceCode ? '' : ` of ${relative(projectIndexOf(this.context.filename)?.root ?? '', fileOf(sourceCode) ?? '')}`;
        return `\`${dottedName(call.callee) ?? 'the ownership helper'}\` on line ${String(call.loc.start.line)}${where}, given the same id first`;
      }
    }
    return null;
  }

  /** Whether the call that hands the input's id on (in this file or another) is followed by an owner check of what it returns. */
  private pathChecked(input: ValueInput, isOwnerField: (field: string) => boolean): boolean {
    const via = input.via;
    if (!via) return false;
    if (via.call) return this.checkAfter(via.call, isOwnerField, MAX_CALLER_DEPTH - 1) !== null;
    const index = projectIndexOf(this.context.filename);
    const module = index?.module(path.resolve(index.root, via.file));
    if (!module) return false;
    fileBySource.set(module.sourceCode, module.file);
    const last = via.name.split('.').at(-1);
    for (const call of nodesOfType(module.program, AST_NODE_TYPES.CallExpression)) {
      if (call.loc.start.line !== via.line || calleeLast(call) !== last) continue;
      return this.checkAfter(call, isOwnerField, MAX_CALLER_DEPTH - 1, module.sourceCode) !== null;
    }
    return false;
  }

  /** A scoped access whose result guards `access` (an `if` on it encloses the access) and that names one of its ids. */
  private scopedLookupGuard(access: RecordAccess, judged: readonly AccessJudgement[]): RecordAccess | null {
    const idTexts = new Set(access.ids.map((id) => this.sourceCode.getText(id)));
    for (let node: TSESTree.Node | undefined = access.call.parent; node && !isFunction(node); node = node.parent) {
      if (node.type !== AST_NODE_TYPES.IfStatement || !(node.consequent.range[0] <= access.call.range[0] && access.call.range[1] <= node.consequent.range[1])) continue;
      const tested = unwrap(node.test);
      const name = tested.type === AST_NODE_TYPES.Identifier ? tested.name : null;
      if (name === null) continue;
      for (const other of judged) {
        if (other.status !== 'scoped' || other.access.call.range[0] >= access.call.range[0]) continue;
        if (!heldNames(other.access.call).names.has(name)) continue;
        const values = [...other.access.ids, ...other.access.conditions.flatMap((condition) => (condition.value ? [condition.value] : []))];
        if (values.some((value) => idTexts.has(this.sourceCode.getText(value)))) return other.access;
      }
    }
    return null;
  }

  /** Evidence names an owner field of the model (learned or default), or an owner comparison. */
  private ownerEvidence(evidence: OwnershipEvidence, owners: OwnerTable): boolean {
    if (evidence.how === 'an owner comparison' || evidence.bound === true) return true;
    const field = evidence.how.replace(/`/gu, '');
    return isDefaultOwnerField(field) || [...(owners.get(evidence.key) ?? [])].some((known) => fieldKey(known) === fieldKey(field));
  }

  /** The owner condition of the query bound to a value the client does not choose, as `userId`; null without one. */
  private scopedBy(access: RecordAccess, isOwnerField: (field: string) => boolean, notClient: (node: TSESTree.Node) => boolean): string | null {
    for (const condition of access.conditions) {
      if (condition.spread === true) return 'a spread condition';
      if (!isOwnerField(condition.field) && !isCallerBound(condition, notClient)) continue;
      if (condition.value === null) return `\`${condition.field}\``;
      const value = unwrap(condition.value);
      if (value.type === AST_NODE_TYPES.Literal) continue;
      if (notClient(value)) return `\`${condition.field}\``;
    }
    return null;
  }

  /** The project's owner table and consistency evidence, kept per project generation. */
  private projectFacts(): ProjectFacts {
    if (this.facts) return this.facts;
    const own = ownersInText(this.sourceCode.text);
    const index = projectIndexOf(this.context.filename);
    if (!index) {
      this.facts = { owners: own, evidence: [], rowLevelSecurity: rowLevelSecurityText.test(this.sourceCode.text) };
      return this.facts;
    }
    const generation = index.generation();
    const linted = index.root.length > 0 ? relative(index.root, this.context.filename) : '';
    let entry = projectFacts.get(index.root);
    if (entry?.generation !== generation) {
      const files = [...index.files()];
      const owners = ownersOfFiles([...prismaSchemas(index.root), ...files]);
      const evidence: OwnershipEvidence[] = [];
      let rowLevelSecurity = false;
      let parsed = 0;
      for (const file of files) {
        const found = fileEvidence(file, index.root, () => (parsed++ < MAX_EVIDENCE_FILES ? index.module(file) : null));
        if (!found) continue;
        evidence.push(...found.evidence);
        rowLevelSecurity ||= found.rls;
      }
      entry = { generation, facts: { owners, evidence, rowLevelSecurity } };
      projectFacts.set(index.root, entry);
    }
    // The linted text may be newer than the file on disk: its own definitions win.
    const owners: OwnerTable = new Map(entry.facts.owners);
    for (const evidence of entry.facts.evidence) {
      if (evidence.bound === true && evidence.file !== linted) owners.set(evidence.key, withFields(owners.get(evidence.key), new Set([evidence.how.slice(1, -1)])) ?? new Set());
    }
    for (const [key, fields] of own) owners.set(key, new Set([...(owners.get(key) ?? []), ...fields]));
    this.facts = {
      owners,
      evidence: entry.facts.evidence.filter((evidence) => evidence.file !== linted),
      rowLevelSecurity: entry.facts.rowLevelSecurity || rowLevelSecurityText.test(this.sourceCode.text),
    };
    return this.facts;
  }

  /**
   * A check of the loaded record's owner after `call` (in its function, or in the callers it is
   * returned to, in this file or another), or a policy call given the record.
   */
  private checkAfter(call: TSESTree.CallExpression, isOwnerField: (field: string) => boolean, depth: number, sourceCode: Readonly<TSESLint.SourceCode> = this.sourceCode): { by: string; policy: boolean } | null {
    const fn = enclosingFunction(call);
    if (!fn) return null;
    const held = heldNames(call);
    if (held.names.size > 0) {
      const found = this.checkIn(fn, call, held.names, isOwnerField, sourceCode);
      if (found) return found;
    }
    if (!held.returned || depth >= MAX_CALLER_DEPTH) return null;
    // The record goes back to the callers: their checks count (a repository loads, the service
    // checks), when every caller found checks: one route that checks does not cover another that
    // calls the same repository function and does not.
    let first: { by: string; policy: boolean } | null = null;
    let callers = 0;
    if (sourceCode === this.sourceCode) {
      const engine = getFileAnalysis(this.context).engine;
      for (const caller of engine.callSitesOf(fn)) {
        callers++;
        const found = this.checkAfter(caller, isOwnerField, depth + 1, sourceCode);
        if (!found) return null;
        first ??= found;
      }
    }
    for (const { module, call: remote } of this.remoteCallsTo(fn, sourceCode)) {
      callers++;
      const found = this.checkAfter(remote, isOwnerField, depth + 1, module.sourceCode);
      if (!found) return null;
      first ??= { ...found, by: `${found.by} in ${relative(projectIndexOf(module.file)?.root ?? '', module.file)}` };
    }
    return callers > 0 ? first : null;
  }

  /** Calls in other project files (importers of `fn`'s file) that run `fn`. */
  private remoteCallsTo(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): { module: ProjectModule; call: TSESTree.CallExpression }[] {
    const file = sourceCode === this.sourceCode ? this.context.filename : (fileOf(sourceCode) ?? null);
    if (file === null) return [];
    const index = projectIndexOf(file);
    if (!index) return [];
    const found: { module: ProjectModule; call: TSESTree.CallExpression }[] = [];
    for (const importer of index.importersOf(file).slice(0, MAX_IMPORTERS)) {
      const module = index.module(importer);
      if (!module) continue;
      for (const call of nodesOfType(module.program, AST_NODE_TYPES.CallExpression)) {
        if (call.callee.type !== AST_NODE_TYPES.MemberExpression && call.callee.type !== AST_NODE_TYPES.Identifier) continue;
        const target = crossFileTarget(call.callee, module.sourceCode);
        if (target && target.module.file === file && target.fn.range[0] === fn.range[0] && target.fn.range[1] === fn.range[1]) found.push({ module, call });
      }
    }
    return found;
  }

  /** A comparison of the record held in `names` with the caller, or a policy call given it, after `after` in `fn`. */
  private checkIn(fn: FunctionNode, after: TSESTree.Node, names: ReadonlySet<string>, isOwnerField: (field: string) => boolean, sourceCode: Readonly<TSESLint.SourceCode>): { by: string; policy: boolean } | null {
    let found: { by: string; policy: boolean } | null = null;
    walk(fn.body, (node) => {
      if (found) return 'skip';
      if (node !== fn.body && isFunction(node) && node.range[1] < after.range[0]) return 'skip';
      if (node.range[0] < after.range[1]) return undefined;
      found = this.checkAt(node, names, isOwnerField, sourceCode);
      return found ? 'skip' : undefined;
    });
    return found;
  }

  /** Whether `node` itself compares the record held in `names` with the caller, or gives it to a policy. */
  private checkAt(node: TSESTree.Node, names: ReadonlySet<string>, isOwnerField: (field: string) => boolean, sourceCode: Readonly<TSESLint.SourceCode>): { by: string; policy: boolean } | null {
    if (ownerComparison(node, names, isOwnerField)) return { by: `the owner comparison on line ${String(node.loc.start.line)}`, policy: false };
    if (node.type !== AST_NODE_TYPES.CallExpression || !node.arguments.some((argument) => readsAny(argument, names))) return null;
    const last = calleeLast(node);
    if (last !== null && POLICY.has(last)) return { by: `\`${dottedName(node.callee) ?? last}\` on line ${String(node.loc.start.line)}`, policy: true };
    const helper = this.helperDefinition(node, sourceCode);
    if (helper && this.judgesOwnership(helper)) return { by: `\`${dottedName(node.callee) ?? 'the policy helper'}\` on line ${String(node.loc.start.line)}`, policy: true };
    return null;
  }

  /**
   * An earlier load of the same record guards the access: a call before it, in the same function,
   * given the same id value (the same variable, or the same member of the same variable, neither
   * written again), whose result is compared with the caller (or given to a policy) in a statement
   * that runs before the access on every path to it: an earlier statement of a block that holds the
   * access (`if (acct.ownerId !== user.id) throw …; await repo.update(id, data)`), or the test of an
   * `if` or condition whose branch holds it.
   */
  private earlierCheckedLoad(access: RecordAccess, isOwnerField: (field: string) => boolean, values: readonly TSESTree.Node[] = access.ids): { by: string; policy: boolean } | null {
    const fn = enclosingFunction(access.call);
    if (!fn) return null;
    const ids = values.map((id) => this.valueIdentity(id)).filter((identity) => identity !== null);
    if (ids.length === 0) return null;
    for (const call of this.callsOf(fn)) {
      if (call.range[1] > access.call.range[0]) break;
      if (!ids.some((identity) => this.namesValue(call, identity))) continue;
      const held = heldNames(call);
      if (held.names.size === 0) {
        // `await this.assertOwner(id, me.id)`: a helper given the same id that loads the record itself,
        // compares its owner with another parameter and rejects, in a statement that runs first.
        const helper = this.helperDefinition(call, this.sourceCode);
        if (helper && this.judgesOwnership(helper) && guardsAccess(call, access.call)) {
          return { by: `\`${dottedName(call.callee) ?? 'the policy helper'}\` on line ${String(call.loc.start.line)}, given the same id`, policy: true };
        }
        continue;
      }
      let found: { by: string; policy: boolean } | null = null;
      walk(fn.body, (node) => {
        if (found) return 'skip';
        // Only what runs between the load and the access: the spans around them are descended into.
        if (node.range[1] <= call.range[1] || node.range[0] >= access.call.range[0] || (node !== fn.body && isFunction(node))) return 'skip';
        if (node.range[0] < call.range[1]) return undefined;
        const check = this.checkAt(node, held.names, isOwnerField, this.sourceCode);
        if (check && guardsAccess(node, access.call)) found = { ...check, by: `${check.by} on the record loaded by the same id on line ${String(call.loc.start.line)}` };
        return check ? 'skip' : undefined;
      });
      if (found) return found;
    }
    return null;
  }

  /**
   * A list by the id of a parent record the client chose (`where: { postId: req.params.postId }`,
   * `post: { id }`), when the parent model is owned (its definition is in view and has an owner or
   * tenant field) and nothing here ties the parent to the caller: no owner condition in the list,
   * no tenant-scoped client, no earlier load of the parent by the same id that is scoped to the
   * caller or checked, no role check of the route.
   */
  private unscopedParent(access: RecordAccess, isOwnerField: (field: string) => boolean, facts: ProjectFacts, judged: readonly AccessJudgement[]): AccessJudgement['parent'] | null {
    if (access.policy || publicRecordCondition(access) !== null) return null;
    const engine = getFileAnalysis(this.context).engine;
    for (const condition of access.conditions) {
      if (condition.spread === true || condition.value === null || isOwnerField(condition.field)) continue;
      // `contactId: new ObjectId(id)`: the id inside.
      let value = idValue(condition.value);
      let base = PARENT_KEY.exec(condition.field)?.[1] ?? null;
      if (base === null && value.type === AST_NODE_TYPES.ObjectExpression) {
        // `post: { id: postId }`: a relation filter by the parent's id.
        const id = value.properties.find((property) => property.type === AST_NODE_TYPES.Property && !property.computed && isIdField(propertyName(property.key) ?? ''));
        if (id?.type !== AST_NODE_TYPES.Property) continue;
        base = condition.field;
        value = unwrap(id.value);
      }
      if (base === null || isOwnerModel(base) || modelKey(base) === access.key) continue;
      // Owned by its definition, or by how the application scopes it elsewhere (`invoice` by `accountId: user.accountId`).
      const parentFields = withFields(facts.owners.get(modelKey(base)), this.appScopedFields(modelKey(base), facts));
      if (!parentFields || parentFields.size === 0) continue;
      const inputs = engine.inputsOf(value, 'id');
      if (inputs.length === 0) continue;
      const parentKeys = new Set([...parentFields].map(fieldKey));
      const parentOwner = (field: string): boolean => parentKeys.has(fieldKey(field)) || isDefaultOwnerField(field);
      const tenant = tenantScope(access.call, {
        scopeOf: this.scopeOf,
        definition: (call) => this.helperDefinition(call, this.sourceCode),
        clientInput: (node) => engine.inputsOf(node, 'id').length > 0,
        isOwnerField,
        requestMembers: REQUEST_MEMBERS,
      });
      if (tenant !== null && tenant.kind !== 'client') continue;
      if (tenant === null && facts.rowLevelSecurity && this.underRowLevelSecurity(access.call)) continue;
      if (this.earlierCheckedLoad(access, parentOwner, [value])) continue;
      if (inputs.every((input) => this.viaGuard(input, access) !== null)) continue;
      // The membership lookup of a helper that rejects on it, or a query of such a helper keyed by the same value.
      const holder = enclosingFunction(access.call);
      const keys = holder ? this.membershipKeys(holder) : null;
      if (keys && readNames(value, keys).size > 0) continue;
      if (this.scopedParentLoad(access, value, judged)) continue;
      if (this.roleCheck(access.call, inputs, (path) => !tenantNamedByPath(path, access, [...parentFields])) !== null) continue;
      return { model: base, field: condition.field, ownerFields: [...parentFields], inputs };
    }
    return null;
  }

  /** The owner fields the application filters a model by (in this file, or as project evidence), with a value the client does not choose. */
  private appScopedFields(key: string, facts: ProjectFacts): Set<string> | undefined {
    const fields = new Set(this.scopedFields.get(key) ?? []);
    for (const evidence of facts.evidence) {
      if (evidence.key !== key || !evidence.how.startsWith('`')) continue;
      const field = evidence.how.slice(1, -1);
      if (evidence.bound === true || isDefaultOwnerField(field)) fields.add(field);
    }
    return fields.size > 0 ? fields : undefined;
  }

  /** An earlier access in the same function, scoped to the caller or checked, that names `value` and runs before the list on every path. */
  private scopedParentLoad(access: RecordAccess, value: TSESTree.Node, judged: readonly AccessJudgement[]): boolean {
    const identity = this.valueIdentity(value);
    const fn = enclosingFunction(access.call);
    if (!identity || !fn) return false;
    return judged.some((other) => {
      if (other.status === 'unscoped' || other.access.call.range[1] > access.call.range[0] || enclosingFunction(other.access.call) !== fn) return false;
      if (!this.namesValue(other.access.call, identity)) return false;
      // The load's statement is in a block that holds the list (it always runs first).
      let statement: TSESTree.Node = other.access.call;
      while (statement.parent && !STATEMENT.test(statement.type)) statement = statement.parent;
      const block = statement.parent;
      if (!block || !(block.range[0] <= access.call.range[0] && access.call.range[1] <= block.range[1]) || (block.type !== AST_NODE_TYPES.BlockStatement && block.type !== AST_NODE_TYPES.Program)) return false;
      // A scoped load guards only when a missing record stops the handler: `findFirstOrThrow`, or `if (!post) throw …`.
      if (/(?:OrThrow|OrFail)$/u.test(calleeLast(other.access.call) ?? '')) return true;
      const held = heldNames(other.access.call).names;
      return held.size > 0 && block.type === AST_NODE_TYPES.BlockStatement && block.body.some((sibling) => sibling.range[0] >= statement.range[1] && sibling.range[1] <= access.call.range[0] && sibling.type === AST_NODE_TYPES.IfStatement && readsAny(sibling.test, held) && rejects(sibling));
    });
  }

  /** The calls of a function's own body (not of nested functions), in source order, once per function. */
  private callsOf(fn: FunctionNode): readonly TSESTree.CallExpression[] {
    let calls = this.functionCalls.get(fn);
    if (!calls) {
      const found: TSESTree.CallExpression[] = [];
      walk(fn.body, (node) => {
        if (node !== fn.body && isFunction(node)) return 'skip';
        if (node.type === AST_NODE_TYPES.CallExpression) found.push(node);
        return undefined;
      });
      calls = found.sort((a, b) => a.range[1] - b.range[1]);
      this.functionCalls.set(fn, calls);
    }
    return calls;
  }

  /**
   * What an id value is, for comparing it with another: a variable never written again, and the
   * member path read from it (`id`, `req.params.id`), through a coercion (`Number(id)`).
   */
  private valueIdentity(node: TSESTree.Node, scopeOf: (node: TSESTree.Node) => TSESLint.Scope.Scope = this.scopeOf): { variable: TSESLint.Scope.Variable; path: string } | null {
    let target = unwrap(node);
    for (let steps = 0; steps < 3 && (target.type === AST_NODE_TYPES.CallExpression || target.type === AST_NODE_TYPES.NewExpression) && target.arguments.length === 1; steps++) {
      const argument = target.arguments[0];
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement || !COERCIONS.test(dottedName(target.callee) ?? '')) break;
      target = unwrap(argument);
    }
    const path = dottedName(target);
    if (path === null || (target.type !== AST_NODE_TYPES.Identifier && target.type !== AST_NODE_TYPES.MemberExpression)) return null;
    let root: TSESTree.Node = target;
    while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
    if (root.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = findVariable(scopeOf(root), root.name);
    if (!variable || !isConstantBinding(variable)) return null;
    return { variable, path };
  }

  /** Whether a call is given the value `identity` names: as an argument, or as an id field of a filter argument. */
  private namesValue(call: TSESTree.CallExpression, identity: { variable: TSESLint.Scope.Variable; path: string }, scopeOf: (node: TSESTree.Node) => TSESLint.Scope.Scope = this.scopeOf): boolean {
    const same = (node: TSESTree.Node): boolean => {
      const other = this.valueIdentity(node, scopeOf);
      return other !== null && other.variable === identity.variable && other.path === identity.path;
    };
    const inFilter = (node: TSESTree.Node, level: number): boolean => {
      const target = unwrap(node);
      if (target.type !== AST_NODE_TYPES.ObjectExpression || level > 3) return false;
      return target.properties.some((property) => {
        if (property.type !== AST_NODE_TYPES.Property || property.computed) return false;
        const key = propertyName(property.key) ?? '';
        return (isIdField(key) && same(property.value)) || inFilter(property.value, level + 1);
      });
    };
    return call.arguments.some((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && (same(argument) || inFilter(argument, 0)));
  }

  /** The function a helper call runs: in this file (a function, a method of the class), or in another project file. */
  private helperDefinition(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): FunctionNode | null {
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const local = resolveFunction(callee, scopeOf(sourceCode, callee));
      if (local) {
        if (!this.definitionSources.has(local)) this.definitionSources.set(local, sourceCode);
        return local;
      }
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression) {
      const name = propertyName(callee.property);
      for (let node: TSESTree.Node | undefined = callee.parent; node; node = node.parent) {
        if (node.type !== AST_NODE_TYPES.ClassBody) continue;
        for (const member of node.body) {
          if (member.type === AST_NODE_TYPES.MethodDefinition && member.value.type === AST_NODE_TYPES.FunctionExpression && propertyName(member.key) === name) {
            if (!this.definitionSources.has(member.value)) this.definitionSources.set(member.value, sourceCode);
            return member.value;
          }
        }
        break;
      }
    }
    if (callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.MemberExpression) {
      const target = crossFileTarget(callee, sourceCode);
      if (!target) return null;
      this.definitionSources.set(target.fn, target.module.sourceCode);
      this.definitionFiles.set(target.fn, target.module.file);
      return target.fn;
    }
    return null;
  }

  /**
   * A policy helper by its definition (`authorize(user, doc)`, `assertOwner(order, userId)`): it
   * compares something of one parameter with another parameter (or the caller), and rejects (throws,
   * returns false, answers 403). A record the helper loads itself by a parameter (`const doc = await
   * repo.findOneBy({ id: docId })`) counts as that parameter: `if (doc.ownerId !== userId) throw …`.
   */
  private judgesOwnership(fn: FunctionNode): boolean {
    const known = this.policyHelpers.get(fn);
    if (known !== undefined) return known;
    this.policyHelpers.set(fn, false);
    const params = new Set(fn.params.flatMap((param) => patternNames(param)));
    // Locals computed from a parameter (in order of declaration): a record loaded by it, a copy.
    const derived = new Set(params);
    walk(fn.body, (node) => {
      if (node !== fn.body && isFunction(node)) return 'skip';
      if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.init && readNames(node.init, derived).size > 0) derived.add(node.id.name);
      return undefined;
    });
    let compares = false;
    let rejects = false;
    const comparisons: TSESTree.Node[] = [];
    const returned: TSESTree.Node[] = [];
    const compared = (one: TSESTree.Node, other: TSESTree.Node): boolean => {
      const left = readNames(one, derived);
      const right = readNames(other, params);
      return left.size > 0 && (right.size > 0 || namesCaller(other)) && [...left].some((name) => !right.has(name));
    };
    walk(fn.body, (node) => {
      if (node.type === AST_NODE_TYPES.BinaryExpression && EQUALITY.has(node.operator) && node.left.type !== AST_NODE_TYPES.PrivateIdentifier) {
        if (compared(node.left, node.right) || compared(node.right, node.left)) {
          compares = true;
          comparisons.push(node);
        }
      }
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) returned.push(node.argument);
      if (node.type === AST_NODE_TYPES.CallExpression && calleeLast(node) === 'equals') {
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && readNames(callee.object, params).size > 0 && node.arguments.some((argument) => readNames(argument, params).size > 0)) compares = true;
      }
      if (node.type === AST_NODE_TYPES.ThrowStatement) rejects = true;
      if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument?.type === AST_NODE_TYPES.Literal && node.argument.value === false) rejects = true;
      if (node.type === AST_NODE_TYPES.Literal && node.value === 403) rejects = true;
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement && node === fn.body && compares) rejects = true;
      return undefined;
    });
    // An expression body returns the comparison itself: `(user, doc) => doc.ownerId === user.id`.
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement && compares) rejects = true;
    // A predicate returns it from a block (`return ownerOf(doc) === user.id || doc.sharedWith...`):
    // its callers reject on the answer.
    if (returned.some((value) => comparisons.some((comparison) => value.range[0] <= comparison.range[0] && comparison.range[1] <= value.range[1]))) rejects = true;
    const result = (compares && rejects) || this.membershipKeys(fn) !== null;
    this.policyHelpers.set(fn, result);
    return result;
  }

  /**
   * A membership lookup of a function (`assertMember(projectId, userId)` running `SELECT 1 FROM
   * project_members WHERE project_id = $1 AND user_id = $2`, `Member.findOne({ team: teamId, user:
   * me.id })`): a query of its own filtered by one value computed from a parameter and by another
   * that is a different parameter or the caller, whose answer decides a rejection (`if (!member)
   * throw …`, `if (!rows.length) return res.status(403)…`). The names the lookup is keyed by (the
   * first value's), or null without one. Judged by the body, whatever the function is called.
   */
  private membershipKeys(fn: FunctionNode): ReadonlySet<string> | null {
    if (this.memberships.has(fn)) return this.memberships.get(fn) ?? null;
    this.memberships.set(fn, null);
    const sourceCode = this.definitionSources.get(fn) ?? this.sourceCode;
    const params = new Set(fn.params.flatMap((param) => patternNames(param)));
    if (params.size === 0) return null;
    const derived = new Set(params);
    walk(fn.body, (node) => {
      if (node !== fn.body && isFunction(node)) return 'skip';
      if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.init && readNames(node.init, derived).size > 0) derived.add(node.id.name);
      return undefined;
    });
    let found: ReadonlySet<string> | null = null;
    for (const access of recordAccesses(sourceCode)) {
      if (found) break;
      if (enclosingFunction(access.call) !== fn) continue;
      const values = [...access.ids, ...access.conditions.flatMap((condition) => (condition.spread !== true && condition.value !== null ? [condition.value] : []))];
      let keys: Set<string> | null = null;
      for (const one of values) {
        const keyed = readNames(one, derived);
        if (keyed.size === 0) continue;
        const other = values.some((value) => value !== one && ((readNames(value, params).size > 0 && [...readNames(value, params)].some((name) => !keyed.has(name))) || (namesCaller(value) && readNames(value, keyed).size === 0)));
        if (other) {
          keys = keyed;
          break;
        }
      }
      if (!keys) continue;
      const held = heldNames(access.call).names;
      if (held.size === 0) continue;
      let decides = false;
      walk(fn.body, (node) => {
        if (decides || (node !== fn.body && isFunction(node))) return 'skip';
        if (node.type === AST_NODE_TYPES.IfStatement && node.range[0] >= access.call.range[1] && readsAny(node.test, held) && rejectsHard(node)) decides = true;
        return undefined;
      });
      if (decides) found = keys;
    }
    this.memberships.set(fn, found);
    return found;
  }

  /**
   * The role check of the mounts of a router registered here and mounted in another file
   * (`app.use('/admin', authenticate, requireRole('admin'), adminRouter)`): every mount found must pass one.
   */
  private mountRoleCheck(route: Route, vocabulary: AuthVocabulary, place: TSESTree.Node, excuses: (path: string | null) => boolean): string | null {
    if (!mayBeMountedElsewhere(route.owner)) return null;
    const mounts = judgeMountedRoute(this.context, route, vocabulary) ?? [];
    if (mounts.length === 0) return null;
    const across = scopeOfAcrossFiles(this.context);
    const checks = mounts.map((mounted) => (excuses(mounted.route.path) ? routeRoleCheck(mounted.route, vocabulary, across, place) : null));
    return checks.every((check) => check !== null) ? (checks[0] ?? null) : null;
  }

  /**
   * The role check the route of the access passes (an admin route), as `routeRoleCheck` names it;
   * `excuses` says whether a role check on a route of that path excuses the access at all.
   */
  private roleCheck(call: TSESTree.CallExpression, inputs: readonly ValueInput[], excuses: (path: string | null) => boolean): string | null {
    const places: TSESTree.Node[] = [call];
    for (const input of inputs) if (input.via?.call) places.push(input.via.call);
    const routes = getRoutes(this.context).routes;
    const vocabulary = authVocabulary(getSettings(this.context));
    for (const place of places) {
      const holding = routes.filter((route) => {
        const fn = route.handler?.fn;
        return fn !== null && fn !== undefined && fn.range[0] <= place.range[0] && place.range[1] <= fn.range[1];
      });
      if (holding.length === 0) continue;
      const checks = holding.map((route) => (excuses(route.path) ? routeRoleCheck(route, vocabulary, this.scopeOf, place) : null) ?? this.mountRoleCheck(route, vocabulary, place, excuses));
      if (checks.every((check) => check !== null)) return checks[0] ?? null;
      return null;
    }
    return this.remoteRoleCheck(inputs, vocabulary, excuses);
  }

  /**
   * The role check of the routes that register, in another file, the handler the client's id comes
   * from (`router.patch('/:id/role', requireRole('admin'), users.changeRole)` in a routes file, the
   * handler in a controller, the access in a repository): every input must come from a handler whose
   * every registration found passes a role check, at the route or at a mount of its router.
   */
  private remoteRoleCheck(inputs: readonly ValueInput[], vocabulary: AuthVocabulary, excuses: (path: string | null) => boolean): string | null {
    const index = projectIndexOf(this.context.filename);
    if (!index || inputs.length === 0) return null;
    let first: string | null = null;
    for (const input of inputs) {
      const via = input.via;
      if (!via || via.call) return null;
      const module = index.module(path.resolve(index.root, via.file));
      if (!module) return null;
      const last = via.name.split('.').at(-1);
      const call = nodesOfType(module.program, AST_NODE_TYPES.CallExpression).find((candidate) => candidate.loc.start.line === via.line && calleeLast(candidate) === last);
      const handler = call ? enclosingFunction(call) : null;
      if (!call || !handler) return null;
      const check = this.registrationsRoleCheck(handler, module, index.importersOf(module.file).slice(0, MAX_IMPORTERS), call, vocabulary, excuses);
      if (check === null) return null;
      first ??= check;
    }
    return first;
  }

  /** The role check every route registering `handler` (of `module`) passes, in `module` itself or in the files that import it; null when one does not, or none is found. */
  private registrationsRoleCheck(handler: FunctionNode, module: ProjectModule, importers: readonly string[], place: TSESTree.Node, vocabulary: AuthVocabulary, excuses: (path: string | null) => boolean): string | null {
    const index = projectIndexOf(module.file);
    if (!index) return null;
    const checks: (string | null)[] = [];
    for (const file of [module.file, ...importers]) {
      const other = file === module.file ? module : index.module(file);
      if (!other) continue;
      const context = moduleContext(other, this.context);
      for (const route of registeredRoutes(context)) {
        const registered = route.handler;
        if (!registered) continue;
        const runs = registered.fn === handler || (registered.fn === null && (registered.node.type === AST_NODE_TYPES.Identifier || registered.node.type === AST_NODE_TYPES.MemberExpression) && sameFunction(crossFileTarget(registered.node, other.sourceCode), module.file, handler));
        if (!runs) continue;
        const scopeOf = scopeLookup(other.sourceCode);
        let check = excuses(route.path) ? routeRoleCheck(route, vocabulary, scopeOf, place) : null;
        if (check === null && mayBeMountedElsewhere(route.owner)) {
          const mounts = judgeMountedRoute(context, route, vocabulary) ?? [];
          const across = scopeOfAcrossFiles(context);
          const mounted = mounts.map((entry) => (excuses(entry.route.path) ? routeRoleCheck(entry.route, vocabulary, across, place) : null));
          check = mounted.length > 0 && mounted.every((found) => found !== null) ? (mounted[0] ?? null) : null;
        }
        checks.push(check === null ? null : `${check} in ${relative(index.root, other.file)}`);
      }
    }
    return checks.length > 0 && checks.every((check) => check !== null) ? (checks[0] ?? null) : null;
  }
}

const EQUALITY = new Set(['===', '!==', '==', '!=']);
/** Calls that convert an id without changing which record it names. */
const COERCIONS = /^(?:Number|String|BigInt|parseInt|parseFloat|(?:\w+\.)*ObjectId)$/u;

/**
 * Whether a check at `check` runs before `access` on every path to it: it sits in an earlier
 * statement of a block that holds the access and that statement rejects (an `if` whose branch
 * throws or returns, or a call that may throw: a policy or assertion), or it is the test of an
 * `if`, conditional or `&&` whose taken branch holds the access.
 */
function guardsAccess(check: TSESTree.Node, access: TSESTree.Node): boolean {
  const holds = (node: TSESTree.Node): boolean => node.range[0] <= access.range[0] && access.range[1] <= node.range[1];
  let child: TSESTree.Node = check;
  let node: TSESTree.Node | undefined = check.parent;
  // Up through the expression that holds the check, to its statement.
  while (node && !STATEMENT.test(node.type)) {
    if (isFunction(node)) return false;
    if (node.type === AST_NODE_TYPES.ConditionalExpression && node.test === child && holds(node)) return true;
    if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&' && node.left === child && holds(node)) return true;
    child = node;
    node = node.parent;
  }
  if (!node) return false;
  if (node.type === AST_NODE_TYPES.IfStatement) {
    if (node.test !== child) return false;
    if (holds(node)) return true;
  }
  if (!rejects(node)) return false;
  let block = node.parent;
  // `if (!acct) throw …; else if (acct.ownerId !== me) throw …`: an `else if` whose every earlier branch exits too.
  while (block?.type === AST_NODE_TYPES.IfStatement && block.alternate === node && exits(block.consequent)) {
    node = block;
    block = block.parent;
  }
  if (block?.type !== AST_NODE_TYPES.BlockStatement && block?.type !== AST_NODE_TYPES.Program && block?.type !== AST_NODE_TYPES.SwitchCase) return false;
  return holds(block) && node.range[1] <= access.range[0];
}

const STATEMENT = /(?:Statement|Declaration)$/u;
/** A foreign key to a parent record: `postId`, `post_id`, `projectUuid` → `post`, `project`. */
const PARENT_KEY = /^(\w+?)_?(?:id|Id|ID|uuid|Uuid)$/u;

/** Whether a statement leaves the function or throws on some path: an `if` whose branch does, a throw, a call (a policy or an assertion throws). */
function rejects(statement: TSESTree.Node): boolean {
  if (statement.type === AST_NODE_TYPES.IfStatement) return exits(statement.consequent) || (statement.alternate !== null && exits(statement.alternate));
  if (statement.type === AST_NODE_TYPES.ThrowStatement) return true;
  if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
    const expression = unwrap(statement.expression);
    return expression.type === AST_NODE_TYPES.CallExpression || (expression.type === AST_NODE_TYPES.AwaitExpression && unwrap(expression.argument).type === AST_NODE_TYPES.CallExpression);
  }
  return false;
}

/** `req.params.id` → `params.id`: the request member read, without the request's own name; null for anything else. */
function requestPath(node: TSESTree.Node): string | null {
  const dotted = dottedName(unwrap(node));
  if (dotted === null) return null;
  const parts = dotted.split('.');
  return parts.length >= 3 && REQUEST_MEMBERS.has(parts[1] ?? '') ? parts.slice(1).join('.') : null;
}

/**
 * Whether a middleware's body looks up a record of `key` by one of the request `paths` together with
 * the caller, and rejects somewhere: a call whose filter object names the id by that request member
 * and another field by the caller (`{ _id: req.params.id, owner: req.user.id }`), on a receiver of
 * the same model, in a function that throws or answers 401/403/404.
 */
function scopedLookupIn(fn: FunctionNode, key: string, paths: ReadonlySet<string>): boolean {
  let looksUp = false;
  let rejectsSomewhere = false;
  walk(fn.body, (node) => {
    if (node.type === AST_NODE_TYPES.ThrowStatement || (node.type === AST_NODE_TYPES.Literal && (node.value === 401 || node.value === 403 || node.value === 404))) rejectsSomewhere = true;
    if (looksUp || node.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const receiver = unwrap(callee.object);
    const name = receiver.type === AST_NODE_TYPES.Identifier ? receiver.name : receiver.type === AST_NODE_TYPES.MemberExpression ? propertyName(receiver.property) : null;
    if (name === null || modelKey(name) !== key) return undefined;
    let filter = node.arguments[0] ? unwrap(node.arguments[0]) : null;
    if (filter?.type === AST_NODE_TYPES.ObjectExpression) {
      const where = filter.properties.find((property) => property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === 'where');
      if (where?.type === AST_NODE_TYPES.Property && unwrap(where.value).type === AST_NODE_TYPES.ObjectExpression) filter = unwrap(where.value);
    }
    if (filter?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
    let byId = false;
    let byCaller = false;
    for (const property of filter.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
      const field = propertyName(property.key) ?? '';
      const value = idValue(property.value);
      if (isIdField(field)) byId ||= paths.has(requestPath(value) ?? '');
      else byCaller ||= namesCaller(value) && !readsRequest(value);
    }
    looksUp = byId && byCaller;
    return undefined;
  });
  return looksUp && rejectsSomewhere;
}

/** An `if` whose branch throws, returns `false`, or answers 401/403/404. */
function rejectsHard(statement: TSESTree.IfStatement): boolean {
  let found = false;
  walk(statement.consequent, (inner) => {
    if (found || (inner !== statement.consequent && isFunction(inner))) return 'skip';
    if (inner.type === AST_NODE_TYPES.ThrowStatement) found = true;
    if (inner.type === AST_NODE_TYPES.ReturnStatement && inner.argument?.type === AST_NODE_TYPES.Literal && inner.argument.value === false) found = true;
    if (inner.type === AST_NODE_TYPES.Literal && (inner.value === 401 || inner.value === 403 || inner.value === 404)) found = true;
    return undefined;
  });
  return found;
}

function exits(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (inner) => {
    if (found || (inner !== node && isFunction(inner))) return 'skip';
    if (inner.type === AST_NODE_TYPES.ThrowStatement || inner.type === AST_NODE_TYPES.ReturnStatement) found = true;
    return undefined;
  });
  return found;
}

const TENANT = new Set<string>(tenantFields.map(fieldKey));

/** Whether a cross-file target is `fn` of `file`. */
function sameFunction(target: { module: { file: string }; fn: FunctionNode } | null, file: string, fn: FunctionNode): boolean {
  return target !== null && target.module.file === file && target.fn.range[0] === fn.range[0] && target.fn.range[1] === fn.range[1];
}

/** Parameters of a route path: `:orgId`, `[workspaceId]`, `{teamId}`. */
const PATH_PARAMETER = /:(\w+)|\[(?:\.\.\.)?(\w+)\]|\{(\w+)\}/gu;

/**
 * Whether a route's path names a tenant of the accessed model (`/orgs/:orgId/api-keys/:keyId` and
 * `apiKeys.orgId`) while the access has no condition on that field: a role checked there is the
 * caller's role in the tenant the client chose (an owner of one organisation), not over every
 * record, so it excuses only accesses that stay in that tenant (`where: { id, orgId }`).
 */
function tenantNamedByPath(path: string | null, access: RecordAccess, ownerFields: readonly string[]): boolean {
  if (path === null || ownerFields.length === 0) return false;
  const owners = new Set(ownerFields.map(fieldKey));
  const conditioned = new Set(access.conditions.map((condition) => fieldKey(condition.field)));
  for (const match of path.matchAll(PATH_PARAMETER)) {
    const parameter = fieldKey(match[1] ?? match[2] ?? match[3] ?? '');
    const field = owners.has(parameter) ? parameter : owners.has(`${parameter}id`) ? `${parameter}id` : null;
    if (field !== null && TENANT.has(field.replace(/id$/u, '')) && !conditioned.has(field)) return true;
  }
  return false;
}

const PUBLIC_CONDITIONS = publicRecordConditions.map((rule) => ({ fields: new Set<string>(rule.fields.map(fieldKey)), values: new Set<unknown>(rule.values) }));
/** Methods that change or delete, whatever the table says of the shape they share with reads. */
const WRITING_METHOD = /update|delete|remove|replace|destroy|upsert|del$/iu;

/**
 * A condition of a read that restricts it to public records (`published: true`, `visibility:
 * 'public'`, see `publicRecordConditions`), as code; null when there is none or the access writes.
 */
function publicRecordCondition(access: RecordAccess): string | null {
  if (access.action !== 'reads' || WRITING_METHOD.test(calleeLast(access.call) ?? '')) return null;
  for (const condition of access.conditions) {
    const value = condition.value === null ? null : unwrap(condition.value);
    if (value?.type !== AST_NODE_TYPES.Literal) continue;
    const key = fieldKey(condition.field);
    if (PUBLIC_CONDITIONS.some((rule) => rule.fields.has(key) && rule.values.has(value.value))) return `\`${condition.field}: ${value.raw}\``;
  }
  return null;
}

/** A word that starts an owner or tenant field (`userId`, `owner_id`, `tenant`, `orgId`), for the text prefilter. */
const OWNER_WORD = /user|owner|author|creator|created_?by|tenant|org|workspace|account|team|company|customer|member/iu;

/** The names that hold a call's result (`const order = await …`, `const { rows } = …`), and whether it is returned. */
function heldNames(call: TSESTree.CallExpression): { names: Set<string>; returned: boolean } {
  let node: TSESTree.Node = call;
  for (let steps = 0; steps < 12; steps++) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (!parent) break;
    if (
      parent.type === AST_NODE_TYPES.AwaitExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression ||
      (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) ||
      (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === node)
    ) {
      node = parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node) return { names: new Set(patternNames(parent.id)), returned: false };
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) return { names: new Set(patternNames(parent.left)), returned: false };
    if (parent.type === AST_NODE_TYPES.ReturnStatement) return { names: new Set(), returned: true };
    if (isFunction(parent) && parent.body === node) return { names: new Set(), returned: true };
    break;
  }
  return { names: new Set(), returned: false };
}

/** The names of `names` that an expression reads (a variable, a member chain rooted at one, `this.order`). */
function readNames(node: TSESTree.Node, names: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  walk(node, (inner) => {
    if (inner.type === AST_NODE_TYPES.MemberExpression) {
      const dotted = dottedName(inner);
      if (dotted !== null && names.has(dotted)) found.add(dotted);
    }
    if (inner.type === AST_NODE_TYPES.Identifier && names.has(inner.name)) {
      const parent = inner.parent;
      const isKey = (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === inner && !parent.computed) || (parent.type === AST_NODE_TYPES.Property && parent.key === inner && !parent.computed);
      if (!isKey) found.add(inner.name);
    }
    return isFunction(inner) ? 'skip' : undefined;
  });
  return found;
}

function readsAny(node: TSESTree.Node, names: ReadonlySet<string>): boolean {
  return readNames(node, names).size > 0;
}

/** Whether an expression reads the caller: a member or name among `callerNames` (`req.user.id`, `session.userId`, `me`). */
function namesCaller(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (inner) => {
    if (found) return 'skip';
    if (inner.type === AST_NODE_TYPES.Identifier && CALLER.has(inner.name.toLowerCase())) found = true;
    return undefined;
  });
  return found;
}

/**
 * A condition of a filter whose value is the caller's identity and not the client's choice
 * (`requesterId: ctx.state.user.id`, `approver_id = $2` bound to `session.userId`): it ties the
 * record to the caller whatever the field is called, and shows that the field is an owner field.
 */
function isCallerBound(condition: RecordCondition, notClient: (node: TSESTree.Node) => boolean): boolean {
  if (condition.spread === true || condition.value === null || isIdField(condition.field)) return false;
  const value = unwrap(condition.value);
  return value.type !== AST_NODE_TYPES.ObjectExpression && namesCaller(value) && notClient(value);
}

/** Per model key, the fields the file's accesses filter by the caller's identity (see `isCallerBound`). */
function callerBoundFields(accesses: readonly RecordAccess[], notClient: (node: TSESTree.Node) => boolean): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const access of accesses) {
    // The caller's own record (`User` by `email: session.user.email`) is not owned by a field of it;
    // a record of such a model named by the client's id and filtered by the caller
    // (`customers` by `id: req.params.id` and `account_manager_id: session.user.id`) is.
    if (isOwnerModel(access.model) && !access.ids.some((id) => !notClient(id))) continue;
    for (const condition of access.conditions) {
      if (!isCallerBound(condition, notClient)) continue;
      const fields = found.get(access.key) ?? new Set<string>();
      fields.add(condition.field);
      found.set(access.key, fields);
    }
  }
  return found;
}

/**
 * Per model key, the owner fields (default ones, or bound to the caller) the file's accesses filter
 * by a value the client does not choose: how the application scopes the model's records.
 */
function scopedFieldsOf(accesses: readonly RecordAccess[], notClient: (node: TSESTree.Node) => boolean): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const access of accesses) {
    if (isOwnerModel(access.model)) continue;
    for (const condition of access.conditions) {
      if (condition.spread === true || condition.value === null || isFixedValue(condition.value) || !notClient(condition.value)) continue;
      if (!isDefaultOwnerField(condition.field) && !isCallerBound(condition, notClient)) continue;
      const fields = found.get(access.key) ?? new Set<string>();
      fields.add(condition.field);
      found.set(access.key, fields);
    }
  }
  return found;
}

/**
 * A lookup of the caller's own record (`User` by `email: req.user.email`): scoped, but no sign that
 * the user model's other records belong to anyone.
 */
function callerRecordLookup(judgement: AccessJudgement, owners: OwnerTable): boolean {
  if (judgement.inputs.length > 0) return false;
  if (!isOwnerModel(judgement.access.model) || judgement.by === null || !judgement.by.startsWith('`')) return false;
  const field = judgement.by.slice(1, -1);
  return !isDefaultOwnerField(field) && ![...(owners.get(judgement.access.key) ?? [])].some((known) => fieldKey(known) === fieldKey(field));
}

/** A model's owner fields with `more` added (a new set; `learned` itself when there is nothing to add). */
function withFields(learned: ReadonlySet<string> | undefined, more: ReadonlySet<string> | undefined): Set<string> | undefined {
  if (!more || more.size === 0) return learned && new Set(learned);
  const merged = new Set(learned ?? []);
  for (const field of more) if (![...merged].some((known) => fieldKey(known) === fieldKey(field))) merged.add(field);
  return merged;
}

/** The member names read from the record: `userId` of `order.userId.toString()`. */
function memberNames(node: TSESTree.Node): string[] {
  const found: string[] = [];
  walk(node, (inner) => {
    if (inner.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(inner.property);
      if (name !== null) found.push(name);
    }
    return undefined;
  });
  return found;
}

function isFixedValue(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.Literal || (target.type === AST_NODE_TYPES.Identifier && target.name === 'undefined') || (target.type === AST_NODE_TYPES.TemplateLiteral && target.expressions.length === 0);
}

/**
 * `order.userId !== req.user.id`, `doc.owner.equals(user._id)`, `project.memberIds.includes(me.id)`:
 * the record (read through `names`) against something else that is not a constant, where the
 * record's side reads an owner field or the other side reads the caller.
 */
function ownerComparison(node: TSESTree.Node, names: ReadonlySet<string>, isOwnerField: (field: string) => boolean): boolean {
  let recordSide: TSESTree.Node | null = null;
  let other: TSESTree.Node | null = null;
  if (node.type === AST_NODE_TYPES.BinaryExpression && EQUALITY.has(node.operator)) {
    const left = readsAny(node.left, names);
    const right = readsAny(node.right, names);
    if (left === right) return false;
    recordSide = left ? node.left : node.right;
    other = left ? node.right : node.left;
  } else if (node.type === AST_NODE_TYPES.CallExpression && (calleeLast(node) === 'equals' || calleeLast(node) === 'includes' || calleeLast(node) === 'isEqual')) {
    const callee = unwrap(node.callee);
    const argument = node.arguments[0];
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !argument) return false;
    if (calleeLast(node) === 'isEqual' && node.arguments.length === 2 && node.arguments[1]) {
      const [a, b] = [node.arguments[0], node.arguments[1]];
      if (!a || readsAny(a, names) === readsAny(b, names)) return false;
      recordSide = readsAny(a, names) ? a : b;
      other = recordSide === a ? b : a;
    } else if (readsAny(callee.object, names) && !readsAny(argument, names)) {
      recordSide = callee.object;
      other = argument;
    } else if (!readsAny(callee.object, names) && readsAny(argument, names)) {
      recordSide = argument;
      other = callee.object;
    } else return false;
  } else return false;
  if (isFixedValue(other)) return false;
  return memberNames(recordSide).some((name) => isOwnerField(name)) || namesCaller(other);
}

function calleeLast(call: TSESTree.CallExpression): string | null {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return propertyName(callee.property);
  return null;
}

function relative(root: string, file: string): string {
  return root.length > 0 && file.startsWith(root) ? file.slice(root.length + 1).split('\\').join('/') : file;
}

const fileBySource = new WeakMap<Readonly<TSESLint.SourceCode>, string>();

function fileOf(sourceCode: Readonly<TSESLint.SourceCode>): string | undefined {
  return fileBySource.get(sourceCode);
}

/** What a project file says about ownership: owner conditions and comparisons on its accesses, and row-level security. */
function fileEvidence(file: string, root: string, load: () => ProjectModule | null): { evidence: OwnershipEvidence[]; rls: boolean } | null {
  const index = projectIndexOf(file);
  const version = index?.version(file);
  if (!version) return null;
  const cached = evidenceCache.get(file);
  if (cached?.size === version.size && cached.mtimeMs === version.mtimeMs) return cached;
  // Only files that mention an owner condition or a comparison are parsed; text is cheap.
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null; // gone since the listing
  }
  const rls = rowLevelSecurityText.test(text);
  const evidence: OwnershipEvidence[] = [];
  // Only files with an access shape and a word of an owner or tenant field are parsed.
  if (/\bwhere\b|findBy|findOne|findUnique|findFirst|\.query\(/u.test(text) && OWNER_WORD.test(text)) {
    const module = load();
    if (module) {
      fileBySource.set(module.sourceCode, file);
      const display = relative(root, file);
      for (const access of recordAccesses(module.sourceCode)) {
        for (const condition of access.conditions) {
          if (condition.spread === true || isIdField(condition.field)) continue;
          if (condition.value !== null && (isFixedValue(condition.value) || readsRequest(condition.value))) continue;
          const bound = condition.value !== null && !isOwnerModel(access.model) && namesCaller(condition.value) ? { bound: true as const } : {};
          evidence.push({ key: access.key, how: `\`${condition.field}\``, file: display, line: access.call.loc.start.line, ...bound });
        }
        const fn = enclosingFunction(access.call);
        const held = heldNames(access.call);
        if (fn && held.names.size > 0) {
          let compared = false;
          walk(fn.body, (node) => {
            if (compared || node.range[0] < access.call.range[1]) return compared ? 'skip' : undefined;
            if (ownerComparison(node, held.names, isDefaultOwnerField)) compared = true;
            return undefined;
          });
          if (compared) evidence.push({ key: access.key, how: 'an owner comparison', file: display, line: access.call.loc.start.line });
        }
      }
    }
  }
  const entry = { size: version.size, mtimeMs: version.mtimeMs, evidence, rls };
  evidenceCache.set(file, entry);
  return entry;
}

function readsRequest(node: TSESTree.Node): boolean {
  let found = false;
  walk(node, (inner) => {
    if (found) return 'skip';
    if (inner.type === AST_NODE_TYPES.MemberExpression && REQUEST_MEMBERS.has(propertyName(inner.property) ?? '')) found = true;
    return undefined;
  });
  return found;
}
