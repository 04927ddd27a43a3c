import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-sql-injection.js';

/*
 * Validation a route declares, which the framework runs before the handler: Fastify's JSON
 * `schema` (Ajv checks it, and coerces query and path values to the declared type) and Hapi's Joi
 * `validate` (Joi converts by default). A value declared as a number, a boolean, an enum or a
 * strict format cannot carry SQL; a string, a value the schema does not declare, or another
 * location still can.
 */

const ruleTester = new RuleTester();

const fastify = `import Fastify from 'fastify';
import { pool } from './db.js';
const app = Fastify();
`;
const hapi = `import Hapi from '@hapi/hapi';
import Joi from 'joi';
import { pool } from './db.js';
const server = Hapi.server();
`;

ruleTester.run('no-sql-injection: route-declared validation', rule, {
  valid: [
    {
      name: 'Fastify: an integer query parameter of the route schema',
      code: `${fastify}app.get('/orders', { schema: { querystring: { type: 'object', properties: { page: { type: 'integer' } } } } }, async (request) => {
  return pool.query('SELECT * FROM orders LIMIT 20 OFFSET ' + request.query.page);
});`,
    },
    {
      name: 'Fastify: a schema kept in a constant, an enum and a uuid path parameter',
      code: `${fastify}const listSchema = {
  params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } },
  querystring: { type: 'object', properties: { sort: { type: 'string', enum: ['created_at', 'total'] } } },
};
app.get('/customers/:id/orders', { schema: listSchema }, async (request) => {
  return pool.query(\`SELECT * FROM orders WHERE customer_id = '\${request.params.id}' ORDER BY \${request.query.sort}\`);
});`,
    },
    {
      name: 'Fastify: app.route with the schema in its options',
      code: `${fastify}app.route({
  method: 'GET',
  url: '/invoices',
  schema: { querystring: { type: 'object', properties: { year: { type: 'number' } } } },
  handler: async (request) => pool.query('SELECT * FROM invoices WHERE year = ' + request.query.year),
});`,
    },
    {
      name: 'Hapi: a Joi number in the route validate',
      code: `${hapi}server.route({
  method: 'GET',
  path: '/users/{id}',
  options: {
    validate: { params: Joi.object({ id: Joi.number().integer() }) },
    handler: (request) => pool.query('SELECT * FROM users WHERE id = ' + request.params.id),
  },
});`,
    },
  ],
  invalid: [
    {
      name: 'Fastify: a string query parameter is still text',
      code: `${fastify}app.get('/search', { schema: { querystring: { type: 'object', properties: { q: { type: 'string', maxLength: 50 } } } } }, async (request) => {
  return pool.query("SELECT * FROM items WHERE name = '" + request.query.q + "'");
});`,
      errors: [{ messageId: 'sqlInjection', line: 5 }],
    },
    {
      name: 'Fastify: a parameter the schema does not declare',
      code: `${fastify}app.get('/orders', { schema: { querystring: { type: 'object', properties: { page: { type: 'integer' } } } } }, async (request) => {
  return pool.query('SELECT * FROM orders WHERE status = ' + request.query.status);
});`,
      errors: [{ messageId: 'sqlInjection', line: 5 }],
    },
    {
      name: 'Fastify: the body is not the querystring',
      code: `${fastify}app.post('/orders', { schema: { querystring: { type: 'object', properties: { id: { type: 'integer' } } } } }, async (request) => {
  return pool.query('DELETE FROM orders WHERE id = ' + request.body.id);
});`,
      errors: [{ messageId: 'sqlInjection', line: 5 }],
    },
    {
      name: 'Hapi: a Joi string is still text',
      code: `${hapi}server.route({
  method: 'GET',
  path: '/users/{name}',
  options: {
    validate: { params: Joi.object({ name: Joi.string().max(40) }) },
    handler: (request) => pool.query("SELECT * FROM users WHERE name = '" + request.params.name + "'"),
  },
});`,
      errors: [{ messageId: 'sqlInjection', line: 10 }],
    },
  ],
});
