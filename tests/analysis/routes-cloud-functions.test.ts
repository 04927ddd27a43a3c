import { describe, expect, it } from 'vitest';
import { analyze, routesOf, type RouteSummary } from '../helpers/routes.js';

/** Expected summary of an HTTP function. */
const fn = (framework: string, path: string | null, line: number, handlerLine = line, guards: string[] = []): RouteSummary => ({
  framework,
  methods: ['ALL'],
  path,
  line,
  handlerLine,
  style: 'express',
  guards,
  mountedElsewhere: false,
});

describe('route model: Firebase and Google Cloud Functions HTTP functions', () => {
  it('firebase-functions v1: https.onRequest, through region() and runWith(), named by the export', () => {
    const routes = routesOf(`
import * as functions from 'firebase-functions';
export const deleteUser = functions.https.onRequest(async (req, res) => { res.json(req.body); });
export const report = functions.region('europe-west1').https.onRequest((req, res) => res.send('x'));
export const heavy = functions.runWith({ memory: '1GB' }).region('us-central1').https.onRequest(handleHeavy);
function handleHeavy(req, res) { res.end(); }
`);
    expect(routes).toEqual([
      fn('firebase', '/deleteUser', 3),
      fn('firebase', '/report', 4),
      fn('firebase', '/heavy', 5, 6),
    ]);
  });

  it('CommonJS exports, module.exports objects, export specifiers and groups', () => {
    const routes = routesOf(`
const functions = require('firebase-functions/v1');
const regional = functions.region('asia-northeast1');
exports.addMessage = functions.https.onRequest((req, res) => res.send(req.query.text));
const stats = regional.https.onRequest((req, res) => res.send('ok'));
module.exports.stats = stats;
exports.users = { remove: functions.https.onRequest((req, res) => res.end()) };
`);
    expect(routes).toEqual([
      fn('firebase', '/addMessage', 4),
      fn('firebase', '/stats', 5),
      fn('firebase', '/users-remove', 7),
    ]);
  });

  it('firebase-functions v2: onRequest with and without options; invoker restricts who may call', () => {
    const routes = routesOf(`
import { onRequest } from 'firebase-functions/v2/https';
import { https } from 'firebase-functions/v2';
const internalOnly = { invoker: 'private', region: 'europe-west1' };
export const open = onRequest(async (req, res) => { res.json(req.body); });
export const withCors = onRequest({ cors: true, invoker: 'public' }, (req, res) => { res.end(); });
export const priv = onRequest({ invoker: 'private' }, (req, res) => { res.end(); });
export const byAccount = https.onRequest({ invoker: ['scheduler@p.iam.gserviceaccount.com'] }, (req, res) => { res.end(); });
export const fromConstant = onRequest(internalOnly, (req, res) => { res.end(); });
const level = process.env.INVOKER;
export const dynamic = onRequest({ invoker: level }, (req, res) => { res.end(); });
export { open as alias };
`);
    expect(routes).toEqual([
      fn('firebase', '/open', 5),
      fn('firebase', '/withCors', 6),
      fn('firebase', '/priv', 7, 7, ['config:route:invoker']),
      fn('firebase', '/byAccount', 8, 8, ['config:route:invoker']),
      fn('firebase', '/fromConstant', 9, 9, ['config:route:invoker']),
      fn('firebase', '/dynamic', 11),
    ]);
    const guard = analyze(`
import { onRequest } from 'firebase-functions/https';
export const priv = onRequest({ invoker: 'private' }, (req, res) => res.end());
`).routes[0]?.guards[0];
    expect(guard?.verdict).toBe('authenticated');
  });

  it('v1 runWith({ invoker }) restricts too', () => {
    const routes = routesOf(`
const functions = require('firebase-functions');
exports.cron = functions.runWith({ invoker: 'private' }).https.onRequest((req, res) => res.end());
`);
    expect(routes).toEqual([fn('firebase', '/cron', 3, 3, ['config:route:invoker'])]);
  });

  it('functions-framework: functions.http(name, handler) is named by its first argument', () => {
    const routes = routesOf(`
import * as functions from '@google-cloud/functions-framework';
functions.http('deleteUser', async (req, res) => { res.send(req.body.uid); });
const NAME = 'ping';
functions.http(NAME, handlePing);
function handlePing(req, res) { res.send('pong'); }
functions.cloudEvent('onUpload', (event) => console.log(event.data));
`);
    expect(routes).toEqual([
      fn('cloud-functions', '/deleteUser', 3),
      fn('cloud-functions', '/ping', 5, 6),
    ]);
  });

  it('an Express app served by a function keeps its own routes, and the function adds none', () => {
    const result = analyze(`
import * as functions from 'firebase-functions';
import express from 'express';
const app = express();
app.get('/users/:id', (req, res) => res.json(req.params));
export const api = functions.https.onRequest(app);
`);
    expect(result.routes.map((route) => [route.framework, route.methods.join(), route.path])).toEqual([['express', 'GET', '/users/:id']]);
  });

  it('leaves look-alikes alone: other modules, Firestore and scheduled triggers, a local https object', () => {
    const routes = routesOf(`
import * as functions from 'firebase-functions';
import { onSchedule } from 'firebase-functions/v2/scheduler';
import { onRequest } from './local-wrappers';
const https = { onRequest: (fn) => fn, onCall: (fn) => fn };
export const a = https.onRequest((req, res) => res.end());
export const b = onRequest((req, res) => res.end());
export const c = https.onCall((data, context) => ({ ok: true }));
export const d = functions.firestore.document('users/{id}').onCreate((snap) => snap.data());
export const e = onSchedule('every 5 minutes', async () => {});
`);
    expect(routes).toEqual([]);
  });

  it('callable functions are POST routes; a (data, context) handler is a v1 callable', () => {
    const result = analyze(`
import * as functions from 'firebase-functions';
import { onCall } from 'firebase-functions/v2/https';
export const addAdmin = functions.region('europe-west1').https.onCall(async (data, context) => ({ ok: true }));
export const rename = functions.https.onCall(async (request) => ({ ok: request.data.name }));
export const search = onCall({ enforceAppCheck: true }, async (request) => ({ hits: [] }));
export const internal = onCall({ invoker: 'private' }, async (request) => ({}));
`);
    expect(result.routes.map((route) => [route.methods.join(), route.path, route.handler?.style, route.guards.length])).toEqual([
      ['POST', '/addAdmin', 'callable-v1', 0],
      ['POST', '/rename', 'callable', 0],
      ['POST', '/search', 'callable', 0],
      ['POST', '/internal', 'callable', 1],
    ]);
  });

  it('the handler is not also listed as a handler without a route', () => {
    const result = analyze(`
import * as functions from 'firebase-functions';
export const deleteUser = functions.https.onRequest(async (req, res) => { res.json(req.body); });
`);
    expect(result.handlers).toHaveLength(1);
    expect(result.handlers[0]).toBe(result.routes[0]?.handler);
  });
});
