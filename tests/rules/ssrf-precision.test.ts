import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-ssrf.js';

// Allow-lists the server fills at run time (from its database, its configuration or a fixed URL)
// are allow-lists; lists the client sends, and substring tests, are not.
const ruleTester = new RuleTester();

const header = `import express from 'express';
import { loadAllowedHosts, db } from './store';
const app = express();
`;

ruleTester.run('no-ssrf (precision)', rule, {
  valid: [
    { name: 'host checked against a list loaded at run time', code: `${header}
app.get('/proxy', async (req, res) => {
  const url = new URL(req.query.url);
  const allowed = await loadAllowedHosts();
  if (!allowed.includes(url.hostname)) return res.status(403).end();
  res.send(await (await fetch(url)).text());
});` },
    { name: 'a Set of hosts read from the database', code: `${header}
app.post('/hooks/test', async (req, res) => {
  const target = new URL(req.body.url);
  const hosts = new Set((await db.query('SELECT host FROM webhook_hosts')).rows.map((row) => row.host));
  if (!hosts.has(target.host)) return res.status(400).json({ error: 'host not registered' });
  await fetch(target.href, { method: 'POST' });
  res.end();
});` },
    { name: 'a module list refreshed from a fixed URL', code: `${header}
let trusted = [];
async function refresh() {
  const response = await fetch('https://registry.example.com/trusted.json');
  trusted = (await response.json()).map((entry) => entry.url);
}
app.get('/fetch', async (req, res) => {
  await refresh();
  if (!trusted.includes(req.query.url)) return res.status(403).end();
  res.send(await (await fetch(req.query.url)).text());
});` },
  ],
  invalid: [
    { name: 'a list the client sends', code: `${header}
app.post('/proxy', async (req, res) => {
  const url = new URL(req.body.url);
  const allowed = req.body.allowedHosts;
  if (!allowed.includes(url.hostname)) return res.status(403).end();
  res.send(await (await fetch(url)).text());
});`, errors: [{ messageId: 'ssrf', line: 9, column: 31, endColumn: 34, data: { source: '`req.body.url`', sourceLine: 6, sink: 'fetch', sinkLine: 9, via: '' } }] },
    { name: 'a list parsed from request input by an unknown helper', code: `${header}
import { parseList } from './parse';
app.get('/proxy', async (req, res) => {
  const url = new URL(req.query.url);
  const allowed = parseList(req.query.hosts);
  if (!allowed.includes(url.hostname)) return res.status(403).end();
  res.send(await (await fetch(url)).text());
});`, errors: [{ messageId: 'ssrf', line: 10, column: 31, endColumn: 34, data: { source: '`req.query.url`', sourceLine: 7, sink: 'fetch', sinkLine: 10, via: '' } }] },
    { name: 'a module list the client can add to', code: `${header}
const trusted = [];
app.post('/trust', (req, res) => {
  trusted.push(req.body.host);
  res.end();
});
app.get('/fetch', async (req, res) => {
  const url = new URL(req.query.url);
  if (!trusted.includes(url.hostname)) return res.status(403).end();
  res.send(await (await fetch(url)).text());
});`, errors: [{ messageId: 'ssrf', line: 13, column: 31, endColumn: 34, data: { source: '`req.query.url`', sourceLine: 11, sink: 'fetch', sinkLine: 13, via: '' } }] },
    { name: 'a substring test against a server list is no allow-list', code: `${header}
app.get('/proxy', async (req, res) => {
  const target = req.query.url;
  const allowed = await loadAllowedHosts();
  if (!allowed.some((host) => target.includes(host))) return res.status(403).end();
  res.send(await (await fetch(target)).text());
});`, errors: [{ messageId: 'ssrf', line: 9, column: 31, endColumn: 37, data: { source: '`req.query.url`', sourceLine: 6, sink: 'fetch', sinkLine: 9, via: '' } }] },
    { name: 'a helper whose list is its parameter', code: `${header}
async function relay(target, allowed) {
  if (!allowed.includes(new URL(target).hostname)) throw new Error('not allowed');
  return fetch(target);
}
app.get('/proxy', async (req, res) => {
  res.send(await (await relay(req.query.url, req.query.hosts)).text());
});`, errors: [{ messageId: 'ssrf', line: 7, column: 16, endColumn: 22, data: { source: '`req.query.url`', sourceLine: 10, sink: 'fetch', sinkLine: 7, via: ' through `relay` (called on line 10 by the handler of GET /proxy)' } }] },
  ],
});
