import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * A public flow named by its first words with more after them: `loginWithEmail`,
 * `signInWithPassword`, `registerAccount`, `resetPasswordRequest`, `POST /login-safe`. The words
 * after the flow must say how it is done (credential, channel, step); an action on whom or what
 * else (`loginAs`, `registerDevice`) is not public by its name.
 */

const ruleTester = new RuleTester();
const ACTIONS = 'app/(auth)/actions.ts';

const action = (name: string): string => `'use server';
import { db } from '@/lib/db';
export async function ${name}(formData: FormData) {
  await db.audit.create({ data: { event: '${name}', email: String(formData.get('email')) } });
}
`;

ruleTester.run('public flows named by their first words', rule, {
  valid: [
    { name: 'loginWithEmail', filename: ACTIONS, code: action('loginWithEmail') },
    { name: 'signInWithPassword', filename: ACTIONS, code: action('signInWithPassword') },
    { name: 'registerAccount', filename: ACTIONS, code: action('registerAccount') },
    { name: 'resetPasswordRequest', filename: ACTIONS, code: action('resetPasswordRequest') },
    { name: 'loginSafe', filename: ACTIONS, code: action('loginSafe') },
    {
      name: 'an Express route whose last segment starts with the flow',
      code: `
import express from 'express';
const app = express();
app.post('/api/login-with-magic-link', (req, res) => res.json({ sent: true }));
app.post('/api/forgot-password-request', (req, res) => res.json({ sent: true }));
`,
    },
  ],
  invalid: [
    {
      name: 'loginAs: an administrator acting as a user',
      filename: ACTIONS,
      code: action('loginAs'),
      errors: [{ messageId: 'unauthenticatedServerAction', line: 3, data: { action: 'server action `loginAs` (app/(auth)/actions.ts)' } }],
    },
    {
      name: 'registerDevice: what is registered is not an account',
      filename: ACTIONS,
      code: action('registerDevice'),
      errors: [{ messageId: 'unauthenticatedServerAction', line: 3, data: { action: 'server action `registerDevice` (app/(auth)/actions.ts)' } }],
    },
    {
      name: 'signInAsUser',
      filename: ACTIONS,
      code: action('signInAsUser'),
      errors: [{ messageId: 'unauthenticatedServerAction', line: 3 }],
    },
    {
      name: 'routes that start with a flow word but act on something else',
      code: `
import express from 'express';
const app = express();
app.post('/users/:id/login-as', (req, res) => res.json({ ok: true }));
app.post('/register-webhook', (req, res) => res.json({ ok: true }));
`,
      errors: [
        { messageId: 'unauthenticatedRoute', line: 4, data: { method: 'POST', path: '/users/:id/login-as', framework: 'express' } },
        { messageId: 'unauthenticatedRoute', line: 5, data: { method: 'POST', path: '/register-webhook', framework: 'express' } },
      ],
    },
    {
      name: 'with the default public paths dropped, a flow name is not public either',
      filename: ACTIONS,
      options: [{ ignoreDefaultPublicRoutes: true }],
      code: action('loginWithEmail'),
      errors: [{ messageId: 'unauthenticatedServerAction', line: 3 }],
    },
  ],
});
