import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';
import { reportingAllRoutes } from '../helpers/report-all-routes.js';

/*
 * A GET route whose handler only sends a file chosen without the request (the page shell of a
 * single-page app, a favicon) serves static content and is public by nature. A file chosen by
 * the client, a file built per request, or another method is still a route to protect. An OPTIONS
 * route answers CORS preflights, which carry no credentials. A page read from disk once, at
 * start-up, and sent as it is (headers aside) is the same static file served from memory; a value
 * computed at start-up from anything but a file, a page filled per request, or a variable that can
 * be rewritten later is not.
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
    // Browsers ask for the home-screen icon at this well-known path without credentials, as for a favicon.
    { name: 'the home-screen icon sent elsewhere', code: `${head}app.get('/apple-touch-icon.png', (req, res) => res.redirect('/static/logo-180.png'));` },
    { name: 'the precomposed home-screen icon', code: `${head}import { serveIcon } from './icons.js';\napp.get('/apple-touch-icon-precomposed.png', serveIcon(config));` },
    {
      name: 'a page shell read once at start-up and sent from memory',
      code: `${head}import { readFileSync } from 'node:fs';
const shell = readFileSync(path.join(config.webRoot, 'index.html'), 'utf8');
app.get('/app', (req, res) => {
  res.setHeader('Cache-Control', 'no-cache');
  res.send(shell);
});`,
    },
    {
      name: 'a page read by an async set-up function, its markup filled from configuration',
      code: `${head}import { readFile } from 'node:fs/promises';
export async function start() {
  const page = (await readFile(config.pagePath, 'utf8')).replace('<base />', \`<base href="\${config.base}/" />\`);
  const servePage = (_req, res) => {
    res.type('html');
    res.send(page);
  };
  app.get('/console', servePage);
}`,
    },
  ],
  invalid: reportingAllRoutes([
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
      name: 'a value computed at start-up from the database, not a file',
      code: `${head}import { db } from './db.js';
const people = await db.query('SELECT name, email FROM users');
app.get('/people', (req, res) => {
  res.send(people);
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 7 }],
    },
    {
      name: 'a page read at start-up but filled from the request',
      code: `${head}import { readFileSync } from 'node:fs';
const shell = readFileSync('index.html', 'utf8');
app.get('/search', (req, res) => res.send(shell.replace('{{q}}', req.query.q)));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 7 }],
    },
    {
      name: 'a page in a variable that code can rewrite later',
      code: `${head}import { readFileSync } from 'node:fs';
let banner = readFileSync('banner.html', 'utf8');
export function setBanner(text) { banner = text; }
app.get('/banner', (req, res) => res.send(banner));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 8 }],
    },
    {
      name: 'a file read inside the handler at a path the client names',
      code: `${head}import { readFileSync } from 'node:fs';
app.get('/page', (req, res) => {
  const page = readFileSync(path.join(config.pages, req.query.name), 'utf8');
  res.send(page);
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 6 }],
    },
    {
      name: 'a path that only starts like the home-screen icon',
      code: `${head}import { serveIcon } from './icons.js';\napp.get('/apple-touch-icon.png/upload', serveIcon(config));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 6 }],
    },
    {
      name: 'a write that answers with a file',
      code: `${head}app.post('/shell', (req, res) => res.sendFile('index.html', { root: config.webRoot }));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5 }],
    },
  ]),
});
