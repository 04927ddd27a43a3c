import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * A handler that compares a credential the request sent (a key header, a `key` or `secret` query
 * parameter) with a secret of the server, and answers 401 or throws when they differ, authenticates
 * the request itself. Compared with another request value, with a literal only being present, or
 * with a failure that neither answers 401 nor throws outright, it does not.
 */

const ruleTester = new RuleTester();

const route = (check: string): string => `import express from 'express';
import { reloadTemplates } from './templates.js';
const app = express();
app.post('/templates/reload', (req, res) => {
  ${check}
  reloadTemplates();
  res.send('reloaded');
});`;

ruleTester.run('no-unauthenticated-route (a handler comparing a sent secret)', rule, {
  valid: [
    {
      name: 'a throw on a wrong secret inside a try whose catch answers and leaves',
      code: route("try {\n    if (req.query.secret !== process.env.HOOK_SECRET) throw new Error('forbidden');\n  } catch (err) {\n    return res.status(403).json({ error: String(err) });\n  }"),
    },
    {
      name: 'a sent key with an empty default, compared with the secret',
      code: route("const sent = req.get('x-reload-key') ?? '';\n  if (sent !== process.env.RELOAD_KEY) return res.status(401).end();"),
    },
    { name: 'a key header compared with the environment, 401 on a mismatch', code: route("if (req.headers['x-reload-key'] !== process.env.RELOAD_KEY) return res.status(401).end();") },
    { name: 'a key query parameter compared with the configuration', code: `const config = { reloadKey: process.env.RELOAD_KEY };\n${route("if (req.query.key !== config.reloadKey) return res.status(401).send('bad key');")}` },
    { name: 'the comparison inside an or, the answer in a block', code: route("if (!req.query.secret || req.query.secret !== process.env.RELOAD_SECRET) { res.status(401).json({ error: 'unauthorized' }); return; }") },
    { name: 'a secret query parameter compared with the environment, an error thrown on a mismatch', code: route("if (req.query.secret !== process.env.RELOAD_SECRET) throw new Error('forbidden');") },
    { name: 'a key header compared, a custom error thrown after a log line', code: route("if (req.get('x-api-key') !== settings.apiKey) { console.warn('bad key'); throw new BadKey(); }").replace('const app = express();', 'const app = express();\nclass BadKey extends Error {}\nconst settings = { apiKey: process.env.API_KEY };') },
  ],
  invalid: [
    {
      name: 'a throw on a wrong secret inside a try whose catch only logs (the handler goes on)',
      code: route("try {\n    if (req.query.secret !== process.env.HOOK_SECRET) throw new Error('forbidden');\n  } catch (err) {\n    console.warn('reload without a valid secret', err);\n  }"),
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'a sent key that falls back to the server secret itself when the request sends none',
      code: route("const sent = req.get('x-reload-key') ?? process.env.RELOAD_KEY;\n  if (sent !== process.env.RELOAD_KEY) return res.status(401).end();"),
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'a middleware whose sent key falls back to the configured key with ||',
      code: `import express from 'express';
const app = express();
const config = { partnerKey: process.env.PARTNER_KEY };
function partners(req, res, next) {
  const key = req.headers['x-partner-key'] || config.partnerKey;
  if (key !== config.partnerKey) return res.status(401).json({ error: 'bad key' });
  next();
}
app.post('/partners/orders/:id/cancel', partners, (req, res) => res.json({ cancelled: req.params.id }));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 9 }],
    },
    {
      name: 'a key compared with a variable the framework builds into the browser bundle (public)',
      code: route("if (req.headers['x-widget-key'] !== process.env.NEXT_PUBLIC_WIDGET_KEY) return res.status(401).end();"),
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'a key compared with a Vite client variable',
      code: route("if (req.query.key !== process.env['VITE_MAP_KEY']) return res.status(401).end();"),
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'a key compared with another value the request sent',
      code: route("if (req.query.key !== req.body.key) return res.status(401).end();"),
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'a key only required to be present',
      code: route("if (req.headers['x-reload-key'] === undefined) return res.status(401).end();"),
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'a mismatch that is only logged',
      code: route("if (req.headers['x-reload-key'] !== process.env.RELOAD_KEY) console.warn('bad reload key');"),
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'another request value compared, an error thrown on a mismatch',
      code: route("if (req.query.secret !== req.query.confirm) throw new Error('mismatch');"),
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'an error thrown only in a nested condition of the mismatch',
      code: route("if (req.query.secret !== process.env.RELOAD_SECRET) { if (process.env.STRICT) throw new Error('forbidden'); }"),
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'an error made but not thrown on a mismatch',
      code: route("if (req.query.secret !== process.env.RELOAD_SECRET) console.error(new Error('forbidden'));"),
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'a name that is no credential compared with the configuration',
      code: route("if (req.query.team !== process.env.TEAM) return res.status(401).end();"),
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
  ],
});
