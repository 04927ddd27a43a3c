import { RuleTester } from '@typescript-eslint/rule-tester';
import redirectRule from '../../src/rules/no-open-redirect.js';
import xssRule from '../../src/rules/no-reflected-xss.js';

/*
 * The method of a registration is plain even when its path is not one the route model reads
 * (`app.get(prefix + 'print', …)`, a path joined at run time). A handler used only by GET or HEAD
 * registrations gets no body from a victim's browser, as on a route with a static path; one used
 * only by PUT, PATCH or DELETE is never rendered by a navigation. Any other use keeps it reported.
 */

const ruleTester = new RuleTester();

const server = `import express from 'express';
const app = express();
const base = process.env.BASE_PATH || '/';`;

ruleTester.run('no-open-redirect (GET registrations on joined paths)', redirectRule, {
  valid: [
    {
      name: 'a named handler registered by GET on a joined path',
      code: `${server}
function printRecipe(req, res) { res.redirect(req.body.back); }
app.get(base + 'recipes/print', printRecipe);
app.head(base + 'recipes/print', printRecipe);`,
    },
    {
      name: 'an inline handler of a GET on a joined path, after a middleware',
      code: `${server}
app.get(base + 'auth-callback', (req, res, next) => next(), function (req, res) {
  res.redirect(base + (req.body.urlargs || ''));
});`,
    },
    {
      name: 'a handler stored in a member of a factory\'s object, registered by GET on joined paths in a loop',
      code: `${server}
export function createSite(pages) {
  const site = {};
  site.jumpTo = function (req, res) {
    const target = pages[req.path.slice(1)];
    if (!target) return res.sendStatus(404);
    res.redirect(target + (req.body.extra || ''));
  };
  for (const key of Object.keys(pages)) app.get(base + key, site.jumpTo);
  return site;
}`,
    },
  ],
  invalid: [
    {
      name: 'look-alike: a member handler also registered by POST',
      code: `${server}
export function createSite(pages) {
  const site = {};
  site.jumpTo = function (req, res) { res.redirect(pages.home + req.body.extra); };
  app.get(base + 'jump', site.jumpTo);
  app.post(base + 'jump', site.jumpTo);
  return site;
}`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
    {
      name: 'look-alike: a member handler also called directly (the caller\'s request may have a body)',
      code: `${server}
const site = {};
site.jumpTo = function (req, res) { res.redirect(req.body.next); };
app.get(base + 'jump', site.jumpTo);
app.post(base + 'login', (req, res) => site.jumpTo(req, res));`,
      errors: [{ messageId: 'openRedirect', line: 5 }],
    },
    {
      name: 'look-alike: a member handler its object hands out by a computed key',
      code: `${server}
const site = {};
site.jumpTo = function (req, res) { res.redirect(req.body.next); };
app.get(base + 'jump', site.jumpTo);
for (const key of ['jumpTo']) app.post(base + key, site[key]);`,
      errors: [{ messageId: 'openRedirect', line: 5 }],
    },
    {
      name: 'look-alike: a member handler named by a string key elsewhere in the file',
      code: `${server}
const site = {};
site.jumpTo = function (req, res) { res.redirect(req.body.next); };
app.get(base + 'jump', site.jumpTo);
const handlers = { other: site['jumpTo'] };
app.post(base + 'other', handlers.other);`,
      errors: [{ messageId: 'openRedirect', line: 5 }],
    },
    {
      name: 'look-alike: a member handler registered with use (every method)',
      code: `${server}
const site = {};
site.jumpTo = function (req, res) { res.redirect(req.body.next); };
app.use(base + 'jump', site.jumpTo);`,
      errors: [{ messageId: 'openRedirect', line: 5 }],
    },
    {
      name: 'the same handler also registered by POST',
      code: `${server}
function printRecipe(req, res) { res.redirect(req.body.back); }
app.get(base + 'recipes/print', printRecipe);
app.post(base + 'recipes/print', printRecipe);`,
      errors: [{ messageId: 'openRedirect', line: 4 }],
    },
    {
      name: 'registered for every method',
      code: `${server}
function printRecipe(req, res) { res.redirect(req.body.back); }
app.all(base + 'recipes/print', printRecipe);`,
      errors: [{ messageId: 'openRedirect', line: 4 }],
    },
    {
      name: 'exported as well: who else calls it is not known',
      code: `${server}
export function printRecipe(req, res) { res.redirect(req.body.back); }
app.get(base + 'recipes/print', printRecipe);`,
      errors: [{ messageId: 'openRedirect', line: 4 }],
    },
    {
      name: 'a GET on a joined path, but the query decides',
      code: `${server}
app.get(base + 'recipes/print', (req, res) => res.redirect(req.query.back));`,
      errors: [{ messageId: 'openRedirect', line: 4 }],
    },
    {
      name: 'a first argument that is a function is no path: not a registration',
      code: `${server}
function printRecipe(req, res) { res.redirect(req.body.back); }
const routes = new Map();
routes.get(() => 'x', printRecipe);`,
      errors: [{ messageId: 'openRedirect', line: 4 }],
    },
  ],
});

ruleTester.run('no-reflected-xss (registrations on joined paths)', xssRule, {
  valid: [
    {
      name: 'a DELETE on a joined path is not rendered by a navigation',
      code: `${server}
app.delete(base + 'notes/:id', (req, res) => res.send('<p>Deleted ' + req.query.title + '</p>'));`,
    },
    {
      name: 'a GET on a joined path: the body is no input of another site',
      code: `${server}
app.get(base + 'notes/preview', (req, res) => res.send('<h1>' + req.body.title + '</h1>'));`,
    },
  ],
  invalid: [
    {
      name: 'a POST on a joined path: a form of another site sends the body',
      code: `${server}
app.post(base + 'notes/preview', (req, res) => res.send('<h1>' + req.body.title + '</h1>'));`,
      errors: [{ messageId: 'reflectedXss', line: 4 }],
    },
  ],
});
