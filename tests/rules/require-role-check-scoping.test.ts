import { RuleTester } from '@typescript-eslint/rule-tester';
import rule, { type Options } from '../../src/rules/require-role-check.js';

/*
 * require-role-check (strict): whose record an operation acts on. A projection chained on a read of
 * one record is no export of the table; a value handed to a digest is no store; a record scoped by
 * the caller's tenant or organization but named by the client is another member's (and a tenant's
 * settings are every member's); a token is for the user its subject claim names.
 */

const ruleTester = new RuleTester();
const strict: Options = [{ privilegedRoutes: 'report', inconsistentRoutes: 'report' }];

const head = `import express from 'express';
import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';
import { prisma } from './db.js';
import { Member } from './models/member.js';
import { appConfig } from './config.js';
const api = express.Router();
function signedIn(req, res, next) {
  if (!req.session.member) return res.status(401).end();
  req.user = req.session.member;
  next();
}
`;
const L = 13; // first line after the head

ruleTester.run('require-role-check (record scoping)', rule, {
  valid: [
    { name: 'a projection of the caller\'s own record (Mongoose findById(...).select) is no export', options: strict, code: `${head}api.get('/profile', signedIn, async (req, res) => {
  const profile = await Member.findById(req.user.id).select('displayName email');
  res.json(profile);
});` },
    { name: 'the caller\'s own record updated and projected is no export', options: strict, code: `${head}api.put('/profile', signedIn, async (req, res) => {
  res.json(await Member.findOneAndUpdate({ _id: req.user.id }, { $set: { displayName: String(req.body.displayName) } }, { new: true }).select('displayName'));
});` },
    { name: 'an HMAC keyed by a configuration value is no write of a setting', options: strict, code: `${head}api.get('/exports/:name/link', signedIn, (req, res) => {
  const expiry = Date.now() + 60000;
  const mac = crypto.createHmac('sha256', appConfig.linkKey).update(req.params.name + expiry).digest('hex');
  res.json({ url: '/exports/' + req.params.name + '?e=' + expiry + '&mac=' + mac });
});` },
    { name: 'leaving one\'s own organization: the caller\'s own record, scoped by its organization', options: strict, code: `${head}api.delete('/profile', signedIn, async (req, res) => {
  await prisma.user.delete({ where: { id: req.user.id, orgId: req.user.orgId } });
  res.status(204).end();
});` },
    { name: 'the caller\'s own preferences within the workspace are no workspace setting', options: strict, code: `${head}api.put('/preferences', signedIn, async (req, res) => {
  res.json(await prisma.memberSettings.update({ where: { userId: req.user.id, workspaceId: req.user.workspaceId }, data: { locale: req.body.locale } }));
});` },
    { name: 'a token for the caller that carries a value of the client is the caller\'s own', options: strict, code: `${head}api.post('/tokens', signedIn, (req, res) => {
  res.json({ token: jwt.sign({ sub: req.user.id, aud: req.body.audience }, process.env.TOKEN_SECRET) });
});` },
    { name: 'an organization check in the handler decides about the caller', options: strict, code: `${head}api.post('/projects', signedIn, (req, res) => res.json({}));
api.put('/projects/:id', signedIn, (req, res) => res.json({}));
api.post('/projects/:id/archive', signedIn, async (req, res) => {
  const project = await prisma.project.findUnique({ where: { id: req.params.id } });
  if (!project || project.orgId !== req.user.orgId) return res.status(404).end();
  res.json(await prisma.project.update({ where: { id: project.id }, data: { archived: true } }));
});` },
  ],
  invalid: [
    {
      name: 'every member projected is still an export',
      options: strict,
      code: `${head}api.get('/directory', signedIn, async (req, res) => {
  res.json(await Member.find().select('displayName email'));
});`,
      errors: [{ messageId: 'privilegedRoute', line: L, data: { method: 'GET', path: '/directory', framework: 'express', by: '`signedIn`', operation: 'answers every `member` record (`Member.find().select`)', at: `line ${String(L + 1)}` } }],
    },
    {
      name: 'removing another user of the organization by the id in the path',
      options: strict,
      code: `${head}api.delete('/people/:id', signedIn, async (req, res) => {
  await prisma.user.delete({ where: { id: req.params.id, orgId: req.user.orgId } });
  res.status(204).end();
});`,
      errors: [{ messageId: 'privilegedRoute', line: L, data: { method: 'DELETE', path: '/people/:id', framework: 'express', by: '`signedIn`', operation: 'deletes a user the client names (`prisma.user.delete`)', at: `line ${String(L + 1)}` } }],
    },
    {
      name: 'a role chosen between two literals by the request, on another user of the tenant',
      options: strict,
      code: `${head}api.post('/people/:id/access', signedIn, async (req, res) => {
  const access = req.body.owner ? 'owner' : 'viewer';
  res.json(await prisma.user.update({ where: { id: req.params.id, tenantId: req.user.tenantId }, data: { role: access } }));
});`,
      errors: [{ messageId: 'privilegedRoute', line: L, data: { method: 'POST', path: '/people/:id/access', framework: 'express', by: '`signedIn`', operation: 'writes `role` of a record the client names (`prisma.user.update`)', at: `line ${String(L + 2)}` } }],
    },
    {
      name: 'the settings of the whole workspace written by any member',
      options: strict,
      code: `${head}api.put('/workspace/billing', signedIn, async (req, res) => {
  res.json(await prisma.workspaceSettings.update({ where: { workspaceId: req.user.workspaceId }, data: { plan: String(req.body.plan) } }));
});`,
      errors: [{ messageId: 'privilegedRoute', line: L, data: { method: 'PUT', path: '/workspace/billing', framework: 'express', by: '`signedIn`', operation: 'writes the system setting `workspaceSettings` (`prisma.workspaceSettings.update`)', at: `line ${String(L + 1)}` } }],
    },
    {
      name: 'a token for another user of the tenant, with the caller recorded as the actor',
      options: strict,
      code: `${head}api.post('/people/:id/act-as', signedIn, async (req, res) => {
  const target = await prisma.user.findFirst({ where: { id: req.params.id, tenantId: req.user.tenantId } });
  res.json({ token: jwt.sign({ sub: target.id, act: req.user.id }, process.env.TOKEN_SECRET) });
});`,
      errors: [{ messageId: 'privilegedRoute', line: L, data: { method: 'POST', path: '/people/:id/act-as', framework: 'express', by: '`signedIn`', operation: 'issues a credential for a user the client names (`jwt.sign`)', at: `line ${String(L + 2)}` } }],
    },
  ],
});
