#!/usr/bin/env node
// `npm run real-world`: lint real API backends, published on npm, with the `recommended` config and
// list every finding, so that each can be triaged by hand (docs/real-world.md holds the triage).
//
// The packages are pinned: `npm pack name@version` downloads the published tarball (no install,
// no install scripts) into .cache/real-world/, once. Only the server code of each is linted.
//
//   node scripts/real-world.mjs [--json FILE] [--only NAME[,NAME]] [--config recommended|strict]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { root } from './corpus.mjs';

/**
 * The backends: real applications with HTTP APIs, in several frameworks, that publish their server
 * source (or a readable build) on npm. `dirs` are the server code inside the package.
 */
export const backends = [
  { name: 'parse-server', version: '9.10.0', framework: 'Express', dirs: ['lib'] },
  { name: 'verdaccio', version: '6.10.4', framework: 'Express', dirs: ['build'] },
  { name: '@actual-app/sync-server', version: '26.9.0', framework: 'Express', dirs: ['src', 'build'] },
  { name: 'ghost', version: '6.65.0', framework: 'Express', dirs: ['core/server'] },
  { name: '@directus/api', version: '39.2.1', framework: 'Express', dirs: ['dist'] },
  { name: '@budibase/server', version: '3.38.1', framework: 'Koa', dirs: ['src'] },
  { name: '@lenne.tech/nest-server', version: '11.24.1', framework: 'NestJS', dirs: ['src'] },
  { name: '@medusajs/medusa', version: '2.21.2', framework: 'Medusa (file-based routes on Express)', dirs: ['dist/api'] },
  { name: 'flowise', version: '3.1.4', framework: 'Express', dirs: ['dist'] },
  // The second set, first linted on 2026-12-06 after the rules had been tuned on the nine above
  // (12 findings, 1 real, at first sight: see docs/real-world.md). `exclude` drops files that are not
  // server code (tests, schema objects) or that each package also ships in another module format.
  // Not in the bench's corpus, whose figures compare with its history on the nine.
  { name: '@strapi/admin', version: '5.54.0', framework: 'Koa (route objects)', dirs: ['dist/server'], exclude: '\\.mjs$', set: 2 },
  { name: '@strapi/core', version: '5.54.0', framework: 'Koa', dirs: ['dist'], exclude: '\\.mjs$', set: 2 },
  { name: '@vendure/core', version: '3.7.3', framework: 'NestJS + GraphQL', dirs: ['dist'], set: 2 },
  { name: 'unleash-server', version: '8.2.0', framework: 'Express (compiled TypeScript)', dirs: ['dist/lib'], exclude: '\\.(?:test|e2e)\\.js$|/openapi/spec/', set: 2 },
  { name: 'ep_etherpad-lite', version: '1.8.14', framework: 'Express', dirs: ['node'], set: 2 },
  { name: '@node-red/editor-api', version: '5.0.7', framework: 'Express', dirs: ['lib'], set: 2 },
  { name: '@nocobase/server', version: '2.2.15', framework: 'Koa + node:http gateway', dirs: ['lib'], set: 2 },
  // The third set, first linted on 2026-12-06 after the fixes the second set led to (see
  // docs/real-world.md): styles the first two cover badly (server-rendered Express with its own
  // route helpers, Strapi's auth plugin, Backstage's routers built in factories, a query API
  // gateway, and n8n's decorator controllers).
  { name: '@saltcorn/server', version: '1.6.2', framework: 'Express (server-rendered)', dirs: ['.'], exclude: '/(?:tests|docs|help)/|/fixture_persons\\.js$', set: 3 },
  { name: '@strapi/plugin-users-permissions', version: '5.54.0', framework: 'Koa (Strapi auth plugin)', dirs: ['server/src'], set: 3 },
  { name: '@backstage/plugin-auth-backend', version: '0.31.0', framework: 'Express routers (Backstage)', dirs: ['dist'], set: 3 },
  { name: '@backstage/plugin-catalog-backend', version: '4.0.5', framework: 'Express routers (Backstage)', dirs: ['dist'], set: 3 },
  { name: '@cubejs-backend/api-gateway', version: '1.7.43', framework: 'Express (query API gateway)', dirs: ['dist/src'], set: 3 },
  { name: 'n8n', version: '2.41.3', framework: 'Express + decorator controllers (compiled TypeScript)', dirs: ['dist'], exclude: '/agent-library-bundle\\.js$|/spec/serialized/', set: 3 },
  // The fourth set, first linted on 2026-12-06 after the third set's fixes (see docs/real-world.md):
  // frameworks and styles the first three cover badly (NestJS on Fastify, compiled; Hapi route
  // tables; an Express app whose routes are added by many modules handed the app; Express beside
  // socket.io; a plain node:http server with a WebSocket API; Fastify plugins).
  { name: 'homebridge-config-ui-x', version: '5.28.0', framework: 'NestJS on Fastify (compiled TypeScript)', dirs: ['dist'], set: 4 },
  { name: 'signalk-server', version: '2.32.0', framework: 'Express (compiled TypeScript)', dirs: ['dist'], set: 4 },
  { name: '@mojaloop/central-ledger', version: '19.5.5', framework: 'Hapi', dirs: ['src'], set: 4 },
  { name: 'uptime-kuma', version: '2.0.0-dev.0', framework: 'Express + socket.io', dirs: ['server'], set: 4 },
  { name: 'zigbee2mqtt', version: '2.14.1', framework: 'node:http + WebSocket (compiled TypeScript)', dirs: ['dist'], set: 4 },
  { name: '@verdaccio/server-fastify', version: '7.0.0-next-8.21', framework: 'Fastify (TypeScript)', dirs: ['src'], set: 4 },
  // The fifth set, first linted on 2026-12-07 to measure generalisation, not to tune: chosen by
  // criteria before any result was seen (a real application's server with an HTTP API, not a
  // framework or an SDK; readable published source, not one bundle; more than 2k lines of server
  // code; styles the first four cover least: an OAuth and outbound-HTTP proxy, apps driven mostly
  // by socket.io, a custom router of controller actions over HTTP and WebSocket, routes declared in
  // module objects, server-rendered database admin tools). Not taken: json-server (1k lines),
  // flood (one 35 MB bundle), nodebb (its npm release is from 2017). See /work/briefs/set5-report.md.
  { name: '@uppy/companion', version: '6.2.2', framework: 'Express (OAuth and outbound HTTP proxy)', dirs: ['src'], set: 5 },
  { name: 'thelounge', version: '4.5.2', framework: 'Express + socket.io (compiled TypeScript)', dirs: ['dist/server'], set: 5 },
  { name: 'cncjs', version: '1.11.5', framework: 'Express + socket.io (Babel-compiled)', dirs: ['dist/cncjs/server'], exclude: '/__tests__/', set: 5 },
  { name: 'kuzzle', version: '2.56.0', framework: 'own HTTP/WebSocket router of controller actions (compiled TypeScript)', dirs: ['dist/lib'], set: 5 },
  { name: 'apostrophe', version: '4.32.2', framework: 'Express (routes declared in module objects)', dirs: ['.'], exclude: '/(?:ui|test|test-lib|scripts|claude-tools)/|/eslint\\.config\\.js$', set: 5 },
  { name: 'mongo-express', version: '1.0.2', framework: 'Express (server-rendered database admin)', dirs: ['.'], exclude: '/(?:lib/scripts|test|cypress)/|/(?:webpack|cypress)\\.config\\.m?js$', set: 5 },
  { name: 'redis-commander', version: '0.9.0', framework: 'Express (server-rendered database admin)', dirs: ['lib', 'bin'], set: 5 },
  // The sixth set, first linted on 2026-12-07 to measure generalisation, not to tune: chosen by the
  // fifth set's criteria before any result was seen, in styles the first five cover least: a plain
  // node:http server whose routes are modules exporting a method, a path pattern and a handler; a
  // connect middleware chain; a 58k-line Express and WebSocket monolith; an ES-module Express file
  // manager; an Express and socket.io front end to git commands; compiled TypeScript Express with
  // login and HTTP proxies. Not taken: hexo-server (under 1k lines), wetty (1k lines), botpress
  // (its npm release is from 2018), wikijs (a MediaWiki client), @hedgedoc/server and
  // @growthbook/back-end (not on npm), payload and @keystone-6/core (frameworks).
  // See /work/briefs/set6-report.md.
  { name: 'tiddlywiki', version: '5.4.1', framework: 'node:http (route modules: method, path pattern, handler)', dirs: ['core-server'], set: 6 },
  { name: 'karma', version: '6.4.4', framework: 'connect middleware on node:http', dirs: ['lib'], set: 6 },
  { name: 'meshcentral', version: '1.1.55', framework: 'Express + WebSocket (one large module)', dirs: ['.'], exclude: '/(?:agents|public|views|translate|rdp|amt|emails|bin)/|/meshctrl\\.js$', set: 6 },
  { name: 'cloudcmd', version: '19.19.1', framework: 'Express (ES modules, file manager)', dirs: ['server'], set: 6 },
  { name: 'ungit', version: '1.5.30', framework: 'Express + socket.io (git front end)', dirs: ['source'], set: 6 },
  { name: 'code-server', version: '4.139.1', framework: 'Express + WebSocket router (compiled TypeScript)', dirs: ['out/node'], set: 6 },
  // The seventh set, first linted on 2026-12-07 to measure generalisation, not to tune: chosen by the
  // fifth set's criteria before any result was seen, in styles the first six cover least: a NestJS
  // application in TypeScript source with a global guard and public-route decorators; Hono routes
  // (compiled ESM chunks); a uWebSockets.js HTTP and WebSocket server; an Express server whose
  // handlers are generated from an API specification and dispatched by middleware; a Restify API;
  // Express controllers built by factory functions. Not taken: @logto/core, @ghostfolio/api, docmost,
  // @hoppscotch/backend, @immich/server, @outline/server, @calcom/api (not on npm), @novu/api (an
  // SDK), outline 0.1.1 and actual 0.4.0 (other, older packages), @lowdefy/server (one file),
  // iframely and droppy (styles sets 1-6 cover). See /work/briefs/set7-report.md.
  { name: '@dxheroes/local-mcp-backend', version: '0.15.0', framework: 'NestJS (TypeScript source, global guard)', dirs: ['src'], exclude: '/__tests__/|\\.(?:spec|test)\\.ts$', set: 7 },
  { name: '@c15t/backend', version: '2.2.1', framework: 'Hono (compiled ESM chunks)', dirs: ['dist'], exclude: '\\.cjs$', set: 7 },
  { name: '@soketi/soketi', version: '1.6.1', framework: 'uWebSockets.js HTTP + WebSocket (compiled TypeScript)', dirs: ['dist'], set: 7 },
  { name: 'azurite', version: '3.37.0', framework: 'Express + generated handler dispatch (compiled TypeScript)', dirs: ['dist/src'], exclude: '/generated/artifacts/(?:mappers|specifications|parameters)\\.js$', set: 7 },
  { name: 'wildduck', version: '1.46.1', framework: 'Restify', dirs: ['.'], exclude: '/(?:test|setup|examples|docs|emails|graphics|migrations)/|/Gruntfile\\.js$', set: 7 },
  { name: '@mbtest/mountebank', version: '2.9.2', framework: 'Express (controllers built by factories)', dirs: ['src'], set: 7 },
  // The eighth set, first linted on 2026-12-07 to measure generalisation, not to tune: chosen by the
  // fifth set's criteria, plus a latest npm release from 2022 or later, before any result was seen,
  // in styles the first seven cover least: Fastify plugins in plain JavaScript with permission
  // pre-handlers; an Express API whose routes are declared in a Swagger file and dispatched to
  // controllers, beside socket.io units; Koa with its own router over per-path handler maps; an
  // ES-module Express tile server that reads files named by path parameters; an Express API with
  // token middlewares built by factories; an Express dashboard with passport sessions. Not taken: gladys
  // (Sails 0.12, 2017) and cnpmjs.org (Koa 0.17, 2015): old releases; @jsreport/jsreport-express,
  // @maildev/api, @loopback/example-todo, @sidequest/dashboard (under 2k lines); @queuedash/api (a
  // library); @jiggai/kitchen (a Next.js build); @pizzapi/pizza (no server source); @n8n/task-runner
  // (no HTTP API to speak of). See /work/briefs/set8-report.md.
  { name: '@flowfuse/flowfuse', version: '2.4.0', framework: 'Fastify (plugins, permission pre-handlers)', dirs: ['forge'], set: 8 },
  { name: '@devicefarmer/stf', version: '3.7.9', framework: 'Express (Swagger-declared routes) + socket.io units', dirs: ['lib'], set: 8 },
  { name: '@mojaloop/sdk-scheme-adapter', version: '18.0.2', framework: 'Koa (own router over per-path handler maps)', dirs: ['src'], set: 8 },
  { name: 'tileserver-gl-light', version: '5.6.0', framework: 'Express (ES modules, tile and file server)', dirs: ['src'], set: 8 },
  { name: '@lhci/server', version: '0.15.1', framework: 'Express (routers and token middlewares built by factories)', dirs: ['src'], set: 8 },
  { name: 'parse-dashboard', version: '9.2.0', framework: 'Express (passport sessions, server-rendered)', dirs: ['Parse-Dashboard'], set: 8 },
  // The ninth set, first linted on 2026-12-07 to measure generalisation, not to tune: chosen by the
  // eighth set's criteria before any result was seen, in styles the first eight cover least: Hapi
  // plugins whose route objects carry auth strategies and scopes; Express routes declared by
  // directories holding a route.json and middleware files ordered by their names (TypeScript
  // source); LoopBack 4 controllers with authentication and authorization decorators (TypeScript
  // source); GraphQL resolvers wrapped by an access-control function, with Express and Fastify
  // adapters; Express beside an Apollo GraphQL schema (TypeScript source); a public Express query
  // API whose controllers and sanitizers are composed by predicates. Not taken: quilltap (a launcher
  // that downloads the application), @gzl10/nexus-backend (one bundle), @standardnotes/home-server
  // (under 1k lines: its servers are in unpublished packages); @joplin/server, cnpmcore,
  // audiobookshelf, planka, @wppconnect/server, @ir-engine/server-core, @etherealengine/server-core,
  // @standardnotes/syncing-server, @cap.js/standalone (not on npm). See /work/briefs/set9-report.md.
  { name: 'screwdriver-api', version: '8.0.143', framework: 'Hapi (plugins, route auth strategies and scopes)', dirs: ['lib', 'plugins', 'bin'], set: 9 },
  { name: '@evershop/evershop', version: '2.2.1', framework: 'Express (routes declared by route.json directories, TypeScript source)', dirs: ['src'], exclude: '/(?:tests|__tests__)/|\\.(?:test|spec)\\.[jt]s$', set: 9 },
  { name: '@sourceloop/authentication-service', version: '19.2.2', framework: 'LoopBack 4 (decorator controllers, TypeScript source)', dirs: ['src'], exclude: '/__tests__/', set: 9 },
  { name: '@unchainedshop/api', version: '4.8.27', framework: 'GraphQL resolvers behind an ACL wrapper + Express/Fastify adapters', dirs: ['lib'], exclude: '\\.test\\.js$', set: 9 },
  { name: '@openneuro/server', version: '5.1.3', framework: 'Express + Apollo GraphQL (TypeScript source)', dirs: ['src'], exclude: '/(?:__tests__|__mocks__)/|\\.(?:test|spec)\\.[jt]s$', set: 9 },
  { name: 'pelias-api', version: '7.9.0', framework: 'Express (public query API, predicate-composed controllers)', dirs: ['.'], exclude: '/(?:test|public|bin)/', set: 9 },
  // The tenth set, first linted on 2026-12-07 to measure generalisation, not to tune: chosen by the
  // same criteria before any result was seen, in styles the first nine cover least: Next.js API
  // routes (pages/api, TypeScript source, handlers wrapped by middleware functions); Fastify
  // plugins that run SQL built from request data (compiled TypeScript); GraphQL resolvers of a
  // commerce API plugin (permission checks inside the mutations); a Koa plugin of route objects
  // that stores uploaded files; Fastify routes registered from declarative definitions of another
  // package (compiled TypeScript); NestJS controllers receiving payment webhooks beside GraphQL
  // resolvers. Not taken: @gauzy/core, @budibase/worker, @supabase/storage-api, @webiny/api-file-manager,
  // @documenso/lib, zwave-js-ui, @rocket.chat/ddp-streamer (not on npm); iobroker.simple-api (1.6k
  // lines), @vendure/asset-server-plugin (1.4k lines); gun (2020 release); maildev, node-media-server,
  // iobroker.rest-api (Express, well covered); @webiny/api-headless-cms 4.14.0 (its registry date
  // is recent, but its code is of 2020: Babel 7.12, Apollo Server 2; found while triaging). See
  // /work/briefs/set10-report.md.
  { name: 'umami', version: '2.10.0', framework: 'Next.js API routes (pages/api, TypeScript source)', dirs: ['src/pages/api', 'src/lib', 'src/queries'], exclude: '\\.(?:test|spec)\\.[jt]s$|/__tests__/', set: 10 },
  { name: '@supabase/postgres-meta', version: '0.99.0', framework: 'Fastify (route plugins running SQL, compiled TypeScript)', dirs: ['dist'], set: 10 },
  { name: '@reactioncommerce/api-plugin-accounts', version: '2.0.4', framework: 'GraphQL resolvers (plugin of a commerce API; mutations check permissions through the context)', dirs: ['src'], exclude: '\\.test\\.js$|/__snapshots__/', set: 10 },
  { name: '@strapi/upload', version: '5.54.0', framework: 'Koa (Strapi plugin, route objects, file uploads)', dirs: ['dist/server'], exclude: '\\.mjs$', set: 10 },
  { name: '@lodestar/beacon-node', version: '1.44.0', framework: 'Fastify (routes registered from declarative definitions, compiled TypeScript)', dirs: ['lib/api', 'lib/monitoring', 'lib/metrics/server'], set: 10 },
  { name: '@vendure/payments-plugin', version: '3.5.6', framework: 'NestJS (webhook controllers + GraphQL resolvers, compiled TypeScript)', dirs: ['package'], set: 10 },
  // The eleventh set, first linted on 2026-12-07 to measure generalisation, not to tune: chosen by
  // criteria written down before any result was seen (a real application's server code with an
  // HTTP API, not a framework or SDK; readable source, not a minified bundle; over 2k lines; latest
  // version, released 2022 or later), in styles the first ten cover least: Hono routes of a local API
  // studio that sends the requests it is given (compiled TypeScript); a framework-free fetch handler
  // (Request in, Response out, its own router; TypeScript source); a CMS whose REST endpoints are
  // Web Request/Response handlers served from Next.js app-router routes; NestJS with MikroORM; Koa
  // resource actions of a plugin storing uploaded files; a public Express API whose purpose is to
  // fetch the URL it is given. Not taken: @hedgedoc/backend, @logto/core, @medplum/server,
  // @openfn/ws-worker, @scrypted/server, @dicebear/api, rudder-transformer, @growthbook/proxy (not
  // on npm); @logto/cloud (type declarations only); @pizzapi/pizza (a 374-line launcher); nocodb (a
  // bundled build); @mastra/server (a framework's server); @gzl10/nexus-backend (Hono, but one
  // 1.1 MB build file, over the 1 MB limit of sourceFiles: nothing of it would be linted). See
  // /work/briefs/set11-report.md.
  { name: '@fiberplane/studio', version: '0.14.0', framework: 'Hono (local API studio: routes proxying requests and calling AI providers, compiled TypeScript)', dirs: ['dist/src'], exclude: '\\.test\\.js$', set: 11 },
  { name: '@hot-updater/server', version: '0.36.3', framework: 'fetch handler (Request to Response, own router; TypeScript source)', dirs: ['src'], exclude: '\\.(?:spec|test|bench)\\.ts$', set: 11 },
  { name: 'payload', version: '3.90.2', framework: 'CMS REST endpoints as Web Request/Response handlers (served by Next.js app-router routes)', dirs: ['dist'], exclude: '/(?:__testing__|bin)/|\\.spec\\.js$', set: 11 },
  { name: '@comet/cms-api', version: '7.25.14', framework: 'NestJS + MikroORM (compiled TypeScript)', dirs: ['lib'], exclude: '/generator/|/common/test/', set: 11 },
  { name: '@nocobase/plugin-file-manager', version: '2.2.15', framework: 'Koa (NocoBase resource actions, file uploads and storages)', dirs: ['dist/server'], set: 11 },
  { name: 'iframely', version: '2.4.3', framework: 'Express (public API fetching the URL it is given, plugin system)', dirs: ['.'], exclude: '/(?:test|static|docs|ansible-docker-iframely|docker|views|patches)/|/tester\\.js$|/config\\.test[^/]*\\.js$', set: 11 },
  // The twelfth set, first linted on 2026-12-07 to measure generalisation, not to tune: chosen by
  // criteria written down before any result was seen (a real application's server code with an
  // HTTP API, not a framework or SDK; readable source, not a minified bundle; over 2k lines; latest
  // version released 2022 or later; no server file over 1 MB), in styles the first eleven cover
  // least: a self-hosted wiki on Express 5 with Handlebars views and pages stored as files; a form
  // server whose REST resources are generated from models (plain JavaScript, MongoDB); a database
  // admin tool whose controllers are plain objects of methods registered by one generic function
  // (SQL, files, child processes); a self-hosted chat and helpdesk server (Express routers with
  // passport, 65k lines); an Express API run inside AWS Lambda (aws-serverless-express) beside Lambda
  // event handlers; the Koa and GraphQL HTTP layer of a self-hosted headless CMS (TypeScript source,
  // a DI container of controller factories). Not taken: decap-server (under 2k lines without its
  // specs); @cloudsnorkel/cdk-github-runners (its Lambda handlers ship only as esbuild bundles with
  // their dependencies); nodecg (a framework); @mockoon/commons-server and @openauthjs/openauth
  // (libraries); hastebin and kutt (clients of a service); mstream, psitransfer, haste-server,
  // ackee, zipline, chibisafe, cryptpad, codimd, dashy, magicmirror (not in the package list);
  // @cumulus/api's dist/ (webpack bundles of the same code: only its source is linted). See
  // /work/briefs/set12-report.md.
  { name: 'wiki-server', version: '0.27.0', framework: 'Express 5 + Handlebars views (self-hosted wiki, pages stored as files)', dirs: ['.'], exclude: '/default-data/', set: 12 },
  { name: 'formio', version: '4.8.1', framework: 'Express (REST resources generated from models, plain JavaScript, MongoDB)', dirs: ['.'], exclude: '/(?:test|config|\\.turbo)/|/(?:eslint\\.config\\.mjs|install\\.js)$', set: 12 },
  { name: 'dbgate-api', version: '7.3.0', framework: 'Express (controllers as objects of methods, registered generically; database admin)', dirs: ['src'], exclude: '\\.test\\.js$', set: 12 },
  { name: '@tiledesk/tiledesk-server', version: '2.19.16', framework: 'Express + passport (self-hosted chat and helpdesk server)', dirs: ['.'], exclude: '/(?:test|test-int|migrations|public|docs|bin|fonts|views)/', set: 12 },
  { name: '@cumulus/api', version: '21.0.0', framework: 'Express inside AWS Lambda (aws-serverless-express) + Lambda event handlers', dirs: ['app', 'endpoints', 'lambdas', 'lib', 'models', 'ecs', 'src'], exclude: '/tests/|/testUtils\\.js$', set: 12 },
  { name: '@contember/engine-http', version: '2.0.8', framework: 'Koa + GraphQL (HTTP layer of a headless CMS, TypeScript source, DI container)', dirs: ['src'], exclude: '\\.(?:test|spec)\\.ts$', set: 12 },
];

/** The backends the bench measures (`npm run bench`, scripts/bench/backends.mjs): the first set. */
export const benchBackends = backends.filter((backend) => backend.set === undefined);

const EXTENSIONS = new Set(['.js', '.cjs', '.mjs', '.ts', '.mts', '.cts']);
/** Where the unpacked packages are kept between runs (shared with `npm run bench`). */
export const cacheDir = path.join(root, '.cache/real-world');

/** Downloads and unpacks one backend, once; returns the package directory. */
export function fetchBackend({ name, version }) {
  const slug = `${name.replace('@', '').replace('/', '-')}-${version}`;
  const target = path.join(cacheDir, slug);
  const packageDir = path.join(target, 'package');
  if (existsSync(path.join(packageDir, 'package.json'))) return packageDir;
  mkdirSync(target, { recursive: true });
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', target, `${name}@${version}`], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .at(-1);
  execFileSync('tar', ['xzf', path.join(target, tarball), '-C', target]);
  return packageDir;
}

/** Source files under `dir`, without declaration files, bundled assets, tests and fixtures. */
export function sourceFiles(dir, skipped = []) {
  const files = [];
  const walk = (current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'public', 'assets', 'built'].includes(entry.name)) walk(full);
      } else if (EXTENSIONS.has(path.extname(entry.name)) && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.min.js')) {
        // A file of 1 MB or more is a bundle, not source; it is named on the output, never dropped unseen.
        if (statSync(full).size < 1_000_000) files.push(full);
        else skipped.push(full);
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

/** The server files of one backend (fetched first if needed), and its package directory. */
export function serverFiles(backend) {
  const packageDir = fetchBackend(backend);
  const exclude = backend.exclude ? new RegExp(backend.exclude, 'u') : null;
  const skipped = [];
  const files = backend.dirs.flatMap((dir) => sourceFiles(path.join(packageDir, dir), skipped));
  return { packageDir, skipped, files: exclude ? files.filter((file) => !exclude.test(file.split(path.sep).join('/'))) : files };
}

const countLines = (file) => readFileSync(file, 'utf8').split('\n').length;

async function main() {
  const { values: flags } = parseArgs({
    options: {
      json: { type: 'string' },
      only: { type: 'string' },
      config: { type: 'string', default: 'recommended' },
    },
  });
  // Every run answers from the code as it is: summaries another build wrote to the plugin's disk
  // cache (all development builds share one version) would answer questions with old code.
  process.env.ESLINT_PLUGIN_API_SECURITY_CACHE ??= '0';
  const { ESLint } = await import('eslint');
  const { default: plugin } = await import(path.join(root, 'dist/index.js'));
  const config = plugin.configs[flags.config];
  if (!config) throw new Error(`unknown config ${flags.config}`);

  const only = flags.only?.split(',');
  const report = [];
  for (const backend of backends.filter((b) => !only || only.includes(b.name))) {
    const { packageDir, files, skipped } = serverFiles(backend);
    for (const file of skipped) console.log(`  (not linted: over 1 MB) ${path.relative(packageDir, file)}`);
    // ESLint given no file lints its working directory: a backend whose server files were all
    // skipped or excluded would be measured on the wrong files, so it stops the run instead.
    if (files.length === 0) throw new Error(`${backend.name}@${backend.version}: no server file to lint under ${backend.dirs.join(', ')}`);
    const lines = files.reduce((sum, file) => sum + countLines(file), 0);
    // Their own eslint-disable comments name rules of plugins not loaded here; the figures are of
    // our rules as they run, so inline configuration is off.
    const linter = (...extra) =>
      new ESLint({
        cwd: packageDir,
        overrideConfigFile: true,
        overrideConfig: [{ ...config, files: [...EXTENSIONS].map((extension) => `**/*${extension}`), linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } }, ...extra],
        ignore: false,
      });
    const results = await linter().lintFiles(files);
    // A CommonJS script with a top-level `return` (a CLI entry point) or a legacy octal literal
    // (`mode: 0755`, an error in strict mode, which modules always are) does not parse as a module,
    // ESLint's default for `.js`; its own project would say `sourceType: 'commonjs'`, as this does
    // for just those files.
    // Also a word reserved only in strict code used as a name (`let public`), and the parser's other
    // wording for a legacy octal literal.
    const SLOPPY_ONLY = /'return' outside of function|Invalid number|Octal literals? (?:are|is) not allowed|Octal escape sequences? (?:are|is) not allowed|Octal literal in strict mode|The keyword '(?:implements|interface|let|package|private|protected|public|static|yield)' is reserved/u;
    const scripts = results.filter((result) => result.messages.some((message) => message.fatal === true && SLOPPY_ONLY.test(message.message)));
    if (scripts.length > 0) {
      const again = await linter({ files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' } }).lintFiles(scripts.map((result) => result.filePath));
      for (const result of again) results[results.findIndex((old) => old.filePath === result.filePath)] = result;
    }
    // What the plugin says about its own analysis (a limit reached, an internal error) is listed
    // apart: it is not a finding about the backend's code.
    const ABOUT_THE_ANALYSIS = new Set(['analysisLimit', 'internalError']);
    const notes = results.flatMap((result) =>
      result.messages
        .filter((message) => ABOUT_THE_ANALYSIS.has(message.messageId))
        .map((message) => ({ file: path.relative(packageDir, result.filePath), line: message.line, rule: message.ruleId, messageId: message.messageId, message: message.message })),
    );
    const findings = results.flatMap((result) =>
      result.messages
        // ESLint's notice that an inline comment was ignored, once per comment: not a finding.
        .filter((message) => message.ruleId !== null || !message.message.includes("'noInlineConfig'"))
        .filter((message) => !ABOUT_THE_ANALYSIS.has(message.messageId))
        .map((message) => ({
          file: path.relative(packageDir, result.filePath),
          line: message.line,
          rule: message.ruleId,
          message: message.message,
        })),
    );
    report.push({ ...backend, files: files.length, lines, findings, notes });
    const byRule = new Map();
    for (const finding of findings) byRule.set(finding.rule, (byRule.get(finding.rule) ?? 0) + 1);
    console.log(`\n## ${backend.name}@${backend.version}: ${files.length} files, ${lines} lines, ${findings.length} findings (${((findings.length * 1000) / lines).toFixed(2)} per 1k lines)`);
    for (const [rule, count] of [...byRule].sort()) console.log(`  ${rule ?? '(parse error)'}: ${count}`);
    for (const finding of findings) console.log(`  ${finding.file}:${finding.line} ${finding.rule ?? ''} ${finding.message}`);
    for (const note of notes) console.log(`  (about the analysis) ${note.file}:${note.line} ${note.messageId}: ${note.message}`);
  }

  if (flags.json) writeFileSync(flags.json, JSON.stringify(report, null, 2));
}

// Run as a script (also through a symlink), not when `npm run bench` imports the list and the fetch.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(path.resolve(process.argv[1]))).href) await main();
