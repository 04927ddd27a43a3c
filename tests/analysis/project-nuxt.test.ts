import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { crossFileTarget } from '../../src/analysis/project/calls.js';
import { projectIndexOf } from '../../src/analysis/project/index.js';
import { parseProjectFile } from '../../src/analysis/project/parse.js';
import { walk } from '../../src/utils/ast.js';
import { writeProject } from '../helpers/project.js';

/*
 * Nuxt and Nitro projects: the aliases their build defines (`~`, `@`, `~~`, `@@`, `#server`,
 * `#shared`, the config's own), with and without the tsconfig Nuxt generates into `.nuxt/`, and the
 * functions of `server/utils` that their server code calls without importing them.
 */

const slash = (dir: string, file: string): string => path.relative(dir, file).split(path.sep).join('/');

const resolved = (dir: string, from: string, specifier: string): string | null => {
  const found = projectIndexOf(path.join(dir, from))!.resolve(path.join(dir, from), specifier);
  return found === null ? null : slash(dir, found);
};

const importers = (dir: string, file: string): string[] =>
  projectIndexOf(path.join(dir, file))!.importersOf(path.join(dir, file)).map((found) => slash(dir, found)).sort();

/** Where each call of `callee` in `file` goes, as `file:line` (`none`: not another project file's function). */
function callTargets(dir: string, file: string, callee: string): string[] {
  const module = parseProjectFile(path.join(dir, file))!;
  const found: string[] = [];
  walk(module.program, (node: TSESTree.Node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression || module.sourceCode.getText(node.callee) !== callee) return;
    const target = crossFileTarget(node.callee, module.sourceCode);
    found.push(target ? `${slash(dir, target.module.file)}:${String(target.fn.loc.start.line)}` : 'none');
  });
  return found;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const NUXT_TSCONFIG = JSON.stringify({ extends: './.nuxt/tsconfig.json' });

const DB = `import mysql from 'mysql2/promise';

export const pool = mysql.createPool({ host: process.env.DB_HOST, database: 'shop' });

export async function findUserById(id: string) {
  const [rows] = await pool.query(\`SELECT * FROM users WHERE id = \${id}\`);
  return (rows as unknown[])[0];
}
`;

const USER_ROUTE = `export default defineEventHandler(async (event) => {
  const id = getRouterParam(event, 'id') ?? '';
  return findUserById(id);
});
`;

describe('Nuxt aliases without the generated tsconfig', () => {
  it('resolves ~, @, ~~, @@, #server and #shared in a Nuxt 3 project', () => {
    const dir = writeProject(
      {
        'nuxt.config.ts': 'export default defineNuxtConfig({ devtools: { enabled: true } });\n',
        'tsconfig.json': NUXT_TSCONFIG,
        'server/utils/db.ts': DB,
        'server/api/users.get.ts': '',
        'shared/validation.ts': 'export const MAX = 3;\n',
        // Nuxt 3 does not make app/ the srcDir: `~/app/x` is app/x of the root.
        'app/router.options.ts': 'export default {};\n',
      },
      { name: 'shop', private: true, type: 'module', dependencies: { nuxt: '^3.10.0', h3: '^1.10.0' } },
    );
    const from = 'server/api/users.get.ts';
    expect(resolved(dir, from, '~/server/utils/db')).toBe('server/utils/db.ts');
    expect(resolved(dir, from, '@/server/utils/db')).toBe('server/utils/db.ts');
    expect(resolved(dir, from, '~~/server/utils/db')).toBe('server/utils/db.ts');
    expect(resolved(dir, from, '@@/server/utils/db.ts')).toBe('server/utils/db.ts');
    expect(resolved(dir, from, '#server/utils/db')).toBe('server/utils/db.ts');
    expect(resolved(dir, from, '#shared/validation')).toBe('shared/validation.ts');
    expect(resolved(dir, from, '~/app/router.options')).toBe('app/router.options.ts');
    // Not an alias: a scoped package, and a Nuxt alias to nothing of the project.
    expect(resolved(dir, from, '@nuxt/kit')).toBeNull();
    expect(resolved(dir, from, '~/server/utils/missing')).toBeNull();
  });

  it('finds a Nuxt project by its dependency alone (no nuxt.config)', () => {
    const dir = writeProject(
      { 'tsconfig.json': NUXT_TSCONFIG, 'server/utils/db.ts': DB, 'server/api/users.get.ts': '' },
      { name: 'shop', private: true, dependencies: { nuxt: '^3.12.0' } },
    );
    expect(resolved(dir, 'server/api/users.get.ts', '~/server/utils/db')).toBe('server/utils/db.ts');
  });

  it('makes app/ the srcDir in Nuxt 4 (~ and @ are app/, ~~ and @@ the root, #server the root server/)', () => {
    const dir = writeProject(
      {
        'nuxt.config.ts': 'export default defineNuxtConfig({ compatibilityDate: "2025-07-15" });\n',
        'tsconfig.json': NUXT_TSCONFIG,
        'app/app.vue': '<template><NuxtPage /></template>\n',
        'app/composables/session.ts': 'export const useSession = () => ({});\n',
        'server/utils/db.ts': DB,
        'server/api/users.get.ts': '',
        'composables/session.ts': 'export const stale = 1;\n',
      },
      { name: 'shop', private: true, type: 'module', devDependencies: { nuxt: '^4.0.0' } },
    );
    const from = 'server/api/users.get.ts';
    expect(resolved(dir, from, '~/composables/session')).toBe('app/composables/session.ts');
    expect(resolved(dir, from, '@/composables/session')).toBe('app/composables/session.ts');
    expect(resolved(dir, from, '~~/composables/session')).toBe('composables/session.ts');
    expect(resolved(dir, from, '@@/server/utils/db')).toBe('server/utils/db.ts');
    expect(resolved(dir, from, '#server/utils/db')).toBe('server/utils/db.ts');
    expect(resolved(dir, from, '~/server/utils/db')).toBeNull();
  });

  it("lists the files of a Nuxt 4 project whose tsconfig only references the generated ones", () => {
    const dir = writeProject(
      {
        'nuxt.config.ts': 'export default defineNuxtConfig({});\n',
        // The tsconfig Nuxt 4 starts a project with: a solution-style config.
        'tsconfig.json': JSON.stringify({
          files: [],
          references: [{ path: './.nuxt/tsconfig.app.json' }, { path: './.nuxt/tsconfig.server.json' }, { path: './.nuxt/tsconfig.shared.json' }, { path: './.nuxt/tsconfig.node.json' }],
        }),
        'app/pages/index.vue.ts': 'export default {};\n',
        'server/utils/db.ts': DB,
        'server/api/users.get.ts': USER_ROUTE,
      },
      { name: 'shop', private: true, type: 'module', dependencies: { nuxt: '^4.1.0' } },
    );
    const files = [...projectIndexOf(path.join(dir, 'server/api/users.get.ts'))!.files()].map((file) => slash(dir, file)).sort();
    expect(files).toEqual(['app/pages/index.vue.ts', 'nuxt.config.ts', 'server/api/users.get.ts', 'server/utils/db.ts']);
    expect(callTargets(dir, 'server/api/users.get.ts', 'findUserById')).toEqual(['server/utils/db.ts:5']);
  });

  it('reads the Nuxt 4 layout from future.compatibilityVersion in a Nuxt 3 project', () => {
    const dir = writeProject(
      {
        'nuxt.config.ts': 'export default defineNuxtConfig({\n  future: { compatibilityVersion: 4 },\n});\n',
        'app/utils/format.ts': 'export const format = (v: string) => v;\n',
        'server/utils/db.ts': DB,
        'server/api/users.get.ts': USER_ROUTE,
      },
      { name: 'shop', private: true, type: 'module', dependencies: { nuxt: '^3.13.0' } },
    );
    expect(resolved(dir, 'server/api/users.get.ts', '~/utils/format')).toBe('app/utils/format.ts');
    // The server directory stays at the root, and so do its auto-imports.
    expect(callTargets(dir, 'server/api/users.get.ts', 'findUserById')).toEqual(['server/utils/db.ts:5']);
  });

  it('reads srcDir and alias from nuxt.config when they are literals', () => {
    const dir = writeProject(
      {
        'nuxt.config.ts': `import { fileURLToPath } from 'node:url';
export default defineNuxtConfig({
  srcDir: 'src/',
  alias: {
    '@db': fileURLToPath(new URL('./server/db', import.meta.url)),
    'lodash-es': 'lodash',
  },
});
`,
        'src/server/utils/db.ts': DB,
        'src/server/api/users.get.ts': USER_ROUTE,
        'server/db/schema.ts': 'export const users = {};\n',
      },
      { name: 'shop', private: true, type: 'module', dependencies: { nuxt: '^3.10.0' } },
    );
    const from = 'src/server/api/users.get.ts';
    expect(resolved(dir, from, '~/server/utils/db')).toBe('src/server/utils/db.ts');
    expect(resolved(dir, from, '@db/schema')).toBe('server/db/schema.ts');
    expect(resolved(dir, from, 'lodash-es')).toBeNull();
    // Nuxt 3: the server directory is below the srcDir.
    expect(callTargets(dir, from, 'findUserById')).toEqual(['src/server/utils/db.ts:5']);
  });
});

describe('Nuxt aliases with the generated tsconfig', () => {
  it('follows extends into .nuxt/tsconfig.json, whose paths win over the defaults', () => {
    const dir = writeProject(
      {
        // srcDir is not a literal here: only the generated tsconfig knows it.
        'nuxt.config.ts': 'export default defineNuxtConfig({ srcDir: process.env.NUXT_SRC });\n',
        'tsconfig.json': NUXT_TSCONFIG,
        '.nuxt/tsconfig.json': JSON.stringify({
          compilerOptions: {
            paths: {
              '~': ['../client'],
              '~/*': ['../client/*'],
              '~~/*': ['../*'],
              '#db': ['../server/db/index'],
              '#imports': ['./imports'],
            },
          },
          include: ['./nuxt.d.ts', '../**/*'],
          exclude: ['../node_modules', '../dist'],
        }),
        'client/composables/cart.ts': 'export const useCart = () => [];\n',
        'composables/cart.ts': 'export const useCart = () => [];\n',
        'composables/legacy.ts': 'export const useLegacy = () => [];\n',
        'server/db/index.ts': 'export const db = {};\n',
        'server/api/cart.get.ts': '',
      },
      { name: 'shop', private: true, type: 'module', dependencies: { nuxt: '^3.10.0' } },
    );
    const from = 'server/api/cart.get.ts';
    expect(resolved(dir, from, '~/composables/cart')).toBe('client/composables/cart.ts');
    expect(resolved(dir, from, '~~/composables/cart')).toBe('composables/cart.ts');
    // Mapped by the generated paths to a missing file: not the default srcDir's file instead.
    expect(resolved(dir, from, '~/composables/legacy')).toBeNull();
    expect(resolved(dir, from, '#db')).toBe('server/db/index.ts');
    // `.nuxt/imports.d.ts` is a declaration of the generated directory, not a project file.
    expect(resolved(dir, from, '#imports')).toBeNull();
    // The generated directory is not the project's code.
    expect([...projectIndexOf(path.join(dir, from))!.files()].some((file) => file.includes('.nuxt'))).toBe(false);
  });
});

describe('Nitro without Nuxt', () => {
  it('resolves ~ and @ to its srcDir and auto-imports utils/ of it', () => {
    const dir = writeProject(
      {
        'nitro.config.ts': "export default defineNitroConfig({\n  srcDir: 'server',\n  compatibilityDate: '2025-01-01',\n});\n",
        'tsconfig.json': JSON.stringify({ extends: './.nitro/types/tsconfig.json' }),
        'server/utils/db.ts': DB,
        'server/routes/users/[id].ts': USER_ROUTE,
      },
      { name: 'api', private: true, type: 'module', dependencies: { nitropack: '^2.9.0' } },
    );
    const from = 'server/routes/users/[id].ts';
    expect(resolved(dir, from, '~/utils/db')).toBe('server/utils/db.ts');
    expect(resolved(dir, from, '@/utils/db')).toBe('server/utils/db.ts');
    expect(resolved(dir, from, '~~/server/utils/db')).toBe('server/utils/db.ts');
    expect(callTargets(dir, from, 'findUserById')).toEqual(['server/utils/db.ts:5']);
    expect(importers(dir, 'server/utils/db.ts')).toEqual(['server/routes/users/[id].ts']);
  });

  it('takes the root as the srcDir by default', () => {
    const dir = writeProject(
      { 'nitro.config.ts': 'export default defineNitroConfig({});\n', 'utils/db.ts': DB, 'routes/users.ts': USER_ROUTE },
      { name: 'api', private: true, type: 'module', dependencies: { nitropack: '^2.9.0' } },
    );
    expect(resolved(dir, 'routes/users.ts', '~/utils/db')).toBe('utils/db.ts');
    expect(callTargets(dir, 'routes/users.ts', 'findUserById')).toEqual(['utils/db.ts:5']);
  });
});

describe('auto-imports of server/utils', () => {
  const NUXT = { name: 'shop', private: true, type: 'module', dependencies: { nuxt: '^3.10.0' } };

  it('resolves a call without an import line to the export of server/utils, and the file imports it in the graph', () => {
    const dir = writeProject(
      {
        'nuxt.config.ts': 'export default defineNuxtConfig({});\n',
        'tsconfig.json': NUXT_TSCONFIG,
        'server/utils/db.ts': DB,
        'server/utils/auth/session.ts': 'export async function requireAdmin(event: unknown) {\n  return event;\n}\n',
        'server/utils/use-audit.ts': 'export default function (action: string) {\n  return action;\n}\n',
        'shared/utils/slug.ts': 'export const slugify = (text: string) => {\n  return text.toLowerCase();\n};\n',
        'server/api/users/[id].get.ts': USER_ROUTE,
        'server/api/admin/users.get.ts': `export default defineEventHandler(async (event) => {
  await requireAdmin(event);
  useAudit('list');
  return slugify(String(getQuery(event).name));
});
`,
        'server/api/hello.get.ts': "export default defineEventHandler(() => ({ hello: 'world' }));\n",
        // Client code is not Nitro's: app code gets the app's own auto-imports.
        'pages/users.vue.ts': "export const load = () => findUserById('1');\n",
      },
      NUXT,
    );
    expect(callTargets(dir, 'server/api/users/[id].get.ts', 'findUserById')).toEqual(['server/utils/db.ts:5']);
    expect(callTargets(dir, 'server/api/admin/users.get.ts', 'requireAdmin')).toEqual(['server/utils/auth/session.ts:1']);
    // A default export is imported under its file's name in camelCase.
    expect(callTargets(dir, 'server/api/admin/users.get.ts', 'useAudit')).toEqual(['server/utils/use-audit.ts:1']);
    expect(callTargets(dir, 'server/api/admin/users.get.ts', 'slugify')).toEqual(['shared/utils/slug.ts:1']);
    // h3's own helpers are not files of the project.
    expect(callTargets(dir, 'server/api/admin/users.get.ts', 'getQuery')).toEqual(['none']);
    expect(callTargets(dir, 'pages/users.vue.ts', 'findUserById')).toEqual(['none']);
    expect(importers(dir, 'server/utils/db.ts')).toEqual(['server/api/users/[id].get.ts']);
    expect(importers(dir, 'server/utils/auth/session.ts')).toEqual(['server/api/admin/users.get.ts']);
    const index = projectIndexOf(path.join(dir, 'server/api/users/[id].get.ts'))!;
    expect(index.importsOf(path.join(dir, 'server/api/users/[id].get.ts'))).toEqual([{ specifier: '#imports', file: path.join(dir, 'server/utils/db.ts') }]);
    expect(importers(dir, 'server/utils/use-audit.ts')).toEqual(['server/api/admin/users.get.ts']);
  });

  it('resolves a name imported from #imports to the same export', () => {
    const dir = writeProject(
      {
        'nuxt.config.ts': 'export default defineNuxtConfig({});\n',
        'server/utils/db.ts': DB,
        'server/api/users.get.ts': `import { findUserById as find } from '#imports';\n\nexport default defineEventHandler((event) => find(String(getQuery(event).id)));\n`,
      },
      NUXT,
    );
    expect(callTargets(dir, 'server/api/users.get.ts', 'find')).toEqual(['server/utils/db.ts:5']);
    expect(importers(dir, 'server/utils/db.ts')).toEqual(['server/api/users.get.ts']);
  });

  it('does not redirect a name the file declares or imports itself, nor a JavaScript global', () => {
    const dir = writeProject(
      {
        'nuxt.config.ts': 'export default defineNuxtConfig({});\n',
        'server/utils/db.ts': `${DB}\nexport function fetch(url: string) {\n  return url;\n}\n`,
        'server/legacy/users.ts': `async function findUserById(id: string) {\n  return { id };\n}\n\nexport const load = (id: string) => findUserById(id);\n`,
        'server/legacy/imported.ts': `import { findUserById } from '../repositories/users';\n\nexport const load = (id: string) => findUserById(id);\n`,
        'server/repositories/users.ts': 'export function findUserById(id: string) {\n  return { id };\n}\n',
        'server/api/proxy.get.ts': "export default defineEventHandler(() => fetch('https://example.com'));\n",
      },
      NUXT,
    );
    expect(callTargets(dir, 'server/legacy/users.ts', 'findUserById')).toEqual(['none']);
    expect(callTargets(dir, 'server/legacy/imported.ts', 'findUserById')).toEqual(['server/repositories/users.ts:1']);
    expect(callTargets(dir, 'server/api/proxy.get.ts', 'fetch')).toEqual(['none']);
  });

  it('reads uses from code, not from strings or property names', () => {
    const dir = writeProject(
      {
        'nuxt.config.ts': 'export default defineNuxtConfig({});\n',
        'server/utils/db.ts': DB,
        'server/utils/orm.ts': 'export const db = { select: () => [] };\n',
        'server/api/users.get.ts': "import { findUserById } from '../utils/db';\n\nexport default defineEventHandler((event) => event.context.db ?? findUserById('1'));\n",
      },
      NUXT,
    );
    expect(importers(dir, 'server/utils/orm.ts')).toEqual([]);
    expect(importers(dir, 'server/utils/db.ts')).toEqual(['server/api/users.get.ts']);
  });

  it('reads the layout of each workspace member: a Nuxt app beside a package that is not one', () => {
    const dir = writeProject(
      {
        'apps/web/package.json': JSON.stringify({ name: '@shop/web', private: true, dependencies: { nuxt: '^3.10.0' } }),
        'apps/web/server/utils/db.ts': DB,
        'apps/web/server/api/users.get.ts': USER_ROUTE,
        'packages/jobs/package.json': JSON.stringify({ name: '@shop/jobs', private: true }),
        'packages/jobs/server/utils/db.ts': DB,
        'packages/jobs/server/run.ts': "export const run = () => findUserById('1');\n",
      },
      { name: 'shop', private: true, workspaces: ['apps/*', 'packages/*'] },
    );
    expect(resolved(dir, 'apps/web/server/api/users.get.ts', '~/server/utils/db')).toBe('apps/web/server/utils/db.ts');
    expect(callTargets(dir, 'apps/web/server/api/users.get.ts', 'findUserById')).toEqual(['apps/web/server/utils/db.ts:5']);
    expect(resolved(dir, 'packages/jobs/server/run.ts', '~/server/utils/db')).toBeNull();
    expect(callTargets(dir, 'packages/jobs/server/run.ts', 'findUserById')).toEqual(['none']);
  });

  it('leaves a project that is neither Nuxt nor Nitro alone, server/utils or not', () => {
    const dir = writeProject(
      {
        'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }),
        'server/utils/db.ts': DB,
        'server/api/users.get.ts': USER_ROUTE,
      },
      { name: 'api', private: true, type: 'module', dependencies: { express: '^4.19.0' } },
    );
    expect(resolved(dir, 'server/api/users.get.ts', '~/server/utils/db')).toBeNull();
    expect(resolved(dir, 'server/api/users.get.ts', '@/server/utils/db')).toBeNull();
    expect(callTargets(dir, 'server/api/users.get.ts', 'findUserById')).toEqual(['none']);
    expect(importers(dir, 'server/utils/db.ts')).toEqual([]);
  });

  it('sees a project become a Nuxt project when its package.json gains the dependency', async () => {
    const dir = writeProject(
      { 'server/utils/db.ts': DB, 'server/api/users.get.ts': USER_ROUTE },
      { name: 'shop', private: true, type: 'module', dependencies: { h3: '^1.10.0' } },
    );
    expect(resolved(dir, 'server/api/users.get.ts', '~/server/utils/db')).toBeNull();
    expect(importers(dir, 'server/utils/db.ts')).toEqual([]);
    await sleep(1_100);
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module', dependencies: { h3: '^1.10.0', nuxt: '^3.10.0' } }));
    await sleep(1_100);
    expect(resolved(dir, 'server/api/users.get.ts', '~/server/utils/db')).toBe('server/utils/db.ts');
    expect(importers(dir, 'server/utils/db.ts')).toEqual(['server/api/users.get.ts']);
  });

  it('sees a new export and a new use on the next question after the index revalidates', async () => {
    const dir = writeProject(
      {
        'nuxt.config.ts': 'export default defineNuxtConfig({});\n',
        'server/utils/db.ts': DB,
        'server/api/users.get.ts': USER_ROUTE,
        'server/api/orders.get.ts': 'export default defineEventHandler((event) => listOrders(String(getQuery(event).user)));\n',
      },
      NUXT,
    );
    expect(callTargets(dir, 'server/api/orders.get.ts', 'listOrders')).toEqual(['none']);
    expect(importers(dir, 'server/utils/db.ts')).toEqual(['server/api/users.get.ts']);
    await sleep(1_100);
    writeFileSync(path.join(dir, 'server/utils/db.ts'), `${DB}\nexport async function listOrders(user: string) {\n  return pool.query(\`SELECT * FROM orders WHERE user = '\${user}'\`);\n}\n`);
    writeFileSync(path.join(dir, 'server/api/stats.get.ts'), "export default defineEventHandler(() => findUserById('admin'));\n");
    await sleep(1_100);
    expect(callTargets(dir, 'server/api/orders.get.ts', 'listOrders')).toEqual(['server/utils/db.ts:10']);
    expect(importers(dir, 'server/utils/db.ts')).toEqual(['server/api/orders.get.ts', 'server/api/stats.get.ts', 'server/api/users.get.ts']);
    // A use removed is an edge removed.
    writeFileSync(path.join(dir, 'server/api/users.get.ts'), "export default defineEventHandler(() => 'gone');\n");
    await sleep(1_100);
    expect(importers(dir, 'server/utils/db.ts')).toEqual(['server/api/orders.get.ts', 'server/api/stats.get.ts']);
  });
});
