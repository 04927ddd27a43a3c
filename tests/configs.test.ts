import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const exportedRouter = `
import { Router } from 'express';
const router = Router();
router.get('/orders', (req, res) => res.json([]));
export default router;
`;

function ruleIds(config: keyof typeof plugin.configs, code: string, filename: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(code, [plugin.configs[config] as Linter.Config], filename).map((message) => `${message.line} ${message.ruleId ?? 'fatal'}`);
}

describe('shipped configs', () => {
  it('recommended skips a router mounted in another file; strict reports it', () => {
    expect(ruleIds('recommended', exportedRouter, 'routes/orders.ts')).toEqual([]);
    expect(ruleIds('strict', exportedRouter, 'routes/orders.ts')).toEqual(['4 api-security/no-unauthenticated-route']);
  });

  it('recommended reports only the unauthenticated routes that need a caller; strict reports every one', () => {
    const code = `import express from 'express';
import { prisma } from './db';
const app = express();
app.get('/version', (req, res) => res.json({ version: '2.1.0' }));
app.get('/people', async (req, res) => res.json(await prisma.user.findMany()));
`;
    expect(ruleIds('recommended', code, 'app.js').filter((id) => id.endsWith('no-unauthenticated-route'))).toEqual(['5 api-security/no-unauthenticated-route']);
    expect(ruleIds('strict', code, 'app.js').filter((id) => id.endsWith('no-unauthenticated-route'))).toEqual(['4 api-security/no-unauthenticated-route', '5 api-security/no-unauthenticated-route']);
  });

  it('recommended leaves a write through a service out of view open; strict reports it', () => {
    const code = `import express from 'express';
import { segmentService } from '@acme/segments';
const app = express();
app.post('/segments', async (req, res) => res.json(await segmentService.create(req.body)));
`;
    expect(ruleIds('recommended', code, 'app.js').filter((id) => id.endsWith('no-mass-assignment'))).toEqual([]);
    expect(ruleIds('strict', code, 'app.js').filter((id) => id.endsWith('no-mass-assignment'))).toEqual(['4 api-security/no-mass-assignment']);
  });

  it('recommended leaves a redirect checked against a run-time prefix open; strict reports it', () => {
    const code = `import express from 'express';
import { config } from './config.js';
const app = express();
app.get('/done', (req, res) => {
  const target = String(req.query.r ?? '/');
  if (!target.startsWith(config.siteUrl)) return res.redirect('/');
  res.redirect(target);
});
`;
    expect(ruleIds('recommended', code, 'app.js').filter((id) => id.endsWith('no-open-redirect'))).toEqual([]);
    expect(ruleIds('strict', code, 'app.js').filter((id) => id.endsWith('no-open-redirect'))).toEqual(['7 api-security/no-open-redirect']);
  });

  it('recommended leaves input validated by a package schema open; strict reports it', () => {
    const code = `import Hapi from '@hapi/hapi';
import dataSchema from 'acme-data-schema';
const server = Hapi.server();
server.route({
  method: 'GET',
  path: '/builds/{id}/log',
  options: {
    auth: { strategies: ['session'] },
    validate: { params: { id: dataSchema.models.build.base.extract('id') } },
    handler: async (request) => (await fetch(\`\${process.env.STORE_URL}/builds/\${request.params.id}/log\`)).text(),
  },
});
`;
    expect(ruleIds('recommended', code, 'app.js').filter((id) => id.endsWith('no-ssrf'))).toEqual([]);
    expect(ruleIds('strict', code, 'app.js').filter((id) => id.endsWith('no-ssrf'))).toEqual(['10 api-security/no-ssrf']);
  });

  it('recommended leaves the taint findings of a route registered only under a development switch open; strict reports them', () => {
    const code = `import express from 'express';
import { exec } from 'node:child_process';
import { pool } from './db.js';
const app = express();
if (process.env.NODE_ENV === 'test') {
  app.post('/testing/seed', async (req, res) => {
    exec('make seed ' + req.body.target);
    res.json(await pool.query('SELECT * FROM seeds WHERE name = ' + req.body.name));
  });
}
`;
    const taint = (id: string): boolean => /no-(?:command|sql)-injection$/u.test(id);
    expect(ruleIds('recommended', code, 'app.js').filter(taint)).toEqual([]);
    expect(ruleIds('strict', code, 'app.js').filter(taint)).toEqual(['7 api-security/no-command-injection', '8 api-security/no-sql-injection']);
  });

  it.each(['app.js', 'app.mjs', 'app.cjs', 'app.ts', 'app.tsx'])('lints %s with the recommended config', (filename) => {
    const code = filename.endsWith('.cjs')
      ? `const express = require('express');\nconst app = express();\napp.post('/orders', (req, res) => res.json(orders.place(req.body)));\n`
      : `import express from 'express';\nconst app = express();\napp.post('/orders', (req, res) => res.json(orders.place(req.body)));\n`;
    expect(ruleIds('recommended', code, filename)).toEqual(['3 api-security/no-unauthenticated-route']);
  });
});
