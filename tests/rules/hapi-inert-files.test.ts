import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-path-traversal.js';

/*
 * Hapi's inert plugin serves files with `h.file(path, options)`. By default it confines the path to
 * the route's `relativeTo` directory and answers 403 for a path that leaves it, so a relative name
 * from the request is safe there. `{ confine: false }` turns that off, and an absolute path
 * (`path.join(__dirname, …)`) is not resolved against that directory: both serve any file.
 */

const ruleTester = new RuleTester();

const server = `const Hapi = require('@hapi/hapi');
const Inert = require('@hapi/inert');
const path = require('node:path');
const REPORTS_DIR = process.env.REPORTS_DIR || '/var/lib/clinic/reports';
const server = Hapi.server({ port: 3000, routes: { files: { relativeTo: REPORTS_DIR } } });
`;

ruleTester.run('no-path-traversal: hapi inert h.file', rule, {
  valid: [
    {
      name: 'a relative name under the default confinement',
      code: `${server}server.route({ method: 'GET', path: '/reports/{name}', handler: (request, h) => h.file(request.params.name) });`,
    },
    {
      name: 'confinement stated explicitly',
      code: `${server}server.route({ method: 'GET', path: '/reports/{name}', handler: (request, h) => h.file(\`monthly/\${request.params.name}\`, { confine: true }) });`,
    },
    {
      name: 'unconfined, but only the base name of the input',
      code: `${server}server.route({
  method: 'GET',
  path: '/reports/{file}',
  handler: (request, h) => h.file(path.join(REPORTS_DIR, path.basename(request.params.file)), { confine: false }),
});`,
    },
    {
      name: 'a file method of something that is not the response toolkit',
      code: `${server}const labels = require('./labels');
server.route({
  method: 'POST',
  path: '/bundle',
  handler: (request, h) => {
    const zip = labels.sheet('a4');
    zip.file(request.payload.name, { confine: false });
    return h.response(zip);
  },
});`,
    },
  ],
  invalid: [
    {
      name: 'confine: false with a joined request path',
      code: `${server}server.route({
  method: 'GET',
  path: '/reports/{file}',
  handler: (request, h) => h.file(path.join(REPORTS_DIR, request.params.file), { confine: false }),
});`,
      errors: [
        {
          messageId: 'pathTraversal',
          line: 9,
          column: 58,
          endColumn: 77,
          data: { source: '`request.params.file`', sourceLine: 9, sink: 'h.file', sinkLine: 9, via: '' },
        },
      ],
    },
    {
      name: 'an absolute path without options',
      code: `${server}server.route({
  method: 'GET',
  path: '/public/{name}',
  handler(request, h) {
    return h.file(path.join(__dirname, 'public', request.params.name));
  },
});`,
      errors: [{ messageId: 'pathTraversal', line: 10, column: 50, endColumn: 69, data: { source: '`request.params.name`', sourceLine: 10, sink: 'h.file', sinkLine: 10, via: '' } }],
    },
    {
      name: 'options in a const, in a controller object the route names',
      code: `${server}const UNCONFINED = { confine: false };
const reports = {
  download(request, h) {
    const file = request.query.path;
    return h.file(file, UNCONFINED);
  },
};
server.route({ method: 'GET', path: '/download', handler: reports.download });`,
      errors: [{ messageId: 'pathTraversal', line: 10, column: 19, endColumn: 23, data: { source: '`request.query.path`', sourceLine: 9, sink: 'h.file', sinkLine: 10, via: '' } }],
    },
  ],
});
