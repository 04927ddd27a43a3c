import { RuleTester } from '@typescript-eslint/rule-tester';
import ssrf from '../../src/rules/no-ssrf.js';
import sql from '../../src/rules/no-sql-injection.js';
import path from '../../src/rules/no-path-traversal.js';
import redirect from '../../src/rules/no-open-redirect.js';
import xss from '../../src/rules/no-reflected-xss.js';

/*
 * Request input a route validates, before its handler runs, with a schema out of view: Hapi's
 * `validate.params: Joi.object({ id: models.job.base.extract('id') })` or Fastify's `schema: { params:
 * sharedSchemas.jobParams }`, where the schema is imported from a package. The framework rejects the
 * request unless the value passes it, which may bound it (a number, an id) or not: the taint rules
 * report it only with `unknownSchemas: 'report'` (as `strict` sets), with a message that names the
 * schema. A key the declaration does not name, a schema in view that does not bound the value
 * (`Joi.string()`, `Joi.any()`), a package schema opened in view (`.unknown()`, `.allow(...)`) and a
 * route without a declaration stay reported in every config.
 */

const ruleTester = new RuleTester();

const hapi = `import Hapi from '@hapi/hapi';
import Joi from 'joi';
import got from 'got';
import dataSchema from 'acme-data-schema';
const server = Hapi.server();
const jobId = dataSchema.models.job.base.extract('id');
`;

/** A Hapi route whose `validate.params` is `params`, fetching the job store URL built from `request.params.<key>`. */
const hapiRoute = (params: string, key = 'id'): string => `${hapi}server.route({
  method: 'GET',
  path: '/jobs/{id}/{name}/log',
  options: {
    validate: { params: ${params} },
    handler: async (request) => (await got(\`\${process.env.STORE_URL}/v1/jobs/\${request.params.${key}}/log\`)).body,
  },
});`;

const fastify = `import Fastify from 'fastify';
import { request } from 'undici';
import { paramsSchemas } from '@acme/api-schemas';
const app = Fastify();
`;

const report: [{ unknownSchemas: 'report' }] = [{ unknownSchemas: 'report' }];

/** The path-injection finding on `line`, with its suggestion to encode `read`. */
const stays = (code: string, read: string, line: number) => ({
  code,
  errors: [{ messageId: 'pathInjection' as const, line, suggestions: [{ messageId: 'encodeSegment' as const, output: code.replace(`\${${read}}`, `\${encodeURIComponent(${read})}`) }] }],
});

ruleTester.run('no-ssrf: route validation with a schema out of view', ssrf, {
  valid: [
    { name: 'Hapi: a package schema in Joi.object, recommended', code: hapiRoute('Joi.object({ id: jobId, name: Joi.string() })') },
    { name: 'Hapi: a package schema in a plain object, recommended', code: hapiRoute('{ id: dataSchema.models.job.base.extract(\'id\').required() }') },
    { name: 'Hapi: the whole params schema from a package, recommended', code: hapiRoute('dataSchema.api.jobs.params') },
    {
      name: 'Fastify: the whole params schema from a package, recommended',
      code: `${fastify}app.get('/jobs/:id', { schema: { params: paramsSchemas.job } }, async (req) => {
  return (await request(\`http://jobs.internal/\${req.params.id}\`)).body.text();
});`,
    },
    { name: 'Hapi: an inline Joi number (in view) in every config', code: hapiRoute('Joi.object({ id: Joi.number().integer() })'), options: report },
  ],
  invalid: [
    {
      name: 'Hapi: a package schema in Joi.object, reported with its own message when asked',
      code: hapiRoute('Joi.object({ id: jobId, name: Joi.string() })'),
      options: report,
      errors: [{ messageId: 'unknownSchema', line: 12, data: { schema: '`jobId`', schemaLine: 11, source: '`request.params.id`', sourceLine: 12, sink: 'got', sinkLine: 12, via: '' } }],
    },
    {
      name: 'Fastify: the whole params schema from a package, when asked',
      code: `${fastify}app.get('/jobs/:id', { schema: { params: paramsSchemas.job } }, async (req) => {
  return (await request(\`http://jobs.internal/\${req.params.id}\`)).body.text();
});`,
      options: report,
      errors: [{ messageId: 'unknownSchema', line: 6 }],
    },
    {
      name: 'Hapi: a key the declaration does not name',
      ...stays(hapiRoute('Joi.object({ id: jobId })', 'name'), 'request.params.name', 12),
    },
    {
      name: 'Hapi: an inline Joi.string() next to the package schema',
      ...stays(hapiRoute('Joi.object({ id: jobId, name: Joi.string() })', 'name'), 'request.params.name', 12),
    },
    {
      name: 'Hapi: an inline Joi.any()',
      ...stays(hapiRoute('Joi.object({ id: Joi.any() })'), 'request.params.id', 12),
    },
    {
      name: 'Hapi: Joi.object().unknown() written inline does not name the key',
      ...stays(hapiRoute('Joi.object().unknown()'), 'request.params.id', 12),
    },
    {
      name: 'Hapi: a package schema widened in view with allow()',
      ...stays(hapiRoute("Joi.object({ id: jobId.allow('') })"), 'request.params.id', 12),
    },
    {
      name: 'Hapi: a package schema opened in view with unknown()',
      ...stays(hapiRoute('dataSchema.api.jobs.params.unknown()'), 'request.params.id', 12),
    },
    {
      name: 'Hapi: no validation at all',
      ...stays(`${hapi}server.route({
  method: 'GET',
  path: '/jobs/{id}/log',
  handler: async (request) => (await got(\`\${process.env.STORE_URL}/v1/jobs/\${request.params.id}/log\`)).body,
});`, 'request.params.id', 10),
    },
    {
      name: 'Hapi: the package schema validates the params, the flow reads the query',
      ...stays(hapiRoute('Joi.object({ id: jobId })', 'id}/${request.query.page'), 'request.query.page', 12),
    },
    {
      name: 'Hapi: a schema kept in a project file is not out of view (read, or reported)',
      ...stays(hapiRoute('Joi.object({ id: localSchemas.id })').replace("import dataSchema from 'acme-data-schema';", "import dataSchema from 'acme-data-schema';\nimport localSchemas from './schemas.js';"), 'request.params.id', 13),
    },
  ],
});

// The same category in the other taint rules: one mechanism, one option each.
const hapiSql = `import Hapi from '@hapi/hapi';
import Joi from 'joi';
import { pool } from './db.js';
import { models } from 'acme-data-schema';
const server = Hapi.server();
`;

ruleTester.run('no-sql-injection: route validation with a schema out of view', sql, {
  valid: [
    {
      name: 'a package schema for the query key, recommended',
      code: `${hapiSql}server.route({
  method: 'GET',
  path: '/reports',
  options: {
    validate: { query: { year: models.report.base.extract('year') } },
    handler: (request) => pool.query('SELECT * FROM reports WHERE year = ' + request.query.year),
  },
});`,
    },
  ],
  invalid: [
    {
      name: 'a package schema for the query key, when asked',
      code: `${hapiSql}server.route({
  method: 'GET',
  path: '/reports',
  options: {
    validate: { query: { year: models.report.base.extract('year') } },
    handler: (request) => pool.query('SELECT * FROM reports WHERE year = ' + request.query.year),
  },
});`,
      options: report,
      errors: [{ messageId: 'unknownSchema', line: 11 }],
    },
  ],
});

ruleTester.run('no-path-traversal: route validation with a schema out of view', path, {
  valid: [
    {
      name: 'a package schema for the path parameter, recommended',
      code: `import Hapi from '@hapi/hapi';
import fs from 'node:fs/promises';
import { models } from 'acme-data-schema';
const server = Hapi.server();
server.route({
  method: 'GET',
  path: '/files/{name}',
  options: {
    validate: { params: { name: models.file.base.extract('name') } },
    handler: (request) => fs.readFile('/srv/files/' + request.params.name, 'utf8'),
  },
});`,
    },
  ],
  invalid: [
    {
      name: 'a package schema for the path parameter, when asked',
      code: `import Hapi from '@hapi/hapi';
import fs from 'node:fs/promises';
import { models } from 'acme-data-schema';
const server = Hapi.server();
server.route({
  method: 'GET',
  path: '/files/{name}',
  options: {
    validate: { params: { name: models.file.base.extract('name') } },
    handler: (request) => fs.readFile('/srv/files/' + request.params.name, 'utf8'),
  },
});`,
      options: report,
      errors: [{ messageId: 'unknownSchema', line: 10 }],
    },
  ],
});

ruleTester.run('no-open-redirect: route validation with a schema out of view', redirect, {
  valid: [
    {
      name: 'a package schema for the query key, recommended',
      code: `import Fastify from 'fastify';
import { querySchemas } from '@acme/api-schemas';
const app = Fastify();
app.get('/continue', { schema: { querystring: querySchemas.next } }, async (req, reply) => reply.redirect(req.query.next));`,
    },
  ],
  invalid: [
    {
      name: 'a package schema for the query key, when asked',
      code: `import Fastify from 'fastify';
import { querySchemas } from '@acme/api-schemas';
const app = Fastify();
app.get('/continue', { schema: { querystring: querySchemas.next } }, async (req, reply) => reply.redirect(req.query.next));`,
      options: [{ unknownSchemas: 'report' }],
      errors: [{ messageId: 'unknownSchema', line: 4 }],
    },
    {
      name: 'an inline string schema is no schema out of view',
      code: `import Fastify from 'fastify';
const app = Fastify();
app.get('/continue', { schema: { querystring: { type: 'object', properties: { next: { type: 'string' } } } } }, async (req, reply) => reply.redirect(req.query.next));`,
      errors: [{ messageId: 'openRedirect', line: 3 }],
    },
  ],
});

// no-reflected-xss reports it by default (escaping or sending JSON does not depend on the schema).
const xssRoute = `import Hapi from '@hapi/hapi';
import { models } from 'acme-data-schema';
const server = Hapi.server();
server.route({
  method: 'GET',
  path: '/tags/{tag}',
  options: {
    validate: { params: { tag: models.tag.base.extract('tag') } },
    handler: (request, h) => h.response('<p>Tag ' + request.params.tag + '</p>').type('text/html'),
  },
});`;

ruleTester.run('no-reflected-xss: route validation with a schema out of view', xss, {
  valid: [{ name: 'left out when asked', code: xssRoute, options: [{ unknownSchemas: 'ignore' }] }],
  invalid: [{ name: 'reported by default, with its own message', code: xssRoute, errors: [{ messageId: 'unknownSchema', line: 9 }] }],
});

// A route both registered only under a development or test switch and validated with a schema out
// of view: the dev route is the older category and is tested first, so the finding is reported
// once, as a dev route (under `devRoutes`), never also under `unknownSchemas`.
const devFastifyRoute = `${fastify}if (process.env.NODE_ENV === 'test') {
  app.get('/jobs/:id', { schema: { params: paramsSchemas.job } }, async (req) => {
    const { body } = await request(process.env.STORE_URL + '/v1/jobs/' + req.params.id);
    return body.text();
  });
}`;

/** A route registered unconditionally: then the finding is one of a schema out of view. */
const always = (code: string): string => code.replace("if (process.env.NODE_ENV === 'test') {\n", '').replace(/\n\}$/u, '');

ruleTester.run('no-ssrf: a dev route validated with a schema out of view', ssrf, {
  valid: [
    { name: 'devRoutes ignore wins over unknownSchemas report', code: devFastifyRoute, options: [{ unknownSchemas: 'report', devRoutes: 'ignore' }] },
    { name: 'recommended', code: devFastifyRoute },
  ],
  invalid: [
    { name: 'both reported: once, as a dev route', code: devFastifyRoute, options: [{ unknownSchemas: 'report', devRoutes: 'report' }], errors: [{ messageId: 'devRoute', line: 7 }] },
    { name: 'devRoutes report alone', code: devFastifyRoute, options: [{ devRoutes: 'report' }], errors: [{ messageId: 'devRoute', line: 7 }] },
    { name: 'the same route outside the switch: a schema out of view', code: always(devFastifyRoute), options: [{ unknownSchemas: 'report', devRoutes: 'report' }], errors: [{ messageId: 'unknownSchema', line: 6 }] },
  ],
});

/** The same route querying SQL instead of fetching. */
const devSqlRoute = devFastifyRoute.replace(
  "const { body } = await request(process.env.STORE_URL + '/v1/jobs/' + req.params.id);\n    return body.text();",
  "return db.query('SELECT * FROM jobs WHERE id = ' + req.params.id);",
);

ruleTester.run('no-sql-injection: a dev route validated with a schema out of view', sql, {
  valid: [{ name: 'devRoutes ignore wins over unknownSchemas report', code: devSqlRoute, options: [{ unknownSchemas: 'report', devRoutes: 'ignore' }] }],
  invalid: [
    { name: 'both reported: once, as a dev route', code: devSqlRoute, options: [{ unknownSchemas: 'report', devRoutes: 'report' }], errors: [{ messageId: 'devRoute', line: 7 }] },
    { name: 'the same route outside the switch: a schema out of view', code: always(devSqlRoute), options: [{ unknownSchemas: 'report', devRoutes: 'report' }], errors: [{ messageId: 'unknownSchema', line: 6 }] },
  ],
});
