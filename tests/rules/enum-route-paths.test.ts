import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * TypeScript code often names its route paths and mount prefixes with a string enum
 * (`enum Prefix { Web = '/-/web' }`, `app.post(Paths.Login, …)`). A member with a string
 * initialiser is as constant as a string literal: the route's path is known, so public-path
 * patterns (login, health) apply to it and messages name it. A numeric member, a member without
 * an initialiser, an enum declared in more than one place, or a member computed at run time
 * stays a path that is not static.
 */

const ruleTester = new RuleTester();

ruleTester.run('no-unauthenticated-route (string enum paths)', rule, {
  valid: [
    {
      name: 'Fastify: a plugin registered under an enum prefix, and a template with an enum member',
      code: `import Fastify from 'fastify';
const enum Prefix { Web = '/-/web', Api = '/api' }
const app = Fastify();
app.register(async (instance) => {
  instance.post('/login', async (request) => store.save(request.body));
}, { prefix: Prefix.Web });
app.get(\`\${Prefix.Api}/health\`, async () => ({ ok: true }));`,
    },
  ],
  invalid: [
    {
      name: 'the path is named in the message',
      code: `import express from 'express';
enum Paths { Users = '/users' }
const app = express();
app.delete(\`\${Paths.Users}/:id\`, (req, res) => res.end());`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'DELETE', path: '/users/:id', framework: 'express' } }],
    },
    {
      name: 'numeric members, members without an initialiser and merged enums stay dynamic',
      code: `import Fastify from 'fastify';
enum Numbered { Web = 1 }
enum Bare { Web }
enum Merged { Web = '/-/web' }
enum Merged { Api = '/api' }
const app = Fastify();
app.register(async (instance) => {
  instance.post('/login', async (request) => store.save(request.body));
}, { prefix: Numbered.Web });
app.register(async (instance) => {
  instance.post('/login', async (request) => store.save(request.body));
}, { prefix: Bare.Web });
app.register(async (instance) => {
  instance.post('/login', async (request) => store.save(request.body));
}, { prefix: Merged.Web });`,
      errors: [
        { messageId: 'unauthenticatedRoute', line: 8, data: { method: 'POST', path: '(dynamic path)', framework: 'fastify' } },
        { messageId: 'unauthenticatedRoute', line: 11, data: { method: 'POST', path: '(dynamic path)', framework: 'fastify' } },
        { messageId: 'unauthenticatedRoute', line: 14, data: { method: 'POST', path: '(dynamic path)', framework: 'fastify' } },
      ],
    },
  ],
});
