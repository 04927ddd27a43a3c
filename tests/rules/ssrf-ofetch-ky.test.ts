import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-ssrf.js';

// ofetch (Nuxt's and Nitro's `$fetch`, global there) and ky are fetch wrappers many teams use for
// outbound calls: the URL they are given, or the `baseURL`/`prefixUrl` option, names the server.
const ruleTester = new RuleTester();

const express = `import express from 'express';
const app = express();
`;

ruleTester.run('no-ssrf (ofetch, ky)', rule, {
  valid: [
    { name: 'ofetch of a fixed origin with an encoded segment', code: `${express}import { ofetch } from 'ofetch';
app.get('/u/:id', async (req, res) => res.json(await ofetch('https://api.internal/users/' + encodeURIComponent(req.params.id))));` },
    { name: 'ky with a fixed prefixUrl and the input as a search parameter', code: `${express}import ky from 'ky';
const api = ky.create({ prefixUrl: 'https://api.internal' });
app.get('/s', async (req, res) => res.json(await api.get('search', { searchParams: { q: String(req.query.q) } }).json()));` },
    { name: 'a local function named $fetch is not ofetch', code: `${express}
function $fetch(id) { return db.find(id); }
app.get('/u', async (req, res) => res.json(await $fetch(req.query.id)));` },
  ],
  invalid: [
    {
      name: 'ofetch and $fetch imported from ofetch',
      code: `${express}import { ofetch, $fetch } from 'ofetch';
app.get('/proxy', async (req, res) => {
  const target = req.query.url;
  res.send(await ofetch(target));
  res.send(await $fetch.raw(target));
});`,
      errors: [
        { messageId: 'ssrf', line: 6, data: { source: '`req.query.url`', sourceLine: 5, sink: 'ofetch', sinkLine: 6, via: '' } },
        { messageId: 'ssrf', line: 7 },
      ],
    },
    {
      name: 'a baseURL from the request',
      code: `${express}import { ofetch } from 'ofetch';
app.post('/hook', async (req, res) => res.json(await ofetch('/ping', { baseURL: req.body.endpoint })));`,
      errors: [{ messageId: 'ssrf', line: 4 }],
    },
    {
      name: 'ky called and its get method',
      code: `${express}import ky from 'ky';
app.get('/img', async (req, res) => {
  const a = await ky(req.query.src).arrayBuffer();
  const b = await ky.get(req.query.src).text();
  res.send(a && b);
});`,
      errors: [{ messageId: 'ssrf', line: 5 }, { messageId: 'ssrf', line: 6 }],
    },
    {
      name: 'the global $fetch of Nuxt and Nitro server code',
      code: `${express}
app.get('/preview', async (req, res) => res.send(await $fetch(String(req.query.link))));`,
      errors: [{ messageId: 'ssrf', line: 4 }],
    },
  ],
});
