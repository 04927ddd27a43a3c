import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-reflected-xss.js';

/*
 * Hapi's `h.response(value)` picks the content type from the value: a string is sent as
 * `text/html`, an object or array as JSON. It is also how a Hapi handler sends JSON with a status
 * or a header (`h.response(item).code(201)`), so a value of unknown type (a model's `toJson()`, what
 * a service resolved to) is not read as HTML; a value shown to be text is: a string built in the
 * handler, a field of the request, a variable given text, a helper that returns text. A declared
 * HTML type reads any value.
 */

const ruleTester = new RuleTester();

const hapi = `import Hapi from '@hapi/hapi';
const server = Hapi.server();`;

ruleTester.run('no-reflected-xss (Hapi h.response)', rule, {
  valid: [
    {
      name: 'the JSON of a model whose field the client set: an object of unknown type is sent as JSON',
      code: `${hapi}
server.route({ method: 'PUT', path: '/tags/{name}', handler: async (request, h) => {
  const tag = await tags.get(request.params.name);
  tag.version = request.payload.version;
  return tag.save().then((saved) => h.response(saved.toJson()).code(200));
} });`,
    },
    {
      name: 'an object literal holding request input is JSON',
      code: `${hapi}
server.route({ method: 'GET', path: '/hello', handler: (request, h) => h.response({ greeting: request.query.name }).code(200) });`,
    },
    {
      name: 'the whole payload echoed is JSON',
      code: `${hapi}
server.route({ method: 'POST', path: '/echo', handler: (request, h) => h.response(request.payload).code(201) });`,
    },
    {
      name: 'a text built from the request, sent as text/plain',
      code: `${hapi}
server.route({ method: 'GET', path: '/hello', handler: (request, h) => h.response(\`Hello \${request.query.name}\`).type('text/plain') });`,
    },
  ],
  invalid: [
    {
      name: 'a template literal with a query field is HTML',
      code: `${hapi}
server.route({ method: 'GET', path: '/hello', handler: (request, h) => h.response(\`<p>Hello \${request.query.name}</p>\`) });`,
      errors: [{ messageId: 'reflectedXss', line: 3, data: { source: '`request.query.name`', sourceLine: 3, sink: 'h.response', sinkLine: 3, via: '' } }],
    },
    {
      name: 'a query field sent as it is is a string, HTML',
      code: `${hapi}
server.route({ method: 'GET', path: '/hello', handler: (request, h) => h.response(request.query.name) });`,
      errors: [{ messageId: 'reflectedXss', line: 3, data: { source: '`request.query.name`', sourceLine: 3, sink: 'h.response', sinkLine: 3, via: '' } }],
    },
    {
      name: 'JSON.stringify gives a string, which Hapi sends as HTML',
      code: `${hapi}
server.route({ method: 'GET', path: '/tags/{name}/removed', handler: (request, h) => {
  const { name } = request.params;
  return h.response(JSON.stringify({ name, removed: true })).code(200);
} });`,
      errors: [{ messageId: 'reflectedXss', line: 5 }],
    },
    {
      name: 'a variable built by concatenation',
      code: `${hapi}
server.route({ method: 'GET', path: '/list', handler: (request, h) => {
  let html = '<ul>';
  html += '<li>' + request.query.item + '</li>';
  return h.response(html);
} });`,
      errors: [{ messageId: 'reflectedXss', line: 6 }],
    },
    {
      name: 'a helper of this file that returns markup',
      code: `${hapi}
function page(title) { return '<h1>' + title + '</h1>'; }
server.route({ method: 'GET', path: '/page', handler: (request, h) => h.response(page(request.query.title)) });`,
      errors: [{ messageId: 'reflectedXss', line: 4 }],
    },
    {
      name: 'a query field sent with a declared HTML type, set on the response after other calls',
      code: `${hapi}
server.route({ method: 'GET', path: '/hello', handler: (request, h) => h.response({ toString: () => request.query.name } && request.query.name).code(200).header('Content-Type', 'text/html') });`,
      errors: [{ messageId: 'reflectedXss', line: 3 }],
    },
    {
      name: 'a value of unknown type with a declared HTML type',
      code: `${hapi}
server.route({ method: 'PUT', path: '/tags/{name}', handler: async (request, h) => {
  const tag = await tags.get(request.params.name);
  tag.version = request.payload.version;
  return tag.save().then((saved) => h.response(saved.render()).type('text/html'));
} });`,
      errors: [{ messageId: 'reflectedXss', line: 6 }],
    },
  ],
});
