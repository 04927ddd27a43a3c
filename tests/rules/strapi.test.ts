import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Strapi v4 / v5: the route objects of an API's `routes/` files (and `createCoreRouter`'s CRUD
 * routes) name a controller action by string; the action is a Koa handler of `ctx`. Strapi
 * authenticates every route unless `config.auth` is `false`; the policies of an opted-out route are
 * judged by their file. A plugin's server (`server/routes`, `server/controllers`) the same way.
 */

const strapiApp = { name: 'cookbook', dependencies: { '@strapi/strapi': '^5.4.0' } };
const rules: Linter.RulesRecord = {
  'api-security/no-unauthenticated-route': 'error',
  'api-security/no-command-injection': 'error',
  'api-security/no-ssrf': 'error',
  'api-security/no-sql-injection': 'error',
  'api-security/no-open-redirect': 'error',
};

async function lint(dir: string, file: string): Promise<string[]> {
  return (await lintProjectFile(dir, file, rules)).map((message) => `${String(message.line)} ${message.messageId ?? ''}`);
}

const customRoutes = `module.exports = {
  routes: [
    { method: 'POST', path: '/dishes/import', handler: 'dish.importFeed' },
    { method: 'GET', path: '/dishes/preview', handler: 'dish.preview', config: { auth: false } },
    { method: 'DELETE', path: '/dishes/:id/purge', handler: 'dish.purge', config: { auth: false } },
    { method: 'DELETE', path: '/dishes/:id/archive', handler: 'api::dish.dish.archive', config: { auth: false, policies: ['global::needs-member'] } },
    { method: 'DELETE', path: '/dishes/:id/discard', handler: 'dish.discard', config: { auth: false, policies: ['counts-calls'] } },
    { method: 'DELETE', path: '/dishes/:id/hide', handler: 'dish.hide', config: { auth: false, policies: ['from-elsewhere'] } },
  ],
};
`;

const coreRoutes = `const { factories } = require('@strapi/strapi');
module.exports = factories.createCoreRouter('api::dish.dish', {
  config: { find: { auth: false }, findOne: { auth: false }, delete: { auth: false } },
});
`;

const controller = `const { factories } = require('@strapi/strapi');
const { execSync } = require('child_process');
module.exports = factories.createCoreController('api::dish.dish', ({ strapi }) => ({
  async importFeed(ctx) {
    execSync('curl -s ' + ctx.request.body.feed);
    ctx.body = { ok: true };
  },
  async preview(ctx) {
    const page = await fetch(ctx.query.url);
    ctx.body = await page.text();
  },
  async purge(ctx) {
    await strapi.db.query('api::dish.dish').delete({ where: { id: Number(ctx.params.id) } });
    ctx.body = { removed: true };
  },
  async archive(ctx) {
    await strapi.db.query('api::dish.dish').update({ where: { id: Number(ctx.params.id) }, data: { archived: true } });
    ctx.body = { archived: true };
  },
  async discard(ctx) {
    await strapi.db.query('api::dish.dish').delete({ where: { id: Number(ctx.params.id) } });
    ctx.body = { discarded: true };
  },
  async hide(ctx) {
    await strapi.db.query('api::dish.dish').update({ where: { id: Number(ctx.params.id) }, data: { hidden: true } });
    ctx.body = { hidden: true };
  },
}));
`;

// A policy that lets only signed-in users through (Strapi turns a false answer into a 403).
const needsMember = `module.exports = (policyContext, config, { strapi }) => {
  if (policyContext.state.user) return true;
  return false;
};
`;
// A policy that counts calls and lets everyone through.
const countsCalls = `let calls = 0;
module.exports = (policyContext) => {
  calls += 1;
  return true;
};
`;

function app(extra: Record<string, string> = {}): string {
  return writeProject({
    'src/api/dish/routes/custom.js': customRoutes,
    'src/api/dish/routes/dish.js': coreRoutes,
    'src/api/dish/controllers/dish.js': controller,
    'src/api/dish/content-types/dish/schema.json': JSON.stringify({ kind: 'collectionType', info: { singularName: 'dish', pluralName: 'dishes' } }),
    'src/policies/needs-member.js': needsMember,
    'src/api/dish/policies/counts-calls.js': countsCalls,
    ...extra,
  }, strapiApp);
}

describe('Strapi routes, controllers and policies', () => {
  it('reads the actions of a core controller: flows of authenticated and public routes, opted-out destructive routes', async () => {
    const messages = await lintProjectFile(app(), 'src/api/dish/controllers/dish.js', rules);
    expect(messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`)).toEqual([
      '5 commandInjection',
      '9 ssrf',
      '12 privilegedOptOut',
      '20 privilegedOptOut',
    ]);
    expect(messages[2]?.message).toContain('DELETE /api/dishes/:id/purge');
  });
  it('reports a core route opted out of authentication whose action Strapi runs, at the router', async () => {
    const messages = await lintProjectFile(app(), 'src/api/dish/routes/dish.js', rules);
    expect(messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`)).toEqual(['2 privilegedOptOut']);
    expect(messages[0]?.message).toContain('DELETE /api/dishes/:id');
  });
  it('keeps reporting an opted-out route whose policy reads the user but lets everyone through', async () => {
    const warns = "module.exports = (policyContext) => {\n  if (!policyContext.state.user) strapi.log.warn('anonymous call');\n  return true;\n};\n";
    const dir = app({ 'src/policies/needs-member.js': warns });
    expect(await lint(dir, 'src/api/dish/controllers/dish.js')).toContain('16 privilegedOptOut');
  });
  it('stays silent on a core router without opt-outs', async () => {
    const dir = app({ 'src/api/dish/routes/dish.js': "const { factories } = require('@strapi/strapi');\nmodule.exports = factories.createCoreRouter('api::dish.dish');\n" });
    expect(await lint(dir, 'src/api/dish/routes/dish.js')).toEqual([]);
  });
  it('reads a controller written as a plain object and routed by `export default { routes }`', async () => {
    const dir = writeProject({
      'src/api/menu/routes/menu.ts': "export default { routes: [{ method: 'PUT', path: '/menus/:id/owner', handler: 'menu.transfer', config: { auth: false } }] };\n",
      'src/api/menu/controllers/menu.ts': 'export default {\n  async transfer(ctx) {\n    ctx.body = { moved: ctx.params.id };\n  },\n};\n',
    }, strapiApp);
    expect(await lint(dir, 'src/api/menu/controllers/menu.ts')).toEqual(['2 privilegedOptOut']);
  });
  it('reads no route where the project does not depend on Strapi', async () => {
    const dir = writeProject({ 'src/api/dish/routes/custom.js': customRoutes, 'src/api/dish/controllers/dish.js': controller }, { name: 'cookbook' });
    expect(await lint(dir, 'src/api/dish/controllers/dish.js')).not.toContain('12 privilegedOptOut');
  });
});

export const pluginManifest = { name: 'strapi-plugin-gallery', strapi: { kind: 'plugin', name: 'gallery' }, dependencies: { '@strapi/utils': '^5.4.0' } };

const pluginRoutes = `'use strict';
const admin = require('./admin.js');
module.exports = {
  admin: admin.routes,
  'content-api': {
    type: 'content-api',
    routes: [
      { method: 'GET', path: '/pictures/:id/remote', handler: 'picture.remote', config: { auth: false } },
      { method: 'DELETE', path: '/pictures/:id', handler: 'plugin::gallery.picture.drop', config: { auth: false } },
    ],
  },
};
`;
const pluginAdminRoutes = `'use strict';
exports.routes = {
  type: 'admin',
  routes: [
    { method: 'POST', path: '/pictures/fetch', handler: 'picture.fetchRemote', config: { policies: ['admin::isAuthenticatedAdmin'] } },
    { method: 'DELETE', path: '/pictures/:id/force', handler: 'picture.forceDrop', config: { auth: false, policies: ['admin::isAuthenticatedAdmin'] } },
  ],
};
`;
const pluginController = `'use strict';
const https = require('https');
const picture = {
  async remote(ctx) {
    const found = await strapi.db.query('plugin::gallery.picture').findOne({ where: { id: ctx.params.id } });
    ctx.body = found;
  },
  async drop(ctx) {
    await strapi.db.query('plugin::gallery.picture').delete({ where: { id: ctx.params.id } });
    ctx.body = { ok: true };
  },
  async fetchRemote(ctx) {
    https.get(ctx.request.body.source, (res) => res.resume());
    ctx.body = { queued: true };
  },
  async forceDrop(ctx) {
    await strapi.db.connection.raw('DELETE FROM pictures WHERE id = ' + ctx.params.id);
    ctx.body = { ok: true };
  },
};
module.exports = picture;
`;
const pluginControllers = "'use strict';\nconst pictureController = require('./picture-controller.js');\nconst controllers = { picture: pictureController };\nexports.controllers = controllers;\n";

describe('Strapi plugins', () => {
  const plugin = (): string =>
    writeProject({
      'server/routes/index.js': pluginRoutes,
      'server/routes/admin.js': pluginAdminRoutes,
      'server/controllers/index.js': pluginControllers,
      'server/controllers/picture-controller.js': pluginController,
    }, pluginManifest);
  it('routes a controller by the name the controllers map gives it; admin routes are authenticated', async () => {
    const messages = await lintProjectFile(plugin(), 'server/controllers/picture-controller.js', rules);
    expect(messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`)).toEqual([
      '8 privilegedOptOut',
      '13 ssrf',
      '17 sqlInjection',
    ]);
    expect(messages[0]?.message).toContain('DELETE /api/gallery/pictures/:id');
  });
});

describe('Strapi services looked up by name', () => {
  const service = `const { factories } = require('@strapi/strapi');
module.exports = factories.createCoreService('api::dish.dish', ({ strapi }) => ({
  async grab(link) {
    const answer = await fetch(link);
    return answer.json();
  },
  async grabFixed(slug) {
    const answer = await fetch('https://recipes.example.org/' + encodeURIComponent(slug));
    return answer.json();
  },
}));
`;
  const caller = `module.exports = ({ strapi }) => ({
  async importOne(ctx) {
    ctx.body = await strapi.service('api::dish.dish').grab(ctx.request.body.link);
  },
  async importBySlug(ctx) {
    ctx.body = await strapi.service('api::dish.dish').grabFixed(ctx.request.body.slug);
  },
});
`;
  it('follows the request into the service a uid names, and stays silent on a fixed host', async () => {
    const dir = writeProject({
      'src/api/dish/services/dish.js': service,
      'src/api/dish/controllers/importer.js': caller,
      'src/api/dish/routes/importer.js': "module.exports = { routes: [{ method: 'POST', path: '/dishes/import-one', handler: 'importer.importOne' }, { method: 'POST', path: '/dishes/import-slug', handler: 'importer.importBySlug' }] };\n",
    }, strapiApp);
    // Reported where the request reaches the sink, in the service's file.
    expect(await lint(dir, 'src/api/dish/services/dish.js')).toEqual(['4 ssrf']);
  });
  it("follows a plugin's getService helper by the name the services map gives", async () => {
    const dir = writeProject({
      'server/utils/index.js': "const getService = (name) => strapi.plugin('gallery').service(name);\nmodule.exports = { getService };\n",
      'server/services/index.js': "const remoteFiles = require('./remote-files.js');\nmodule.exports = { remote: remoteFiles };\n",
      'server/services/remote-files.js': "const load = async (address) => { const res = await fetch(address); return res.arrayBuffer(); };\nmodule.exports = { load };\n",
      'server/controllers/picture.js': "const { getService } = require('../utils/index.js');\nmodule.exports = {\n  async pull(ctx) {\n    const remote = getService('remote');\n    ctx.body = await remote.load(ctx.request.body.address);\n  },\n};\n",
      'server/routes/index.js': "module.exports = [{ method: 'POST', path: '/pull', handler: 'picture.pull', config: { policies: ['admin::isAuthenticatedAdmin'] } }];\n",
    }, pluginManifest);
    expect(await lint(dir, 'server/services/remote-files.js')).toEqual(['1 ssrf']);
  });
  it('reads the type of a route file from the key the routes map gives it', async () => {
    const dir = writeProject({
      'server/routes/index.js': "const publicRoutes = require('./public-routes.js');\nmodule.exports = { 'content-api': publicRoutes.routes };\n",
      'server/routes/public-routes.js': "exports.routes = [{ method: 'DELETE', path: '/albums/:id', handler: 'album.remove', config: { auth: false } }];\n",
      'server/controllers/album.js': "module.exports = {\n  async remove(ctx) {\n    ctx.body = await strapi.db.query('plugin::gallery.album').delete({ where: { id: ctx.params.id } });\n  },\n};\n",
    }, pluginManifest);
    const messages = await lintProjectFile(dir, 'server/controllers/album.js', rules);
    expect(messages.map((message) => message.messageId)).toEqual(['privilegedOptOut']);
    expect(messages[0]?.message).toContain('DELETE /api/gallery/albums/:id');
  });
});

describe('Strapi content-API grants', () => {
  const writer = "module.exports = {\n  async enroll(ctx) {\n    ctx.body = await strapi.documents('api::member.member').create({ data: ctx.request.body });\n  },\n};\n";
  const lintWriter = async (config: string): Promise<string[]> => {
    const dir = writeProject({
      'src/api/member/routes/member.js': `module.exports = { routes: [{ method: 'POST', path: '/members', handler: 'member.enroll'${config} }] };\n`,
      'src/api/member/controllers/member.js': writer,
    }, strapiApp);
    return (await lintProjectFile(dir, 'src/api/member/controllers/member.js', { 'api-security/no-mass-assignment': 'error' })).map((message) => `${String(message.line)} ${message.messageId ?? ''}`);
  };
  it('takes a content-API route for one whose action a role is granted: the whole-body write is by design', async () => {
    expect(await lintWriter('')).toEqual([]);
  });
  it('still reports the whole-body write of a route opted out of authentication', async () => {
    expect(await lintWriter(', config: { auth: false }')).toEqual(['3 massAssignment']);
  });
});

