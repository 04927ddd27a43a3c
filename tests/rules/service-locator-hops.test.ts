import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Layered apps hand a route its services without the route importing them: a default parameter
 * builds the dependency (`constructor(private readonly repo = shelfRepository)`, `makeService(repo =
 * new Repo())`, `({ store = noteStore } = {})`), a factory returns an object of closures that a
 * Fastify plugin decorates the instance with (`app.decorate('hooks', createHookService(deps))`), an
 * awilix container is asked by name (`container.resolve('ticketService')`, `req.scope.cradle.x`), a
 * GraphQL server builds the context its resolvers destructure (`{ services, dataSources }`), a
 * service object aliases a repository's functions (`{ get: repo.findVisit }`), a CommonJS barrel
 * spreads its modules (`module.exports = { ...require('./a') }`). The taint search follows each hop
 * to the sink; input made safe on the way (a number, a string, an allowlist), and a safe method of
 * the same service, stay silent.
 */

async function found(dir: string, file: string, rules: Linter.RulesRecord): Promise<string[]> {
  return (await lintProjectFile(dir, file, rules)).map((message) => `${String(message.line)} ${message.ruleId ?? ''}`);
}

const sql: Linter.RulesRecord = { 'api-security/no-sql-injection': 'error' };
const ssrf: Linter.RulesRecord = { 'api-security/no-ssrf': 'error' };
const nosql: Linter.RulesRecord = { 'api-security/no-nosql-injection': 'error' };
const shell: Linter.RulesRecord = { 'api-security/no-command-injection': 'error' };
const code: Linter.RulesRecord = { 'api-security/no-code-injection': 'error' };

describe('a dependency given as a default parameter', () => {
  const shelves = (call: string): Record<string, string> => ({
    'src/db.ts': `import { Pool } from 'pg';
export const pool = new Pool();
`,
    'src/shelves/shelf.repository.ts': `import { pool } from '../db';
export const shelfRepository = {
  below(limit: string) {
    return pool.query(\`SELECT id FROM shelves WHERE stock < \${limit}\`);
  },
  named(name: string) {
    return pool.query('SELECT id FROM shelves WHERE name = $1', [name]);
  },
};
`,
    'src/shelves/shelf.service.ts': `import { shelfRepository } from './shelf.repository';
export class ShelfService {
  constructor(private readonly repo = shelfRepository) {}
  below(limit: string) {
    return this.repo.below(limit);
  }
  named(name: string) {
    return this.repo.named(name);
  }
}
`,
    'src/shelves/shelf.routes.ts': `import express from 'express';
import { ShelfService } from './shelf.service';
const router = express.Router();
const shelves = new ShelfService();
router.get('/shelves/low', async (req, res) => res.json(await ${call}));
export default router;
`,
  });
  const manifest = { name: 'stock', dependencies: { express: '^4.21.0', pg: '^8.11.0' } };

  it('a parameter property defaulting to an imported repository object', async () => {
    const dir = writeProject(shelves('shelves.below(req.query.limit)'), manifest);
    expect(await found(dir, 'src/shelves/shelf.repository.ts', sql)).toEqual(['4 api-security/no-sql-injection']);
  });

  it('stays silent for a number, and for the bound method of the same repository', async () => {
    expect(await found(writeProject(shelves('shelves.below(String(Number(req.query.limit)))'), manifest), 'src/shelves/shelf.repository.ts', sql)).toEqual([]);
    expect(await found(writeProject(shelves('shelves.named(req.query.limit)'), manifest), 'src/shelves/shelf.repository.ts', sql)).toEqual([]);
  });

  const factory = (signature: string, use: string, call: string): Record<string, string> => ({
    'src/repo.ts': `import { Pool } from 'pg';
const pool = new Pool();
export class BoardRepo {
  filter(column: string, value: string) {
    return pool.query(\`SELECT id FROM boards WHERE \${column} = $1\`, [value]);
  }
  sorted(value: string) {
    return pool.query('SELECT id FROM boards WHERE name = $1', [value]);
  }
}
export const boardRepo = new BoardRepo();
`,
    'src/service.ts': `import { BoardRepo, boardRepo } from './repo';
export function makeBoardService(${signature}) {
  return {
    filter: (column: string, value: string) => ${use}.filter(column, value),
    sorted: (value: string) => ${use}.sorted(value),
  };
}
export const boardService = makeBoardService();
`,
    'src/routes.ts': `import express from 'express';
import { boardService } from './service';
const router = express.Router();
router.get('/boards', async (req, res) => res.json(await ${call}));
export default router;
`,
  });

  it('a factory whose parameter defaults to a new repository, used through the object it returns', async () => {
    const dir = writeProject(factory('repo = new BoardRepo()', 'repo', 'boardService.filter(req.query.column, req.query.value)'), manifest);
    expect(await found(dir, 'src/repo.ts', sql)).toEqual(['5 api-security/no-sql-injection']);
  });

  it('a destructured dependency defaulting to an instance (`({ repo = boardRepo } = {})`)', async () => {
    const dir = writeProject(factory('{ repo = boardRepo }: { repo?: BoardRepo } = {}', 'repo', 'boardService.filter(req.query.column, req.query.value)'), manifest);
    expect(await found(dir, 'src/repo.ts', sql)).toEqual(['5 api-security/no-sql-injection']);
  });

  it('stays silent for a column chosen from a fixed list, and for the bound method', async () => {
    const chosen = "boardService.filter(req.query.column === 'owner' ? 'owner' : 'name', req.query.value)";
    expect(await found(writeProject(factory('repo = new BoardRepo()', 'repo', chosen), manifest), 'src/repo.ts', sql)).toEqual([]);
    expect(await found(writeProject(factory('repo = new BoardRepo()', 'repo', 'boardService.sorted(req.query.column)'), manifest), 'src/repo.ts', sql)).toEqual([]);
  });
});

describe('a factory service decorated on the Fastify instance', () => {
  const gateway = (routes: string): Record<string, string> => ({
    'src/lib/post.js': `import { request } from 'undici';
export async function postJson(url, body) {
  const { body: answer } = await request(url, { method: 'POST', body: JSON.stringify(body) });
  return answer.json();
}
`,
    'src/services/hook-service.js': `import { postJson } from '../lib/post.js';
const PARTNERS = { billing: 'https://billing.example.com/hook' };
export function createHookService({ db }) {
  const deliveries = db.collection('deliveries');
  return {
    async ping(url) {
      return postJson(url, { type: 'ping' });
    },
    async partner(name) {
      return postJson(PARTNERS[name] ?? PARTNERS.billing, { type: 'ping' });
    },
    async search(accountId, filter) {
      return deliveries.find({ accountId, ...filter }).toArray();
    },
    async byStatus(accountId, status) {
      return deliveries.find({ accountId, status: String(status) }).toArray();
    },
  };
}
`,
    'src/plugins/services.js': `import fp from 'fastify-plugin';
import { createHookService } from '../services/hook-service.js';
export default fp(async (app) => {
  app.decorate('hooks', createHookService({ db: app.mongo.db }));
});
`,
    'src/routes/hooks.js': routes,
    'src/server.js': `import Fastify from 'fastify';
import services from './plugins/services.js';
import hookRoutes from './routes/hooks.js';
const app = Fastify();
await app.register(services);
await app.register(hookRoutes);
await app.listen({ port: 8080 });
`,
  });
  const manifest = { name: 'gateway', type: 'module', dependencies: { fastify: '^4.26.0', 'fastify-plugin': '^4.5.0', undici: '^6.6.0', mongodb: '^6.5.0' } };

  it('the body reaches the request three files away, through `app.hooks.ping`', async () => {
    const dir = writeProject(gateway(`export default async function hookRoutes(app) {
  app.post('/hooks/ping', async (request) => app.hooks.ping(request.body.url));
}
`), manifest);
    expect(await found(dir, 'src/lib/post.js', ssrf)).toEqual(['3 api-security/no-ssrf']);
  });

  it('and through `request.server.hooks.ping` in a named handler', async () => {
    const dir = writeProject(gateway(`async function ping(request) {
  return request.server.hooks.ping(request.body.url);
}
export default async function hookRoutes(fastify) {
  fastify.post('/hooks/ping', ping);
}
`), manifest);
    expect(await found(dir, 'src/lib/post.js', ssrf)).toEqual(['3 api-security/no-ssrf']);
  });

  it('stays silent for the partner chosen from a fixed table', async () => {
    const dir = writeProject(gateway(`export default async function hookRoutes(app) {
  app.post('/hooks/partner', async (request) => app.hooks.partner(request.body.name));
}
`), manifest);
    expect(await found(dir, 'src/lib/post.js', ssrf)).toEqual([]);
  });

  it('a filter parsed from the query string is spread into the MongoDB filter', async () => {
    const dir = writeProject(gateway(`export default async function hookRoutes(app) {
  app.get('/deliveries', async (request) => app.hooks.search(request.user.accountId, JSON.parse(request.query.filter ?? '{}')));
  app.get('/deliveries/status', async (request) => app.hooks.byStatus(request.user.accountId, request.body.status));
}
`), manifest);
    expect(await found(dir, 'src/services/hook-service.js', nosql)).toEqual(['13 api-security/no-nosql-injection']);
  });

  it('stays silent when no plugin decorates the instance with that name', async () => {
    const files = gateway(`export default async function hookRoutes(app) {
  app.post('/hooks/ping', async (request) => app.webhooks.ping(request.body.url));
}
`);
    const dir = writeProject(files, manifest);
    expect(await found(dir, 'src/lib/post.js', ssrf)).toEqual([]);
  });
});

describe('a factory service held in a variable', () => {
  it('the body reaches the command of a closure the factory returns', async () => {
    const dir = writeProject({
      'src/jobs.js': `const { exec } = require('child_process');
function createJobRunner({ cwd }) {
  return {
    run(label) {
      return exec(\`make \${label}\`, { cwd });
    },
    runKnown(label) {
      return exec(label === 'test' ? 'make test' : 'make build', { cwd });
    },
  };
}
module.exports = { createJobRunner };
`,
      'src/app.js': `const express = require('express');
const { createJobRunner } = require('./jobs');
const app = express();
const runner = createJobRunner({ cwd: '/srv' });
app.post('/jobs', (req, res) => { runner.run(req.body.label); res.sendStatus(202); });
app.post('/jobs/known', (req, res) => { runner.runKnown(req.body.label); res.sendStatus(202); });
app.listen(3000);
`,
    }, { name: 'jobs', dependencies: { express: '^4.21.0' } });
    expect(await found(dir, 'src/jobs.js', shell)).toEqual(['5 api-security/no-command-injection']);
  });
});

describe('services looked up by name in an awilix container', () => {
  const desk = (lookup: string, call: string): Record<string, string> => ({
    'src/data/ticket-store.js': `const { exec } = require('child_process');
class TicketStore {
  archive(name) {
    return exec(\`tar czf /archive/\${name}.tgz /tickets\`);
  }
  archiveToday() {
    return exec('tar czf /archive/today.tgz /tickets');
  }
}
module.exports = TicketStore;
`,
    'src/services/ticket-service.js': `class TicketService {
  constructor({ ticketStore }) {
    this.store = ticketStore;
  }
  archive(name) {
    return this.store.archive(name);
  }
  archiveToday() {
    return this.store.archiveToday();
  }
}
module.exports = TicketService;
`,
    'src/container.js': `const { createContainer, asClass } = require('awilix');
const TicketStore = require('./data/ticket-store');
const TicketService = require('./services/ticket-service');
function buildContainer() {
  const container = createContainer();
  container.register({ ticketStore: asClass(TicketStore).singleton(), ticketService: asClass(TicketService).singleton() });
  return container;
}
module.exports = { buildContainer };
`,
    'src/api/tickets.js': `const express = require('express');
module.exports = function ticketsApi(container) {
  const router = express.Router();
  ${lookup}
  router.post('/archive', (req, res) => { ${call}; res.sendStatus(202); });
  return router;
};
`,
    'src/server.js': `const express = require('express');
const { buildContainer } = require('./container');
const ticketsApi = require('./api/tickets');
const app = express();
app.use('/api/tickets', ticketsApi(buildContainer()));
app.listen(3000);
`,
  });
  const manifest = { name: 'desk', dependencies: { express: '^5.0.0', awilix: '^10.0.0' } };

  it('`container.resolve(name)` on a container the route module is given', async () => {
    const dir = writeProject(desk("const tickets = container.resolve('ticketService');", 'tickets.archive(req.body.name)'), manifest);
    expect(await found(dir, 'src/data/ticket-store.js', shell)).toEqual(['4 api-security/no-command-injection']);
  });

  it("a request scope's cradle (`req.scope.cradle.ticketService`)", async () => {
    const dir = writeProject(desk('', 'req.scope.cradle.ticketService.archive(req.body.name)'), manifest);
    expect(await found(dir, 'src/data/ticket-store.js', shell)).toEqual(['4 api-security/no-command-injection']);
  });

  it('stays silent for the safe method, and for a name the container does not register', async () => {
    expect(await found(writeProject(desk("const tickets = container.resolve('ticketService');", 'tickets.archiveToday(req.body.name)'), manifest), 'src/data/ticket-store.js', shell)).toEqual([]);
    expect(await found(writeProject(desk("const tickets = container.resolve('ticketArchive');", 'tickets.archive(req.body.name)'), manifest), 'src/data/ticket-store.js', shell)).toEqual([]);
  });
});

describe('services and data sources of the GraphQL context', () => {
  const catalog = (resolver: string, server = ''): Record<string, string> => ({
    'src/services/pricing.js': `class PricingService {
  quote(rule, price) {
    return new Function('p', \`return (\${rule});\`)(price);
  }
  quoteFixed(price) {
    return price * 1.2;
  }
}
module.exports = PricingService;
`,
    'src/datasources/images.js': `const axios = require('axios');
class ImageSource {
  fetchFrom(url) {
    return axios.get(url, { responseType: 'arraybuffer' });
  }
}
module.exports = ImageSource;
`,
    'src/resolvers.js': `const { GraphQLError } = require('graphql');
module.exports = {
  Query: {
${resolver}
  },
};
`,
    'src/server.js': `const { ApolloServer } = require('@apollo/server');
const { startStandaloneServer } = require('@apollo/server/standalone');
const resolvers = require('./resolvers');
const PricingService = require('./services/pricing');
const ImageSource = require('./datasources/images');
const typeDefs = 'type Query { quote(rule: String!, price: Float!): Float, image(url: String!): Int }';
const server = new ApolloServer({ typeDefs, resolvers });
startStandaloneServer(server, {
  context: async ({ req }) => ({
    user: req.headers.authorization,
    services: { pricing: new PricingService() },
    dataSources: { images: new ImageSource() },
  }),
});
${server}`,
  });
  const manifest = { name: 'catalog', dependencies: { '@apollo/server': '^4.10.0', graphql: '^16.8.0', axios: '^1.7.0' } };

  it('a service destructured from the context gets the resolver arguments', async () => {
    const dir = writeProject(catalog('    quote: (_parent, { rule, price }, { services }) => services.pricing.quote(rule, price),'), manifest);
    expect(await found(dir, 'src/services/pricing.js', code)).toEqual(['3 api-security/no-code-injection']);
  });

  it('a data source read through the whole context (`context.dataSources.images`)', async () => {
    const dir = writeProject(catalog('    image: async (_parent, args, context) => (await context.dataSources.images.fetchFrom(args.url)).data.length,'), manifest);
    expect(await found(dir, 'src/datasources/images.js', ssrf)).toEqual(['4 api-security/no-ssrf']);
  });

  it('stays silent for the safe method of the same service', async () => {
    const dir = writeProject(catalog('    quote: (_parent, { rule, price }, { services }) => services.pricing.quoteFixed(price),'), manifest);
    expect(await found(dir, 'src/services/pricing.js', code)).toEqual([]);
  });

  it('stays silent when two servers build different contexts (which one serves the resolver is not known)', async () => {
    const dir = writeProject(
      catalog(
        '    quote: (_parent, { rule, price }, { services }) => services.pricing.quote(rule, price),',
        `const other = new ApolloServer({ typeDefs, resolvers });
startStandaloneServer(other, { context: async () => ({ services: { pricing: { quote: () => 0 } } }) });
`,
      ),
      manifest,
    );
    expect(await found(dir, 'src/services/pricing.js', code)).toEqual([]);
  });
});

describe('a service object of aliased functions, and a CommonJS spread barrel', () => {
  it('`{ search: repo.searchVisits }` runs the repository function', async () => {
    const dir = writeProject({
      'src/repos/visits.js': `const { MongoClient } = require('mongodb');
const visits = new MongoClient(process.env.MONGO_URL).db().collection('visits');
function searchVisits(criteria, clinicId) {
  return visits.find({ ...criteria, clinicId }).toArray();
}
function visitsByDay(day, clinicId) {
  return visits.find({ day: String(day), clinicId }).toArray();
}
module.exports = { searchVisits, visitsByDay };
`,
      'src/services/visits.js': `const repo = require('../repos/visits');
const visitService = { search: repo.searchVisits, byDay: repo.visitsByDay };
module.exports = { visitService };
`,
      'src/app.js': `const express = require('express');
const { visitService } = require('./services/visits');
const app = express();
app.use(express.json());
app.post('/visits/search', async (req, res) => res.json(await visitService.search(req.body.criteria, req.user.clinicId)));
app.post('/visits/day', async (req, res) => res.json(await visitService.byDay(req.body.day, req.user.clinicId)));
app.listen(3000);
`,
    }, { name: 'clinic', dependencies: { express: '^4.21.0', mongodb: '^6.5.0' } });
    expect(await found(dir, 'src/repos/visits.js', nosql)).toEqual(['4 api-security/no-nosql-injection']);
  });

  const barrel = (call: string): Record<string, string> => ({
    'src/utils/proc.js': `const { spawn } = require('child_process');
function runLabelled(label) {
  return spawn(\`echo \${label}\`, { shell: true });
}
module.exports = { runLabelled };
`,
    'src/utils/text.js': `function runFixed() {
  return 'done';
}
module.exports = { runFixed };
`,
    'src/utils/index.js': `module.exports = { ...require('./proc'), ...require('./text') };
`,
    'src/app.js': `const Koa = require('koa');
const Router = require('@koa/router');
const { koaBody } = require('koa-body');
const utils = require('./utils');
const app = new Koa();
const router = new Router();
router.post('/run', koaBody(), (ctx) => { ctx.body = ${call}; });
app.use(router.routes());
app.listen(3000);
`,
  });
  const koa = { name: 'ops', dependencies: { koa: '^2.15.0', '@koa/router': '^12.0.0', 'koa-body': '^6.0.0' } };

  it('a function exported through `module.exports = { ...require(…) }`', async () => {
    const dir = writeProject(barrel('String(utils.runLabelled(ctx.request.body.label))'), koa);
    expect(await found(dir, 'src/utils/proc.js', shell)).toEqual(['3 api-security/no-command-injection']);
  });

  it('stays silent for the other module of the barrel', async () => {
    const dir = writeProject(barrel('utils.runFixed(ctx.request.body.label)'), koa);
    expect(await found(dir, 'src/utils/proc.js', shell)).toEqual([]);
  });
});
