import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * A self-contained handler needs no caller whatever its method: everything it does is in view and
 * touches nothing outside itself (no package called but a helper handed its response, no module
 * variable assigned, no session, no process call, no `fetch`), and it answers no secret. A Next.js
 * pages-router handler (every method) that answers a build number, a public setting of the
 * environment or a script made of constants is such a handler, and so is a POST that echoes what
 * it was sent. Look-alikes stay reported: any call out of view, a call named as a store write
 * (`notes.remove(id)`) whatever its body in view, a module variable or a builtin
 * object of the module changed, shared state reached through the request or the context, a
 * secret answered, and a privileged path (an admin path, a DELETE of `/:id`), where the path says
 * what the route is for.
 */

const ruleTester = new RuleTester();
const error = (line: number): { messageId: 'unauthenticatedRoute'; line: number }[] => [{ messageId: 'unauthenticatedRoute', line }];

ruleTester.run('no-unauthenticated-route (self-contained handlers)', rule, {
  valid: [
    {
      name: 'Next.js pages: a liveness probe answering a constant',
      filename: 'pages/api/ping.ts',
      code: `export default function handler(req, res) {
  res.status(200).json({ alive: true });
}`,
    },
    {
      name: 'Next.js pages: public settings of the environment, answered by a package helper handed the response',
      filename: 'pages/api/settings.ts',
      code: `import { reply, refuse } from 'http-replies';
export default async (req, res) => {
  if (req.method === 'GET') {
    return reply(res, { signupOpen: !!process.env.OPEN_SIGNUP, theme: process.env.DEFAULT_THEME });
  }
  return refuse(res);
};`,
    },
    {
      name: 'Next.js pages: a script built from module constants',
      filename: 'pages/api/embed.ts',
      code: `const PIXEL = 'https://stats.example.org/p.gif';
const RELEASE = '4.2.0';
export default function handler(req, res) {
  res.setHeader('content-type', 'text/javascript');
  const script = \`
    (() => { const img = new Image(); img.src = '\${PIXEL}?r=\${RELEASE}'; })();
  \`;
  return res.send(script.replace(/\\s\\s+/g, ''));
}`,
    },
    {
      name: 'Express: an every-method route that echoes what it was sent',
      code: `import express from 'express';
const app = express();
app.all('/api/echo', (req, res) => res.json({ received: String(req.body.message).trim(), at: new Date().toISOString() }));`,
    },
    {
      name: 'Express: an every-method route answered through a self-contained helper of the file',
      code: `import express from 'express';
const app = express();
const LABELS = ['draft', 'final'];
function describe(kind) { return { kind, known: LABELS.includes(kind) }; }
app.all('/api/describe', (req, res) => res.json(describe(req.body.kind)));`,
    },
    {
      name: 'Hono: an every-method route that previews the title it is sent',
      code: `import { Hono } from 'hono';
const app = new Hono();
app.all('/api/preview', async (c) => {
  const body = await c.req.json();
  return c.text(String(body.title).toUpperCase());
});`,
    },
  ],
  invalid: [
    {
      // A named unsafe method says what the route is for: a body that does nothing in view is a
      // stub of that write, and stays reported.
      name: 'a POST whose body touches nothing (a stub of the write its method names)',
      code: `import express from 'express';
const app = express();
app.post('/api/echo', (req, res) => res.json({ received: String(req.body.message).trim() }));`,
      errors: error(3),
    },
    {
      name: 'a Hono POST whose body touches nothing',
      code: `import { Hono } from 'hono';
const app = new Hono();
app.post('/api/preview', async (c) => {
  const body = await c.req.json();
  return c.text(String(body.title).toUpperCase());
});`,
      errors: error(3),
    },
    {
      name: 'a module variable assigned (a maintenance switch)',
      filename: 'pages/api/maintenance.ts',
      code: `let maintenance = false;
export default function handler(req, res) {
  maintenance = req.body.on === true;
  res.json({ ok: true });
}`,
      errors: error(2),
    },
    {
      name: 'a module array appended to (an in-memory store)',
      code: `import express from 'express';
const app = express();
const entries = [];
app.post('/api/guestbook', (req, res) => { entries.push(req.body); res.json({ ok: true }); });`,
      errors: error(4),
    },
    {
      name: 'a module object merged with the body',
      code: `import express from 'express';
const app = express();
const settings = { theme: 'light' };
app.post('/api/settings', (req, res) => { Object.assign(settings, req.body); res.json({ ok: true }); });`,
      errors: error(4),
    },
    {
      name: 'the process stopped',
      code: `import express from 'express';
const app = express();
app.post('/api/halt', (req, res) => { res.json({ ok: true }); process.exit(0); });`,
      errors: error(3),
    },
    {
      name: 'a fetch made',
      code: `import express from 'express';
const app = express();
app.post('/api/ping-upstream', async (req, res) => { await fetch('https://hooks.example.org/x', { method: 'POST' }); res.json({ ok: true }); });`,
      errors: error(3),
    },
    {
      name: 'a package called for its effect',
      code: `import express from 'express';
import { purgeAll } from 'edge-cache';
const app = express();
app.post('/api/purge', async (req, res) => { await purgeAll(); res.json({ ok: true }); });`,
      errors: error(4),
    },
    {
      name: 'a package helper handed the request as well as the response',
      filename: 'pages/api/relay.ts',
      code: `import { relay } from 'http-relay';
export default function handler(req, res) {
  return relay(req, res);
}`,
      errors: error(2),
    },
    {
      name: 'shared state reached through the request',
      code: `import express from 'express';
const app = express();
app.post('/api/flush', (req, res) => { req.app.locals.cache.clear(); res.json({ ok: true }); });`,
      errors: error(3),
    },
    {
      name: 'a binding of the context reached (Hono)',
      code: `import { Hono } from 'hono';
const app = new Hono();
app.post('/api/wipe', async (c) => {
  await c.env.DB.prepare('DELETE FROM drafts').run();
  return c.json({ ok: true });
});`,
      errors: error(3),
    },
    {
      name: 'the session written',
      code: `import express from 'express';
const app = express();
app.post('/api/become', (req, res) => { req.session.role = req.body.role; res.json({ ok: true }); });`,
      errors: error(3),
    },
    {
      name: 'a helper of the file that changes a module variable',
      code: `import express from 'express';
const app = express();
let hits = 0;
function reset() { hits = 0; }
app.post('/api/reset', (req, res) => { reset(); res.json({ hits }); });`,
      errors: error(5),
    },
    {
      name: 'a call named as a store write, its body a stub in view',
      code: `import express from 'express';
const app = express();
const notes = { remove: async (id) => id };
app.post('/api/notes/purge', async (req, res) => { await notes.remove(req.body.id); res.json({ ok: true }); });`,
      errors: error(4),
    },
    {
      name: 'a secret of the environment answered',
      filename: 'pages/api/keys.ts',
      code: `import { reply } from 'http-replies';
export default (req, res) => reply(res, { key: process.env.PAYMENTS_SECRET_KEY });`,
      errors: error(2),
    },
    {
      name: 'a privileged path answering a constant',
      code: `import express from 'express';
const app = express();
app.post('/admin/reindex', (req, res) => res.json({ queued: true }));`,
      errors: error(3),
    },
    {
      name: 'a DELETE of a resource by id answering a constant',
      code: `import express from 'express';
const app = express();
app.delete('/api/projects/:id', (req, res) => res.json({ deleted: true }));`,
      errors: error(3),
    },
  ],
});
