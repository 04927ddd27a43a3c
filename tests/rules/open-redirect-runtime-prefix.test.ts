import { RuleTester } from '@typescript-eslint/rule-tester';
import rule, { type Options } from '../../src/rules/no-open-redirect.js';

/*
 * A redirect target checked with `startsWith` against a prefix. A literal prefix is judged by its
 * text: `https://app.example.com/` ends the origin, so whatever follows is a path of that site;
 * `https://app.example.com` does not (`https://app.example.com.evil.example` passes). A prefix known
 * only at run time (the site URL of the configuration, an environment variable, a function's
 * result) cannot be judged from the code: sound when its value ends with `/` after the host, an
 * open redirect when it does not. That verdict is unknown: reported with its own message when
 * `runtimePrefixes` is `report` (as `strict` sets it), not by default. A prefix the request chose,
 * or a check whose failure does not stop the redirect, proves nothing and stays reported.
 */

const ruleTester = new RuleTester();

const head = `import express from 'express';
import { config } from './config.js';
import { urls } from './urls.js';
const app = express();
`;

const checked = (prefix: string, after = "return res.redirect('/');"): string => `${head}app.get('/signin/done', (req, res) => {
  const target = String(req.query.r ?? '/');
  if (!target.startsWith(${prefix})) ${after}
  res.redirect(target);
});`;

const report: Options = [{ runtimePrefixes: 'report' }];

ruleTester.run('no-open-redirect (prefix checks)', rule, {
  valid: [
    { name: 'a literal prefix that ends the origin', code: checked(`'https://app.example.com/'`) },
    { name: 'the site URL of the configuration (unknown: not reported by default)', code: checked('config.siteUrl') },
    { name: 'a function that returns the site URL, the check throwing', code: checked('urls.siteUrl()', "throw new Error('not this site');") },
    { name: 'an environment variable', code: checked('process.env.PUBLIC_URL') },
    {
      name: 'a constant read from the configuration, in a ternary',
      code: `${head}const SITE = config.get('site.url');
app.get('/signin/done', (req, res) => {
  const target = String(req.query.r ?? '/');
  res.redirect(target.startsWith(SITE) ? target : '/');
});`,
    },
  ],
  invalid: [
    {
      name: 'a literal prefix without the slash after the host',
      code: checked(`'https://app.example.com'`),
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'the site URL of the configuration, with runtimePrefixes: report',
      code: checked('config.siteUrl'),
      options: report,
      errors: [
        {
          messageId: 'runtimePrefix',
          data: { source: '`req.query.r`', sourceLine: 6, sink: 'res.redirect', sinkLine: 8, prefix: '`config.siteUrl`', prefixLine: 7, via: '' },
        },
      ],
    },
    {
      name: 'a function result, with runtimePrefixes: report',
      code: checked('urls.siteUrl()', "throw new Error('not this site');"),
      options: report,
      errors: [{ messageId: 'runtimePrefix' }],
    },
    {
      name: 'a prefix the request chose',
      code: checked('String(req.query.base)'),
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'a prefix from a request header',
      code: checked(`req.get('origin')`),
      options: report,
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'a check whose failure does not stop the redirect',
      code: checked('config.siteUrl', "console.warn('redirect off the site', target);"),
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'a check whose failure does not stop the redirect, with runtimePrefixes: report',
      code: checked('config.siteUrl', "console.warn('redirect off the site', target);"),
      options: report,
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'a prefix that is the target itself',
      code: checked('target'),
      options: report,
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'a prefix cut from the target',
      code: checked('target.slice(0, 24)'),
      options: report,
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'the check on another value than the one redirected to',
      code: `${head}app.get('/signin/done', (req, res) => {
  const target = String(req.query.r ?? '/');
  const other = String(req.query.s ?? '/');
  if (!other.startsWith(config.siteUrl)) return res.redirect('/');
  res.redirect(target);
});`,
      errors: [{ messageId: 'openRedirect' }],
    },
  ],
});
