import type { GlobalSinkModel, SinkModel } from '../taint-types.js';

const HTTP = ['http', 'node:http', 'https', 'node:https'];
const AXIOS_URL_FIRST = 'get,delete,head,options,post,put,patch,request,getUri,postForm,putForm,patchForm';
const AXIOS_CONFIG_SECOND = 'get,delete,head,options';
const AXIOS_CONFIG_THIRD = 'post,put,patch,postForm,putForm,patchForm';
const GOT_METHODS = 'get,post,put,patch,delete,head,stream,paginate';
const AGENT_METHODS = 'get,post,put,patch,delete,del,head,options';
const WRECK = ['@hapi/wreck', 'wreck'];
const WRECK_METHODS = 'get,post,put,patch,delete';
const NEST_AXIOS = '@nestjs/axios';
const NEST_URL_FIRST = 'get,delete,head,options,post,put,patch,postForm,putForm,patchForm';
const KY_METHODS = 'get,post,put,patch,delete,head';
/** `request` (deprecated, still in many code bases), its maintained fork `@cypress/request` and its promise wrappers share one API. */
const REQUEST = ['request', '@cypress/request', 'request-promise', 'request-promise-native', 'requestretry'];
const REQUEST_METHODS = 'get,post,put,patch,del,delete,head';

/**
 * Calls that send a request to a URL. `url-options` arguments are either a URL or an options
 * object whose `url`, `baseURL`, `prefixUrl`, `host`, `hostname` or `origin` names the server.
 */
export const ssrfSinks = [
  { kind: 'ssrf', library: 'axios', module: 'axios', path: 'Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: 'axios', module: 'axios', path: 'Argument[1]', mode: 'url-options' },
  { kind: 'ssrf', library: 'axios', module: 'axios', path: `Member[${AXIOS_URL_FIRST}].Argument[0]`, mode: 'url-options' },
  { kind: 'ssrf', library: 'axios', module: 'axios', path: `Member[${AXIOS_CONFIG_SECOND}].Argument[1]`, mode: 'url-options' },
  { kind: 'ssrf', library: 'axios', module: 'axios', path: `Member[${AXIOS_CONFIG_THIRD}].Argument[2]`, mode: 'url-options' },
  { kind: 'ssrf', library: 'axios', module: 'axios', path: 'Member[create].Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: 'axios', module: 'axios', path: 'Member[create].ReturnValue.Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: 'axios', module: 'axios', path: `Member[create].ReturnValue.Member[${AXIOS_URL_FIRST}].Argument[0]`, mode: 'url-options' },
  { kind: 'ssrf', library: 'got', module: 'got', path: 'Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: 'got', module: 'got', path: 'Argument[1]', mode: 'url-options' },
  { kind: 'ssrf', library: 'got', module: 'got', path: `Member[${GOT_METHODS}].Argument[0]`, mode: 'url-options' },
  { kind: 'ssrf', library: 'got', module: 'got', path: 'Member[extend].Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: 'node:http', module: HTTP, path: 'Member[request,get].Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: 'undici', module: 'undici', path: 'Member[request,fetch,stream].Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: 'undici', module: 'undici', path: 'Member[Client,Pool].Instance.Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: 'node-fetch', module: 'node-fetch', path: 'Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: 'superagent', module: 'superagent', path: `Member[${AGENT_METHODS}].Argument[0]`, mode: 'url' },
  { kind: 'ssrf', library: 'superagent', module: 'superagent', path: 'Argument[1]', mode: 'url' },
  { kind: 'ssrf', library: 'needle', module: 'needle', path: `Member[${AGENT_METHODS}].Argument[0]`, mode: 'url' },
  { kind: 'ssrf', library: 'needle', module: 'needle', path: 'Member[request].Argument[1]', mode: 'url' },
  { kind: 'ssrf', library: 'needle', module: 'needle', path: 'Argument[1]', mode: 'url' },
  { kind: 'ssrf', library: '@hapi/wreck', module: WRECK, path: `Member[${WRECK_METHODS}].Argument[0]`, mode: 'url' },
  { kind: 'ssrf', library: '@hapi/wreck', module: WRECK, path: 'Member[request].Argument[1]', mode: 'url' },
  { kind: 'ssrf', library: '@hapi/wreck', module: WRECK, path: 'Member[defaults].Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: '@hapi/wreck', module: WRECK, path: `Member[defaults].ReturnValue.Member[${WRECK_METHODS}].Argument[0]`, mode: 'url' },
  { kind: 'ssrf', library: '@hapi/wreck', module: WRECK, path: 'Member[defaults].ReturnValue.Member[request].Argument[1]', mode: 'url' },
  // ofetch (and Nuxt's `$fetch`, built on it): `ofetch(url, opts)`, `$fetch.raw(url)`, `ofetch.create({ baseURL })`.
  { kind: 'ssrf', library: 'ofetch', module: 'ofetch', path: 'Member[ofetch,$fetch].Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: 'ofetch', module: 'ofetch', path: 'Member[ofetch,$fetch].Member[raw,native].Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: 'ofetch', module: 'ofetch', path: 'Member[ofetch,$fetch].Member[create].Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: 'ofetch', module: 'ofetch', path: 'Member[ofetch,$fetch].Argument[1]', mode: 'url-options' },
  // ky: `ky(url)`, `ky.get(url)`, `ky.create({ prefixUrl })` (`prefixUrl` is also an option of each call).
  { kind: 'ssrf', library: 'ky', module: 'ky', path: 'Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: 'ky', module: 'ky', path: 'Argument[1]', mode: 'url-options' },
  { kind: 'ssrf', library: 'ky', module: 'ky', path: `Member[${KY_METHODS}].Argument[0]`, mode: 'url-options' },
  { kind: 'ssrf', library: 'ky', module: 'ky', path: `Member[${KY_METHODS}].Argument[1]`, mode: 'url-options' },
  { kind: 'ssrf', library: 'ky', module: 'ky', path: 'Member[create,extend].Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: 'request', module: REQUEST, path: 'Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: 'request', module: REQUEST, path: `Member[${REQUEST_METHODS}].Argument[0]`, mode: 'url-options' },
  { kind: 'ssrf', library: 'request', module: REQUEST, path: 'Member[defaults].Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: 'request', module: REQUEST, path: 'Member[defaults].ReturnValue.Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: 'request', module: REQUEST, path: `Member[defaults].ReturnValue.Member[${REQUEST_METHODS}].Argument[0]`, mode: 'url-options' },
  // follow-redirects wraps `http` and `https` with the same functions.
  { kind: 'ssrf', library: 'follow-redirects', module: 'follow-redirects', path: 'Member[http,https].Member[request,get].Argument[0]', mode: 'url-options' },
  // Fetch implementations imported under their package's name.
  { kind: 'ssrf', library: 'cross-fetch', module: ['cross-fetch', 'isomorphic-fetch', 'make-fetch-happen'], path: 'Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: 'cross-fetch', module: 'cross-fetch', path: 'Member[fetch].Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: 'phin', module: 'phin', path: 'Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: 'urllib', module: 'urllib', path: 'Member[request,curl,requestWithCallback].Argument[0]', mode: 'url' },
  // NestJS's `HttpService`, injected by its constructor type: axios's methods, returning Observables.
  { kind: 'ssrf', library: '@nestjs/axios', module: NEST_AXIOS, path: 'Member[HttpService].Instance.Member[request].Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: '@nestjs/axios', module: NEST_AXIOS, path: `Member[HttpService].Instance.Member[${NEST_URL_FIRST}].Argument[0]`, mode: 'url' },
  { kind: 'ssrf', library: '@nestjs/axios', module: NEST_AXIOS, path: `Member[HttpService].Instance.Member[${AXIOS_CONFIG_SECOND}].Argument[1]`, mode: 'url-options' },
  { kind: 'ssrf', library: '@nestjs/axios', module: NEST_AXIOS, path: `Member[HttpService].Instance.Member[${AXIOS_CONFIG_THIRD}].Argument[2]`, mode: 'url-options' },
  { kind: 'ssrf', library: '@nestjs/axios', module: NEST_AXIOS, path: 'Member[HttpService].Instance.Member[axiosRef].Argument[0]', mode: 'url-options' },
  { kind: 'ssrf', library: '@nestjs/axios', module: NEST_AXIOS, path: `Member[HttpService].Instance.Member[axiosRef].Member[${AXIOS_URL_FIRST}].Argument[0]`, mode: 'url-options' },
] as const satisfies readonly SinkModel[];

/** The WHATWG `fetch` of Node 18+, Deno, Bun and edge runtimes. */
export const ssrfGlobalSinks = [
  { kind: 'ssrf', library: 'fetch', name: 'fetch', argument: 0, mode: 'url-options' },
  // Nuxt and Nitro make ofetch's `$fetch` a global: server code calls it without an import.
  { kind: 'ssrf', library: 'ofetch', name: '$fetch', argument: 0, mode: 'url-options' },
] as const satisfies readonly GlobalSinkModel[];

/** Option properties that name the server a request goes to. */
export const urlOptionProperties = ['url', 'baseURL', 'baseUrl', 'prefixUrl', 'host', 'hostname', 'origin', 'uri', 'href'] as const;
