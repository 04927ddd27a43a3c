import { RuleTester } from '@typescript-eslint/rule-tester';
import ssrf from '../../src/rules/no-ssrf.js';
import redirect from '../../src/rules/no-open-redirect.js';

// A URL's host or origin stored in a constant first, then checked against a fixed list: the check
// is one of where the URL points, as the inline form (`LIST.includes(new URL(x).origin)`) is.
const ruleTester = new RuleTester();

ruleTester.run('no-ssrf', ssrf, {
  valid: [
    {
      name: 'origin in a const, checked against a fixed array, then the URL fetched',
      code: `import express from 'express';
const app = express();
const PARTNERS = ['https://cdn.partner.example', 'https://media.example.org'];
app.post('/import', async (req, res) => {
  const source = req.body.source;
  const origin = new URL(source).origin;
  if (!PARTNERS.includes(origin)) return res.status(400).end();
  res.json(await (await fetch(source)).json());
});`,
    },
    {
      name: 'hostname in a const, checked against a fixed Set, lower-cased',
      code: `import express from 'express';
import axios from 'axios';
const app = express();
const HOOK_HOSTS = new Set(['hooks.chat.example', 'alerts.example.net']);
app.post('/hook/test', async (req, res) => {
  const { url } = req.body;
  const host = new URL(url).hostname.toLowerCase();
  if (!HOOK_HOSTS.has(host)) throw new Error('host not allowed');
  res.json((await axios.get(url)).status);
});`,
    },
    {
      name: 'hostname destructured from new URL(x)',
      code: `import express from 'express';
const app = express();
const ALLOWED = ['api.example.com'];
app.get('/proxy', async (req, res) => {
  const target = String(req.query.target);
  const { hostname } = new URL(target);
  if (!ALLOWED.includes(hostname)) return res.sendStatus(403);
  res.send(await (await fetch(target)).text());
});`,
    },
    {
      name: 'host of a parsed URL kept in a const, the parsed URL fetched',
      code: `import express from 'express';
const app = express();
const ALLOWED = ['api.example.com'];
app.get('/proxy', async (req, res) => {
  const parsed = new URL(String(req.query.target));
  const host = parsed.host;
  if (!ALLOWED.includes(host)) return res.sendStatus(403);
  res.send(await (await fetch(parsed)).text());
});`,
    },
  ],
  invalid: [
    {
      name: 'origin of ANOTHER URL checked: the fetched one is not',
      code: `import express from 'express';
const app = express();
const PARTNERS = ['https://cdn.partner.example'];
app.post('/import', async (req, res) => {
  const origin = new URL(req.body.referrer).origin;
  if (!PARTNERS.includes(origin)) return res.status(400).end();
  res.json(await fetch(req.body.source));
});`,
      errors: [{ messageId: 'ssrf', line: 7 }],
    },
    {
      name: 'origin checked against a list the request fills',
      code: `import express from 'express';
const app = express();
app.post('/import', async (req, res) => {
  const allowed = req.body.allowed;
  const origin = new URL(req.body.source).origin;
  if (!allowed.includes(origin)) return res.status(400).end();
  res.json(await fetch(req.body.source));
});`,
      errors: [{ messageId: 'ssrf', line: 7 }],
    },
    {
      name: 'origin kept in a let that is reassigned before the check',
      code: `import express from 'express';
const app = express();
const PARTNERS = ['https://cdn.partner.example'];
app.post('/import', async (req, res) => {
  const source = req.body.source;
  let origin = new URL(source).origin;
  origin = PARTNERS[0];
  if (!PARTNERS.includes(origin)) return res.status(400).end();
  res.json(await fetch(source));
});`,
      errors: [{ messageId: 'ssrf', line: 9 }],
    },
    {
      name: 'pathname in a const is no host check',
      code: `import express from 'express';
const app = express();
const PATHS = ['/status'];
app.post('/import', async (req, res) => {
  const source = req.body.source;
  const path = new URL(source).pathname;
  if (!PATHS.includes(path)) return res.status(400).end();
  res.json(await fetch(source));
});`,
      errors: [{ messageId: 'ssrf', line: 8 }],
    },
    {
      name: 'the check only logs: the fetch still runs',
      code: `import express from 'express';
const app = express();
const PARTNERS = ['https://cdn.partner.example'];
app.post('/import', async (req, res) => {
  const source = req.body.source;
  const origin = new URL(source).origin;
  if (!PARTNERS.includes(origin)) console.warn('unknown origin', origin);
  res.json(await fetch(source));
});`,
      errors: [{ messageId: 'ssrf', line: 8 }],
    },
  ],
});

ruleTester.run('no-open-redirect', redirect, {
  valid: [
    {
      name: 'origin in a const compared with a fixed origin',
      code: `import express from 'express';
const app = express();
app.get('/continue', (req, res) => {
  const to = String(req.query.to);
  const origin = new URL(to, 'https://app.example.com').origin;
  if (origin !== 'https://app.example.com') return res.redirect('/');
  res.redirect(to);
});`,
    },
  ],
  invalid: [
    {
      name: 'origin compared with another request value',
      code: `import express from 'express';
const app = express();
app.get('/continue', (req, res) => {
  const to = String(req.query.to);
  const origin = new URL(to, 'https://app.example.com').origin;
  if (origin !== req.query.expected) return res.redirect('/');
  res.redirect(to);
});`,
      errors: [{ messageId: 'openRedirect', line: 7 }],
    },
  ],
});
