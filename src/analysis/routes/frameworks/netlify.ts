import path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { netlifyFunctions } from '../../../models/frameworks/netlify.js';
import type { RequestStyle } from '../../../models/frameworks/request-inputs.js';
import { propertyName, unwrap } from '../../../utils/ast.js';
import { resolveHandler } from '../handlers.js';
import { projectRelativePath, projectRoot, readProjectFile } from '../project-files.js';
import type { ExtractContext, FrameworkExtractor, Route } from '../types.js';
import { claim, objectLiteral, propertyOf, staticStrings, staticText } from './shared-ast.js';

/*
 * Netlify Functions (see `models/frameworks/netlify.ts`): in a project deployed on Netlify, the
 * default export (v2) or `handler` export (v1) of a file of the functions directory is a route, at
 * the paths of its `config` or at `/.netlify/functions/<name>`, for the methods its `config` lists
 * (every method otherwise). Judged, like any route, by the evidence in the handler. Only for files
 * on disk: the platform convention is read from the project.
 */

const SOURCE_FILE = /\.(?:ts|js|mts|mjs|cts|cjs|tsx|jsx)$/u;

export const netlifyExtractor: FrameworkExtractor = {
  framework: 'netlify',
  extract(context) {
    const name = functionName(context.filename);
    if (name === null) return {};
    const found = exportedHandler(context);
    if (!found) return {};
    const fn = resolveHandler(found.value, context.scopeOf(found.value));
    if (!fn || context.claimed.has(fn)) return {};
    const config = found.version === 2 ? configObject(context) : null;
    const pathOption = config ? propertyOf(config, netlifyFunctions.configPath) : null;
    const paths = pathOption ? staticStrings(pathOption.value, context, (node) => staticText(node, context)) : [`${netlifyFunctions.urlPrefix}/${name}`];
    const methodOption = config ? propertyOf(config, netlifyFunctions.configMethod) : null;
    const listed = methodOption ? staticStrings(methodOption.value, context, (node) => staticText(node, context)) : null;
    const methods = listed?.map((method) => method.toUpperCase()) ?? ['ALL'];
    const style: RequestStyle = found.version === 2 ? 'fetch' : 'lambda';
    claim(context, fn, found.report);
    // A `config.path` that is not static: one route, whose path is unknown.
    return {
      routes: (paths ?? [null]).map((routePath): Route => ({
        framework: 'netlify',
        methods,
        path: routePath,
        reportNode: found.report,
        handler: { node: found.value, fn, style },
        guards: [],
        insertBefore: null,
        owner: null,
      })),
    };
  },
};

interface ExportedHandler {
  value: TSESTree.Node;
  report: TSESTree.Node;
  version: 1 | 2;
}

/** The default export (v2), else the `handler` export (v1: `export const handler`, `exports.handler =`). */
function exportedHandler(context: ExtractContext): ExportedHandler | null {
  let v1: ExportedHandler | null = null;
  for (const statement of context.program.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const declaration = statement.declaration;
      if (declaration.type === AST_NODE_TYPES.FunctionDeclaration) return { value: declaration, report: declaration.id ?? declaration, version: 2 };
      if (declaration.type === AST_NODE_TYPES.ClassDeclaration || declaration.type === AST_NODE_TYPES.TSDeclareFunction || declaration.type === AST_NODE_TYPES.TSInterfaceDeclaration) continue;
      return { value: declaration, report: declaration, version: 2 };
    }
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && !statement.source) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id?.name === netlifyFunctions.v1Export) v1 = { value: declaration, report: declaration.id, version: 1 };
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === netlifyFunctions.v1Export && declarator.init) v1 = { value: declarator.init, report: declarator.id, version: 1 };
        }
      }
      for (const specifier of statement.specifiers) {
        const exported = propertyName(specifier.exported);
        if (exported === 'default') return { value: specifier.local, report: specifier.local, version: 2 };
        if (exported === netlifyFunctions.v1Export) v1 = { value: specifier.local, report: specifier.local, version: 1 };
      }
    }
    if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      const expression = unwrap(statement.expression);
      if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.left.type !== AST_NODE_TYPES.MemberExpression || expression.left.computed) continue;
      const object = unwrap(expression.left.object);
      const exportsObject =
        (object.type === AST_NODE_TYPES.Identifier && object.name === 'exports') ||
        (object.type === AST_NODE_TYPES.MemberExpression && !object.computed && unwrap(object.object).type === AST_NODE_TYPES.Identifier && (unwrap(object.object) as TSESTree.Identifier).name === 'module' && propertyName(object.property) === 'exports');
      if (exportsObject && propertyName(expression.left.property) === netlifyFunctions.v1Export) v1 = { value: expression.right, report: expression.left, version: 1 };
    }
  }
  return v1;
}

/** The object literal of `export const config = { … }`, or null. */
function configObject(context: ExtractContext): TSESTree.ObjectExpression | null {
  for (const statement of context.program.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.declaration?.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declaration.declarations) {
      if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === netlifyFunctions.configExport && declarator.init) return objectLiteral(declarator.init, context);
    }
  }
  return null;
}

/**
 * The name of the function a file is, when the file is one of the project's Netlify functions
 * directory (the one `netlify.toml` names, else `netlify/functions`) (`report.ts`, `report/index.ts`, `report/report.ts`); null otherwise.
 */
export function functionName(filename: string): string | null {
  const relative = projectRelativePath(filename);
  if (relative === null || !SOURCE_FILE.test(relative) || /\.d\.[cm]?ts$/u.test(relative)) return null;
  const root = projectRoot(filename);
  if (root === null) return null;
  const toml = readProjectFile(path.join(root, netlifyFunctions.configFile));
  // Without `netlify.toml`, the functions are those of the default directory: a project that
  // depends on Netlify's packages, or whose `netlify/functions` folder says where it deploys.
  const directory = (toml === null ? null : functionsDirectory(toml)) ?? netlifyFunctions.defaultDirectory;
  const prefix = `${directory.replace(/^\.\//u, '').replace(/\/+$/u, '')}/`;
  if (!relative.startsWith(prefix)) return null;
  const segments = relative.slice(prefix.length).split('/');
  const base = (segments.at(-1) ?? '').replace(SOURCE_FILE, '');
  if (segments.length === 1) return base;
  if (segments.length === 2 && (base === 'index' || base === segments[0])) return segments[0] ?? null;
  return null;
}

/** `directory = "x"` under `[functions]`, or `functions = "x"` under `[build]`, of a `netlify.toml`. */
function functionsDirectory(toml: string): string | null {
  let table = '';
  for (const line of toml.split(/\r?\n/u)) {
    const header = /^\s*\[\s*([\w.]+)\s*\]/u.exec(line);
    if (header) {
      table = header[1] ?? '';
      continue;
    }
    const entry = /^\s*(\w+)\s*=\s*["']([^"']+)["']/u.exec(line);
    if (!entry) continue;
    if ((table === 'functions' && entry[1] === 'directory') || (table === 'build' && entry[1] === 'functions')) return entry[2] ?? null;
  }
  return null;
}
