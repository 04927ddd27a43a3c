import { RuleTester } from '@typescript-eslint/rule-tester';
import redirectRule from '../../src/rules/no-open-redirect.js';
import xssRule from '../../src/rules/no-reflected-xss.js';

/*
 * A request member the handler overwrites with a value of its own (`req.originalUrl = '/inbox'`)
 * holds that value for the reads after it, when the assignment runs on every path to the read, in
 * the same function (a callback created after it included), and for a helper of the file it hands
 * the request to afterwards. The value written is judged instead:
 * a request value written there stays a source. A second write that may come between (in a branch,
 * in another function, compound), a conditional overwrite, a read before it, and a read in a
 * function declaration (hoisted, so it may run first) keep the request's value.
 */

const ruleTester = new RuleTester();

const express = `import express from 'express';
const app = express();`;

ruleTester.run('no-open-redirect (a request member overwritten by the handler)', redirectRule, {
  valid: [
    {
      name: 'overwritten on the line before',
      code: `${express}
app.post('/mail/:box/verify', (req, res) => {
  req.originalUrl = '/inbox';
  res.redirect(req.originalUrl);
});`,
    },
    {
      name: 'overwritten with a server value, read in a callback created after it',
      code: `${express}
app.post('/mail/:box/verify', (req, res) => {
  req.originalUrl = req.app.locals.mailbox ? '/inbox' : '/';
  checkChallenge(req, res, () => { res.redirect(req.originalUrl); });
});`,
    },
    {
      name: 'a whole input object replaced, then a field of it read',
      code: `${express}
app.get('/mail/:box/compose', (req, res) => {
  req.query = { next: '/outbox' };
  res.redirect(req.query.next);
});`,
    },
    {
      name: 'a helper given the request after the overwrite',
      code: `${express}
function finish(incoming, res) { res.redirect(incoming.originalUrl); }
app.post('/mail/:box/retry', (req, res) => {
  req.originalUrl = '/mail';
  finish(req, res);
});`,
    },
  ],
  invalid: [
    {
      name: 'a helper given the request before the overwrite',
      code: `${express}
function finish(incoming, res) { res.redirect(incoming.originalUrl); }
app.post('/mail/:box/retry', (req, res) => {
  finish(req, res);
  req.originalUrl = '/mail';
});`,
      errors: [{ messageId: 'openRedirect', line: 3 }],
    },
    {
      name: 'a helper that writes the member from the request itself',
      code: `${express}
function finish(req, res) {
  req.originalUrl = req.query.back;
  res.redirect(req.originalUrl);
}
app.post('/mail/:box/retry', (req, res) => {
  req.originalUrl = '/mail';
  finish(req, res);
});`,
      errors: [{ messageId: 'openRedirect', line: 5 }],
    },
    {
      name: 'overwritten with another request value',
      code: `${express}
app.post('/mail/:box/verify', (req, res) => {
  req.originalUrl = req.query.back;
  res.redirect(req.originalUrl);
});`,
      errors: [{ messageId: 'openRedirect', line: 5 }],
    },
    {
      name: 'overwritten only in a branch',
      code: `${express}
app.post('/mail/:box/verify', (req, res) => {
  if (!req.query.keep) req.originalUrl = '/inbox';
  res.redirect(req.originalUrl);
});`,
      errors: [{ messageId: 'openRedirect', line: 5 }],
    },
    {
      name: 'read before the overwrite',
      code: `${express}
app.post('/mail/:box/verify', (req, res) => {
  res.redirect(req.originalUrl);
  req.originalUrl = '/inbox';
});`,
      errors: [{ messageId: 'openRedirect', line: 4 }],
    },
    {
      name: 'a later conditional write from the request',
      code: `${express}
app.post('/mail/:box/verify', (req, res) => {
  req.originalUrl = '/inbox';
  if (req.query.back) req.originalUrl = req.query.back;
  res.redirect(req.originalUrl);
});`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
    {
      name: 'a write in a callback that may run before the read',
      code: `${express}
app.post('/mail/:box/verify', (req, res) => {
  const restore = () => { req.originalUrl = req.query.back; };
  req.originalUrl = '/inbox';
  restore();
  res.redirect(req.originalUrl);
});`,
      errors: [{ messageId: 'openRedirect', line: 7 }],
    },
    {
      name: 'a compound write after the overwrite',
      code: `${express}
app.post('/mail/:box/verify', (req, res) => {
  req.originalUrl = '/';
  req.originalUrl += req.query.back;
  res.redirect(req.originalUrl);
});`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
    {
      name: 'a field written after the whole object was replaced',
      code: `${express}
app.all('/mail/:box/compose', (req, res) => {
  req.query = { next: '/outbox' };
  req.query.next = req.body.next;
  res.redirect(req.query.next);
});`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
    {
      name: 'read in a hoisted function declaration called before the overwrite',
      code: `${express}
app.post('/mail/:box/verify', (req, res) => {
  go();
  req.originalUrl = '/inbox';
  function go() { res.redirect(req.originalUrl); }
});`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
  ],
});

ruleTester.run('no-reflected-xss (a request member overwritten by the handler)', xssRule, {
  valid: [
    {
      name: 'the path replaced before it is echoed',
      code: `${express}
app.get('/mail/:box/help', (req, res) => {
  req.url = '/mail/help';
  // A single-quoted attribute: the URL as sent would break it, so only the overwrite makes it safe.
  res.send("<a href='" + req.url + "'>again</a>");
});`,
    },
  ],
  invalid: [
    {
      name: 'another request member is still read',
      code: `${express}
app.get('/mail/:box/help', (req, res) => {
  req.url = '/mail/help';
  res.send("<a href='" + req.originalUrl + "'>again</a>");
});`,
      errors: [{ messageId: 'reflectedXss', line: 5 }],
    },
  ],
});
