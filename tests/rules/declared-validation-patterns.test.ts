import { RuleTester } from '@typescript-eslint/rule-tester';
import pathRule from '../../src/rules/no-path-traversal.js';
import commandRule from '../../src/rules/no-command-injection.js';
import nosqlRule from '../../src/rules/no-nosql-injection.js';

/*
 * Fastify route schemas that constrain a string (`pattern`, judged as a regular expression test
 * is), and the same schemas built with TypeBox (`Type.Object`, `Type.String({ pattern })`,
 * `Type.Integer()`, `Type.Union([Type.Literal(..)])`, `format: 'uuid'`). Ajv runs them before the
 * handler, so a value that reaches it matches them.
 */

const ruleTester = new RuleTester();

const fastifyFs = `import Fastify from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
const app = Fastify();
const ROOT = '/srv/files';
`;
const fastifyExec = `import Fastify from 'fastify';
import { Type } from '@sinclair/typebox';
import { exec } from 'node:child_process';
const app = Fastify();
`;

ruleTester.run('no-path-traversal: route schema patterns', pathRule, {
  valid: [
    {
      name: 'a path parameter declared with an anchored pattern of safe characters',
      code: `${fastifyFs}app.get('/folders/:folder/index', { schema: { params: { type: 'object', properties: { folder: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' } } } } }, async (request, reply) => {
  const { folder } = request.params;
  return reply.send(fs.createReadStream(path.join(ROOT, folder, 'index.html')));
});`,
    },
    {
      name: 'TypeBox: Type.String with an anchored pattern, schema in a constant',
      code: `${fastifyFs}import { Type } from '@sinclair/typebox';
const Params = Type.Object({ slug: Type.String({ pattern: '^\\\\w+$' }) });
app.get('/pages/:slug', { schema: { params: Params } }, async (request) => fs.promises.readFile(path.join(ROOT, request.params.slug + '.md'), 'utf8'));`,
    },
    {
      name: 'TypeBox: uuid format, re-exported Type of the Fastify type provider',
      code: `${fastifyFs}import { Type } from '@fastify/type-provider-typebox';
app.get('/blobs/:id', { schema: { params: Type.Object({ id: Type.String({ format: 'uuid' }) }) } }, async (request) => fs.promises.readFile(path.join(ROOT, request.params.id)));`,
    },
    {
      name: 'TypeBox 1.x: the typebox module, Type.Enum and Type.Boolean',
      code: `${fastifyFs}import { Type } from 'typebox';
app.get('/docs', { schema: { querystring: Type.Object({ lang: Type.Enum({ en: 'en', fr: 'fr' }), raw: Type.Boolean() }) } }, async (request) => fs.promises.readFile(path.join(ROOT, request.query.lang, String(request.query.raw))));`,
    },
  ],
  invalid: [
    {
      name: 'an unanchored pattern: any text containing one letter passes',
      code: `${fastifyFs}app.get('/folders/:folder/index', { schema: { params: { type: 'object', properties: { folder: { type: 'string', pattern: '[a-z]+' } } } } }, async (request, reply) => {
  return reply.send(fs.createReadStream(path.join(ROOT, request.params.folder, 'index.html')));
});`,
      errors: [{ messageId: 'pathTraversal', line: 7 }],
    },
    {
      name: 'a pattern that allows slashes and dots',
      code: `${fastifyFs}app.get('/files/:name', { schema: { params: { type: 'object', properties: { name: { type: 'string', pattern: '^[\\\\w./-]+$' } } } } }, async (request, reply) => {
  return reply.send(fs.createReadStream(path.join(ROOT, request.params.name)));
});`,
      errors: [{ messageId: 'pathTraversal', line: 7 }],
    },
    {
      name: 'a pattern without type string: an array of strings passes it',
      code: `${fastifyFs}app.post('/files', { schema: { body: { type: 'object', properties: { name: { pattern: '^[a-z]+$' } } } } }, async (request, reply) => {
  return reply.send(fs.createReadStream(path.join(ROOT, request.body.name)));
});`,
      errors: [{ messageId: 'pathTraversal', line: 7 }],
    },
    {
      name: 'TypeBox: a string with only a length limit',
      code: `${fastifyFs}import { Type } from '@sinclair/typebox';
app.get('/pages/:slug', { schema: { params: Type.Object({ slug: Type.String({ maxLength: 80 }) }) } }, async (request) => fs.promises.readFile(path.join(ROOT, request.params.slug)));`,
      errors: [{ messageId: 'pathTraversal', line: 7 }],
    },
    {
      name: 'a Type object of another library is no TypeBox schema',
      code: `${fastifyFs}import { Type } from './my-types.js';
app.get('/pages/:slug', { schema: { params: Type.Object({ slug: Type.Integer() }) } }, async (request) => fs.promises.readFile(path.join(ROOT, request.params.slug)));`,
      errors: [{ messageId: 'pathTraversal', line: 7 }],
    },
  ],
});

ruleTester.run('no-command-injection: TypeBox route schemas', commandRule, {
  valid: [
    {
      name: 'integers and a union of literals in the querystring',
      code: `${fastifyExec}const Query = Type.Object({
  width: Type.Integer({ minimum: 1 }),
  fit: Type.Optional(Type.Union([Type.Literal('cover'), Type.Literal('contain')])),
});
app.get('/resize', { schema: { querystring: Query } }, async (request) => {
  const { width, fit } = request.query;
  exec(\`convert in.png -resize \${width} -fit \${fit} out.png\`);
});`,
    },
  ],
  invalid: [
    {
      name: 'a union with a free string member',
      code: `${fastifyExec}const Query = Type.Object({
  fit: Type.Union([Type.Literal('cover'), Type.String()]),
});
app.get('/resize', { schema: { querystring: Query } }, async (request) => {
  exec('convert in.png -fit ' + request.query.fit + ' out.png');
});`,
      errors: [{ messageId: 'commandInjection', line: 9 }],
    },
    {
      name: 'the same route without its schema',
      code: `${fastifyExec}app.get('/resize', async (request) => {
  const { width } = request.query;
  exec(\`convert in.png -resize \${width} out.png\`);
});`,
      errors: [{ messageId: 'commandInjection', line: 7 }],
    },
  ],
});

ruleTester.run('no-nosql-injection: a declared string is no operator object', nosqlRule, {
  valid: [
    {
      name: 'body field declared as a string',
      code: `import Fastify from 'fastify';
import { MongoClient } from 'mongodb';
const app = Fastify();
const users = new MongoClient('mongodb://db').db('app').collection('users');
app.post('/login', { schema: { body: { type: 'object', properties: { email: { type: 'string' } } } } }, async (request) => users.findOne({ email: request.body.email }));`,
    },
  ],
  invalid: [
    {
      name: 'body field declared without a type',
      code: `import Fastify from 'fastify';
import { MongoClient } from 'mongodb';
const app = Fastify();
const users = new MongoClient('mongodb://db').db('app').collection('users');
app.post('/login', { schema: { body: { type: 'object', properties: { email: { maxLength: 80 } } } } }, async (request) => users.findOne({ email: request.body.email }));`,
      errors: [{ messageId: 'nosqlInjection', line: 5, suggestions: [
        { messageId: 'wrapString', output: `import Fastify from 'fastify';
import { MongoClient } from 'mongodb';
const app = Fastify();
const users = new MongoClient('mongodb://db').db('app').collection('users');
app.post('/login', { schema: { body: { type: 'object', properties: { email: { maxLength: 80 } } } } }, async (request) => users.findOne({ email: String(request.body.email) }));` },
        { messageId: 'useEq', output: `import Fastify from 'fastify';
import { MongoClient } from 'mongodb';
const app = Fastify();
const users = new MongoClient('mongodb://db').db('app').collection('users');
app.post('/login', { schema: { body: { type: 'object', properties: { email: { maxLength: 80 } } } } }, async (request) => users.findOne({ email: { $eq: request.body.email } }));` },
      ] }],
    },
  ],
});
