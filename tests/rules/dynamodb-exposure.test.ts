import { RuleTester } from '@typescript-eslint/rule-tester';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import massAssignment from '../../src/rules/no-mass-assignment.js';
import wholeObject from '../../src/rules/no-whole-object-response.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * DynamoDB stores an item with every attribute it is given and returns items whole: a `PutCommand`
 * whose `Item` is the client's body lets the client set any attribute, and the `Item` of a
 * `GetCommand` (the `Items` of a query or scan) sent back whole carries every stored attribute.
 * Known by import: the v3 commands of `@aws-sdk/lib-dynamodb` / `@aws-sdk/client-dynamodb`, and the
 * v2 DocumentClient of `aws-sdk`. A command class of another library with the same name is not one.
 */

const ruleTester = new RuleTester();

const V3 = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
`;

ruleTester.run('no-mass-assignment: DynamoDB writes', massAssignment, {
  valid: [
    {
      name: 'an item built from picked fields',
      code: `${V3}export const handler = async (event) => {
  const { title, notes } = JSON.parse(event.body);
  await ddb.send(new PutCommand({ TableName: 'orders', Item: { pk: event.pathParameters.id, title, notes } }));
  return { statusCode: 201, body: '' };
};`,
    },
    {
      name: 'a PutCommand of another library is not a DynamoDB write',
      code: `import { PutCommand } from './commands/bus';
export const handler = async (event) => {
  await bus.dispatch(new PutCommand({ TableName: 'orders', Item: JSON.parse(event.body) }));
  return { statusCode: 202, body: '' };
};`,
    },
  ],
  invalid: [
    {
      name: 'v3: the parsed body spread into the item of a PutCommand',
      code: `${V3}export const handler = async (event) => {
  const body = JSON.parse(event.body || '{}');
  await ddb.send(new PutCommand({ TableName: 'orders', Item: { ...body, id: crypto.randomUUID() } }));
  return { statusCode: 201, body: '' };
};`,
      errors: [
        {
          messageId: 'massAssignment',
          line: 6,
          column: 67,
          endColumn: 71,
          data: { input: "`body` (line 5, from `JSON.parse(event.body || '{}')`)", sink: '`new PutCommand`', protected: 'fields such as `role` or `isAdmin`' },
        },
      ],
    },
    {
      name: 'v3: parameters written in a const before the command',
      code: `${V3}import express from 'express';
const app = express();
app.put('/profile', async (req, res) => {
  const params = { TableName: 'profiles', Item: req.body };
  await ddb.send(new PutCommand(params));
  res.sendStatus(204);
});`,
      errors: [{ messageId: 'massAssignment', line: 7, column: 49, endColumn: 57, data: { input: '`req.body`', sink: '`new PutCommand`', protected: 'fields such as `role` or `isAdmin`' } }],
    },
    {
      name: 'v2: DocumentClient put with the request body as the item',
      code: `const AWS = require('aws-sdk');
const express = require('express');
const documentClient = new AWS.DynamoDB.DocumentClient();
const app = express();
app.post('/users', async (req, res) => {
  await documentClient.put({ TableName: 'users', Item: req.body }).promise();
  res.status(201).end();
});`,
      errors: [{ messageId: 'massAssignment', line: 6, column: 56, endColumn: 64, data: { input: '`req.body`', sink: '`documentClient.put`', protected: 'fields such as `role` or `isAdmin`' } }],
    },
  ],
});

ruleTester.run('no-whole-object-response: DynamoDB reads', wholeObject, {
  valid: [
    {
      name: 'a get that projects the attributes the client may see',
      code: `${V3}export const handler = async (event) => {
  const out = await ddb.send(new GetCommand({ TableName: 'users', Key: { pk: event.pathParameters.id }, ProjectionExpression: 'pk, displayName' }));
  return { statusCode: 200, body: JSON.stringify(out.Item) };
};`,
    },
    {
      name: 'fields picked from the item',
      code: `${V3}export const handler = async (event) => {
  const { Item: user } = await ddb.send(new GetCommand({ TableName: 'users', Key: { pk: event.pathParameters.id } }));
  return { statusCode: 200, body: JSON.stringify({ id: user.pk, name: user.displayName }) };
};`,
    },
    {
      name: 'a GetCommand of another library is not a DynamoDB read',
      code: `import { GetCommand } from './cqrs';
export const handler = async (event) => {
  const user = await bus.send(new GetCommand({ TableName: 'users', Key: event.pathParameters.id }));
  return { statusCode: 200, body: JSON.stringify(user.Item) };
};`,
    },
  ],
  invalid: [
    {
      name: 'v3: the Item of a GetCommand on the users table',
      code: `${V3}export const handler = async (event) => {
  const out = await ddb.send(new GetCommand({ TableName: process.env.USERS_TABLE, Key: { pk: event.pathParameters.id } }));
  return { statusCode: 200, body: JSON.stringify(out.Item) };
};`,
      errors: [{ messageId: 'wholeObject', line: 6, column: 50, endColumn: 58 }],
    },
    {
      name: 'v3: the Items of a QueryCommand sent by Express',
      code: `${V3}import express from 'express';
const app = express();
app.get('/team/:id/members', async (req, res) => {
  const { Items } = await ddb.send(new QueryCommand({ TableName: 'members', KeyConditionExpression: 'team = :t', ExpressionAttributeValues: { ':t': req.params.id } }));
  res.json(Items);
});`,
      errors: [{ messageId: 'wholeObject', line: 8, column: 12, endColumn: 17 }],
    },
    {
      name: 'v2: DocumentClient get, awaited through promise()',
      code: `const { DynamoDB } = require('aws-sdk');
const express = require('express');
const documentClient = new DynamoDB.DocumentClient();
const app = express();
app.get('/accounts/:id', async (req, res) => {
  const { Item } = await documentClient.get({ TableName: 'accounts', Key: { id: req.params.id } }).promise();
  res.json(Item);
});`,
      errors: [{ messageId: 'wholeObject', line: 7, column: 12, endColumn: 16 }],
    },
  ],
});

const rules: Linter.RulesRecord = { 'api-security/no-mass-assignment': 'error', 'api-security/no-whole-object-response': 'error' };

describe('DynamoDB behind a repository of another file', () => {
  const project = (): string =>
    writeProject(
      {
        'src/lib/db.ts': `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const ORDERS_TABLE = process.env.ORDERS_TABLE ?? 'orders';
export const USERS_TABLE = process.env.USERS_TABLE ?? 'users';
`,
        'src/repositories/orders.repository.ts': `import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, ORDERS_TABLE } from '../lib/db';

export const ordersRepository = {
  async save(order: Record<string, unknown>) {
    await ddb.send(new PutCommand({ TableName: ORDERS_TABLE, Item: order }));
  },
};
`,
        'src/repositories/users.repository.ts': `import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, USERS_TABLE } from '../lib/db';

export async function getUser(userId: string) {
  const out = await ddb.send(new GetCommand({ TableName: USERS_TABLE, Key: { pk: \`USER#\${userId}\` } }));
  return out.Item;
}

export async function getUserCard(userId: string) {
  const out = await ddb.send(new GetCommand({ TableName: USERS_TABLE, Key: { pk: \`USER#\${userId}\` }, ProjectionExpression: 'pk, displayName' }));
  return out.Item;
}
`,
        'src/handlers/createOrder.ts': `import type { APIGatewayProxyHandler } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { ordersRepository } from '../repositories/orders.repository';

export const handler: APIGatewayProxyHandler = async (event) => {
  const body = JSON.parse(event.body || '{}');
  const order = { ...body, id: randomUUID(), createdAt: new Date().toISOString() };
  await ordersRepository.save(order);
  return { statusCode: 201, body: JSON.stringify({ id: order.id }) };
};
`,
        'src/handlers/getUser.ts': `import type { APIGatewayProxyEvent } from 'aws-lambda';
import { getUser, getUserCard } from '../repositories/users.repository';

export const handler = async (event: APIGatewayProxyEvent) => {
  const user = await getUser(event.requestContext.authorizer?.principalId);
  return { statusCode: 200, body: JSON.stringify(user) };
};

export const card = async (event: APIGatewayProxyEvent) => {
  const user = await getUserCard(event.requestContext.authorizer?.principalId);
  return { statusCode: 200, body: JSON.stringify(user) };
};
`,
      },
      { name: 'orders', private: true, dependencies: { '@aws-sdk/client-dynamodb': '^3.600.0', '@aws-sdk/lib-dynamodb': '^3.600.0' } },
    );

  it('reports the parsed body the repository stores as the item', async () => {
    const messages = await lintProjectFile(project(), 'src/handlers/createOrder.ts', rules);
    expect(messages.map((message) => `${String(message.line)}:${String(message.column)} ${message.ruleId ?? ''}: ${message.message}`)).toEqual([
      "8:31 api-security/no-mass-assignment: `order` (line 7, from `body` (line 6, from `JSON.parse(event.body || '{}')`)) is written whole by `new PutCommand` at src/repositories/orders.repository.ts:6, through `save` (src/repositories/orders.repository.ts:5): the client can set any field, including fields such as `role` or `isAdmin`. Pick the fields the client may change, or validate with a schema that strips unknown keys.",
    ]);
  });

  it('reports the whole user item the repository returns, and not the projected one', async () => {
    const messages = await lintProjectFile(project(), 'src/handlers/getUser.ts', rules);
    expect(messages.map((message) => `${String(message.line)}:${String(message.column)} ${message.ruleId ?? ''}: ${message.message}`)).toEqual([
      '6:50 api-security/no-whole-object-response: `user` (returned by `getUser` (src/repositories/users.repository.ts:4), from `ddb.send(new GetCommand)` at src/repositories/users.repository.ts:5) is serialized whole by the returned `body`, exposing every stored field. Send an explicit object or DTO with the fields the client needs, or project the query.',
    ]);
  });
});
