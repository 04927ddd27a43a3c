import { RuleTester } from '@typescript-eslint/rule-tester';
import redirectRule from '../../src/rules/no-open-redirect.js';
import ssrfRule from '../../src/rules/no-ssrf.js';

/*
 * An allowlist checked by a callback with alternatives: `TRUSTED.some((origin) => dest === origin ||
 * dest.startsWith(origin + '/'))`. Each alternative must hold the value to the entry: equal to it,
 * or starting with it and a `/` that ends its host (each entry a URL with a host). A prefix without
 * the slash (`https://app.example.com.evil.net` passes), an entry that is no URL with a host (`'/'`
 * makes the prefix `//`), a substring test, or an alternative that does not compare the value at all
 * leaves the value open.
 */

const ruleTester = new RuleTester();

const route = (test: string, list = "['https://hr.example.com', 'https://payroll.example.com']"): string => `const express = require('express');
const router = express.Router();
const TRUSTED = ${list};
router.get('/sso/callback', (req, res) => {
  const dest = String(req.query.RelayState);
  if (TRUSTED.some(${test})) return res.redirect(dest);
  res.redirect('/');
});
module.exports = router;
`;

const reported = (name: string, code: string) => ({ name, code, errors: [{ messageId: 'openRedirect' as const, line: 6 }] });

ruleTester.run('no-open-redirect: allowlist callbacks with alternatives', redirectRule, {
  valid: [
    { name: 'equal to an entry, or under it with the slash that ends the host', code: route("(origin) => dest === origin || dest.startsWith(origin + '/')") },
    { name: 'the same with a block body and the alternatives the other way round', code: route("function (origin) { return dest.startsWith(`${origin}/`) || origin === dest; }".replace('`${origin}/`', "origin + '/'")) },
    { name: 'the prefix alone', code: route("(origin) => dest.startsWith(origin + '/')") },
  ],
  invalid: [
    reported('a prefix without the slash after the host', route('(origin) => dest === origin || dest.startsWith(origin)')),
    reported('an entry that is no URL with a host makes the prefix `//`', route("(origin) => dest === origin || dest.startsWith(origin + '/')", "['https://hr.example.com', '/']")),
    reported('a substring test as the other alternative', route('(origin) => dest === origin || dest.includes(origin)')),
    reported('an alternative that does not compare the value', route("(origin) => dest === origin || origin.startsWith('https://')")),
  ],
});

ruleTester.run('no-ssrf: allowlist callbacks with alternatives', ssrfRule, {
  valid: [
    {
      name: 'a webhook URL equal to a partner endpoint or under it',
      code: `import express from 'express';
const PARTNERS = ['https://hooks.partner-a.example', 'https://api.partner-b.example'];
const app = express();
app.post('/webhooks/test', async (req, res) => {
  const target = String(req.body.url);
  if (!PARTNERS.some((base) => target === base || target.startsWith(base + '/'))) return res.status(400).end();
  res.json(await (await fetch(target)).json());
});`,
    },
  ],
  invalid: [
    {
      name: 'stays reported: the prefix without the slash',
      code: `import express from 'express';
const PARTNERS = ['https://hooks.partner-a.example', 'https://api.partner-b.example'];
const app = express();
app.post('/webhooks/test', async (req, res) => {
  const target = String(req.body.url);
  if (!PARTNERS.some((base) => target === base || target.startsWith(base))) return res.status(400).end();
  res.json(await (await fetch(target)).json());
});`,
      errors: [{ messageId: 'ssrf', line: 7 }],
    },
  ],
});
