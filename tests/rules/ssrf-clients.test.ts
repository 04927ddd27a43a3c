import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-ssrf.js';

// HTTP clients many teams use for outbound calls besides fetch and axios: ofetch (Nuxt's and Nitro's
// `$fetch`, global there), ky, the deprecated but widespread `request`, its fork `@cypress/request`
// and its promise wrappers, follow-redirects, fetch polyfills, phin and urllib. The URL they are given, or an option such as
// `baseURL`, `prefixUrl`, `baseUrl` or `uri`, names the server.
const ruleTester = new RuleTester();

const express = `import express from 'express';
const app = express();
`;

ruleTester.run('no-ssrf (HTTP clients)', rule, {
  valid: [
    { name: 'request with a fixed URL and the input in qs', code: `${express}const request = require('request');
app.get('/w', (req, res) => request({ url: 'https://api.weather.example/v1', qs: { city: req.query.city } }).pipe(res));` },
    { name: '@cypress/request (the maintained fork of request) with a fixed URL and the input in qs', code: `${express}const fetchUrl = require('@cypress/request');
app.get('/rates', (req, res) => fetchUrl({ url: 'https://rates.example/v2', qs: { base: req.query.base } }).pipe(res));` },
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
      name: 'request, its methods, its defaults and request-promise',
      code: `${express}const request = require('request');
const rp = require('request-promise-native');
app.post('/avatar', (req, res) => {
  const { imageUrl } = req.body;
  request.get(imageUrl).pipe(res);
  request({ uri: imageUrl });
  request.defaults({ baseUrl: imageUrl })('/x');
  rp(imageUrl).then(() => res.end());
});`,
      errors: [{ messageId: 'ssrf', line: 7 }, { messageId: 'ssrf', line: 8 }, { messageId: 'ssrf', line: 9 }, { messageId: 'ssrf', line: 10 }],
    },
    {
      name: '@cypress/request: called, and its methods, as request is',
      code: `${express}const fetchUrl = require('@cypress/request');
app.post('/import', (req, res) => {
  const source = req.body.source;
  fetchUrl(source).pipe(res);
  fetchUrl.post({ uri: source });
});`,
      errors: [{ messageId: 'ssrf', line: 6 }, { messageId: 'ssrf', line: 7 }],
    },
    {
      name: 'follow-redirects, cross-fetch, phin and urllib',
      code: `${express}import { https } from 'follow-redirects';
import crossFetch from 'cross-fetch';
import phin from 'phin';
import urllib from 'urllib';
app.get('/check', async (req, res) => {
  const target = String(req.query.target);
  https.get(target, (r) => r.pipe(res));
  await crossFetch(target);
  await phin({ url: target });
  await urllib.request(target);
});`,
      errors: [{ messageId: 'ssrf', line: 9 }, { messageId: 'ssrf', line: 10 }, { messageId: 'ssrf', line: 11 }, { messageId: 'ssrf', line: 12 }],
    },
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
