import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';
import { reportingAllRoutes } from '../helpers/report-all-routes.js';

// Some frameworks put the caller in an `accountability` object of the request (a Directus-style
// extension: `req.accountability` with `user`, `role` and `admin`). It is the principal: a gate on
// it is a gate on the caller; a gate on anything else beside it is not.
const ruleTester = new RuleTester();
const all: [{ reportRoutes: 'all' }] = [{ reportRoutes: 'all' }];

ruleTester.run('an accountability object of the request is the principal', rule, {
  valid: [
    {
      options: all,
      name: 'no accountability: 401',
      code: `
import express from 'express';
const router = express();
router.post('/reports/:id', (req, res) => {
  if (!req.accountability) return res.status(401).json({ error: 'sign in' });
  res.send('ok');
});
`,
    },
    {
      options: all,
      name: 'the accountability taken out of the request, no user in it: forbidden',
      code: `
import express from 'express';
const router = express();
router.post('/reports/:id', (req, res) => {
  const { accountability } = req;
  if (!accountability?.user) throw new Error('forbidden');
  res.send('ok');
});
`,
    },
    {
      options: all,
      name: 'the accountability in a local, not an administrator: 403',
      code: `
import express from 'express';
const router = express();
router.delete('/reports/:id', (req, res) => {
  const who = req.accountability;
  if (who?.admin !== true) return res.sendStatus(403);
  res.send('deleted');
});
`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'another object taken out of the request is no principal',
      code: `
import express from 'express';
const router = express();
router.post('/reports/:id', (req, res) => {
  const { settings } = req;
  if (!settings?.reportsEnabled) return res.sendStatus(403);
  res.send('ok');
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'POST', path: '/reports/:id', framework: 'express' } }],
    },
    {
      name: 'a service built with the accountability is not the caller: a 403 on the record it reads is no gate',
      code: `
import express from 'express';
const router = express();
router.get('/versions/:id/compare', async (req, res) => {
  const service = new VersionsService({ accountability: req.accountability });
  const version = await service.readOne(req.params.id);
  if (!version.item) return res.status(403).json({ reason: 'no item' });
  res.json(version);
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'GET', path: '/versions/:id/compare', framework: 'express' } }],
    },
    {
      name: 'the accountability present and read-only: anonymous accountability passes',
      code: `
import express from 'express';
const router = express();
router.post('/reports/:id', (req, res) => {
  if (req.accountability?.user && req.app.locals.readOnly) return res.sendStatus(403);
  res.send('ok');
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'POST', path: '/reports/:id', framework: 'express' } }],
    },
  ]),
});
