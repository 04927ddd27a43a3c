import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';
import { reportingAllRoutes } from '../helpers/report-all-routes.js';

// A gate authenticates when it turns away the requests that come without a caller. Two ways a
// gate that answers 403 can fail to show that: its test hangs on a function nobody can read (a
// throttle, a feature service imported from a package), or its test is false when there is no
// caller at all (`req.user && …` only stops people who did sign in).
const ruleTester = new RuleTester();
const strict: [{ unknownAuth: 'report' }] = [{ unknownAuth: 'report' }];

ruleTester.run('a gate on a call out of view is unjudged', rule, {
  valid: [
    {
      name: 'recommended: an unjudged gate is not reported',
      code: `
import express from 'express';
import { throttle } from 'some-throttle';
const app = express();
const gate = (req, res, next) => {
  if (throttle.tooMany(req)) return res.status(403).end();
  next();
};
app.post('/notes/:id', gate, (req, res) => res.send('ok'));
`,
    },
    {
      name: 'strict: the same call answering 401 is evidence of authentication',
      options: strict,
      code: `
import express from 'express';
import { sessions } from 'some-session-store';
const app = express();
const gate = (req, res, next) => {
  if (!sessions.known(req)) return res.status(401).json({ message: 'sign in' });
  next();
};
app.post('/notes/:id', gate, (req, res) => res.send('ok'));
`,
    },
    {
      name: 'strict: a helper of this file given the request that reads the user',
      options: strict,
      code: `
import express from 'express';
const app = express();
function mayEdit(request) { return Boolean(request.user && request.user.active); }
const gate = (req, res, next) => {
  if (!mayEdit(req)) return res.sendStatus(403);
  next();
};
app.post('/notes/:id', gate, (req, res) => res.send('ok'));
`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'strict: a rate limiter of a package asked with the request, answering 403',
      options: strict,
      code: `
import express from 'express';
import { throttle } from 'some-throttle';
const app = express();
const gate = (req, res, next) => {
  if (throttle.tooMany(req)) return res.status(403).end();
  next();
};
app.post('/notes/:id', gate, (req, res) => res.send('ok'));
`,
      errors: [{
        messageId: 'unknownAuth', line: 9,
        data: { method: 'POST', path: '/notes/:id', framework: 'express', guard: 'throttle.tooMany()', source: 'package `some-throttle`' },
      }],
    },
    {
      name: 'strict: a value handed in by a parameter, asked in the handler itself',
      options: strict,
      code: `
import express from 'express';
export function mount(app, limiter) {
  app.delete('/notes/:id', (req, res) => {
    if (limiter.isLimited(req)) return res.status(403).send('slow down');
    res.send('deleted');
  });
}
`,
      errors: [{ messageId: 'unknownAuth', line: 4, data: { method: 'DELETE', path: '/notes/:id', framework: 'express', guard: 'limiter.isLimited()', source: 'a parameter' } }],
    },
    {
      name: 'strict: a helper of this file that hands the request to a call out of view',
      options: strict,
      code: `
import express from 'express';
import { quota } from 'some-quota';
const app = express();
function overQuota(request) { return quota.exceeded(request); }
app.put('/notes/:id', (req, res) => {
  if (overQuota(req)) return res.sendStatus(403);
  res.send('ok');
});
`,
      errors: [{ messageId: 'unknownAuth', line: 6, data: { method: 'PUT', path: '/notes/:id', framework: 'express', guard: 'quota.exceeded()', source: 'package `some-quota`' } }],
    },
    {
      name: 'a helper of this file given the request that reads only a setting stays reported',
      code: `
import express from 'express';
const app = express();
function frozen(request) { return request.app.locals.frozen === true; }
const gate = (req, res, next) => {
  if (frozen(req)) return res.sendStatus(403);
  next();
};
app.post('/notes/:id', gate, (req, res) => res.send('ok'));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 9, data: { method: 'POST', path: '/notes/:id', framework: 'express' } }],
    },
  ]),
});

ruleTester.run('a gate must turn away a request without a caller', rule, {
  valid: [
    {
      name: 'no user, or read-only: 403',
      code: `
import express from 'express';
const app = express();
const gate = (req, res, next) => {
  if (!req.user || req.app.locals.readOnly) return res.sendStatus(403);
  next();
};
app.post('/notes/:id', gate, (req, res) => res.send('ok'));
`,
    },
    {
      name: 'read-only, or no user: 403',
      code: `
import express from 'express';
const app = express();
const gate = (req, res, next) => {
  if (req.app.locals.readOnly || req.user == null) return res.sendStatus(403);
  next();
};
app.post('/notes/:id', gate, (req, res) => res.send('ok'));
`,
    },
    {
      name: 'a role read off the user without optional chaining fails without a user',
      code: `
import express from 'express';
const app = express();
const gate = (req, res, next) => {
  if (req.user.role !== 'editor') return res.sendStatus(403);
  next();
};
app.post('/notes/:id', gate, (req, res) => res.send('ok'));
`,
    },
    {
      name: 'a role read with optional chaining differs from the one asked for',
      code: `
import express from 'express';
const app = express();
const gate = (req, res, next) => {
  if (req.user?.role !== 'editor') return res.sendStatus(403);
  next();
};
app.post('/notes/:id', gate, (req, res) => res.send('ok'));
`,
    },
    {
      name: 'the caller let through in the consequent, 403 otherwise',
      code: `
import express from 'express';
const app = express();
const gate = (req, res, next) => {
  if (req.user?.isAdmin) { next(); } else { res.status(403).end(); }
};
app.post('/notes/:id', gate, (req, res) => res.send('ok'));
`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'signed in and read-only: anonymous callers pass',
      code: `
import express from 'express';
const app = express();
const gate = (req, res, next) => {
  if (req.user && req.app.locals.readOnly) return res.status(403).json({ message: 'read-only' });
  next();
};
app.post('/notes/:id', gate, (req, res) => res.send('ok'));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 8, data: { method: 'POST', path: '/notes/:id', framework: 'express' } }],
    },
    {
      name: 'a guest flag on a user that may be missing: anonymous callers pass',
      code: `
import express from 'express';
const app = express();
app.delete('/notes/:id', (req, res) => {
  if (req.user && !req.user.isAdmin) return res.sendStatus(403);
  res.send('deleted');
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'DELETE', path: '/notes/:id', framework: 'express' } }],
    },
    {
      name: 'a session user compared only when there is one',
      code: `
import express from 'express';
const app = express();
const gate = (req, res, next) => {
  if (req.session.userId != null && req.session.userId === req.app.locals.banned) return res.sendStatus(403);
  next();
};
app.put('/notes/:id', gate, (req, res) => res.send('ok'));
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 8, data: { method: 'PUT', path: '/notes/:id', framework: 'express' } }],
    },
    {
      name: 'Koa: a role refused only to a user in the state',
      code: `
import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
const gate = async (ctx, next) => {
  if (ctx.state.user && ctx.state.user.role === 'viewer') ctx.throw(403);
  await next();
};
router.post('/items/:id', gate, (ctx) => { ctx.body = 'ok'; });
app.use(router.routes());
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 10, data: { method: 'POST', path: '/items/:id', framework: 'koa' } }],
    },
  ]),
});
