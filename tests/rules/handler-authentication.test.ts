import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';
import { reportingAllRoutes } from '../helpers/report-all-routes.js';

/*
 * A handler that authenticates the request itself: it computes a value from what the request sent
 * (a signature over the raw body, an API key from a header, looked up) and answers 401
 * Unauthorized when that fails. The 401 is the evidence, whatever the verifying call is named; a
 * 400 is input handling, and a 401 about something the request did not send proves nothing.
 */

const ruleTester = new RuleTester();

const head = `import express from 'express';
import { providers, loadSettings } from './deploy.js';
const app = express();
`;

ruleTester.run('no-unauthenticated-route: handlers that authenticate the request', rule, {
  valid: [
    {
      name: 'a webhook whose signature a provider client checks, answering 401',
      code: `${head}app.post('/hooks/:provider', async (req, res) => {
  const client = providers[req.params.provider];
  const headers = { ...req.headers };
  const event = client.checkAndDecode(req.rawBody, headers);
  if (!event) return res.sendStatus(401);
  await client.handle(event);
  res.sendStatus(204);
});`,
    },
    {
      name: 'an API key from a header, looked up, answering 401',
      code: `${head}app.get('/exports', async (req, res) => {
  const key = await lookupKey(req.get('x-api-key'));
  if (key === null) {
    res.status(401).json({ error: 'unknown key' });
    return;
  }
  res.json(await buildExport(key.accountId));
});`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'a value computed from the body, answering 400',
      code: `${head}app.post('/hooks/:provider', async (req, res) => {
  const event = providers[req.params.provider].decode(req.body);
  if (!event) return res.sendStatus(400);
  res.sendStatus(204);
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'a 401 about something the request did not send',
      code: `${head}app.get('/exports', async (req, res) => {
  const settings = await loadSettings();
  if (!settings.exportsEnabled) return res.sendStatus(401);
  res.json(await buildExport());
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
  ]),
});
