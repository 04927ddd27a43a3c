import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import type { PluginDocs } from '../utils/create-rule.js';

type AnyRule = TSESLint.RuleModule<string, readonly unknown[], PluginDocs>;

const require = createRequire(import.meta.url);

/** Whether `typescript` is installed: it is an optional peer, so "not found" is an answer here. */
function hasTypeScript(): boolean {
  try {
    require.resolve('typescript');
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return false;
    throw error;
  }
}

type Parser = TSESLint.FlatConfig.Parser;
type ParserOptions = TSESLint.FlatConfig.ParserOptions;
/** The two calls made here; the parsers' own types differ in detail that does not matter to ESLint. */
interface ForEslint {
  parseForESLint(code: string, options?: ParserOptions): { ast: unknown };
}
interface Plain {
  parse(code: string, options?: ParserOptions): unknown;
}

const TS_FILE = /\.(?:[cm]?ts|tsx)$/iu;
const JSX_FILE = /\.jsx$/iu;

/**
 * The parser of the shipped configs when `typescript` is installed: TypeScript files go to
 * @typescript-eslint/parser, and JavaScript files to espree, ESLint's own default parser, with the
 * options ESLint gives it. A JavaScript file is then parsed as ESLint would parse it without this
 * plugin: `sourceType` and `ecmaVersion` come from ESLint's defaults or the user's config, so
 * sloppy CommonJS (`with`, `0777`) parses, which the TypeScript parser rejects. ESLint runs its
 * own scope analysis for JavaScript files, as it does for espree. One config object, not one per
 * file kind, so that the configs keep their shape (`configs.recommended.rules`).
 */
function languageParser(version: string): Parser {
  const typescriptParser = require('@typescript-eslint/parser') as ForEslint;
  // espree is ESLint's dependency, and ESLint (a peer of this plugin) is installed: load its copy.
  const espree = createRequire(require.resolve('eslint'))('espree') as Plain;
  const parser: ForEslint & { meta: { name: string; version: string } } = {
    meta: { name: 'api-security/parser', version },
    parseForESLint(code, options) {
      const file = typeof options?.filePath === 'string' ? options.filePath : '';
      if (TS_FILE.test(file)) return typescriptParser.parseForESLint(code, options);
      const jsOptions = JSX_FILE.test(file) ? { ...options, ecmaFeatures: { jsx: true, ...options?.ecmaFeatures } } : options;
      return { ast: espree.parse(code, jsOptions) };
    },
  };
  return parser as unknown as Parser;
}

const JS_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx'];
const TS_FILES = ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];

/**
 * Options the `strict` config sets on top of the defaults: verdicts the rules leave open by default
 * because they may be noisy become findings.
 */
const STRICT_OPTIONS: Readonly<Record<string, Record<string, unknown>>> = {
  // Routes of routers mounted in a file the rule cannot see are reported instead of skipped, and so
  // are routes whose only possible authentication is a guard defined out of view, and routes behind
  // optional authentication whose access rests on the services their handler passes the caller to;
  // and every route without authentication, not only those whose handler shows it needs a caller.
  'no-unauthenticated-route': { reportUnresolvedMounts: true, unknownAuth: 'report', delegatedAuthorization: 'report', reportRoutes: 'all' },
  // The whole body passed to a write-named method of a project service whose body is out of view,
  // the whole body written on a route whose role check is in view, and on a route whose payload
  // schema is out of view (another package's).
  'no-mass-assignment': { unresolvedServices: 'report', roleCheckedRoutes: 'report', unknownSchemas: 'report' },
  // Every taint rule: request input in routes registered only when a development or test switch is
  // on, and request input the route validates with a schema out of view (a package's; no-reflected-xss
  // reports it by default).
  'no-code-injection': { devRoutes: 'report', unknownSchemas: 'report' },
  'no-command-injection': { devRoutes: 'report', unknownSchemas: 'report' },
  'no-nosql-injection': { devRoutes: 'report', unknownSchemas: 'report' },
  // Redirect targets checked only against a prefix known at run time (`config.siteUrl`), and the
  // request's own path redirected to in a handler whose route is not in view.
  'no-open-redirect': { runtimePrefixes: 'report', unknownRoutes: 'report', devRoutes: 'report', unknownSchemas: 'report' },
  'no-path-traversal': { devRoutes: 'report', unknownSchemas: 'report' },
  'no-reflected-xss': { devRoutes: 'report' },
  'no-sql-injection': { devRoutes: 'report', unknownSchemas: 'report' },
  'no-ssrf': { devRoutes: 'report', unknownSchemas: 'report' },
  // Every access by a client-supplied id to a model with an owner or tenant field, not only those
  // to models the application ties to the caller elsewhere.
  'require-ownership-check': { unscopedAccess: 'report' },
  // Authenticated routes without a role check that do something privileged, or whose siblings check
  // a role (the `roleRequiredRoutes` paths are reported in `recommended` too).
  'require-role-check': { privilegedRoutes: 'report', inconsistentRoutes: 'report' },
};

function strictOptions(rules: Record<string, AnyRule>): TSESLint.FlatConfig.Rules {
  return Object.fromEntries(
    Object.entries(STRICT_OPTIONS)
      .filter(([id]) => id in rules)
      .map(([id, options]) => [`api-security/${id}`, ['error', options] as TSESLint.FlatConfig.RuleEntry]),
  );
}

export type ConfigKey = 'recommended' | 'recommended-type-checked' | 'strict' | 'all';

/** Builds the four shipped flat configs from the rules' own `meta.docs`. */
export function buildConfigs(
  plugin: TSESLint.FlatConfig.Plugin,
  rules: Record<string, AnyRule>,
): Record<ConfigKey, TSESLint.FlatConfig.Config> {
  // Without TypeScript the configs set no parser: JavaScript files get ESLint's defaults.
  const parser = hasTypeScript() ? languageParser(plugin.meta?.version ?? '0.0.0') : null;
  const pick = (keep: (docs: PluginDocs) => boolean): TSESLint.FlatConfig.Rules =>
    Object.fromEntries(
      Object.entries(rules)
        .filter(([, rule]) => rule.meta.docs !== undefined && keep(rule.meta.docs))
        .map(([id]) => [`api-security/${id}`, 'error' as const]),
    );
  const base = (name: string, ruleset: TSESLint.FlatConfig.Rules): TSESLint.FlatConfig.Config => ({
    name: `api-security/${name}`,
    files: parser === null ? JS_FILES : [...JS_FILES, ...TS_FILES],
    plugins: { 'api-security': plugin },
    // No `sourceType` or `ecmaVersion`: ESLint's defaults (modules, `.cjs` as CommonJS) or the
    // user's own settings apply.
    ...(parser === null ? {} : { languageOptions: { parser } }),
    rules: ruleset,
  });
  const untyped = (docs: PluginDocs): boolean => docs.requiresTypeChecking !== true;
  return {
    recommended: base(
      'recommended',
      pick((docs) => docs.recommended === 'recommended' && untyped(docs)),
    ),
    'recommended-type-checked': base(
      'recommended-type-checked',
      pick((docs) => docs.recommended === 'recommended'),
    ),
    strict: base('strict', {
      ...pick((docs) => docs.recommended !== undefined && untyped(docs)),
      ...strictOptions(rules),
    }),
    all: base(
      'all',
      pick(() => true),
    ),
  };
}
