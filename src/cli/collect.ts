import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getExposureAnalysis } from '../analysis/exposure/index.js';
import { getFileAnalysis } from '../analysis/file-analysis.js';
import { classifyWithDeclaredMount, declaredMountFor, relativeFilename } from '../analysis/routes/declared-mounts.js';
import { authVocabulary, judgeGuard, type AuthVocabulary, type ScopeOf } from '../analysis/routes/auth.js';
import { getRoutes, type RouteGuard } from '../analysis/routes/index.js';
import { allTaintKinds } from '../models/taint-types.js';
import { isFunction, propertyName, requiredModule, unwrap, type FunctionNode } from '../utils/ast.js';
import { quoteCode } from '../utils/describe-node.js';
import { getSettings, type ApiSecuritySettings } from '../utils/settings.js';
import { handlerName, readInputs } from './inputs.js';
import { INJECTION_KINDS, type AuthStatus, type EndpointInput, type EndpointSink, type MassAssignment, type WholeObjectResponse } from './model.js';

/** A route as one file sees it, serialisable (no AST). */
export interface RawRoute {
  framework: string;
  methods: string[];
  /** Path with the prefixes known in this file. */
  path: string | null;
  line: number;
  handler: { name: string | null; line: number | null };
  guards: string[];
  auth: { status: AuthStatus; by: string | null; roleChecked: boolean };
  /** The router is mounted by another file; `exports` are the names it is exported under. */
  mountedElsewhere: boolean;
  exports: string[];
  inputs: EndpointInput[];
  sinks: EndpointSink[];
  wholeObjectResponses: WholeObjectResponse[];
  massAssignments: MassAssignment[];
}

/** `app.use('/admin', requireAuth, adminRouter)` where `adminRouter` is imported. */
export interface RawMount {
  path: string | null;
  line: number;
  /** Where the mounted router comes from: module specifier and export name (`default` or a name). */
  source: string | null;
  imported: string | null;
  /** First guard in front of the mount that authenticates, or null. */
  authenticatedBy: string | null;
  guards: string[];
  /** Names under which the app/router doing the mount is exported (for chains of mounts). */
  ownerExports: string[];
}

export interface FileRecord {
  /** Absolute path. */
  file: string;
  routes: RawRoute[];
  mounts: RawMount[];
}

/** Everything one scan collects: per-file records plus the public path patterns in force. */
export interface Collector {
  records: Map<string, FileRecord>;
  publicRoutes: string[];
}

const MAX_TEXT = 60;

/**
 * The internal rule behind the inventory: reads the same route model, auth verdicts, taint
 * findings and exposure findings the rules use, and stores one record per file. Reports nothing.
 */
export function createCollectRule(collector: Collector): TSESLint.RuleModule<never> {
  return {
    meta: { type: 'suggestion', schema: [], messages: {} },
    defaultOptions: [],
    create(context) {
      return {
        'Program:exit'() {
          const settings = getSettings(context);
          const vocabulary = authVocabulary(settings);
          collector.publicRoutes = [...vocabulary.publicRoutes];
          collector.records.set(context.filename, collect(context, settings, vocabulary));
        },
      };
    },
  };
}

type Context = Readonly<TSESLint.RuleContext<never, readonly unknown[]>>;

function collect(context: Context, settings: ApiSecuritySettings, vocabulary: AuthVocabulary): FileRecord {
  const { routes, mounts } = getRoutes(context);
  const record: FileRecord = { file: context.filename, routes: [], mounts: [] };
  if (routes.length === 0 && mounts.length === 0) return record;
  const sourceCode = context.sourceCode;
  const program = sourceCode.ast;
  const exportTable = exportsOf(program);
  const declared = declaredMountFor(settings, relativeFilename(context));
  const scopeOf: ScopeOf = (node) => sourceCode.getScope(node);

  const raw = routes.map((route) => {
    const fn = route.handler?.fn ?? null;
    // The same reading of `settings['api-security'].mounts` as `no-unauthenticated-route`.
    const { route: judged, verdict } = classifyWithDeclaredMount(route, declared, vocabulary, scopeOf);
    const by = verdict.unjudged ? `${verdict.unjudged.name} (definition out of view: ${verdict.unjudged.source})` : verdict.by;
    const auth: RawRoute['auth'] = { status: verdict.status, by, roleChecked: verdict.roleChecked };
    const path = judged.path;
    const mountedElsewhere = judged.owner?.mountedElsewhere ?? false;
    const entry: RawRoute = {
      framework: route.framework,
      methods: [...route.methods],
      path,
      line: route.reportNode.loc.start.line,
      handler: {
        name: route.handler ? handlerName(route.handler.node, fn) : null,
        line: (fn ?? route.handler?.node)?.loc.start.line ?? null,
      },
      guards: route.guards.map(guardLabel),
      auth,
      mountedElsewhere,
      exports: mountedElsewhere && route.owner?.declaration ? exportNames(route.owner.declaration, exportTable) : [],
      // An error here is the file's internal error (reported, the scan incomplete), never an empty list.
      inputs: route.handler ? readInputs(route.handler, route.guards, sourceCode) : [],
      sinks: [],
      wholeObjectResponses: [],
      massAssignments: [],
    };
    return { route, fn, entry };
  });

  const inHandler = (node: TSESTree.Node | null | undefined, fn: FunctionNode | null): boolean =>
    node !== null && node !== undefined && fn !== null && node.range[0] >= fn.range[0] && node.range[1] <= fn.range[1];

  const analysis = getFileAnalysis(context);
  for (const kind of allTaintKinds) {
    for (const finding of analysis.taint(kind)) {
      for (const { fn, entry } of raw) {
        // The input of a flow from another file is read there: its nodes are not this file's.
        const source = finding.source.file === undefined ? finding.source.node : null;
        const via = finding.sink.via?.file === undefined ? finding.sink.via?.call : null;
        if (!inHandler(source, fn) && !inHandler(via, fn) && !inHandler(finding.sink.call, fn)) continue;
        const sink: EndpointSink = {
          kind,
          injection: INJECTION_KINDS.includes(kind),
          sink: finding.sink.name,
          line: finding.sink.line,
          source: unquote(finding.source.text),
        };
        if (!entry.sinks.some((known) => known.kind === sink.kind && known.line === sink.line && known.source === sink.source)) entry.sinks.push(sink);
      }
    }
  }
  const exposure = getExposureAnalysis(context);
  for (const { fn, entry } of raw) {
    for (const response of exposure.responses) {
      if (!inHandler(response.node, fn)) continue;
      entry.wholeObjectResponses.push({
        sink: unquote(response.sink),
        value: shorten(sourceCode.getText(response.node)),
        line: response.node.loc.start.line,
        fields: response.exposed,
      });
    }
    for (const write of exposure.writes) {
      if (!inHandler(write.node, fn)) continue;
      entry.massAssignments.push({ sink: unquote(write.sink), input: unquote(write.input), line: write.node.loc.start.line });
    }
    entry.sinks.sort((a, b) => a.line - b.line || a.kind.localeCompare(b.kind));
  }
  record.routes = raw.map(({ entry }) => entry);

  const imports = importsOf(program);
  for (const mount of mounts) {
    const origin = imports.get(mount.target.name) ?? null;
    const callee = unwrap(mount.node.callee);
    const owner = callee.type === AST_NODE_TYPES.MemberExpression ? rootIdentifier(callee.object) : null;
    const ownerDeclaration = owner ? declarationOf(owner, sourceCode) : null;
    record.mounts.push({
      path: mount.path,
      line: mount.node.loc.start.line,
      source: origin?.source ?? null,
      imported: origin?.imported ?? null,
      authenticatedBy: firstAuthenticating(mount.guards, vocabulary, scopeOf),
      guards: mount.guards.map(guardLabel),
      ownerExports: ownerDeclaration ? exportNames(ownerDeclaration, exportTable) : [],
    });
  }
  return record;
}

function guardLabel(guard: RouteGuard): string {
  return guard.name ?? `(inline ${guard.kind})`;
}

/**
 * The guard that authenticates at a mount. The inventory sees every file but, like the rule, judges
 * a guard only where it is defined: until the project model follows imports, an auth-looking guard
 * imported from another file (`requireAuth` of `./middleware/auth`) is listed as the mount's
 * authentication, as the inventory did before auth was judged by evidence.
 */
function firstAuthenticating(guards: readonly RouteGuard[], vocabulary: AuthVocabulary, scopeOf: ScopeOf): string | null {
  const judged = guards.map((guard) => ({ guard, verdict: judgeGuard(guard, vocabulary, scopeOf).verdict }));
  const guard = judged.find((entry) => entry.verdict === 'authenticates') ?? judged.find((entry) => entry.verdict === 'unknown');
  return guard ? guardLabel(guard.guard) : null;
}

/** `` `req.body` `` → `req.body`: the JSON holds code text without Markdown quoting. */
function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('`') && text.endsWith('`') ? text.slice(1, -1) : text;
}

function shorten(text: string): string {
  return quoteCode(text).slice(1, -1).slice(0, MAX_TEXT);
}

function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | null {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current : null;
}

function declarationOf(identifier: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Node | null {
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier); scope; scope = scope.upper) {
    const variable = scope.set.get(identifier.name);
    if (variable) return variable.defs[0]?.name ?? null;
  }
  return null;
}

interface ExportEntry {
  exported: string;
  /** Local binding exported, when it is a name. */
  local: string | null;
  /** Function or class exported directly (`export default function (app) {}`). */
  node: TSESTree.Node | null;
}

/** What a module exports, ESM and CommonJS. */
function exportsOf(program: TSESTree.Program): ExportEntry[] {
  const entries: ExportEntry[] = [];
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const declaration = unwrap(statement.declaration);
      if (declaration.type === AST_NODE_TYPES.Identifier) entries.push({ exported: 'default', local: declaration.name, node: null });
      else {
        const id = 'id' in declaration && declaration.id?.type === AST_NODE_TYPES.Identifier ? declaration.id.name : null;
        entries.push({ exported: 'default', local: id, node: declaration });
      }
    } else if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier) entries.push({ exported: declarator.id.name, local: declarator.id.name, node: declarator.init });
        }
      } else if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) {
        entries.push({ exported: declaration.id.name, local: declaration.id.name, node: declaration });
      }
      for (const specifier of statement.specifiers) {
        const local = propertyName(specifier.local);
        const exported = propertyName(specifier.exported);
        if (local !== null && exported !== null) entries.push({ exported, local, node: null });
      }
    } else if (statement.type === AST_NODE_TYPES.ExpressionStatement && statement.expression.type === AST_NODE_TYPES.AssignmentExpression) {
      const { left, right } = statement.expression;
      const target = commonJsExport(left);
      if (target === null) continue;
      const value = unwrap(right);
      entries.push({
        exported: target,
        local: value.type === AST_NODE_TYPES.Identifier ? value.name : null,
        node: value.type === AST_NODE_TYPES.Identifier ? null : value,
      });
    }
  }
  return entries;
}

/** `module.exports = x` → `default`; `module.exports.a = x` / `exports.a = x` → `a`. */
function commonJsExport(left: TSESTree.Node): string | null {
  if (left.type !== AST_NODE_TYPES.MemberExpression) return null;
  const object = left.object;
  const property = left.computed ? null : propertyName(left.property);
  if (object.type === AST_NODE_TYPES.Identifier && object.name === 'module' && property === 'exports') return 'default';
  if (object.type === AST_NODE_TYPES.Identifier && object.name === 'exports') return property;
  if (object.type === AST_NODE_TYPES.MemberExpression && commonJsExport(object) === 'default') return property;
  return null;
}

/**
 * Names under which the router (its variable) or the registration function (whose parameter the
 * router is) is exported.
 */
function exportNames(declaration: TSESTree.Node, table: readonly ExportEntry[]): string[] {
  let local: string | null = null;
  let fn: FunctionNode | null = null;
  const parent = declaration.parent;
  if (declaration.type === AST_NODE_TYPES.Identifier && parent?.type === AST_NODE_TYPES.VariableDeclarator) local = declaration.name;
  else if (isFunction(parent)) {
    fn = parent;
    if (fn.id) local = fn.id.name;
    else if (fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier) local = fn.parent.id.name;
  } else if (declaration.type === AST_NODE_TYPES.Identifier) local = declaration.name;
  return table
    .filter((entry) => (local !== null && entry.local === local) || (fn !== null && entry.node === fn))
    .map((entry) => entry.exported);
}

/** Local name → module specifier and imported name (`default`, `*` or the export name). */
function importsOf(program: TSESTree.Program): Map<string, { source: string; imported: string }> {
  const result = new Map<string, { source: string; imported: string }>();
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      for (const specifier of statement.specifiers) {
        const imported = specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier
          ? 'default'
          : specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier
            ? '*'
            : propertyName(specifier.imported) ?? 'default';
        result.set(specifier.local.name, { source: statement.source.value, imported });
      }
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        if (!declarator.init) continue;
        let init = unwrap(declarator.init);
        let member: string | null = null;
        if (init.type === AST_NODE_TYPES.MemberExpression && !init.computed) {
          member = propertyName(init.property);
          init = unwrap(init.object);
        }
        const source = requiredModule(init);
        if (source === null) continue;
        if (declarator.id.type === AST_NODE_TYPES.Identifier) {
          result.set(declarator.id.name, { source, imported: member ?? 'default' });
        } else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && member === null) {
          for (const property of declarator.id.properties) {
            if (property.type !== AST_NODE_TYPES.Property || property.value.type !== AST_NODE_TYPES.Identifier) continue;
            const key = propertyName(property.key);
            if (key !== null) result.set(property.value.name, { source, imported: key });
          }
        }
      }
    }
  }
  return result;
}

