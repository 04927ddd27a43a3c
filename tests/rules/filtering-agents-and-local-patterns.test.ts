import { RuleTester } from '@typescript-eslint/rule-tester';
import ssrf from '../../src/rules/no-ssrf.js';
import redirect from '../../src/rules/no-open-redirect.js';
import command from '../../src/rules/no-command-injection.js';

/*
 * Guards of three kinds: a request sent through the agent of an SSRF-filtering library (which
 * refuses private addresses when it connects); a redirect target that passes an anchored pattern
 * starting with a fixed local path, or that is an exact member of the list a stored record holds
 * (an OAuth client's registered redirect URIs, found by the id the request names); and a Hapi
 * route whose Joi schema bounds a string with an anchored `pattern`.
 */

const ruleTester = new RuleTester();

const hooks = `import express from 'express';
import fetch from 'node-fetch';
import axios from 'axios';
import got from 'got';
import ssrfFilter from 'ssrf-req-filter';
import { useAgent, globalHttpAgent, globalHttpsAgent } from 'request-filtering-agent';
import https from 'node:https';
const app = express();
function vettedAgent(target: string) {
  return useAgent(target, { stopPortScanningByUrlRedirection: true });
}
`;

ruleTester.run('no-ssrf: SSRF-filtering agents', ssrf, {
  valid: [
    { name: 'node-fetch with useAgent', code: `${hooks}app.post('/ping', async (req, res) => { await fetch(req.body.endpoint, { agent: useAgent(req.body.endpoint) }); res.end(); });` },
    { name: 'through a helper that returns the agent', code: `${hooks}app.post('/ping', async (req, res) => { await fetch(req.body.endpoint, { agent: vettedAgent(req.body.endpoint) }); res.end(); });` },
    { name: 'axios with both filtering agents', code: `${hooks}app.post('/ping', async (req, res) => { await axios.post(req.body.endpoint, {}, { httpAgent: ssrfFilter(req.body.endpoint), httpsAgent: ssrfFilter(req.body.endpoint) }); res.end(); });` },
    { name: "got's agent per protocol", code: `${hooks}app.post('/ping', async (req, res) => { await got(req.body.endpoint, { agent: { http: globalHttpAgent, https: globalHttpsAgent } }); res.end(); });` },
  ],
  invalid: [
    {
      name: 'an agent of another library',
      code: `${hooks}app.post('/ping', async (req, res) => { await fetch(req.body.endpoint, { agent: new https.Agent({ keepAlive: true }) }); res.end(); });`,
      errors: [{ messageId: 'ssrf', line: 12 }],
    },
    {
      name: 'axios with the filtering agent for one protocol only',
      code: `${hooks}app.post('/ping', async (req, res) => { await axios.get(req.body.endpoint, { httpsAgent: globalHttpsAgent }); res.end(); });`,
      errors: [{ messageId: 'ssrf', line: 12 }],
    },
    {
      name: "got's agent with one protocol unfiltered",
      code: `${hooks}app.post('/ping', async (req, res) => { await got(req.body.endpoint, { agent: { http: new https.Agent(), https: globalHttpsAgent } }); res.end(); });`,
      errors: [{ messageId: 'ssrf', line: 12 }],
    },
    {
      // The agent lets public hosts through: a raw segment on a fixed origin still picks the endpoint.
      name: 'a raw path segment on a fixed origin, through a filtering agent',
      code: `${hooks}app.post('/ping', async (req, res) => { await fetch(\`https://status.vendor.example/v2/\${req.body.check}\`, { agent: useAgent('https://status.vendor.example') }); res.end(); });`,
      errors: [
        {
          messageId: 'pathInjection',
          line: 12,
          suggestions: [{ messageId: 'encodeSegment', output: `${hooks}app.post('/ping', async (req, res) => { await fetch(\`https://status.vendor.example/v2/\${encodeURIComponent(req.body.check)}\`, { agent: useAgent('https://status.vendor.example') }); res.end(); });` }],
        },
      ],
    },
  ],
});

const portal = `import express from 'express';
import { prisma } from './prisma';
const app = express();
`;

ruleTester.run('no-open-redirect: local path patterns and registered lists', redirect, {
  valid: [
    {
      name: 'a ternary on an anchored pattern that starts with a local path',
      code: `${portal}app.get('/done', (req, res) => {
  const back = String(req.query.back);
  res.redirect(typeof back === 'string' && /^\\/account\\/[\\w/-]*$/i.test(back) ? back : '/account');
});`,
    },
    {
      name: 'an if on the same pattern',
      code: `${portal}app.get('/done', (req, res) => {
  const back = String(req.query.back);
  if (!/^\\/account(?:\\/[a-z0-9-]+)*$/.test(back)) return res.redirect('/account');
  res.redirect(back);
});`,
    },
    {
      name: "an exact member of a stored client's registered redirect URIs",
      code: `${portal}app.get('/authorize', async (req, res) => {
  const { app_id, callback } = req.query as Record<string, string>;
  const integration = await prisma.integration.findUnique({ where: { appId: app_id } });
  if (!integration || !integration.callbackUrls.includes(callback)) return res.status(400).end();
  res.redirect(\`\${callback}?grant=1\`);
});`,
    },
  ],
  invalid: [
    {
      name: 'a pattern whose first character after the slash is optional',
      code: `${portal}app.get('/done', (req, res) => {
  const back = String(req.query.back);
  res.redirect(/^\\/a?[\\w/]*$/.test(back) ? back : '/account');
});`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
    {
      name: 'a pattern that starts with a class that holds the slash',
      code: `${portal}app.get('/done', (req, res) => {
  const back = String(req.query.back);
  res.redirect(/^\\/[\\w/.-]+$/.test(back) ? back : '/account');
});`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
    {
      name: 'an unanchored pattern',
      code: `${portal}app.get('/done', (req, res) => {
  const back = String(req.query.back);
  res.redirect(/\\/account\\//.test(back) ? back : '/account');
});`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
    {
      name: 'a list the request just stored, and a list the request sent',
      code: `${portal}app.get('/authorize', async (req, res) => {
  const { callback } = req.query as Record<string, string>;
  const made = await prisma.integration.create({ data: { callbackUrls: [callback] } });
  if (!made.callbackUrls.includes(callback)) return res.status(400).end();
  res.redirect(callback);
});
app.get('/authorize2', async (req, res) => {
  const { callback } = req.query as Record<string, string>;
  const allowed = String(req.query.allowed).split(',');
  if (!allowed.includes(callback)) return res.status(400).end();
  res.redirect(callback);
});`,
      errors: [{ messageId: 'openRedirect', line: 8 }, { messageId: 'openRedirect', line: 14 }],
    },
  ],
});

const media = `import Hapi from '@hapi/hapi';
import Joi from 'joi';
import { execSync } from 'node:child_process';
const server = Hapi.server();
`;

ruleTester.run('no-command-injection: Hapi routes with a Joi string pattern', command, {
  valid: [
    {
      name: 'params bounded by an anchored pattern of safe characters',
      code: `${media}server.route({
  method: 'GET',
  path: '/covers/{file}',
  options: { validate: { params: Joi.object({ file: Joi.string().pattern(/^[a-z0-9-]+\\.(png|webp)$/) }) } },
  handler: (request) => execSync(\`cwebp /srv/covers/\${request.params.file}\`).toString(),
});
server.route({
  method: 'GET',
  path: '/thumbs/{file}',
  options: { validate: { params: { file: Joi.string().regex(/^[a-z0-9]+\\.jpg$/).required() } } },
  handler: (request) => execSync(\`cjpeg /srv/thumbs/\${request.params.file}\`).toString(),
});`,
    },
  ],
  invalid: [
    {
      name: 'an unanchored pattern, and a pattern that lets shell syntax through',
      code: `${media}server.route({
  method: 'GET',
  path: '/covers/{file}/{size}',
  options: { validate: { params: Joi.object({ file: Joi.string().pattern(/[a-z]+\\.png/), size: Joi.string().pattern(/^.+$/) }) } },
  handler: (request) => execSync(\`convert /srv/covers/\${request.params.file} -resize \${request.params.size} out.png\`).toString(),
});`,
      errors: [{ messageId: 'commandInjection', line: 9 }, { messageId: 'commandInjection', line: 9 }],
    },
    {
      // An object's `pattern(keyRe, schema)` opens it to more keys: no bound on the value.
      name: 'an object pattern is no string pattern',
      code: `${media}server.route({
  method: 'GET',
  path: '/covers',
  options: { validate: { query: Joi.object({}).pattern(/^[a-z]+$/, Joi.any()) } },
  handler: (request) => execSync(\`convert \${request.query.name} out.png\`).toString(),
});`,
      errors: [{ messageId: 'commandInjection', line: 9 }],
    },
  ],
});
