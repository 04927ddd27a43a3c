import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-open-redirect.js';

/*
 * A whole-value test by a pattern that starts with `^\/` and then allows only characters of a
 * class without `/` or `\` (`/^\/[a-z0-9_-]*$/`) proves a path on this site, in an `if` that leaves
 * or in a `? :` that falls back to a fixed path. A class that holds `/` lets `//host` through
 * (`//1572395042` is an IPv4 address), and so do an unanchored pattern, an optional class followed by
 * a slash, and a range such as `.-~` that spans `/`.
 */

const ruleTester = new RuleTester();
const route = (body: string): string => `import express from 'express';
const app = express();
app.get('/continue', (req, res) => {
  const next = String(req.query.next ?? '');
${body}
});`;

ruleTester.run('no-open-redirect (slash patterns)', rule, {
  valid: [
    { name: 'ternary with a slashless class', code: route(`  res.redirect(/^\\/[a-z0-9_-]*$/i.test(next) ? next : '/');`) },
    { name: 'an if that leaves, one class then a slash and another', code: route(`  if (!/^\\/[a-z]+\\/[a-z0-9.]+$/.test(next)) return res.redirect('/');
  res.redirect(next);`) },
  ],
  invalid: [
    { name: 'a class that holds a slash', code: route(`  res.redirect(/^\\/[a-z0-9/_-]*$/i.test(next) ? next : '/');`), errors: [{ messageId: 'openRedirect' }] },
    { name: 'an optional class followed by a slash', code: route(`  if (!/^\\/[a-z]*\\/[a-z.]+$/.test(next)) return res.redirect('/');
  res.redirect(next);`), errors: [{ messageId: 'openRedirect' }] },
    { name: 'not anchored at the end', code: route(`  if (!/^\\/[a-z]*/.test(next)) return res.redirect('/');
  res.redirect(next);`), errors: [{ messageId: 'openRedirect' }] },
    { name: 'a range that spans the slash', code: route(`  if (!/^\\/[.-~]+$/.test(next)) return res.redirect('/');
  res.redirect(next);`), errors: [{ messageId: 'openRedirect' }] },
  ],
});
