import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-open-redirect.js';

// Path-sensitive shapes seen in real sign-in flows: a value narrowed to constants, a value only used
// as a query parameter of a site-relative URL, a helper that reads one field of an object written at
// the call, and a value replaced by a validated one before it is used.
const ruleTester = new RuleTester();

const header = `import express from 'express';
const app = express();
`;

ruleTester.run('no-open-redirect (precision)', rule, {
  valid: [
    {
      name: 'a path checked to start with a literal path of this site',
      code: `import http from 'node:http';
import url from 'node:url';
http.createServer((req, res) => {
  const { pathname } = url.parse(req.url);
  if (pathname.startsWith('/downloads/')) {
    res.writeHead(302, { Location: pathname.replace('/downloads/', '/files/') });
    return res.end();
  }
  res.end('not found');
}).listen(8080);`,
    },
    // The origin the target is compared with is fixed: an environment variable or its default.
    { name: 'a parsed target checked against a configured origin with a default', code: `${header}
const APP_ORIGIN = process.env.APP_ORIGIN ?? 'https://app.example.com';
app.get('/oauth/done', (req, res) => {
  const target = new URL(String(req.query.returnTo), APP_ORIGIN);
  if (target.origin !== APP_ORIGIN) return res.redirect('/');
  res.redirect(target.toString());
});` },
    // A link or a form never sends PUT, PATCH or DELETE: a script's fetch follows the redirect without
    // navigating the victim anywhere.
    { name: 'a redirect answered to PUT only', code: `${header}
app.put('/settings', (req, res) => res.redirect(303, req.body.next));` },
    // A link or a form cannot make the victim's browser send a custom header: only the project's
    // own client (a script, a mobile app) sets it, so it chooses nothing for a phishing link.
    { name: 'a custom header set by the app\'s own client', code: `${header}
app.post('/forms/save', (req, res) => {
  const next = req.get('X-Return-To');
  if (next) return res.redirect(next);
  res.json({ ok: true });
});` },
    { name: 'a custom header read from the headers object (Koa)', code: `import Router from '@koa/router';
const router = new Router();
router.get('/continue', (ctx) => { ctx.redirect(ctx.headers['x-client-next'] || '/'); });` },
    // A value replaced by a fixed one when it fails the checks: after the `if`, it is either the
    // fixed path or a value that passed them.
    { name: 'a fallback assigned in place when the target is not a local path', code: `import Router from '@koa/router';
const router = new Router();
router.get('/go', async (ctx) => {
  let next = String(ctx.query.next || '/');
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\\\')) next = '/';
  ctx.redirect(next);
});` },
    { name: 'a fallback in a block, against an allow-list', code: `${header}
const ALLOWED = ['/home', '/settings', '/billing'];
app.get('/continue', (req, res) => {
  let target = req.query.to;
  if (!ALLOWED.includes(target)) {
    target = '/home';
  }
  res.redirect(target);
});` },
    // The Referer names the page the browser was on: a page of another site can only make it its own
    // URL, so the redirect sends the user back to where they already were (Express's own
    // `res.redirect('back')`), not from this site's link to another site.
    { name: 'back to the referrer after a form post', code: `${header}
app.post('/forms/save', (req, res) => res.redirect(req.get('referer') || '/'));` },
    { name: 'back to the referrer, read from the headers object (Koa)', code: `import Router from '@koa/router';
const router = new Router();
router.post('/cart/add', (ctx) => { ctx.redirect(ctx.headers.referer || '/cart'); });` },
    // A browser sends the host of the URL it opens: a link cannot make the Host name another site.
    { name: 'an HTTPS upgrade to the host the request was sent to', code: `${header}
app.use((req, res, next) => (req.secure ? next() : res.redirect('https://' + req.hostname + '/signin')));` },
    { name: 'the Host header', code: `${header}
app.get('/home', (req, res) => res.redirect(\`https://\${req.headers.host}/home\`));` },
    { name: 'compared with literals, redirected inside the branch', code: `${header}
app.get('/done', (req, res) => {
  const step = req.query.step;
  if (step === 'welcome' || step === 'billing') return res.redirect(step);
  res.redirect('/');
});` },
    { name: 'early return unless one of the literals', code: `${header}
app.get('/done', (req, res) => {
  const { step } = req.query;
  if (step !== 'welcome' && step !== 'billing') return res.status(400).end();
  res.redirect(step);
});` },
    { name: 'switch on the value', code: `${header}
app.get('/done', (req, res) => {
  switch (req.query.step) {
    case 'welcome':
    case 'billing':
      return res.redirect(req.query.step);
    default:
      return res.redirect('/');
  }
});` },
    { name: 'membership in an inline literal list', code: `${header}
app.get('/done', (req, res) => {
  const step = req.query.step;
  if (['welcome', 'billing'].includes(step)) res.redirect(step);
});` },
    { name: 'only a query parameter of a site-relative URL', code: `${header}
app.get('/verify', (req, res) => {
  res.redirect(\`/signin?action=\${encodeURIComponent(req.query.action)}\`);
});` },
    { name: 'next= built by URLSearchParams on a site-relative path', code: `${header}
app.get('/verify', (req, res) => {
  const params = new URLSearchParams({ next: req.query.next });
  res.redirect('/signin?' + params.toString());
});` },
    { name: 'a helper reads only the safe field of an object written at the call', code: `${header}
const SITE = 'https://blog.example.com/';
function landing({ mode, page }) {
  const url = new URL(page, SITE);
  if (mode === 'signup') url.searchParams.set('welcome', '1');
  return url.href;
}
app.get('/magic', (req, res) => {
  res.redirect(landing({ mode: req.query.mode, page: 'account/' }));
});` },
    { name: 'if (x) x = validated(x): the skipped path leaves x empty', code: `${header}
function sameSite(target) {
  if (typeof target === 'string' && target.startsWith('/') && !target.startsWith('//')) return target;
  return '/';
}
app.post('/sso/return', (req, res) => {
  let next = req.body.RelayState;
  if (next) next = sameSite(next);
  res.redirect(next || '/');
});` },
    { name: 'validated in a try whose catch throws', code: `${header}
function sameSite(target) {
  if (target.startsWith('/') && !target.startsWith('//')) return target;
  throw new Error('not on this site');
}
app.post('/sso/return', async (req, res) => {
  let next = req.body.RelayState;
  if (next) try {
    next = sameSite(next);
  } catch (error) {
    throw new Error('cannot redirect after sign-in');
  }
  await finishSignIn(req);
  if (next) return res.redirect(next);
  res.end();
});` },
    { name: 'x != null guards the reassignment', code: `${header}
function sameSite(target) {
  return target.startsWith('/') && !target.startsWith('//') ? target : '/';
}
app.get('/back', (req, res) => {
  let next = req.query.next;
  if (next != null) {
    next = sameSite(next);
  }
  res.redirect(next ?? '/');
});` },
    { name: 'reassigned by a conditional on a predicate judged by its body', code: `${header}
const HOSTS = ['app.example.com', 'docs.example.com'];
function isAllowed(target) {
  return HOSTS.includes(new URL(target).hostname);
}
app.get('/out', (req, res) => {
  let to = req.query.to;
  to = isAllowed(to) ? to : '/';
  res.redirect(to);
});` },
  ],
  invalid: [
    {
      name: 'a path checked to start with a single slash only',
      code: `import http from 'node:http';
import url from 'node:url';
http.createServer((req, res) => {
  const { pathname } = url.parse(req.url);
  if (pathname.startsWith('/')) {
    res.writeHead(302, { Location: pathname });
    return res.end();
  }
  res.end('not found');
}).listen(8080);`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
    {
      name: 'the redirect on the branch where the literal path check failed',
      code: `import http from 'node:http';
import url from 'node:url';
http.createServer((req, res) => {
  const { pathname } = url.parse(req.url);
  if (!pathname.startsWith('/downloads/')) {
    res.writeHead(302, { Location: pathname });
    return res.end();
  }
  res.end('ok');
}).listen(8080);`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
    // The replacement speaks only for the value it replaces, and only when the test fails for it.
    { name: 'a fallback for another variable leaves the target open', code: `${header}
app.get('/go', (req, res) => {
  let label = String(req.query.label);
  const next = String(req.query.next);
  if (!next.startsWith('/') || next.startsWith('//')) label = 'home';
  res.redirect(next);
});`, errors: [{ messageId: 'openRedirect', line: 8 }] },
    { name: 'a fallback whose test does not check the target', code: `${header}
app.get('/go', (req, res) => {
  let next = String(req.query.next);
  if (next.length > 200) next = '/';
  res.redirect(next);
});`, errors: [{ messageId: 'openRedirect', line: 7 }] },
    { name: 'a fallback that is request input again', code: `${header}
app.get('/go', (req, res) => {
  let next = String(req.query.next);
  if (!next.startsWith('/') || next.startsWith('//')) next = req.query.fallback;
  res.redirect(next);
});`, errors: [{ messageId: 'openRedirect', line: 7 }] },

    { name: 'compared with an origin the request chooses', code: `${header}
app.get('/oauth/done', (req, res) => {
  const origin = req.get('origin') ?? 'https://app.example.com';
  const target = new URL(String(req.query.returnTo), origin);
  if (target.origin !== origin) return res.redirect('/');
  res.redirect(target.toString());
});`, errors: [{ messageId: 'openRedirect', line: 8 }] },
    { name: 'the same handler on POST is reached by a form', code: `${header}
app.post('/settings', (req, res) => res.redirect(303, req.body.next));`, errors: [{ messageId: 'openRedirect', line: 4 }] },
    { name: 'a header read by a name the code does not show may be the referrer', code: `${header}
app.post('/forms/save', (req, res) => res.redirect(req.get(req.query.header) || '/'));`, errors: [{ messageId: 'openRedirect', line: 4 }] },
    { name: 'a proxy header: an answer built from it can poison a shared cache', code: `${header}
app.get('/old', (req, res) => res.redirect(req.headers.forwarded + '/new'));`, errors: [{ messageId: 'openRedirect', line: 4 }] },
    { name: 'a forwarded host is still a header the client writes', code: `${header}
app.get('/home', (req, res) => res.redirect(\`https://\${req.headers['x-forwarded-host']}/home\`));`, errors: [{ messageId: 'openRedirect', line: 4 }] },
    { name: 'a host taken from the query', code: `${header}
app.get('/home', (req, res) => res.redirect('https://' + req.query.host + '/home'));`, errors: [{ messageId: 'openRedirect', line: 4 }] },
    { name: 'the helper returns the tainted field', code: `${header}
function landing({ mode, page }) {
  return mode === 'signup' ? page + '?welcome=1' : page;
}
app.get('/magic', (req, res) => {
  res.redirect(landing({ mode: 'signin', page: req.query.page }));
});`, errors: [
      { messageId: 'openRedirect', line: 8, column: 16, endColumn: 65, data: { source: '`req.query.page`', sourceLine: 8, sink: 'res.redirect', sinkLine: 8, via: '' } },
    ] },
    { name: 'the object spreads request input into the field the helper reads', code: `${header}
function landing({ page }) {
  return page;
}
app.get('/magic', (req, res) => {
  res.redirect(landing({ mode: 'signin', ...req.query }));
});`, errors: [
      { messageId: 'openRedirect', line: 8, column: 16, endColumn: 57, data: { source: '`req.query`', sourceLine: 8, sink: 'res.redirect', sinkLine: 8, via: '' } },
    ] },
    { name: 'redirected after the branch that compared it', code: `${header}
app.get('/done', (req, res) => {
  const step = req.query.step;
  if (step === 'welcome') console.log('new user');
  res.redirect(step);
});`, errors: [
      { messageId: 'openRedirect', line: 7, column: 16, endColumn: 20, data: { source: '`req.query.step`', sourceLine: 5, sink: 'res.redirect', sinkLine: 7, via: '' } },
    ] },
    { name: 'reassignment under a test of another value', code: `${header}
function sameSite(target) {
  return target.startsWith('/') && !target.startsWith('//') ? target : '/';
}
app.post('/sso/return', (req, res) => {
  let next = req.body.RelayState;
  if (req.body.strict) next = sameSite(next);
  res.redirect(next);
});`, errors: [
      { messageId: 'openRedirect', line: 10, column: 16, endColumn: 20, data: { source: '`req.body.RelayState`', sourceLine: 8, sink: 'res.redirect', sinkLine: 10, via: '' } },
    ] },
    { name: 'a catch that lets the old value through', code: `${header}
function sameSite(target) {
  if (target.startsWith('/') && !target.startsWith('//')) return target;
  throw new Error('not on this site');
}
app.post('/sso/return', (req, res) => {
  let next = req.body.RelayState;
  try {
    next = sameSite(next);
  } catch (error) {
    console.warn(error);
  }
  res.redirect(next);
});`, errors: [
      { messageId: 'openRedirect', line: 15, column: 16, endColumn: 20, data: { source: '`req.body.RelayState`', sourceLine: 9, sink: 'res.redirect', sinkLine: 15, via: '' } },
    ] },
    { name: 'read in the catch, before the write may have run', code: `${header}
function sameSite(target) {
  if (target.startsWith('/') && !target.startsWith('//')) return target;
  throw new Error('not on this site');
}
app.post('/sso/return', (req, res) => {
  let next = req.body.RelayState;
  try {
    next = sameSite(next);
  } catch (error) {
    return res.redirect(next);
  }
  res.redirect(next);
});`, errors: [
      { messageId: 'openRedirect', line: 13, column: 25, endColumn: 29, data: { source: '`req.body.RelayState`', sourceLine: 9, sink: 'res.redirect', sinkLine: 13, via: '' } },
    ] },
    { name: 'if (x) x = a reshaping that validates nothing', code: `${header}
app.get('/back', (req, res) => {
  let next = req.query.next;
  if (next) next = next.trim();
  res.redirect(next);
});`, errors: [
      { messageId: 'openRedirect', line: 7, column: 16, endColumn: 20, data: { source: '`req.query.next`', sourceLine: 5, sink: 'res.redirect', sinkLine: 7, via: '' } },
    ] },
    { name: 'the value itself, not a query parameter, after a site-relative-looking prefix', code: `${header}
app.get('/verify', (req, res) => {
  res.redirect(\`\${req.query.base}/signin?action=\${req.query.action}\`);
});`, errors: [
      { messageId: 'openRedirect', line: 5, column: 19, endColumn: 33, data: { source: '`req.query.base`', sourceLine: 5, sink: 'res.redirect', sinkLine: 5, via: '' } },
      { messageId: 'openRedirect', line: 5, column: 51, endColumn: 67, data: { source: '`req.query.action`', sourceLine: 5, sink: 'res.redirect', sinkLine: 5, via: '' } },
    ] },
  ],
});
