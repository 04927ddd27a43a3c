import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * koa-passport is passport for Koa: `passport.authenticate('jwt', { session: false })` in front of a
 * route authenticates it (401 on a failed strategy), as passport's does for Express. Its
 * `initialize()` and `session()` reject nobody, and the `anonymous` strategy lets everyone in.
 */

const ruleTester = new RuleTester();

const header = `import Koa from 'koa';
import Router from '@koa/router';
import passport from 'koa-passport';
const app = new Koa();
const router = new Router();
app.use(passport.initialize());
`;

ruleTester.run('no-unauthenticated-route (koa-passport)', rule, {
  valid: [
    {
      name: 'authenticate with a strategy on the route',
      options: [{ unknownAuth: 'report' }],
      code: `${header}router.delete('/loans/:id', passport.authenticate('jwt', { session: false }), async (ctx) => { ctx.body = { removed: ctx.params.id }; });
app.use(router.routes());`,
    },
    {
      name: 'authenticate held in a constant and used on the router',
      options: [{ unknownAuth: 'report' }],
      code: `${header}const signedIn = passport.authenticate('jwt', { session: false });
router.use(signedIn);
router.post('/loans', async (ctx) => { ctx.body = ctx.request.body; });
app.use(router.routes());`,
    },
  ],
  invalid: [
    {
      name: 'initialize() and session() alone authenticate nobody',
      options: [{ unknownAuth: 'report' }],
      code: `${header}app.use(passport.session());
router.delete('/loans/:id', async (ctx) => { ctx.body = { removed: ctx.params.id }; });
app.use(router.routes());`,
      errors: [{ messageId: 'unauthenticatedRoute' }],
    },
  ],
});
