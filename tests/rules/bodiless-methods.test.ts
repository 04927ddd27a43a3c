import { RuleTester } from '@typescript-eslint/rule-tester';
import xssRule from '../../src/rules/no-reflected-xss.js';
import redirectRule from '../../src/rules/no-open-redirect.js';
import ssrfRule from '../../src/rules/no-ssrf.js';
import pathRule from '../../src/rules/no-path-traversal.js';

/*
 * Reflected XSS and open redirects need the victim's own browser to send the input. A browser
 * sends a GET or HEAD without a body: a link, a redirect or a frame has none, a form with
 * `method="get"` puts its fields in the query string, and `fetch` refuses a body for those
 * methods. So on a route that answers only GET or HEAD, a field of the body is nothing another
 * site can choose for the victim (on such a route it is usually undefined anyway: the body parser
 * runs on the POST routes). Routes of every method (`all`), middleware (`use`), a handler also
 * used in another way, a method override, and the server-side kinds (an attacker sends his own GET
 * with a body) stay reported. A helper shared by a GET and a POST route is judged per call: the
 * route of the flow decides.
 */

const ruleTester = new RuleTester();

const express = `import express from 'express';
const app = express();`;

ruleTester.run('no-open-redirect (the body of a GET route)', redirectRule, {
  valid: [
    {
      name: 'GET: a body field decides the redirect',
      code: `${express}
app.get('/recipes/print', (req, res) => res.redirect(req.body.back));`,
    },
    {
      name: 'two GET routes through a same-file helper that falls back to the body',
      code: `${express}
function afterward(req) {
  if (req.originalUrl.includes('?')) return '/recipes';
  return (req.body && req.body.next) || '/recipes';
}
function showShoppingList(req, res) { res.redirect(afterward(req)); }
app.get('/shopping-list', showShoppingList);
app.get('/pantry', (req, res) => res.redirect(afterward(req)));`,
    },
    {
      name: 'GET and HEAD on a router, the handler named',
      code: `import { Router } from 'express';
const router = Router();
function jump(req, res) { res.redirect(req.body.target); }
router.get('/jump', jump);
router.head('/jump', jump);
export default router;`,
    },
  ],
  invalid: [
    {
      name: 'the helper shared by a GET and a POST route: the POST flow stays',
      code: `${express}
function afterward(req) {
  return (req.body && req.body.next) || '/recipes';
}
app.get('/pantry', (req, res) => res.redirect(afterward(req)));
app.post('/pantry', express.urlencoded({ extended: false }), (req, res) => res.redirect(afterward(req)));`,
      errors: [{ messageId: 'openRedirect', line: 7 }],
    },
    {
      name: 'a handler registered for GET and POST',
      code: `${express}
function jump(req, res) { res.redirect(req.body.target); }
app.get('/jump', jump);
app.post('/jump', jump);`,
      errors: [{ messageId: 'openRedirect', line: 3 }],
    },
    {
      name: 'app.all and app.use answer every method',
      code: `${express}
app.all('/jump', (req, res) => res.redirect(req.body.target));
app.use('/hop', (req, res) => res.redirect(req.body.target));`,
      errors: [
        { messageId: 'openRedirect', line: 3 },
        { messageId: 'openRedirect', line: 4 },
      ],
    },
    {
      name: 'GET: the query string is what a link sets',
      code: `${express}
app.get('/jump', (req, res) => res.redirect(req.query.target));`,
      errors: [{ messageId: 'openRedirect', line: 3 }],
    },
    {
      name: 'a GET handler also exported (who else calls it is not known)',
      code: `${express}
export function jump(req, res) { res.redirect(req.body.target); }
app.get('/jump', jump);`,
      errors: [{ messageId: 'openRedirect', line: 3 }],
    },
    {
      name: 'a GET handler also called by a POST handler',
      code: `${express}
function jump(req, res) { res.redirect(req.body.target); }
app.get('/jump', jump);
app.post('/jump-now', (req, res) => jump(req, res));`,
      errors: [{ messageId: 'openRedirect', line: 3 }],
    },
    {
      name: 'method-override in the file: a POST form may pass for a GET',
      code: `import express from 'express';
import methodOverride from 'method-override';
const app = express();
app.use(express.urlencoded({ extended: false }));
app.use(methodOverride('_method'));
app.get('/jump', (req, res) => res.redirect(req.body.target));`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
  ],
});

ruleTester.run('no-reflected-xss (the body of a GET route)', xssRule, {
  valid: [
    {
      name: 'GET: a body field in the HTML answer',
      code: `${express}
app.get('/recipes/card', (req, res) => res.send('<h2>' + req.body.title + '</h2>'));`,
    },
    {
      name: 'Koa router: GET reading ctx.request.body',
      code: `import Router from '@koa/router';
const router = new Router();
router.get('/recipes/card', (ctx) => { ctx.body = '<h2>' + ctx.request.body.title + '</h2>'; });
export default router;`,
    },
  ],
  invalid: [
    {
      name: 'POST: a form of another site sends the body',
      code: `${express}
app.post('/recipes/card', (req, res) => res.send('<h2>' + req.body.title + '</h2>'));`,
      errors: [{ messageId: 'reflectedXss', line: 3 }],
    },
    {
      name: 'GET: a query field in the HTML answer',
      code: `${express}
app.get('/recipes/card', (req, res) => res.send('<h2>' + req.query.title + '</h2>'));`,
      errors: [{ messageId: 'reflectedXss', line: 3 }],
    },
  ],
});

ruleTester.run('no-ssrf and no-path-traversal (the body of a GET route stays a source)', ssrfRule, {
  valid: [],
  invalid: [
    {
      code: `${express}
app.get('/preview', async (req, res) => res.json(await fetch(req.body.url)));`,
      errors: [{ messageId: 'ssrf', line: 3 }],
    },
  ],
});

ruleTester.run('no-path-traversal (the body of a GET route stays a source)', pathRule, {
  valid: [],
  invalid: [
    {
      code: `${express}
app.get('/download', (req, res) => res.sendFile(req.body.file));`,
      errors: [{ messageId: 'pathTraversal', line: 3 }],
    },
  ],
});
