import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';
import { reportingAllRoutes } from '../helpers/report-all-routes.js';

/*
 * A router mounted in a file the rule cannot see serves its paths under an unknown prefix. A public
 * path pattern that starts with `**` matches whatever that prefix is (`/health` under any mount is
 * still `**\/health`), so it applies before the mount is known; a pattern anchored at the root (`/`)
 * does not, and neither does a path that only resembles a public one.
 */

const ruleTester = new RuleTester();

const express = `import { Router } from 'express';
const router = Router();
`;

ruleTester.run('no-unauthenticated-route: public paths under an unknown mount', rule, {
  valid: [
    {
      name: 'a health check of an exported Express router',
      options: [{ reportUnresolvedMounts: true }],
      code: `${express}router.get('/health', (req, res) => res.json({ ok: true }));
export default router;`,
    },
    {
      name: 'a readiness probe of an exported Koa router',
      options: [{ reportUnresolvedMounts: true }],
      code: `import Router from '@koa/router';
export const router = new Router();
router.get('/readyz', async (ctx) => {
  ctx.status = await queue.isReady() ? 200 : 503;
});`,
    },
    {
      name: 'a path the user declares public with a leading globstar',
      options: [{ reportUnresolvedMounts: true }],
      settings: { 'api-security': { publicRoutes: ['**/catalog/**'] } },
      code: `${express}router.get('/catalog/items', (req, res) => res.json([]));
export default router;`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'the root of a router mounted elsewhere may be any resource',
      options: [{ reportUnresolvedMounts: true }],
      code: `${express}router.get('/', (req, res) => res.json([]));
export default router;`,
      errors: [{ messageId: 'unresolvedMountRoute', line: 3, data: { method: 'GET', path: '/', framework: 'express', mount: 'not found' } }],
    },
    {
      name: 'a path that only starts like a health check',
      options: [{ reportUnresolvedMounts: true }],
      code: `${express}router.post('/healthcheck-reset', (req, res) => res.json({ reset: true }));
export default router;`,
      errors: [{ messageId: 'unresolvedMountRoute', line: 3, data: { method: 'POST', path: '/healthcheck-reset', framework: 'express', mount: 'not found' } }],
    },
    {
      name: 'a user pattern anchored at the root does not apply under an unknown mount',
      options: [{ reportUnresolvedMounts: true }],
      settings: { 'api-security': { publicRoutes: ['/catalog/**'] } },
      code: `${express}router.get('/catalog/items', (req, res) => res.json([]));
export default router;`,
      errors: [{ messageId: 'unresolvedMountRoute', line: 3, data: { method: 'GET', path: '/catalog/items', framework: 'express', mount: 'not found' } }],
    },
  ]),
});
