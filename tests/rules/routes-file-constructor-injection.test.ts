import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A controller class whose services reach it only through its constructor, called by hand in the
 * routes file that registers its handlers: the controller imports neither the service nor the
 * repository, the routes file imports both the controller and the service and writes
 * `new ShipmentController(shipmentService)`. The flows from the controller's handlers (arrow
 * fields, or methods bound where they are registered) through the service to the SQL text or the
 * HTTP client are found at the sink, naming the route; the safe look-alikes stay quiet.
 */

const lines = async (dir: string, file: string, rule: string): Promise<number[]> =>
  (await lintProjectFile(dir, file, { [`api-security/${rule}`]: 'error' })).map((message) => message.line);

const messages = async (dir: string, file: string, rule: string): Promise<string[]> =>
  (await lintProjectFile(dir, file, { [`api-security/${rule}`]: 'error' })).map((message) => `${String(message.line)} ${message.message}`);

describe('CommonJS: a service module handed to a controller constructor in the routes file', () => {
  const manifest = { name: 'shipping', dependencies: { express: '^4.21.0', pg: '^8.12.0', axios: '^1.7.0' } };
  const files = (routes: string, controllerBody: string = handlerFields): Record<string, string> => ({
    'src/db.js': `const { Pool } = require('pg');
module.exports = new Pool();
`,
    'src/repositories/shipmentRepository.js': `const pool = require('../db');

async function byCarrierRef(accountId, ref) {
  const text = \`SELECT id, state FROM shipments WHERE account_id = $1 AND carrier_ref LIKE '%\${ref}%'\`;
  return (await pool.query(text, [accountId])).rows;
}

async function byCarrierRefBound(accountId, ref) {
  const text = "SELECT id, state FROM shipments WHERE account_id = $1 AND carrier_ref LIKE '%' || $2 || '%'";
  return (await pool.query(text, [accountId, ref])).rows;
}

async function page(accountId, offset) {
  return (await pool.query(\`SELECT id FROM shipments WHERE account_id = $1 OFFSET \${offset}\`, [accountId])).rows;
}

module.exports = { byCarrierRef, byCarrierRefBound, page };
`,
    'src/services/shipmentService.js': `const axios = require('axios');
const repository = require('../repositories/shipmentRepository');

const LABEL_HOSTS = ['labels.carrier.example', 'cdn.carrier.example'];

function findByReference(accountId, ref) {
  return repository.byCarrierRef(accountId, ref.trim());
}

function findByReferenceBound(accountId, ref) {
  return repository.byCarrierRefBound(accountId, ref.trim());
}

function listPage(accountId, offset) {
  return repository.page(accountId, offset);
}

async function fetchLabel(shipmentId, labelUrl) {
  const response = await axios.get(labelUrl, { responseType: 'arraybuffer', timeout: 4000 });
  return { shipmentId, bytes: response.data.length };
}

async function fetchLabelChecked(shipmentId, labelUrl) {
  const target = new URL(labelUrl);
  if (!LABEL_HOSTS.includes(target.hostname)) throw new Error('label host not allowed');
  const response = await axios.get(target.toString(), { responseType: 'arraybuffer', timeout: 4000 });
  return { shipmentId, bytes: response.data.length };
}

module.exports = { findByReference, findByReferenceBound, listPage, fetchLabel, fetchLabelChecked };
`,
    'src/controllers/ShipmentController.js': `class ShipmentController {
  constructor(shipmentService) {
    this.shipments = shipmentService;
  }
${controllerBody}}

module.exports = ShipmentController;
`,
    'src/routes/shipments.js': routes,
  });

  const handlerFields = `
  search = async (req, res) => {
    res.json(await this.shipments.findByReference(req.user.accountId, req.query.ref || ''));
  };

  searchBound = async (req, res) => {
    res.json(await this.shipments.findByReferenceBound(req.user.accountId, req.query.ref || ''));
  };

  list = async (req, res) => {
    res.json(await this.shipments.listPage(req.user.accountId, Number(req.query.offset) || 0));
  };

  label = async (req, res) => {
    res.status(201).json(await this.shipments.fetchLabel(req.params.id, req.body.labelUrl));
  };

  labelChecked = async (req, res) => {
    res.status(201).json(await this.shipments.fetchLabelChecked(req.params.id, req.body.labelUrl));
  };
`;

  const handlerMethods = `
  async search(req, res) {
    res.json(await this.shipments.findByReference(req.user.accountId, req.query.ref || ''));
  }

  async searchBound(req, res) {
    res.json(await this.shipments.findByReferenceBound(req.user.accountId, req.query.ref || ''));
  }

  async list(req, res) {
    res.json(await this.shipments.listPage(req.user.accountId, Number(req.query.offset) || 0));
  }

  async label(req, res) {
    res.status(201).json(await this.shipments.fetchLabel(req.params.id, req.body.labelUrl));
  }

  async labelChecked(req, res) {
    res.status(201).json(await this.shipments.fetchLabelChecked(req.params.id, req.body.labelUrl));
  }
`;

  const arrowRoutes = `const express = require('express');
const ShipmentController = require('../controllers/ShipmentController');
const shipmentService = require('../services/shipmentService');

const router = express.Router();
const controller = new ShipmentController(shipmentService);

router.get('/search', controller.search);
router.get('/search/bound', controller.searchBound);
router.get('/', controller.list);
router.post('/:id/label', controller.label);
router.post('/:id/label/checked', controller.labelChecked);

module.exports = router;
`;

  const boundRoutes = `const express = require('express');
const ShipmentController = require('../controllers/ShipmentController');
const shipmentService = require('../services/shipmentService');

const router = express.Router();
const controller = new ShipmentController(shipmentService);

router.get('/search', controller.search.bind(controller));
router.get('/search/bound', controller.searchBound.bind(controller));
router.get('/', controller.list.bind(controller));
router.post('/:id/label', controller.label.bind(controller));
router.post('/:id/label/checked', controller.labelChecked.bind(controller));

module.exports = router;
`;

  it('arrow-field handlers: the LIKE pattern built from the query is found in the repository, the bound one and the number are not', async () => {
    const dir = writeProject(files(arrowRoutes), manifest);
    expect(await lines(dir, 'src/repositories/shipmentRepository.js', 'no-sql-injection')).toEqual([5]);
  });

  it('arrow-field handlers: the label URL from the body is fetched unchecked; the host-checked one is quiet', async () => {
    const dir = writeProject(files(arrowRoutes), manifest);
    expect(await lines(dir, 'src/services/shipmentService.js', 'no-ssrf')).toEqual([19]);
  });

  it('the finding names the request input and the call in the controller, with their file and line', async () => {
    const dir = writeProject(files(arrowRoutes), manifest);
    const [message] = await messages(dir, 'src/repositories/shipmentRepository.js', 'no-sql-injection');
    expect(message).toBe(
      '5 `req.query.ref` in src/controllers/ShipmentController.js (line 7) reaches the SQL text of `pool.query` (line 5) through `this.shipments.findByReference` (called on line 7 of src/controllers/ShipmentController.js). Pass it as a bound parameter instead of building the query string.',
    );
  });

  const secondRouter = (given: string): string => `const express = require('express');
const ShipmentController = require('../controllers/ShipmentController');
const shipmentService = require('../services/shipmentService');

const controller = new ShipmentController(${given});
module.exports = express.Router().get('/archive/search', controller.search);
`;

  it('two routers building the controller with the same service: one answer, followed', async () => {
    const dir = writeProject({ ...files(arrowRoutes), 'src/routes/archive.js': secondRouter('shipmentService') }, manifest);
    expect(await lines(dir, 'src/repositories/shipmentRepository.js', 'no-sql-injection')).toEqual([5]);
  });

  it('two routers building the controller with different services: no single answer, nothing is guessed', async () => {
    const stub = '{ findByReference: async () => [], findByReferenceBound: async () => [], listPage: async () => [], fetchLabel: async () => null, fetchLabelChecked: async () => null }';
    const dir = writeProject({ ...files(arrowRoutes), 'src/routes/archive.js': secondRouter(stub) }, manifest);
    expect(await lines(dir, 'src/repositories/shipmentRepository.js', 'no-sql-injection')).toEqual([]);
  });

  it('no `new` of the controller in view: unknown, nothing is reported', async () => {
    const routes = arrowRoutes.replace('const controller = new ShipmentController(shipmentService);', 'const controller = global.controllers.shipments;');
    const dir = writeProject(files(routes), manifest);
    expect(await lines(dir, 'src/repositories/shipmentRepository.js', 'no-sql-injection')).toEqual([]);
  });

  it('methods bound where they are registered: the same verdicts', async () => {
    const dir = writeProject(files(boundRoutes, handlerMethods), manifest);
    expect(await lines(dir, 'src/repositories/shipmentRepository.js', 'no-sql-injection')).toEqual([5]);
    expect(await lines(dir, 'src/services/shipmentService.js', 'no-ssrf')).toEqual([19]);
  });
});

describe('ESM/TypeScript: services built inline in the routes file and handed to a controller with parameter properties', () => {
  const manifest = { name: 'shipping-ts', type: 'module', dependencies: { express: '^4.21.0', pg: '^8.12.0', axios: '^1.7.0' } };
  const files = (controllerHead: string): Record<string, string> => ({
    'src/db.ts': `import { Pool } from 'pg';
export const pool = new Pool();
`,
    'src/repositories/shipment-repository.ts': `import type { Pool } from 'pg';

export class ShipmentRepository {
  constructor(private readonly pool: Pool) {}

  async byCarrierRef(accountId: string, ref: string) {
    const text = \`SELECT id, state FROM shipments WHERE account_id = $1 AND carrier_ref LIKE '%\${ref}%'\`;
    return (await this.pool.query(text, [accountId])).rows;
  }

  async byCarrierRefBound(accountId: string, ref: string) {
    const text = "SELECT id, state FROM shipments WHERE account_id = $1 AND carrier_ref LIKE '%' || $2 || '%'";
    return (await this.pool.query(text, [accountId, ref])).rows;
  }
}
`,
    'src/services/shipment-service.ts': `import axios from 'axios';
import type { ShipmentRepository } from '../repositories/shipment-repository';

const LABEL_HOSTS = new Set(['labels.carrier.example', 'cdn.carrier.example']);

export class ShipmentService {
  constructor(private readonly repository: ShipmentRepository) {}

  findByReference(accountId: string, ref: string) {
    return this.repository.byCarrierRef(accountId, ref.trim());
  }

  findByReferenceBound(accountId: string, ref: string) {
    return this.repository.byCarrierRefBound(accountId, ref.trim());
  }

  async fetchLabel(labelUrl: string) {
    return (await axios.get(labelUrl, { timeout: 4000 })).data;
  }

  async fetchLabelChecked(labelUrl: string) {
    const target = new URL(labelUrl);
    if (!LABEL_HOSTS.has(target.hostname)) throw new Error('label host not allowed');
    return (await axios.get(target.toString(), { timeout: 4000 })).data;
  }
}
`,
    'src/controllers/shipment-controller.ts': `import type { Request, Response } from 'express';
${controllerHead}
  search = async (req: Request, res: Response) => {
    res.json(await this.shipments.findByReference(String(req.headers['x-account']), String(req.query.ref ?? '')));
  };

  searchBound = async (req: Request, res: Response) => {
    res.json(await this.shipments.findByReferenceBound(String(req.headers['x-account']), String(req.query.ref ?? '')));
  };

  label = async (req: Request, res: Response) => {
    res.json(await this.shipments.fetchLabel(req.body.labelUrl));
  };

  labelChecked = async (req: Request, res: Response) => {
    res.json(await this.shipments.fetchLabelChecked(req.body.labelUrl));
  };
}
`,
    'src/routes/shipments.ts': `import { Router } from 'express';
import { pool } from '../db';
import { ShipmentController } from '../controllers/shipment-controller';
import { ShipmentRepository } from '../repositories/shipment-repository';
import { ShipmentService } from '../services/shipment-service';

const controller = new ShipmentController(new ShipmentService(new ShipmentRepository(pool)));

export const shipmentRoutes = Router()
  .get('/search', controller.search)
  .get('/search/bound', controller.searchBound)
  .post('/:id/label', controller.label)
  .post('/:id/label/checked', controller.labelChecked);
`,
  });

  const classTyped = `import type { ShipmentService } from '../services/shipment-service';

export class ShipmentController {
  constructor(private readonly shipments: ShipmentService) {}
`;

  const interfaceTyped = `interface Shipments {
  findByReference(accountId: string, ref: string): Promise<unknown>;
  findByReferenceBound(accountId: string, ref: string): Promise<unknown>;
  fetchLabel(labelUrl: string): Promise<unknown>;
  fetchLabelChecked(labelUrl: string): Promise<unknown>;
}

export class ShipmentController {
  constructor(private readonly shipments: Shipments) {}
`;

  it('a parameter property typed with the service class: the SQL and the fetch are found, their look-alikes are not', async () => {
    const dir = writeProject(files(classTyped), manifest);
    expect(await lines(dir, 'src/repositories/shipment-repository.ts', 'no-sql-injection')).toEqual([8]);
    expect(await lines(dir, 'src/services/shipment-service.ts', 'no-ssrf')).toEqual([18]);
  });

  it('a parameter property typed with a local interface: what the one `new` in the routes file gives it', async () => {
    const dir = writeProject(files(interfaceTyped), manifest);
    expect(await lines(dir, 'src/repositories/shipment-repository.ts', 'no-sql-injection')).toEqual([8]);
    expect(await lines(dir, 'src/services/shipment-service.ts', 'no-ssrf')).toEqual([18]);
  });
});

describe('exposure (followed forward already; kept as a regression): a body handed through a controller field to a service given in the routes file', () => {
  const model = `const { DataTypes } = require('sequelize');
const sequelize = require('../db');
module.exports = sequelize.define('Member', { email: DataTypes.STRING, nickname: DataTypes.STRING, isStaff: DataTypes.BOOLEAN });
`;
  const service = (update: string): string => `const Member = require('../models/member');

async function update(id, changes) {
  ${update}
}

module.exports = { update };
`;
  const controller = `class MemberController {
  constructor(memberService) {
    this.members = memberService;
  }

  update = async (req, res) => {
    res.json(await this.members.update(req.params.id, req.body));
  };
}

module.exports = MemberController;
`;
  const routes = `const express = require('express');
const MemberController = require('../controllers/MemberController');
const memberService = require('../services/memberService');

const controller = new MemberController(memberService);
module.exports = express.Router().patch('/:id', controller.update);
`;
  const files = (update: string): Record<string, string> => ({
    'src/db.js': 'module.exports = {};\n',
    'src/models/member.js': model,
    'src/services/memberService.js': service(update),
    'src/controllers/MemberController.js': controller,
    'src/routes/members.js': routes,
  });
  const manifest = { name: 'members', dependencies: { express: '^4.21.0', sequelize: '^6.37.0' } };

  it('the body written whole by the service is reported in the controller', async () => {
    const dir = writeProject(files('return Member.update(changes, { where: { id } });'), manifest);
    expect(await lines(dir, 'src/controllers/MemberController.js', 'no-mass-assignment')).toEqual([7]);
  });

  it('safe: the service picks the fields it stores', async () => {
    const dir = writeProject(files('const { nickname } = changes;\n  return Member.update({ nickname }, { where: { id } });'), manifest);
    expect(await lines(dir, 'src/controllers/MemberController.js', 'no-mass-assignment')).toEqual([]);
  });
});
