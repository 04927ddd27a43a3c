import type { RequestStyle } from './request-inputs.js';

/*
 * Frameworks whose routes are modules: a file under a routes folder serves the URL of its path,
 * through the functions it exports under conventional names. SvelteKit (`src/routes/**\/+server.ts`
 * exporting `GET`, `+page.server.ts` exporting `load` and `actions`) and Remix / React Router v7
 * framework mode (`app/routes/api.notes.$noteId.ts` exporting `loader` and `action`). Each handler
 * is given one object holding a web-standard `Request` (see the `sveltekit` and `remix` request
 * styles). The extractor is `analysis/routes/frameworks/route-modules.ts`.
 */

/** Which functions of a route module are handlers, and the methods each serves. */
export interface RouteModuleExport {
  /** Export name (`GET`, `loader`). */
  name: string;
  /** Methods it serves; `ALL` for every method. */
  methods: readonly string[];
  /**
   * `object`: the export is an object whose every property is a handler (SvelteKit's form
   * `actions = { default, rename }`, each POSTed to the page's URL).
   */
  form?: 'object';
}

export interface RouteModuleConvention {
  framework: 'sveltekit' | 'remix';
  /** The folder, relative to the project root, whose files are routes. */
  folder: string;
  /** How a file name under that folder is read into a URL path (see the extractor). */
  naming: 'sveltekit' | 'remix';
  /** File names (the last segment) that are route modules, with what they export. */
  files: readonly { name: RegExp; exports: readonly RouteModuleExport[] }[];
  /**
   * Modules whose import (by the file) or declaration (by the project's `package.json`) shows the
   * project is built on the framework: the folder and the export names are not evidence enough.
   */
  modules: readonly string[];
  style: RequestStyle;
}

const SVELTEKIT_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'] as const;
/** Remix serves a `loader` on GET (and HEAD), an `action` on every other method. */
const REMIX_EXPORTS: readonly RouteModuleExport[] = [
  { name: 'loader', methods: ['GET'] },
  { name: 'action', methods: ['POST', 'PUT', 'PATCH', 'DELETE'] },
];

export const routeModuleConventions = [
  {
    framework: 'sveltekit',
    folder: 'src/routes',
    naming: 'sveltekit',
    files: [
      // Endpoints: one export per method, `fallback` for the methods not exported.
      { name: /^\+server\.(?:ts|js|mts|mjs)$/u, exports: [...SVELTEKIT_METHODS.map((name) => ({ name, methods: [name] })), { name: 'fallback', methods: ['ALL'] }] },
      // Page and layout data: `load` runs on every GET of the page (its return value is sent to the browser);
      // a page's form `actions` are POSTed to it.
      { name: /^\+page\.server\.(?:ts|js|mts|mjs)$/u, exports: [{ name: 'load', methods: ['GET'] }, { name: 'actions', methods: ['POST'], form: 'object' }] },
      { name: /^\+layout\.server\.(?:ts|js|mts|mjs)$/u, exports: [{ name: 'load', methods: ['GET'] }] },
    ],
    modules: ['@sveltejs/kit'],
    style: 'sveltekit',
  },
  {
    framework: 'remix',
    folder: 'app/routes',
    naming: 'remix',
    files: [{ name: /^(?!.*\.d\.ts$).+\.(?:ts|tsx|js|jsx|mts|mjs)$/u, exports: REMIX_EXPORTS }],
    modules: [
      '@remix-run/node', '@remix-run/cloudflare', '@remix-run/deno', '@remix-run/server-runtime', '@remix-run/react',
      'react-router', '@react-router/node', '@react-router/cloudflare', '@react-router/dev', '@react-router/fs-routes',
    ],
    style: 'remix',
  },
] as const satisfies readonly RouteModuleConvention[];

/**
 * SvelteKit's server hooks file (`src/hooks.server.ts`): its `handle` runs before every request
 * of the app (endpoints, page loads and actions), given `{ event, resolve }`; a request it answers
 * without `resolve(event)` (a thrown `redirect` or `error`, a returned `Response`) reaches no route.
 */
export const sveltekitHooks = { file: /^src\/hooks\.server\.(?:ts|js|mts|mjs)$/u, export: 'handle', sequence: { module: '@sveltejs/kit/hooks', name: 'sequence' } } as const;

/*
 * Fetch servers: a function handed a web-standard `Request` that returns a `Response`, registered by
 * the runtime rather than by a router.
 * - The default export's `fetch` method (Cloudflare Workers' module syntax, Bun's and Deno's
 *   `export default { fetch }`): `export default { async fetch(request, env, ctx) { … } }`.
 * - `Bun.serve({ fetch(req) { … } })` and `Deno.serve((req) => …)` / `Deno.serve(options, handler)`.
 * Their request style is `fetch`.
 */
export const fetchServers = {
  /** The member of a default-exported object that the runtime calls for each request. */
  exportedMember: 'fetch',
  /** Calls on a runtime global that serve a handler: the option holding it, or the last argument. */
  serveCalls: [
    { global: 'Bun', method: 'serve', option: 'fetch' },
    { global: 'Deno', method: 'serve', option: 'handler' },
  ],
} as const;
