import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { crossFileTarget } from '../../src/analysis/project/calls.js';
import { parseJsonc } from '../../src/analysis/project/config.js';
import { exportedDefinition } from '../../src/analysis/project/imported.js';
import { projectIndexOf } from '../../src/analysis/project/index.js';
import { parseProjectFile } from '../../src/analysis/project/parse.js';
import { writeProject } from '../helpers/project.js';

/*
 * Which files a project has (tsconfig `files`/`include`/`exclude` through `extends`, workspaces) and
 * which file an import names (relative, tsconfig `paths`/`baseUrl`, `#imports`, workspace packages by
 * their `exports`/`main`, barrels), the way Node.js and TypeScript decide them.
 */

const listed = (dir: string, file: string): string[] =>
  [...projectIndexOf(path.join(dir, file))!.files()].map((name) => path.relative(dir, name).split(path.sep).join('/')).sort();

const resolved = (dir: string, from: string, specifier: string): string | null => {
  const found = projectIndexOf(path.join(dir, from))!.resolve(path.join(dir, from), specifier);
  return found === null ? null : path.relative(dir, found).split(path.sep).join('/');
};

/** The definition a call in `file` (whose callee text is `callee`) runs, as `file:line`. */
function callTarget(dir: string, file: string, callee: string): string {
  const module = parseProjectFile(path.join(dir, file))!;
  let found = 'no call';
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.CallExpression && module.sourceCode.getText(node.callee) === callee) {
      const target = crossFileTarget(node.callee, module.sourceCode);
      found = target ? `${path.relative(dir, target.module.file).split(path.sep).join('/')}:${String(target.fn.loc.start.line)}` : 'none';
    }
    for (const key of ['body', 'expression', 'declarations', 'init', 'argument', 'callee', 'declaration'] as const) {
      const value = (node as unknown as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof (child as TSESTree.Node).type === 'string') visit(child as TSESTree.Node);
      }
    }
  };
  visit(module.program);
  return found;
}

describe('which files belong to the project', () => {
  it('follows tsconfig include and exclude (a directory name covers what is below it)', () => {
    const dir = writeProject({
      'tsconfig.json': '{\n  // the app only\n  "include": ["src", "types/*.ts",],\n  "exclude": ["src/legacy", "**/*.spec.ts"],\n}',
      'src/app.ts': '',
      'src/legacy/old.ts': '',
      'src/app.spec.ts': '',
      'types/env.ts': '',
      'types/deep/x.ts': '',
      'scripts/seed.ts': '',
      'examples/demo.ts': '',
    });
    expect(listed(dir, 'src/app.ts')).toEqual(['src/app.ts', 'types/env.ts']);
  });

  it('reads include and exclude through extends, relative to the config that writes them', () => {
    const dir = writeProject({
      'tsconfig.json': JSON.stringify({ extends: './config/tsconfig.base.json', exclude: ['src/generated'] }),
      'config/tsconfig.base.json': JSON.stringify({ include: ['../src'], exclude: ['../src/app.ts'] }),
      'src/app.ts': '',
      'src/routes/users.ts': '',
      'src/generated/client.ts': '',
      'tools/x.ts': '',
    });
    // The child's exclude replaces the base's whole; the base's include stays, relative to config/.
    expect(listed(dir, 'src/app.ts')).toEqual(['src/app.ts', 'src/routes/users.ts']);
  });

  it('takes files alone when tsconfig lists files without include', () => {
    const dir = writeProject({
      'tsconfig.json': JSON.stringify({ files: ['src/main.ts'] }),
      'src/main.ts': '',
      'src/other.ts': '',
    });
    expect(listed(dir, 'src/main.ts')).toEqual(['src/main.ts']);
  });

  it('lists the same TypeScript files as TypeScript itself reads from the config', () => {
    const dir = writeProject({
      'tsconfig.json': '{ "extends": "./base.json", "include": ["src/**/*", "lib"], "exclude": ["src/**/__tests__", "lib/vendor"] }',
      'base.json': '{ "compilerOptions": { "strict": true } }',
      'src/a.ts': '',
      'src/deep/b.tsx': '',
      'src/__tests__/a.test.ts': '',
      'src/deep/__tests__/b.test.ts': '',
      'lib/c.ts': '',
      'lib/vendor/v.ts': '',
      'other/d.ts': '',
    });
    const { config } = ts.readConfigFile(path.join(dir, 'tsconfig.json'), (name) => ts.sys.readFile(name));
    const theirs = ts
      .parseJsonConfigFileContent(config, ts.sys, dir)
      .fileNames.map((name) => path.relative(dir, name).split(path.sep).join('/'))
      .sort();
    expect(theirs).toEqual(['lib/c.ts', 'src/a.ts', 'src/deep/b.tsx']);
    expect(listed(dir, 'src/a.ts')).toEqual(theirs);
  });

  it('lets a tsconfig without allowJs speak only for TypeScript files (a JavaScript app with a few .ts files)', () => {
    const files = {
      'core/server/app.js': '',
      'core/server/typed.ts': '',
      'core/legacy/old.js': '',
      'scripts/seed.ts': '',
    };
    const plain = writeProject({ ...files, 'tsconfig.json': JSON.stringify({ include: ['core/**/*.ts'], exclude: ['core/legacy'] }) });
    expect(listed(plain, 'core/server/app.js')).toEqual(['core/server/app.js', 'core/server/typed.ts']);
    const withJs = writeProject({
      ...files,
      'tsconfig.json': JSON.stringify({ compilerOptions: { allowJs: true }, include: ['core/**/*.ts'], exclude: ['core/legacy'] }),
    });
    expect(listed(withJs, 'core/server/typed.ts')).toEqual(['core/server/typed.ts']);
  });

  it('sees an edited tsconfig on the next revalidation', async () => {
    const dir = writeProject({ 'tsconfig.json': JSON.stringify({ include: ['src'] }), 'src/app.ts': '', 'src/legacy/old.ts': '' });
    expect(listed(dir, 'src/app.ts')).toEqual(['src/app.ts', 'src/legacy/old.ts']);
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ include: ['src'], exclude: ['src/legacy'] }));
    // The listing is trusted for a second, then revalidated.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(listed(dir, 'src/app.ts')).toEqual(['src/app.ts']);
  });

  it('parses tsconfig text with comments and trailing commas, keeping // inside strings', () => {
    expect(parseJsonc('{ /* c */ "a": "http://x", // d\n "b": [1, 2,], }')).toEqual({ a: 'http://x', b: [1, 2] });
    expect(parseJsonc('{ "a": ')).toBeNull();
  });

  it('makes the packages of an npm workspace one project, and skips nested packages that are not members', () => {
    const dir = writeProject(
      {
        'packages/db/package.json': JSON.stringify({ name: '@acme/db', main: 'src/index.ts' }),
        'packages/db/src/index.ts': 'export function findUser(id) { return id; }',
        'packages/api/package.json': JSON.stringify({ name: '@acme/api' }),
        'packages/api/src/app.ts': "import { findUser } from '@acme/db';\nfindUser(1);",
        'examples/demo/package.json': JSON.stringify({ name: 'demo' }),
        'examples/demo/index.ts': '',
      },
      { name: 'acme', private: true, workspaces: ['packages/*'] },
    );
    const index = projectIndexOf(path.join(dir, 'packages/api/src/app.ts'))!;
    expect(index.root).toBe(dir);
    expect(listed(dir, 'packages/api/src/app.ts')).toEqual(['packages/api/src/app.ts', 'packages/db/src/index.ts']);
    expect(resolved(dir, 'packages/api/src/app.ts', '@acme/db')).toBe('packages/db/src/index.ts');
    expect(callTarget(dir, 'packages/api/src/app.ts', 'findUser')).toBe('packages/db/src/index.ts:1');
    // The nested package that is not a member is its own project.
    expect(projectIndexOf(path.join(dir, 'examples/demo/index.ts'))!.root).toBe(path.join(dir, 'examples/demo'));
  });

  it('reads pnpm-workspace.yaml, and applies each member package its own tsconfig', () => {
    const dir = writeProject({
      'pnpm-workspace.yaml': "packages:\n  - 'apps/*'   # applications\n  - \"libs/**\"\n  - '!libs/skipped'\nother: x\n",
      'apps/web/package.json': JSON.stringify({ name: 'web' }),
      'apps/web/tsconfig.json': JSON.stringify({ include: ['src'] }),
      'apps/web/src/main.ts': '',
      'apps/web/e2e/flow.ts': '',
      'libs/auth/package.json': JSON.stringify({ name: '@acme/auth' }),
      'libs/auth/index.js': '',
      'libs/skipped/package.json': JSON.stringify({ name: 'skipped' }),
      'libs/skipped/index.js': '',
    });
    expect(listed(dir, 'apps/web/src/main.ts')).toEqual(['apps/web/src/main.ts', 'libs/auth/index.js']);
    expect(resolved(dir, 'apps/web/src/main.ts', '@acme/auth')).toBe('libs/auth/index.js');
    expect(resolved(dir, 'apps/web/src/main.ts', 'skipped')).toBeNull();
  });
});

describe('which file an import names', () => {
  it('resolves tsconfig paths (from an extended config) and baseUrl, and never to a package or an excluded file', () => {
    const dir = writeProject({
      'tsconfig.base.json': JSON.stringify({
        compilerOptions: {
          baseUrl: '.',
          paths: { '@/*': ['src/*'], '@repos': ['src/repositories/index.ts'], 'lodash': ['node_modules/lodash/index.js'], '@gen/*': ['src/generated/*'] },
        },
      }),
      'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json', include: ['src'], exclude: ['src/generated'] }),
      'src/app.ts': '',
      'src/services/users.service.ts': '',
      'src/repositories/index.ts': '',
      'src/generated/client.ts': '',
      'node_modules/lodash/index.js': '',
    });
    expect(resolved(dir, 'src/app.ts', '@/services/users.service')).toBe('src/services/users.service.ts');
    expect(resolved(dir, 'src/app.ts', '@/services/users.service.js')).toBe('src/services/users.service.ts');
    expect(resolved(dir, 'src/app.ts', '@repos')).toBe('src/repositories/index.ts');
    // baseUrl: a bare specifier is tried against it.
    expect(resolved(dir, 'src/app.ts', 'src/services/users.service')).toBe('src/services/users.service.ts');
    // Safe negatives: an alias to a dependency, an excluded directory, a package.
    expect(resolved(dir, 'src/app.ts', 'lodash')).toBeNull();
    expect(resolved(dir, 'src/app.ts', '@gen/client')).toBeNull();
    expect(resolved(dir, 'src/app.ts', 'express')).toBeNull();
  });

  it('resolves package.json imports (#lib/*, conditions) from the package that declares them', () => {
    const dir = writeProject(
      {
        'src/app.js': '',
        'src/lib/db.ts': '',
        'src/config.js': '',
      },
      {
        name: 'app',
        type: 'module',
        imports: {
          '#lib/*': './src/lib/*.js',
          '#config': { types: './types/config.d.ts', node: './src/config.js', default: './src/config.browser.js' },
          '#dep': 'some-package',
        },
      },
    );
    expect(resolved(dir, 'src/app.js', '#lib/db')).toBe('src/lib/db.ts');
    expect(resolved(dir, 'src/app.js', '#config')).toBe('src/config.js');
    expect(resolved(dir, 'src/app.js', '#dep')).toBeNull();
    expect(resolved(dir, 'src/app.js', '#missing')).toBeNull();
  });

  it('resolves a workspace package through its exports back from built files to the source', () => {
    const dir = writeProject(
      {
        'packages/db/package.json': JSON.stringify({
          name: '@acme/db',
          exports: {
            '.': { types: './dist/index.d.ts', import: './dist/index.js' },
            './users': { import: './dist/users/index.js' },
            './internal/*': null,
          },
        }),
        'packages/db/tsconfig.json': JSON.stringify({ compilerOptions: { outDir: 'dist', rootDir: 'src' } }),
        'packages/db/src/index.ts': '',
        'packages/db/src/users/index.ts': '',
        'packages/db/src/internal/secret.ts': '',
        'packages/mail/package.json': JSON.stringify({ name: '@acme/mail', main: 'build/index.js' }),
        'packages/mail/src/index.ts': '',
        'packages/api/package.json': JSON.stringify({ name: '@acme/api' }),
        'packages/api/src/app.ts': '',
      },
      { name: 'acme', private: true, workspaces: { packages: ['packages/*'] } },
    );
    expect(resolved(dir, 'packages/api/src/app.ts', '@acme/db')).toBe('packages/db/src/index.ts');
    expect(resolved(dir, 'packages/api/src/app.ts', '@acme/db/users')).toBe('packages/db/src/users/index.ts');
    // Subpaths its exports do not list (or list as null) cannot be imported.
    expect(resolved(dir, 'packages/api/src/app.ts', '@acme/db/internal/secret')).toBeNull();
    expect(resolved(dir, 'packages/api/src/app.ts', '@acme/db/src/index')).toBeNull();
    // No exports: main, mapped from its build directory to src.
    expect(resolved(dir, 'packages/api/src/app.ts', '@acme/mail')).toBe('packages/mail/src/index.ts');
  });

  it('resolves relative imports with the extension rules of ESM and CommonJS', () => {
    const dir = writeProject({ 'src/app.ts': '', 'src/auth.ts': '', 'src/routes/index.js': '', 'src/lib/x.mts': '' });
    expect(resolved(dir, 'src/app.ts', './auth.js')).toBe('src/auth.ts');
    expect(resolved(dir, 'src/app.ts', './routes')).toBe('src/routes/index.js');
    expect(resolved(dir, 'src/app.ts', './lib/x.mjs')).toBe('src/lib/x.mts');
    expect(resolved(dir, 'src/routes/index.js', '..')).toBeNull();
    expect(resolved(dir, 'src/app.ts', './missing')).toBeNull();
  });
});

describe('barrel re-exports', () => {
  const dir = writeProject({
    'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./src/*'] } } }),
    'src/repositories/users.repository.ts': 'export function findUser(id) { return id; }\nexport default function listUsers() {}',
    'src/repositories/orders.repository.ts': 'export const findOrder = (id) => id;',
    'src/repositories/index.ts': [
      "export * from './users.repository';",
      "export * as orders from './orders.repository';",
      "export { default as listUsers } from './users.repository';",
      "import { findOrder } from './orders.repository';",
      'export { findOrder as getOrder };',
    ].join('\n'),
    'src/repositories/default.ts': "export { findUser as default } from './users.repository';",
    'src/controller.ts': [
      "import { findUser, listUsers, orders, getOrder } from '@/repositories';",
      "import * as repos from '@/repositories/index.js';",
      "import pick from './repositories/default';",
      'findUser(1);',
      'listUsers();',
      'orders.findOrder(1);',
      'getOrder(1);',
      'repos.findUser(1);',
      'pick(1);',
    ].join('\n'),
  });
  const barrel = path.join(dir, 'src/repositories/index.ts');
  const at = (definition: ReturnType<typeof exportedDefinition>): string =>
    definition ? `${path.relative(dir, definition.file).split(path.sep).join('/')}:${String(definition.node.loc.start.line)}` : 'none';

  it('follows export *, export * as ns, export { default as X }, export { X as default } and exported imports', () => {
    expect(at(exportedDefinition(barrel, 'findUser'))).toBe('src/repositories/users.repository.ts:1');
    expect(at(exportedDefinition(barrel, 'listUsers'))).toBe('src/repositories/users.repository.ts:2');
    expect(at(exportedDefinition(barrel, 'orders'))).toBe('src/repositories/orders.repository.ts:1');
    expect(exportedDefinition(barrel, 'orders')?.node.type).toBe(AST_NODE_TYPES.Program);
    expect(at(exportedDefinition(barrel, 'orders', 'findOrder'))).toBe('src/repositories/orders.repository.ts:1');
    expect(at(exportedDefinition(barrel, 'getOrder'))).toBe('src/repositories/orders.repository.ts:1');
    expect(at(exportedDefinition(path.join(dir, 'src/repositories/default.ts'), ''))).toBe('src/repositories/users.repository.ts:1');
    // `export *` does not carry the default export, nor names the module does not have.
    expect(exportedDefinition(barrel, '')).toBeNull();
    expect(exportedDefinition(barrel, 'removeUser')).toBeNull();
  });

  it('lets a call through an aliased barrel reach the function it runs', () => {
    expect(callTarget(dir, 'src/controller.ts', 'findUser')).toBe('src/repositories/users.repository.ts:1');
    expect(callTarget(dir, 'src/controller.ts', 'listUsers')).toBe('src/repositories/users.repository.ts:2');
    expect(callTarget(dir, 'src/controller.ts', 'getOrder')).toBe('src/repositories/orders.repository.ts:1');
    expect(callTarget(dir, 'src/controller.ts', 'repos.findUser')).toBe('src/repositories/users.repository.ts:1');
    expect(callTarget(dir, 'src/controller.ts', 'pick')).toBe('src/repositories/users.repository.ts:1');
  });
});
