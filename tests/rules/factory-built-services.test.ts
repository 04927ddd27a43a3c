import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Layered apps whose services are objects built by the project's own code and handed on, never
 * imported where they are called:
 *   - a composition function (`buildServices()`) returns `{ loans: new LoanService(repo) }`, handed to
 *     route factories (`loanRoutes(services)`) whose parameter is typed `ReturnType<typeof …>` or untyped;
 *   - a CommonJS factory returns an object of closures, a route module is `({ shelves }) => router`,
 *     mounted with `require('./routes/shelves')(services)` written inline;
 *   - a plain-JS controller stores its constructor arguments (`this.dao = dao`), exported as the one
 *     `new Controller(dao)`;
 *   - an HTTP client injected through a constructor default (`constructor(http = axios)`);
 *   - a Mongo collection read through a getter.
 * Each is followed to the sink; the safe look-alikes (a bound parameter, an allow-listed column, an
 * address check, a fixed origin, a string cast) stay silent.
 */

const lines = async (dir: string, file: string, rule: string): Promise<number[]> =>
  (await lintProjectFile(dir, file, { [`api-security/${rule}`]: 'error' })).map((message) => message.line);

describe('a services object built by a function and handed to route factories', () => {
  const tsManifest = { name: 'lending', dependencies: { express: '^4.21.0', pg: '^8.12.0' } };
  const files = (routeParameter: string, routeImport: string): Record<string, string> => ({
    'src/db.ts': `import { Pool } from 'pg';
export const pool = new Pool();
`,
    'src/repositories/loanRepository.ts': `import type { Pool } from 'pg';

const COLUMNS: Record<string, string> = { due: 'due_on', title: 'title' };

export class LoanRepository {
  constructor(private readonly pool: Pool) {}

  async overdue(order: { column?: string; branch: string }) {
    const text = \`SELECT id, title FROM loans WHERE branch = $1 ORDER BY \${order.column ?? 'due_on'}\`;
    return (await this.pool.query(text, [order.branch])).rows;
  }

  async overdueSorted(order: { column?: string; branch: string }) {
    const column = COLUMNS[order.column ?? 'due'] ?? 'due_on';
    return (await this.pool.query(\`SELECT id, title FROM loans WHERE branch = $1 ORDER BY \${column}\`, [order.branch])).rows;
  }
}
`,
    'src/services/loanService.ts': `import { LoanRepository } from '../repositories/loanRepository';

export class LoanService {
  constructor(private readonly loans: LoanRepository) {}

  overdue(order: { column?: string; branch: string }) {
    return this.loans.overdue(order);
  }

  overdueSorted(order: { column?: string; branch: string }) {
    return this.loans.overdueSorted(order);
  }
}
`,
    'src/services/index.ts': `import { pool } from '../db';
import { LoanRepository } from '../repositories/loanRepository';
import { LoanService } from './loanService';

export type AppServices = ReturnType<typeof composeServices>;

export function composeServices() {
  const repository = new LoanRepository(pool);
  return { loans: new LoanService(repository) };
}
`,
    'src/routes/loans.ts': `import { Router } from 'express';
${routeImport}
export default function loanRoutes(${routeParameter}) {
  const router = Router();
  router.get('/overdue', async (req, res) => {
    res.json(await services.loans.overdue({ branch: String(req.query.branch), column: req.query.column as string }));
  });
  router.get('/overdue/sorted', async (req, res) => {
    res.json(await services.loans.overdueSorted({ branch: String(req.query.branch), column: req.query.column as string }));
  });
  return router;
}
`,
    'src/app.ts': `import express from 'express';
import { composeServices } from './services';
import loanRoutes from './routes/loans';

const services = composeServices();
const app = express();
app.use('/loans', loanRoutes(services));
app.listen(3000);
`,
  });

  it('a parameter typed with a type alias of ReturnType<typeof composeServices>: the ORDER BY built from the query is found, the allow-listed column is not', async () => {
    const dir = writeProject(files('services: AppServices', "import type { AppServices } from '../services';"), tsManifest);
    expect(await lines(dir, 'src/repositories/loanRepository.ts', 'no-sql-injection')).toEqual([10]);
  });

  it('a parameter typed ReturnType<typeof composeServices> inline', async () => {
    const dir = writeProject(files('services: ReturnType<typeof composeServices>', "import { composeServices } from '../services';"), tsManifest);
    expect(await lines(dir, 'src/repositories/loanRepository.ts', 'no-sql-injection')).toEqual([10]);
  });

  it('an untyped parameter: what the one call in view, loanRoutes(services), hands it', async () => {
    const dir = writeProject(files('services: any', ''), tsManifest);
    expect(await lines(dir, 'src/repositories/loanRepository.ts', 'no-sql-injection')).toEqual([10]);
  });

  it('a route factory called twice with different objects is no single answer: nothing is guessed', async () => {
    const project = files('services: any', '');
    project['src/app.ts'] = `import express from 'express';
import { composeServices } from './services';
import loanRoutes from './routes/loans';

const app = express();
app.use('/loans', loanRoutes(composeServices()));
app.use('/archive', loanRoutes({ loans: { overdue: async () => [], overdueSorted: async () => [] } }));
app.listen(3000);
`;
    const dir = writeProject(project, tsManifest);
    expect(await lines(dir, 'src/repositories/loanRepository.ts', 'no-sql-injection')).toEqual([]);
  });
});

describe('a CommonJS factory of closures handed to a route module destructuring it, mounted inline', () => {
  const manifest = { name: 'shelves', dependencies: { express: '^4.21.0', pg: '^8.12.0' } };
  const files: Record<string, string> = {
    'lib/db.js': `const { Pool } = require('pg');
module.exports = new Pool();
`,
    'lib/session.js': `exports.signedIn = (req, res, next) => {
  if (!req.session || !req.session.readerId) return res.status(401).end();
  next();
};
`,
    'tools/probe.js': `const { execFile, exec } = require('child_process');
const net = require('net');

exports.trace = (host) => new Promise((resolve) => {
  exec('traceroute ' + host, (error, out) => resolve(out));
});

exports.traceAddress = (address) => new Promise((resolve) => {
  if (!net.isIP(address)) return resolve('not an address');
  exec('traceroute ' + address, (error, out) => resolve(out));
});
`,
    'data/shelfStore.js': `const db = require('../lib/db');

exports.byLabel = async (label) => (await db.query("SELECT * FROM shelves WHERE label = '" + label + "'")).rows;
exports.byId = async (id) => (await db.query('SELECT * FROM shelves WHERE id = $1', [id])).rows[0];
`,
    'services/shelfService.js': `const store = require('../data/shelfStore');
const probe = require('../tools/probe');

module.exports = function shelfService() {
  return {
    byLabel: (label) => store.byLabel(label),
    byId: (id) => store.byId(id),
    trace: (host) => probe.trace(host),
    traceAddress: (address) => probe.traceAddress(address),
  };
};
`,
    'routes/shelves.js': `const express = require('express');

module.exports = ({ shelves }) => {
  const router = express.Router();
  router.get('/by-label', async (req, res) => res.json(await shelves.byLabel(req.query.label)));
  router.get('/:id', async (req, res) => res.json(await shelves.byId(req.params.id)));
  router.post('/trace', async (req, res) => res.json(await shelves.trace(req.body.host)));
  router.post('/trace-address', async (req, res) => res.json(await shelves.traceAddress(req.body.address)));
  return router;
};
`,
    'routes/manage.js': `const express = require('express');

module.exports = ({ shelves }) => {
  const router = express.Router();
  router.delete('/shelves/:id', async (req, res) => res.json(await shelves.byId(req.params.id)));
  return router;
};
`,
    'routes/open.js': `const express = require('express');

module.exports = ({ shelves }) => {
  const router = express.Router();
  router.get('/open/:id', async (req, res) => res.json(await shelves.byId(req.params.id)));
  return router;
};
`,
    'app.js': `const express = require('express');
const { signedIn } = require('./lib/session');
const shelfService = require('./services/shelfService');

const services = { shelves: shelfService() };
const app = express();
app.use(express.json());
app.use('/api/shelves', signedIn, require('./routes/shelves')(services));
app.use('/api/admin', signedIn, require('./routes/manage')(services));
app.use('/api', require('./routes/open')(services));
module.exports = app;
`,
  };

  it('the query and the command are found through the factory object; the address-checked command is not', async () => {
    const dir = writeProject(files, manifest);
    expect(await lines(dir, 'data/shelfStore.js', 'no-sql-injection')).toEqual([3]);
    expect(await lines(dir, 'tools/probe.js', 'no-command-injection')).toEqual([5]);
  });

  it('the inline require mount is resolved: its prefix and its guard apply to the routes', async () => {
    const dir = writeProject(files, manifest);
    expect(await lines(dir, 'routes/shelves.js', 'no-unauthenticated-route')).toEqual([]);
    // Authenticated at its mount, but `/api/admin/**` needs a role check.
    expect(await lines(dir, 'routes/manage.js', 'require-role-check')).toEqual([5]);
    // Mounted inline with nothing in front of it: still reported.
    expect(await lines(dir, 'routes/open.js', 'no-unauthenticated-route')).toEqual([5]);
  });
});

describe('plain-JS constructor injection', () => {
  const manifest = { name: 'tickets', dependencies: { express: '^4.21.0', sequelize: '^6.37.0' } };
  const controller = (exported: string): Record<string, string> => ({
    'src/models.js': `const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize(process.env.DB_URL);
const Ticket = sequelize.define('Ticket', { title: DataTypes.STRING, state: DataTypes.STRING });
module.exports = { sequelize, Ticket };
`,
    'src/store/ticketStore.js': `const { sequelize, Ticket } = require('../models');

class TicketStore {
  inState(state) {
    return Ticket.findAll({ where: sequelize.literal("state = '" + state + "'") });
  }

  inStateBound(state) {
    return Ticket.findAll({ where: { state: String(state) } });
  }
}

module.exports = new TicketStore();
`,
    'src/controllers/TicketController.js': `const ticketStore = require('../store/ticketStore');

class TicketController {
  constructor(store) {
    this.store = store;
  }

  byState = async (req, res) => {
    res.json(await this.store.inState(req.query.state));
  };

  byStateBound = async (req, res) => {
    res.json(await this.store.inStateBound(req.query.state));
  };
}

${exported}
`,
    'src/app.js': `const express = require('express');
const tickets = require('./controllers/TicketController');
const app = express();
app.get('/tickets', tickets.byState);
app.get('/tickets/bound', tickets.byStateBound);
module.exports = app;
`,
  });

  it('the field is what the one `new` in view gives: the literal SQL is found, the bound filter is not', async () => {
    const dir = writeProject(controller('module.exports = new TicketController(ticketStore);'), manifest);
    expect(await lines(dir, 'src/store/ticketStore.js', 'no-sql-injection')).toEqual([5]);
  });

  it('two `new`s with different stores are no single answer', async () => {
    const dir = writeProject(controller('module.exports = new TicketController(ticketStore);\nmodule.exports.archive = new TicketController({ inState: async () => [], inStateBound: async () => [] });'), manifest);
    expect(await lines(dir, 'src/store/ticketStore.js', 'no-sql-injection')).toEqual([]);
  });
});

describe('clients reached through class members', () => {
  it('an HTTP client injected by a constructor default is that client', async () => {
    const dir = writeProject(
      {
        'src/pinger.js': `import axios from 'axios';

export class Pinger {
  constructor(http = axios) {
    this.http = http;
  }

  async ping(target) {
    return (await this.http.get(target.url)).status;
  }

  async pingStatusPage(target) {
    return (await this.http.get('https://status.example.org/' + encodeURIComponent(target.url))).status;
  }
}
`,
        'src/app.js': `import express from 'express';
import { Pinger } from './pinger.js';
const pinger = new Pinger();
const app = express();
app.use(express.json());
app.post('/ping', async (req, res) => res.json(await pinger.ping({ url: req.body.url })));
app.post('/ping/status', async (req, res) => res.json(await pinger.pingStatusPage({ url: req.body.url })));
app.listen(3000);
`,
      },
      { name: 'pinger', type: 'module', dependencies: { express: '^4.21.0', axios: '^1.7.0' } },
    );
    expect(await lines(dir, 'src/pinger.js', 'no-ssrf')).toEqual([9]);
  });

  it('a parameter without a default is not guessed to be a client', async () => {
    const dir = writeProject(
      {
        'src/pinger.js': `export class Pinger {
  constructor(http) {
    this.http = http;
  }

  async ping(target) {
    return (await this.http.get(target.url)).status;
  }
}
`,
        'src/app.js': `import express from 'express';
import { Pinger } from './pinger.js';
const pinger = new Pinger({ get: async () => ({ status: 200 }) });
const app = express();
app.use(express.json());
app.post('/ping', async (req, res) => res.json(await pinger.ping({ url: req.body.url })));
app.listen(3000);
`,
      },
      { name: 'pinger', type: 'module', dependencies: { express: '^4.21.0', axios: '^1.7.0' } },
    );
    expect(await lines(dir, 'src/pinger.js', 'no-ssrf')).toEqual([]);
  });

  it('a Mongo collection returned by a getter is a collection', async () => {
    const dir = writeProject(
      {
        'src/recipes.ts': `import { MongoClient } from 'mongodb';

export class RecipeRepository {
  constructor(private readonly client: MongoClient) {}

  private get recipes() {
    return this.client.db('kitchen').collection('recipes');
  }

  byCuisine(cuisine: unknown) {
    return this.recipes.find({ cuisine }).toArray();
  }

  byCuisineText(cuisine: unknown) {
    return this.recipes.find({ cuisine: String(cuisine) }).toArray();
  }
}
`,
        'src/app.ts': `import express from 'express';
import { MongoClient } from 'mongodb';
import { RecipeRepository } from './recipes';
const recipes = new RecipeRepository(new MongoClient(process.env.MONGO_URL ?? ''));
const app = express();
app.use(express.json());
app.post('/recipes', async (req, res) => res.json(await recipes.byCuisine(req.body.cuisine)));
app.post('/recipes/text', async (req, res) => res.json(await recipes.byCuisineText(req.body.cuisine)));
app.listen(3000);
`,
      },
      { name: 'kitchen', dependencies: { express: '^4.21.0', mongodb: '^6.8.0' } },
    );
    expect(await lines(dir, 'src/recipes.ts', 'no-nosql-injection')).toEqual([11]);
  });
});

describe('a middleware looked up in a DI container', () => {
  const manifest = { name: 'studio', dependencies: { express: '^4.21.0', tsyringe: '^4.8.0', jsonwebtoken: '^9.0.0', 'reflect-metadata': '^0.2.0', pg: '^8.12.0' } };
  const files = (handle: string): Record<string, string> => ({
    'src/middleware/SessionGate.ts': `import { injectable } from 'tsyringe';
import jwt from 'jsonwebtoken';
import type { Request, Response, NextFunction } from 'express';

@injectable()
export class SessionGate {
${handle}
}
`,
    'src/routes/projects.ts': `import { Router } from 'express';
import { container } from 'tsyringe';
import { Pool } from 'pg';
import { SessionGate } from '../middleware/SessionGate';

const pool = new Pool();

export function projectRoutes() {
  const router = Router();
  router.use(container.resolve(SessionGate).check);
  router.delete('/projects/:id', async (req, res) => {
    await pool.query('DELETE FROM projects WHERE id = $1', [req.params.id]);
    res.status(204).end();
  });
  return router;
}
`,
    'src/app.ts': `import 'reflect-metadata';
import express from 'express';
import { projectRoutes } from './routes/projects';
const app = express();
app.use('/api', projectRoutes());
app.listen(3000);
`,
  });

  it('a class member that verifies a token authenticates the routes behind it', async () => {
    const dir = writeProject(
      files(`  check = (req: Request, res: Response, next: NextFunction) => {
    try {
      (req as any).user = jwt.verify(String(req.headers.authorization ?? '').slice(7), process.env.JWT_SECRET!);
      next();
    } catch {
      res.status(401).end();
    }
  };`),
      manifest,
    );
    expect(await lines(dir, 'src/routes/projects.ts', 'no-unauthenticated-route')).toEqual([]);
  });

  it('a class member that only logs is judged by its body: the route stays reported', async () => {
    const dir = writeProject(
      files(`  check = (req: Request, res: Response, next: NextFunction) => {
    console.log(req.method, req.path);
    next();
  };`),
      manifest,
    );
    expect(await lines(dir, 'src/routes/projects.ts', 'no-unauthenticated-route')).toEqual([11]);
  });
});
