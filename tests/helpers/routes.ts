import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { getRoutes, type FileRoutes } from '../../src/analysis/routes/index.js';

/** A route reduced to what tests compare: positions are 1-based lines. */
export interface RouteSummary {
  framework: string;
  methods: string[];
  path: string | null;
  line: number;
  handlerLine: number | null;
  style: string | null;
  guards: string[];
  mountedElsewhere: boolean;
}

const line = (node: TSESTree.Node | null | undefined): number | null => node?.loc.start.line ?? null;

/** Runs the real route model on `code` inside real ESLint and returns the raw result. */
export function analyze(
  code: string,
  options: { filename?: string; settings?: Record<string, unknown> } = {},
): FileRoutes {
  let captured: FileRoutes | null = null;
  const rule: TSESLint.RuleModule<'x'> = {
    meta: { type: 'problem', messages: { x: 'x' }, schema: [] },
    defaultOptions: [],
    create(context) {
      return {
        'Program:exit'() {
          captured = getRoutes(context);
        },
      };
    },
  };
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
        languageOptions: { parser: tsParser as never, ecmaVersion: 'latest', sourceType: 'module' },
        plugins: { test: { rules: { routes: rule as never } } },
        rules: { 'test/routes': 'error' },
        settings: options.settings ? { 'api-security': options.settings } : {},
      },
    ],
    options.filename ?? 'src/app.ts',
  );
  const fatal = messages.find((message) => message.fatal);
  if (fatal) throw new Error(`parse error: ${fatal.message}`);
  if (!captured) throw new Error(`route model did not run: ${JSON.stringify(messages)}`);
  return captured;
}

/** Runs the route model and summarises each route. Guards are `kind:level:name`. */
export function routesOf(code: string, options: { filename?: string; settings?: Record<string, unknown> } = {}): RouteSummary[] {
  return analyze(code, options).routes.map((route) => ({
    framework: route.framework,
    methods: route.methods,
    path: route.path,
    line: line(route.reportNode) ?? 0,
    handlerLine: line(route.handler?.fn ?? route.handler?.node),
    style: route.handler?.style ?? null,
    guards: route.guards.map((guard) => `${guard.kind}:${guard.level}:${guard.name ?? '<inline>'}`),
    mountedElsewhere: route.owner?.mountedElsewhere ?? false,
  }));
}

/** What names a mount's router in a test's expectations: the identifier, or the inline `require('…')` as written. */
export function mountTargetName(mount: FileRoutes['mounts'][number]): string {
  const target = mount.target;
  if (target.type === 'Identifier') return target.name;
  if (target.type === 'ImportExpression') return `import('${target.source.type === 'Literal' ? String(target.source.value) : '?'}')`;
  const call = target.type === 'MemberExpression' ? target.object : target;
  const module = call.type === 'CallExpression' && call.arguments[0]?.type === 'Literal' ? String(call.arguments[0].value) : '?';
  return target.type === 'MemberExpression' && target.property.type === 'Identifier' ? `require('${module}').${target.property.name}` : `require('${module}')`;
}
