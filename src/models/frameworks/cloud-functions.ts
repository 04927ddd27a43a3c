import type { RequestStyle } from './request-inputs.js';

/**
 * HTTP and callable functions of Google Cloud Functions and Firebase: each registration serves one URL, named
 * after the function (`https://<region>-<project>.cloudfunctions.net/deleteUser`), for every
 * method, to anyone on the internet unless its configuration restricts who may invoke it. The
 * route model (`analysis/routes/frameworks/cloud-functions.ts`) reads these rows.
 */

/** Framework names the route model gives these routes (as messages and the inventory show them). */
export type CloudFunctionsFramework = 'firebase' | 'cloud-functions';

/** A call that registers an HTTP function. */
export interface HttpFunctionRegistration {
  framework: CloudFunctionsFramework;
  /** Modules it is imported (or required) from. */
  modules: readonly string[];
  /** Member path from the module to the registering function (`https.onRequest`). */
  path: readonly string[];
  /**
   * Calls on the module that return a configured copy of it, allowed before `path`
   * (`functions.region('europe-west1').runWith({ memory: '1GB' }).https.onRequest(h)`); an object
   * literal they are given holds options, as the registration's own first argument does.
   */
  builders: readonly string[];
  /**
   * Where the function's name is: an argument of the registration (`functions.http('name', h)`),
   * or `export` when the name is the one the module exports it under (Firebase deploys each
   * export; a group `exports.users = { remove }` deploys `users-remove`).
   */
  name: number | 'export';
  /** The handler: the last argument; the one before it, when there are two, holds options. */
  handler: 'last';
  /** Methods the function answers: an HTTP function every one, a callable function `POST`. */
  methods: readonly string[];
  /** How request input enters the handler: Firebase and the Functions Framework hand it Express's. */
  style: RequestStyle;
  /**
   * The style of a handler whose second parameter is named as a context (`(data, context)`): a
   * v1 callable function, which the root module of firebase-functions before v6 registers.
   */
  contextStyle?: RequestStyle;
}

export const httpFunctionRegistrations = [
  // firebase-functions v1 (`firebase-functions`, `firebase-functions/v1`):
  // `functions.https.onRequest(h)`, `functions.region('x').https.onRequest(h)`,
  // `functions.runWith({ invoker: 'private' }).https.onRequest(h)`; v2 through the root module
  // (`import { https } from 'firebase-functions/v2'`, and the root of firebase-functions 6+).
  {
    framework: 'firebase',
    modules: ['firebase-functions', 'firebase-functions/v1', 'firebase-functions/v2'],
    path: ['https', 'onRequest'],
    builders: ['region', 'runWith'],
    name: 'export',
    handler: 'last',
    methods: ['ALL'],
    style: 'express',
  },
  // firebase-functions v2: `onRequest(h)`, `onRequest({ region, cors, invoker }, h)`.
  {
    framework: 'firebase',
    modules: ['firebase-functions/v2/https', 'firebase-functions/https'],
    path: ['onRequest'],
    builders: [],
    name: 'export',
    handler: 'last',
    methods: ['ALL'],
    style: 'express',
  },
  // Google Cloud Functions Framework: `functions.http('deleteUser', (req, res) => …)`.
  {
    framework: 'cloud-functions',
    modules: ['@google-cloud/functions-framework'],
    path: ['http'],
    builders: [],
    name: 0,
    handler: 'last',
    methods: ['ALL'],
    style: 'express',
  },
  // Callable functions (the Firebase client SDK's `httpsCallable`), POSTed to the same URL: v1
  // `functions.https.onCall((data, context) => …)`, v2 `onCall((request) => …)`; the caller's
  // verified token is `context.auth` / `request.auth`.
  {
    framework: 'firebase',
    modules: ['firebase-functions', 'firebase-functions/v1', 'firebase-functions/v2'],
    path: ['https', 'onCall'],
    builders: ['region', 'runWith'],
    name: 'export',
    handler: 'last',
    methods: ['POST'],
    style: 'callable',
    contextStyle: 'callable-v1',
  },
  {
    framework: 'firebase',
    modules: ['firebase-functions/v2/https', 'firebase-functions/https'],
    path: ['onCall'],
    builders: [],
    name: 'export',
    handler: 'last',
    methods: ['POST'],
    style: 'callable',
  },
] as const satisfies readonly HttpFunctionRegistration[];

/**
 * The option that says who may invoke an HTTP function (firebase-functions v2 `onRequest` options,
 * v1 `runWith` options). `public` (the default of a function deployed by Firebase) lets anyone
 * in; any other value (`'private'`, a service account, a list of them) lets in only callers that
 * IAM authenticates: the route is authenticated by its configuration.
 */
export const invokerOption = { name: 'invoker', publicValues: ['public'] } as const;
