import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * A GET route whose handler only sends a file chosen without the request (the page shell of a
 * single-page app, a favicon) serves static content and is public by nature. A file chosen by
 * the client, a file built per request, or another method is still a route to protect. An OPTIONS
 * route answers CORS preflights, which carry no credentials.
 */

const ruleTester = new RuleTester();

const head = `import express from 'express';
import path from 'node:path';
import { config, buildReport } from './config.js';
const app = express();
`;

ruleTester.run('no-unauthenticated-route: static files', rule, {
  valid: [
    { name: 'the page shell of a single-page app', code: `${head}app.get('/{*splat}', (req, res) => res.sendFile('index.html', { root: config.webRoot }));` },
    { name: 'a favicon in a block body', code: `${head}app.get('/-/static/favicon.ico', (req, res) => {\n  res.sendFile(path.join(config.staticDir, 'favicon.ico'));\n});` },
    // A browser sends a CORS preflight without credentials, so it cannot be authenticated.
    { name: 'a CORS preflight answered for every path', code: `${head}app.options('*', (req, res) => {\n  res.set('Access-Control-Allow-Methods', 'GET,POST');\n  res.status(204).end();\n});` },
    // A favicon is a well-known public file wherever the page links it from, whatever serves it.
    { name: 'a favicon served by a middleware made elsewhere', code: `${head}import { serveIcon } from './icons.js';\napp.get('/assets/favicon.ico', serveIcon(config));` },
  ],
  invalid: [
    {
      name: 'a file the client names',
      code: `${head}app.get('/files/:name', (req, res) => res.sendFile(req.params.name, { root: config.uploads }));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5 }],
    },
    {
      name: 'a file built for the request',
      code: `${head}app.get('/report', async (req, res) => {\n  const file = await buildReport();\n  res.download(file);\n});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5 }],
    },
    {
      name: 'a route for every method, preflight included',
      code: `${head}app.all('/jobs/run', (req, res) => res.json({ started: true }));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5 }],
    },
    {
      name: 'a path that only ends like a well-known file',
      code: `${head}import { serveIcon } from './icons.js';\napp.get('/assets/favicon.ico.bak', serveIcon(config));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 6 }],
    },
    {
      name: 'a write that answers with a file',
      code: `${head}app.post('/shell', (req, res) => res.sendFile('index.html', { root: config.webRoot }));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5 }],
    },
  ],
});
