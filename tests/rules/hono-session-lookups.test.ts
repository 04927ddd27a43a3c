import { RuleTester } from '@typescript-eslint/rule-tester';
import authRule, { type Options as AuthOptions } from '../../src/rules/no-unauthenticated-route.js';
import roleRule from '../../src/rules/require-role-check.js';

/*
 * Hono answers with the status after the body (`c.json({ error }, 401)`, `c.text('no', 401)`,
 * `c.body(null, 401)`), and reads cookies with `getCookie(c, name)` of `hono/cookie`: a middleware
 * (plain, or made with `createMiddleware` of `hono/factory`) that looks the session cookie up in a
 * store and answers 401 when nothing is found authenticates, and an admin route behind it is judged
 * by require-role-check. A cookie that is no credential (`lang`), a session cookie only tested for
 * presence, or a lookup whose failure answers something else than 401 authenticates nobody.
 */
const ruleTester = new RuleTester();
const head = `import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { logins, catalog } from './stores.js';
const app = new Hono();
`;
const all: AuthOptions = [{ reportRoutes: 'all' }];
const route = (guard: string): string => `app.get('/admin/metrics', ${guard}, async (c) => c.json(await catalog.metrics()));`;

ruleTester.run('no-unauthenticated-route (Hono session lookups)', authRule, {
  valid: [
    {
      name: 'createMiddleware around a lookup of the sid cookie that answers 401 with c.json',
      options: all,
      code: `${head}const signedIn = createMiddleware(async (c, next) => {
  const sid = getCookie(c, 'sid');
  const login = sid ? await logins.find(sid) : null;
  if (!login) return c.json({ error: 'unauthorized' }, 401);
  c.set('login', login);
  await next();
});
${route('signedIn')}`,
    },
    {
      name: 'a plain middleware, a session cookie looked up, 401 answered with c.text',
      options: all,
      code: `${head}async function signedIn(c, next) {
  const login = await logins.find(getCookie(c, 'session'));
  if (!login) return c.text('sign in first', 401);
  await next();
}
${route('signedIn')}`,
    },
  ],
  invalid: [
    {
      name: 'stays reported: a lookup by a cookie that is no credential (the language) proves nothing',
      options: all,
      code: `${head}async function withLocale(c, next) {
  const lang = getCookie(c, 'lang');
  const locale = await catalog.locale(lang);
  if (!locale) return c.json({ error: 'unknown locale' }, 401);
  await next();
}
${route('withLocale')}`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 12 }],
    },
    {
      name: 'stays reported: the session cookie only tested for presence (anyone can send one)',
      options: all,
      code: `${head}const signedIn = createMiddleware(async (c, next) => {
  const sid = getCookie(c, 'sid');
  if (!sid) return c.json({ error: 'unauthorized' }, 401);
  await next();
});
${route('signedIn')}`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 11 }],
    },
    {
      name: 'stays reported: the lookup fails with a 200 answer, which turns nobody away',
      options: all,
      code: `${head}const signedIn = createMiddleware(async (c, next) => {
  const login = await logins.find(getCookie(c, 'sid'));
  if (!login) return c.json({ error: 'unauthorized' }, 200);
  await next();
});
${route('signedIn')}`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 11 }],
    },
  ],
});

ruleTester.run('require-role-check (Hono session lookups)', roleRule, {
  valid: [
    {
      name: 'the admin route behind the session lookup tests the role itself (403 with c.json)',
      code: `${head}const signedIn = createMiddleware(async (c, next) => {
  const login = await logins.find(getCookie(c, 'sid'));
  if (!login) return c.json({ error: 'unauthorized' }, 401);
  c.set('login', login);
  await next();
});
app.get('/admin/metrics', signedIn, async (c) => {
  if (c.get('login').role !== 'admin') return c.json({ error: 'forbidden' }, 403);
  return c.json(await catalog.metrics());
});`,
    },
  ],
  invalid: [
    {
      name: 'the admin route behind the session lookup, with no role check',
      code: `${head}const signedIn = createMiddleware(async (c, next) => {
  const login = await logins.find(getCookie(c, 'sid'));
  if (!login) return c.json({ error: 'unauthorized' }, 401);
  c.set('login', login);
  await next();
});
${route('signedIn')}`,
      errors: [{ messageId: 'missingRoleCheck', line: 12 }],
    },
  ],
});
