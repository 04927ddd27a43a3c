import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Nuxt server code calls the exports of `server/utils` without importing them, and imports other
 * modules through Nuxt's aliases (`~/server/…`) that only the tsconfig Nuxt generates maps. The
 * request input reaches a query written in `server/utils/db.ts` from a route file that has no
 * import line for it. The routes here are an Express app under `server/` (a shape the route model
 * already knows), and Nitro's own file routes (`defineEventHandler` in `server/api/**`).
 */

const rules: Linter.RulesRecord = { 'api-security/no-sql-injection': 'error' };

async function findings(dir: string, file: string): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.ruleId ?? 'fatal'}: ${message.message}`);
}

const DB = `import mysql from 'mysql2/promise';

export const pool = mysql.createPool({ host: process.env.DB_HOST, database: 'shop' });

export async function findUserById(id: string) {
  const [rows] = await pool.query(\`SELECT id, name FROM users WHERE id = \${id}\`);
  return (rows as unknown[])[0];
}

export async function searchProducts(term: string) {
  const [rows] = await pool.execute('SELECT id, name FROM products WHERE name LIKE ?', [\`%\${term}%\`]);
  return rows;
}

export async function findOrder(id: string) {
  const [rows] = await pool.query(\`SELECT id, total FROM orders WHERE id = \${id}\`);
  return rows;
}
`;

const ORDERS = `export async function orderFor(id: string) {
  return findOrder(id);
}
`;

const APP = `import express from 'express';
import { orderFor } from '~/server/services/orders';

const app = express();

app.get('/users/:id', async (req, res) => {
  res.json(await findUserById(req.params.id));
});

app.get('/products', async (req, res) => {
  res.json(await searchProducts(String(req.query.q)));
});

app.get('/orders/:id', async (req, res) => {
  res.json(await orderFor(req.params.id));
});

export default app;
`;

describe('Nuxt server code across files', () => {
  it('reports request input reaching a query of server/utils through a call with no import line', async () => {
    const dir = writeProject(
      {
        'nuxt.config.ts': 'export default defineNuxtConfig({});\n',
        'tsconfig.json': JSON.stringify({ extends: './.nuxt/tsconfig.json' }),
        'server/utils/db.ts': DB,
        'server/services/orders.ts': ORDERS,
        'server/app.ts': APP,
      },
      { name: 'shop', private: true, type: 'module', dependencies: { nuxt: '^3.10.0', express: '^4.19.0', mysql2: '^3.9.0' } },
    );
    // findUserById: called by the app; findOrder: by a service the app imports by Nuxt's `~`
    // alias, itself calling with no import line; searchProducts binds its parameter.
    const found = await findings(dir, 'server/utils/db.ts');
    expect(found).toEqual([
      expect.stringMatching(/^6 api-security\/no-sql-injection: .*req\.params\.id.*server\/app\.ts/u),
      expect.stringMatching(/^16 api-security\/no-sql-injection: .*req\.params\.id.*server\/app\.ts/u),
    ]);
  });

  it('sees a new handler using an auto-imported function on the next lint, and forgets a removed one', async () => {
    const dir = writeProject(
      {
        'nuxt.config.ts': 'export default defineNuxtConfig({});\n',
        'server/utils/db.ts': DB,
        'server/app.ts': "import express from 'express';\n\nconst app = express();\napp.get('/products', async (req, res) => {\n  res.json(await searchProducts(String(req.query.q)));\n});\n\nexport default app;\n",
      },
      { name: 'shop', private: true, type: 'module', dependencies: { nuxt: '^3.10.0', express: '^4.19.0', mysql2: '^3.9.0' } },
    );
    expect(await findings(dir, 'server/utils/db.ts')).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const orders = "import express from 'express';\n\nexport const orders = express.Router();\norders.get('/orders/:id', async (req, res) => {\n  res.json(await findOrder(req.params.id));\n});\n";
    writeFileSync(path.join(dir, 'server/orders.ts'), orders);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await findings(dir, 'server/utils/db.ts')).toEqual([expect.stringMatching(/^16 api-security\/no-sql-injection: .*req\.params\.id.*server\/orders\.ts/u)]);
    writeFileSync(path.join(dir, 'server/orders.ts'), orders.replace('findOrder(req.params.id)', 'findOrder(String(Number(req.params.id)))'));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await findings(dir, 'server/utils/db.ts')).toEqual([]);
  });

  it('reports nothing for the same files in a project that is not Nuxt (no auto-imports there)', async () => {
    const dir = writeProject(
      {
        'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }),
        'server/utils/db.ts': DB,
        'server/services/orders.ts': ORDERS,
        'server/app.ts': APP,
      },
      { name: 'shop', private: true, type: 'module', dependencies: { express: '^4.19.0', mysql2: '^3.9.0' } },
    );
    expect(await findings(dir, 'server/utils/db.ts')).toEqual([]);
  });
});

describe('Nuxt server routes (h3) across files', () => {
  const NUXT_PACKAGE = { name: 'shop', private: true, type: 'module', dependencies: { nuxt: '^3.10.0', mysql2: '^3.9.0' } };

  it('follows a route parameter from a file route into an auto-imported query helper, and an alias import', async () => {
    const dir = writeProject(
      {
        'nuxt.config.ts': 'export default defineNuxtConfig({});\n',
        'tsconfig.json': JSON.stringify({ extends: './.nuxt/tsconfig.json' }),
        'server/utils/db.ts': DB,
        'server/services/orders.ts': ORDERS,
        // No import line: Nitro auto-imports h3's utilities and server/utils.
        'server/api/users/[id].get.ts': "export default defineEventHandler(async (event) => {\n  const id = getRouterParam(event, 'id');\n  return findUserById(id);\n});\n",
        'server/api/products.get.ts': "export default defineEventHandler(async (event) => {\n  const { q } = getQuery(event);\n  return searchProducts(String(q));\n});\n",
        'server/api/orders/[id].get.ts': "import { orderFor } from '~/server/services/orders';\n\nexport default defineEventHandler((event) => orderFor(getRouterParam(event, 'id')));\n",
      },
      NUXT_PACKAGE,
    );
    const found = await findings(dir, 'server/utils/db.ts');
    expect(found).toEqual([
      expect.stringMatching(/^6 api-security\/no-sql-injection: .*getRouterParam.*server\/api\/users\/\[id\]\.get\.ts/u),
      expect.stringMatching(/^16 api-security\/no-sql-injection: .*getRouterParam.*server\/api\/orders\/\[id\]\.get\.ts/u),
    ]);
  });

  it('reports nothing when the file route validates the parameter as a number', async () => {
    const dir = writeProject(
      {
        'nuxt.config.ts': 'export default defineNuxtConfig({});\n',
        'server/utils/db.ts': DB,
        'server/api/users/[id].get.ts': "export default defineEventHandler(async (event) => {\n  const id = Number(getRouterParam(event, 'id'));\n  if (!Number.isInteger(id)) throw createError({ statusCode: 400 });\n  return findUserById(String(id));\n});\n",
      },
      NUXT_PACKAGE,
    );
    expect(await findings(dir, 'server/utils/db.ts')).toEqual([]);
  });
});
