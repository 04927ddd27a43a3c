import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Database clients made once in a module of their own (`lib/db.ts`) and imported by the repositories
 * that query them, the way serverless projects share one connection between their functions. The
 * repository's calls are the package's (a MongoDB collection, a pg pool) although the file that
 * makes them is another; the request input comes from Lambda handlers in a third file, which answer
 * through a response helper rather than with a `{ statusCode }` literal of their own.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-sql-injection': 'error',
  'api-security/no-nosql-injection': 'error',
};

async function findings(dir: string, file: string): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.ruleId ?? 'fatal'}: ${message.message}`);
}

const DB = `import { MongoClient } from 'mongodb';
import { Pool } from 'pg';

export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
const mongo = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost:27017');
export const customers = mongo.db('crm').collection('customers');
`;

const HTTP = `import type { APIGatewayProxyResult } from 'aws-lambda';

export const json = (statusCode: number, body: unknown): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export function parseBody<T>(body: string | null): T {
  return JSON.parse(body ?? '{}') as T;
}
`;

const CUSTOMERS_REPOSITORY = `import { customers } from '../lib/db';

export async function findCustomer(filter: { email: unknown }) {
  return customers.findOne({ email: filter.email }, { projection: { name: 1, email: 1 } });
}

export async function findCustomerChecked(email: unknown) {
  if (typeof email !== 'string') throw new Error('email must be a string');
  return customers.findOne({ email }, { projection: { name: 1, email: 1 } });
}
`;

const ORDERS_REPOSITORY = `import { pool } from '../lib/db';

export async function ordersOf(customer: string) {
  const { rows } = await pool.query(\`SELECT id, total FROM orders WHERE customer = '\${customer}'\`);
  return rows;
}

export async function ordersOfBound(customer: string) {
  const { rows } = await pool.query('SELECT id, total FROM orders WHERE customer = $1', [customer]);
  return rows;
}
`;

const HANDLERS = `import type { APIGatewayProxyEvent } from 'aws-lambda';
import { findCustomer, findCustomerChecked } from '../repositories/customers.repository';
import { ordersOf, ordersOfBound } from '../repositories/orders.repository';
import { json, parseBody } from '../lib/http';

export const lookup = async (event: APIGatewayProxyEvent) => {
  const input = parseBody<{ email: unknown }>(event.body);
  return json(200, await findCustomer(input));
};

export const lookupChecked = async (event: APIGatewayProxyEvent) => {
  const { email } = parseBody<{ email: unknown }>(event.body);
  return json(200, await findCustomerChecked(email));
};

export const orders = async (event: APIGatewayProxyEvent) => {
  const { customer } = parseBody<{ customer: string }>(event.body);
  return json(200, { unsafe: await ordersOf(customer), bound: await ordersOfBound(customer) });
};
`;

function lambdaProject(handlers = HANDLERS): string {
  return writeProject(
    {
      'src/lib/db.ts': DB,
      'src/lib/http.ts': HTTP,
      'src/repositories/customers.repository.ts': CUSTOMERS_REPOSITORY,
      'src/repositories/orders.repository.ts': ORDERS_REPOSITORY,
      'src/handlers/customers.ts': handlers,
    },
    { name: 'orders-api', private: true, dependencies: { mongodb: '^6.7.0', pg: '^8.12.0' } },
  );
}

describe('clients exported by another project file, fed by Lambda handlers that answer through a helper', () => {
  it('reports the MongoDB filter built from the parsed body in the repository', async () => {
    const dir = lambdaProject();
    expect(await findings(dir, 'src/repositories/customers.repository.ts')).toEqual([
      '4 api-security/no-nosql-injection: `event.body` in src/handlers/customers.ts (line 7) reaches the filter of `customers.findOne` (line 4) through `findCustomer` (called on line 8 of src/handlers/customers.ts) unchecked; a client can send an object such as {"$ne": null}. Coerce it with String(), validate its type, or match it with $eq.',
    ]);
  });

  it('reports the SQL text of the pool imported from the same module, and not its bound query', async () => {
    const dir = lambdaProject();
    expect(await findings(dir, 'src/repositories/orders.repository.ts')).toEqual([
      "4 api-security/no-sql-injection: `event.body` in src/handlers/customers.ts (line 17) reaches the SQL text of `pool.query` (line 4) through `ordersOf` (called on line 18 of src/handlers/customers.ts). Pass it as a bound parameter instead of building the query string.",
    ]);
  });

  it('does not take a typed queue consumer of the same shape for an HTTP function', async () => {
    const dir = lambdaProject(
      HANDLERS.replace("import type { APIGatewayProxyEvent } from 'aws-lambda';", "import type { SQSRecord } from 'aws-lambda';").replaceAll(
        'APIGatewayProxyEvent',
        'SQSRecord',
      ),
    );
    expect(await findings(dir, 'src/repositories/customers.repository.ts')).toEqual([]);
    expect(await findings(dir, 'src/repositories/orders.repository.ts')).toEqual([]);
  });
});

/*
 * A client made lazily by a getter of another file (`warehouse ??= mysql.createPool(…)`, returned by
 * `getWarehouse()`): every write of the variable makes the same client, so the getter's result is
 * that client. A variable written with a client once and with something else another time is not.
 */
describe('a client made lazily by a getter of another file', () => {
  const files = {
    'src/lib/warehouse.ts': `import mysql from 'mysql2/promise';

let warehouse: mysql.Pool | undefined;
let scratch: unknown = mysql.createPool({ uri: process.env.SCRATCH_URL });

export function getWarehouse() {
  warehouse ??= mysql.createPool({ uri: process.env.WAREHOUSE_URL, connectionLimit: 2 });
  return warehouse;
}

export function getScratch() {
  if (process.env.NO_SCRATCH) scratch = new Map();
  return scratch as mysql.Pool;
}
`,
    'src/reports/sales.ts': `import { getScratch, getWarehouse } from '../lib/warehouse';

export async function salesLike(prefix: string) {
  const [rows] = await getWarehouse().query(\`SELECT sku, SUM(qty) AS n FROM sales WHERE sku LIKE '\${prefix}%' GROUP BY sku\`);
  return rows;
}

export async function salesBound(prefix: string) {
  const [rows] = await getWarehouse().execute('SELECT sku FROM sales WHERE sku LIKE ?', [\`\${prefix}%\`]);
  return rows;
}

export async function scratchLike(prefix: string) {
  return getScratch().query(\`SELECT sku FROM scratch WHERE sku LIKE '\${prefix}%'\`);
}
`,
    'src/handlers/sales.ts': `import type { APIGatewayProxyEvent } from 'aws-lambda';
import { salesBound, salesLike, scratchLike } from '../reports/sales';

export const handler = async (event: APIGatewayProxyEvent) => {
  const prefix = event.queryStringParameters?.prefix ?? '';
  const body = JSON.stringify([await salesLike(prefix), await salesBound(prefix), await scratchLike(prefix)]);
  return { statusCode: 200, body };
};
`,
  };

  it('reports the SQL text of the getter result, not its bound query nor a variable also written with something else', async () => {
    const dir = writeProject(files, { name: 'sales-api', private: true, dependencies: { mysql2: '^3.10.0' } });
    expect(await findings(dir, 'src/reports/sales.ts')).toEqual([
      '4 api-security/no-sql-injection: `event.queryStringParameters?.prefix` in src/handlers/sales.ts (line 5) reaches the SQL text of `query` (line 4) through `salesLike` (called on line 6 of src/handlers/sales.ts). Pass it as a bound parameter instead of building the query string.',
    ]);
  });
});
