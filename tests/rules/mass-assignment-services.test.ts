import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-mass-assignment.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A write delegated to a service that the handler built with the caller's identity: the service
 * knows who writes and decides which fields that caller may set (permission-aware CMS services).
 * The same service built without the caller is a plain store, and the whole body is reported.
 */

const ruleTester = new RuleTester();

const head = `import express from 'express';
import { RolesService } from '../services/roles.js';
const router = express.Router();
`;

ruleTester.run('no-mass-assignment: services that know the caller', rule, {
  valid: [
    {
      name: 'service built with the request accountability',
      code: `${head}router.patch('/:id', async (req, res) => {
  const service = new RolesService({ accountability: req.accountability, schema: req.schema });
  res.json(await service.updateOne(req.params.id, req.body));
});`,
    },
    {
      name: 'service built with the authenticated user',
      code: `${head}router.post('/', async (req, res) => {
  const roles = new RolesService(req.user);
  res.json(await roles.create(req.body));
});`,
    },
  ],
  // `RolesService` is imported from a file this single-file test cannot read: a write through it
  // is an unknown verdict (see mass-assignment-unresolved-services.test.ts), reported only with
  // `unresolvedServices: 'report'` (the `strict` config).
  invalid: [
    {
      name: 'service built without the caller',
      code: `${head}router.patch('/:id', async (req, res) => {
  const service = new RolesService({ schema: req.schema });
  res.json(await service.updateOne(req.params.id, req.body));
});`,
      options: [{ unresolvedServices: 'report' }],
      errors: [{ messageId: 'unresolvedServiceWrite', line: 6, data: { input: '`req.body`', sink: '`service.updateOne`', protected: 'fields such as `role` or `isAdmin`' } }],
    },
    {
      name: 'the caller passed to another object than the one written to',
      code: `${head}router.post('/', async (req, res) => {
  const audit = new RolesService(req.user);
  const store = new RolesService({});
  audit.log('create');
  res.json(await store.create(req.body));
});`,
      options: [{ unresolvedServices: 'report' }],
      errors: [{ messageId: 'unresolvedServiceWrite', line: 8, data: { input: '`req.body`', sink: '`store.create`', protected: 'fields such as `role` or `isAdmin`' } }],
    },
  ],
});

describe('no-mass-assignment: services of another file that know the caller', () => {
  const service = `export class RolesService {
  constructor({ accountability, knex }) {
    this.accountability = accountability;
    this.knex = knex;
  }
  async updateOne(id, data) {
    return this.knex('roles').where({ id }).update(data);
  }
}
`;
  const route = (built: string): string => `import express from 'express';
import { RolesService } from './roles.service.js';
export const router = express.Router();
router.patch('/:id', async (req, res) => {
  const service = new RolesService(${built});
  res.json(await service.updateOne(req.params.id, req.body));
});
`;
  const rules = { 'api-security/no-mass-assignment': 'error' } as const;

  it('is not reported when the handler builds the service with the caller', async () => {
    const dir = writeProject({ 'roles.service.js': service, 'roles.routes.js': route('{ accountability: req.accountability, knex }') });
    expect(await lintProjectFile(dir, 'roles.routes.js', rules)).toEqual([]);
  });

  it('is reported, naming the write in the other file, when the service does not know the caller', async () => {
    const dir = writeProject({ 'roles.service.js': service, 'roles.routes.js': route('{ knex }') });
    const messages = await lintProjectFile(dir, 'roles.routes.js', rules);
    expect(messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`)).toEqual(['6 massAssignment']);
    expect(messages[0]?.message).toContain('roles.service.js:7');
  });
});

/*
 * A record fetched with the caller's tenant or id in its condition is a record, not a service that
 * knows the caller: scoping the lookup decides which record is written, not which fields. Its
 * `update(req.body)` lets the client set `status`, `orgId` or any other column.
 */
const modelHead = `import express from 'express';
import { Invoice } from '../models/invoice.js';
import { findInvoiceForOrg } from '../services/invoices.js';
const router = express.Router();
`;

ruleTester.run('no-mass-assignment: records fetched by the caller\'s tenant', rule, {
  valid: [
    {
      name: 'the fields the client may set, picked from the body, on a tenant-scoped record',
      code: `${modelHead}router.patch('/:id', async (req, res) => {
  const invoice = await Invoice.findOne({ where: { id: req.params.id, orgId: req.auth.orgId } });
  await invoice.update({ memo: req.body.memo, dueDate: req.body.dueDate });
  res.json({ id: invoice.id });
});`,
    },
  ],
  invalid: [
    {
      name: 'a whole body written to a record read with the tenant in its condition',
      code: `${modelHead}router.patch('/:id', async (req, res) => {
  const invoice = await Invoice.findOne({ where: { id: req.params.id, orgId: req.auth.orgId } });
  await invoice.update(req.body);
  res.json({ id: invoice.id });
});`,
      errors: [{ messageId: 'massAssignment', line: 7 }],
    },
    {
      name: 'a record read with the whole principal handed to the read',
      code: `${modelHead}router.patch('/:id', async (req, res) => {
  const invoice = await Invoice.findOne({ where: { id: req.params.id }, user: req.user });
  await invoice.update(req.body);
  res.json({ id: invoice.id });
});`,
      errors: [{ messageId: 'massAssignment', line: 7 }],
    },
    {
      name: 'a whole body written to a record a helper fetched by the tenant id',
      code: `${modelHead}router.patch('/:id', async (req, res) => {
  const invoice = await findInvoiceForOrg(req.auth.orgId, req.params.id);
  await invoice.update(req.body);
  res.json({ id: invoice.id });
});`,
      errors: [{ messageId: 'massAssignment', line: 7 }],
    },
  ],
});
