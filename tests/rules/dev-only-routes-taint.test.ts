import { RuleTester } from '@typescript-eslint/rule-tester';
import commandRule from '../../src/rules/no-command-injection.js';
import redirectRule from '../../src/rules/no-open-redirect.js';
import xssRule from '../../src/rules/no-reflected-xss.js';
import sqlRule from '../../src/rules/no-sql-injection.js';
import ssrfRule from '../../src/rules/no-ssrf.js';

/*
 * `devRoutes` is one option of every taint rule (the path rule's cases are in dev-only-routes.test.ts):
 * input read in a handler whose route is registered only under a development or test switch is
 * left out by default and reported with the rule's `devRoute` message when asked (`strict`); a
 * route under no such switch, or under one that holds in production, stays reported as usual.
 */

const ruleTester = new RuleTester();

const HEAD = `import express from 'express';
import { Pool } from 'pg';
import { exec } from 'node:child_process';
import config from './config';
const app = express();
const pool = new Pool();
app.use(express.json());`;

const flow = (source: string, sourceLine: number, sink: string, sinkLine: number, via = '') => ({ source, sourceLine, sink, sinkLine, via });

ruleTester.run('no-sql-injection: routes registered only under a development or test switch', sqlRule, {
  valid: [
    { name: 'a seeding route inside `if (config.dev)`', code: `${HEAD}
if (config.dev) {
  app.post('/testing/seed', (req, res) => pool.query('DELETE FROM ' + req.body.table));
}` },
    { name: 'NODE_ENV equal to test in an `&&`, through a helper', code: `${HEAD}
function wipe(table) { return pool.query(\`TRUNCATE \${table}\`); }
process.env.NODE_ENV === 'test' && app.post('/testing/wipe', (req, res) => wipe(req.body.table));` },
  ],
  invalid: [
    {
      name: 'the dev route, with its own message when asked (strict)',
      options: [{ devRoutes: 'report' }],
      code: `${HEAD}
if (config.dev) {
  app.post('/testing/seed', (req, res) => pool.query('DELETE FROM ' + req.body.table));
}`,
      errors: [{ messageId: 'devRoute', line: 9, column: 71, endColumn: 85, data: { ...flow('`req.body.table`', 9, 'pool.query', 9), devSwitch: '`config.dev`', devSwitchLine: 8 } }],
    },
    {
      name: 'a helper named in the dev-route message as in the plain one',
      options: [{ devRoutes: 'report' }],
      code: `${HEAD}
function wipe(table) { return pool.query(\`TRUNCATE \${table}\`); }
process.env.NODE_ENV === 'test' && app.post('/testing/wipe', (req, res) => wipe(req.body.table));`,
      errors: [{
        messageId: 'devRoute', line: 8,
        data: { ...flow('`req.body.table`', 9, 'pool.query', 8, ' through `wipe` (called on line 9 by the handler of POST /testing/wipe)'), devSwitch: "`process.env.NODE_ENV === 'test'`", devSwitchLine: 9 },
      }],
    },
    {
      name: 'stay reported: no switch, NODE_ENV not production, an inverted switch, a switch in an `||`',
      code: `${HEAD}
app.post('/a', (req, res) => pool.query('DELETE FROM ' + req.body.a));
if (process.env.NODE_ENV !== 'production') app.post('/b', (req, res) => pool.query('DELETE FROM ' + req.body.b));
if (!config.dev) app.post('/c', (req, res) => pool.query('DELETE FROM ' + req.body.c));
if (config.dev || config.admin) app.post('/d', (req, res) => pool.query('DELETE FROM ' + req.body.d));`,
      errors: [
        { messageId: 'sqlInjection', line: 8, data: flow('`req.body.a`', 8, 'pool.query', 8) },
        { messageId: 'sqlInjection', line: 9, data: flow('`req.body.b`', 9, 'pool.query', 9) },
        { messageId: 'sqlInjection', line: 10, data: flow('`req.body.c`', 10, 'pool.query', 10) },
        { messageId: 'sqlInjection', line: 11, data: flow('`req.body.d`', 11, 'pool.query', 11) },
      ],
    },
    {
      name: 'stay reported: a production route that passes its input to the helper a dev route also calls',
      code: `${HEAD}
function wipe(table) { return pool.query(\`TRUNCATE \${table}\`); }
if (config.dev) app.post('/testing/wipe', (req, res) => wipe(req.body.table));
app.post('/archive', (req, res) => wipe(req.body.archive));`,
      errors: [{ messageId: 'sqlInjectionHelper', line: 8, data: flow('`req.body.archive`', 10, 'pool.query', 8, ' through `wipe` (called on line 10 by the handler of POST /archive)') }],
    },
  ],
});

ruleTester.run('no-command-injection: routes registered only under a development or test switch', commandRule, {
  valid: [
    { name: 'a build route after an early return unless the test mode is on', code: `${HEAD}
export function mountFixtures(router, options) {
  if (!options.isTestMode) return;
  router.post('/fixtures/build', (req, res) => exec('make ' + req.body.target));
}` },
  ],
  invalid: [
    {
      name: 'the dev route, with its own message when asked (strict)',
      options: [{ devRoutes: 'report' }],
      code: `${HEAD}
export function mountFixtures(router, options) {
  if (!options.isTestMode) return;
  router.post('/fixtures/build', (req, res) => exec('make ' + req.body.target));
}`,
      errors: [{ messageId: 'devRoute', line: 10, data: { ...flow('`req.body.target`', 10, 'exec', 10), devSwitch: '`!options.isTestMode`', devSwitchLine: 9 } }],
    },
    {
      name: 'stay reported: routes after an early return when the test mode is on, and a debug flag',
      code: `${HEAD}
export function mountAdmin(router, options) {
  if (options.isTestMode) return;
  router.post('/admin/build', (req, res) => exec('make ' + req.body.target));
}
if (config.debug) app.post('/debug/build', (req, res) => exec('make ' + req.body.debug));`,
      errors: [
        { messageId: 'commandInjection', line: 10, data: flow('`req.body.target`', 10, 'exec', 10) },
        { messageId: 'commandInjection', line: 12, data: flow('`req.body.debug`', 12, 'exec', 12) },
      ],
    },
  ],
});

ruleTester.run('no-ssrf: routes registered only under a development or test switch', ssrfRule, {
  valid: [
    { name: 'a proxy of the development server, and a raw segment in a dev route', code: `${HEAD}
if (app.get('env') === 'development') {
  app.get('/dev/proxy', async (req, res) => res.send(await fetch(req.query.url)));
  app.get('/dev/user', async (req, res) => res.send(await fetch('https://api.example.com/users/' + req.query.id)));
}` },
  ],
  invalid: [
    {
      name: 'both, with the dev-route message when asked (strict)',
      options: [{ devRoutes: 'report' }],
      code: `${HEAD}
if (app.get('env') === 'development') {
  app.get('/dev/proxy', async (req, res) => res.send(await fetch(req.query.url)));
  app.get('/dev/user', async (req, res) => res.send(await fetch('https://api.example.com/users/' + req.query.id)));
}`,
      errors: [
        { messageId: 'devRoute', line: 9, data: { ...flow('`req.query.url`', 9, 'fetch', 9), devSwitch: "`app.get('env') === 'development'`", devSwitchLine: 8 } },
        { messageId: 'devRoute', line: 10, data: { ...flow('`req.query.id`', 10, 'fetch', 10), devSwitch: "`app.get('env') === 'development'`", devSwitchLine: 8 } },
      ],
    },
    {
      name: 'stay reported: the else of a production test',
      code: `${HEAD}
if (app.get('env') === 'production') app.use(express.static('dist'));
else app.get('/proxy', async (req, res) => res.send(await fetch(req.query.url)));`,
      errors: [{ messageId: 'ssrf', line: 9, data: flow('`req.query.url`', 9, 'fetch', 9), suggestions: [] }],
    },
  ],
});

ruleTester.run('no-open-redirect: routes registered only under a development or test switch', redirectRule, {
  valid: [
    { name: 'a login shortcut of the test runs', code: `${HEAD}
if (config.isTest) app.get('/testing/login', (req, res) => res.redirect(req.query.next));` },
  ],
  invalid: [
    {
      name: 'the dev route when asked, and a route under no switch',
      options: [{ devRoutes: 'report' }],
      code: `${HEAD}
if (config.isTest) app.get('/testing/login', (req, res) => res.redirect(req.query.next));
app.get('/login', (req, res) => res.redirect(req.query.next));`,
      errors: [
        { messageId: 'devRoute', line: 8, data: { ...flow('`req.query.next`', 8, 'res.redirect', 8), devSwitch: '`config.isTest`', devSwitchLine: 8 } },
        { messageId: 'openRedirect', line: 9, data: flow('`req.query.next`', 9, 'res.redirect', 9) },
      ],
    },
  ],
});

ruleTester.run('no-reflected-xss: routes registered only under a development or test switch', xssRule, {
  valid: [
    { name: 'an echo route of the end-to-end runs', code: `${HEAD}
if (process.env.APP_ENV === 'e2e') app.get('/e2e/echo', (req, res) => res.send('<p>' + req.query.text + '</p>'));` },
  ],
  invalid: [
    {
      name: 'stay reported: a production flag',
      code: `${HEAD}
if (config.production) app.get('/echo', (req, res) => res.send('<p>' + req.query.text + '</p>'));`,
      errors: [{ messageId: 'reflectedXss', line: 8, data: flow('`req.query.text`', 8, 'res.send', 8), suggestions: [] }],
    },
  ],
});
