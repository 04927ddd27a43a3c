import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-open-redirect.js';

/*
 * A package function that answers whether a URL stays on the site (`is_relative_url`,
 * `isLocalUrl`, `isSafeRedirect`) has its code out of view: its name, which states exactly what a
 * redirect needs, is taken as the check. A function of the file itself with such a name is judged
 * by its body, and other names of package functions prove nothing.
 *
 * The check may be written on the string the handler redirects to, a fixed text and the input
 * (`is_relative_url('/' + back)` before `` `/${back}` ``): it holds where exactly that string is
 * used, not for the bare input (`/https://elsewhere.example` is relative, `https://elsewhere.example`
 * is not) nor for the string with more text after it (an empty input turns `` `/${back}/edit` ``
 * into `//edit`).
 */
const ruleTester = new RuleTester();

const express = `const express = require('express');
const router = express.Router();
`;

ruleTester.run('no-open-redirect: relative-URL predicates of packages', rule, {
  valid: [
    {
      name: 'a required predicate on the bare value, then that value',
      code: `${express}const { isRelativeUrl } = require('@acme/url-kit');
router.post('/notes', (req, res) => {
  const next = req.query.next;
  if (next && isRelativeUrl(next)) return res.redirect(next);
  res.redirect('/notes');
});`,
    },
    {
      name: 'a helper choosing the target: the prefixed string is checked and used',
      code: `${express}const { is_relative_url } = require('@acme/web-utils/urls');
const afterSave = (req, fallback = '/settings') => {
  if (req.query.then && is_relative_url('/' + req.query.then)) {
    return \`/\${req.query.then}\`;
  }
  return fallback;
};
router.post('/settings', (req, res) => {
  res.redirect(afterSave(req));
});`,
    },
    {
      name: 'inline ternary, template checked and concatenation used',
      code: `${express}import { isLocalUrl } from 'site-links';
router.post('/tags/:id', (req, res) => {
  res.redirect(isLocalUrl(\`/\${req.query.back}\`) ? '/' + req.query.back : '/tags');
});`,
    },
    {
      name: 'a namespace member in a && || fallback',
      code: `${express}import * as links from '@acme/links';
router.post('/rows/:table', (req, res) => {
  const { back } = req.query;
  res.redirect((links.is_safe_redirect(back) && back) || '/rows');
});`,
    },
    {
      name: 'an early exit when the check fails',
      code: `${express}const { isSafeRedirectUrl } = require('redirect-guard');
router.get('/done', (req, res) => {
  const target = req.query.target;
  if (!isSafeRedirectUrl(target)) return res.redirect('/');
  res.redirect(target);
});`,
    },
  ],
  invalid: [
    {
      name: 'the prefixed string is checked but the bare value is used',
      code: `${express}const { is_relative_url } = require('@acme/web-utils/urls');
router.post('/settings', (req, res) => {
  const then = req.query.then;
  if (is_relative_url('/' + then)) return res.redirect(then);
  res.redirect('/settings');
});`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
    {
      name: 'more text after the checked string',
      code: `${express}const { is_relative_url } = require('@acme/web-utils/urls');
router.post('/settings', (req, res) => {
  const then = req.query.then;
  if (is_relative_url('/' + then)) return res.redirect(\`/\${then}/edit\`);
  res.redirect('/settings');
});`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
    {
      name: 'another prefix than the one checked',
      code: `${express}const { isRelativeUrl } = require('@acme/url-kit');
router.post('/notes', (req, res) => {
  const next = req.query.next;
  if (isRelativeUrl('/' + next)) return res.redirect('/' + '/' + next);
  res.redirect(\`//\${next}\`);
});`,
      errors: [{ messageId: 'openRedirect', line: 6 }, { messageId: 'openRedirect', line: 7 }],
    },
    {
      name: 'the redirect is on the failing side of the check',
      code: `${express}const { isRelativeUrl } = require('@acme/url-kit');
router.post('/notes', (req, res) => {
  const next = req.query.next;
  if (!isRelativeUrl(next)) return res.redirect(next);
  res.redirect('/notes');
});`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
    {
      name: 'a package function whose name says less (a well-formed URL)',
      code: `${express}const { isValidUrl } = require('@acme/url-kit');
router.post('/notes', (req, res) => {
  const next = req.query.next;
  if (isValidUrl(next)) return res.redirect(next);
  res.redirect('/notes');
});`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
    {
      name: 'a function of the file with the name is judged by its body (a single slash test)',
      code: `${express}function isRelativeUrl(url) {
  return typeof url === 'string' && url.startsWith('/');
}
router.post('/notes', (req, res) => {
  const next = req.query.next;
  if (isRelativeUrl(next)) return res.redirect(next);
  res.redirect('/notes');
});`,
      errors: [{ messageId: 'openRedirect', line: 8 }],
    },
    {
      name: 'a project file out of reach is not taken at its name',
      code: `${express}const { isRelativeUrl } = require('./url-checks');
router.post('/notes', (req, res) => {
  const next = req.query.next;
  if (isRelativeUrl(next)) return res.redirect(next);
  res.redirect('/notes');
});`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
    {
      name: 'the check is of another value',
      code: `${express}const { isRelativeUrl } = require('@acme/url-kit');
router.post('/notes', (req, res) => {
  const { next, prev } = req.query;
  if (isRelativeUrl('/' + prev)) return res.redirect(\`/\${next}\`);
  res.redirect('/notes');
});`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
  ],
});
