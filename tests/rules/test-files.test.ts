import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';

// Mock servers and fixtures in test files are not the application: the route and taint rules skip
// them unless `includeTests` is on. Each snippet below is reported in an application file.
const snippets: Record<string, string> = {
  'no-unauthenticated-route': `
import express from 'express';
const app = express();
app.post('/orders', (req, res) => res.status(201).json({ created: orders.add(req.body) }));
`,
  'no-sql-injection': `
import express from 'express';
import { Pool } from 'pg';
const app = express(); const pool = new Pool();
app.get('/health', (req, res) => pool.query(\`SELECT * FROM t WHERE id = \${req.query.id}\`));
`,
  'no-nosql-injection': `
import express from 'express';
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String }));
const app = express();
app.post('/health', async (req, res) => res.json(await User.find({ name: req.body.name })));
`,
  'no-command-injection': `
import express from 'express';
import { exec } from 'node:child_process';
const app = express();
app.get('/health', (req, res) => exec('ping ' + req.query.host));
`,
  'no-code-injection': `
import express from 'express';
const app = express();
app.post('/health', (req, res) => res.json(eval(req.body.formula)));
`,
  'no-path-traversal': `
import express from 'express';
import fs from 'node:fs';
const app = express();
app.get('/health', (req, res) => res.send(fs.readFileSync('/data/' + req.query.file)));
`,
  'no-open-redirect': `
import express from 'express';
const app = express();
app.get('/health', (req, res) => res.redirect(req.query.next));
`,
  'no-reflected-xss': `
import express from 'express';
const app = express();
app.get('/health', (req, res) => res.send('<p>' + req.query.q + '</p>'));
`,
  'no-ssrf': `
import express from 'express';
const app = express();
app.get('/health', async (req, res) => res.json(await fetch(req.query.url)));
`,
  'require-ownership-check': `
import express from 'express';
import mongoose, { Schema } from 'mongoose';
const Order = mongoose.model('Order', new Schema({ total: Number, owner: { type: Schema.Types.ObjectId, ref: 'User' } }));
const app = express();
app.get('/orders', async (req, res) => res.json(await Order.find({ owner: req.user._id })));
app.get('/orders/:id', async (req, res) => res.json(await Order.findById(req.params.id)));
`,
  'require-role-check': `
import express from 'express';
const app = express();
function requireAuth(req, res, next) {
  if (!req.session.userId) return res.status(401).json({ error: 'sign in' });
  next();
}
app.delete('/admin/users/:id', requireAuth, (req, res) => res.status(204).end());
`,
};

const root = path.join(import.meta.dirname, '..', '..');

function lint(rule: string, file: string, options: Record<string, unknown> = {}): string[] {
  const linter = new Linter({ configType: 'flat' });
  const config = { ...plugin.configs.all, rules: { [`api-security/${rule}`]: ['error', options] } };
  return linter
    .verify(snippets[rule]!, [config as unknown as Linter.Config], path.join(root, file))
    .map((message) => message.ruleId ?? message.message);
}

describe('test files are skipped unless includeTests', () => {
  it.each(Object.keys(snippets))('%s', (rule) => {
    const id = `api-security/${rule}`;
    expect(lint(rule, 'src/app.ts')).toContain(id);
    for (const file of ['src/contest-helpers.ts', 'src/testimonials.ts', 'src/helpers/test-results.ts']) {
      expect(lint(rule, file), file).toContain(id);
    }
    for (const file of ['src/__tests__/server.ts', 'src/app.test.ts', 'src/app.spec.ts', 'test/mock-server.ts', '__mocks__/api.ts', 'tests/fixtures/app.ts', 'auth/testhelp.js', 'src/test-helpers.ts']) {
      expect(lint(rule, file), file).toEqual([]);
    }
    expect(lint(rule, 'src/__tests__/server.ts', { includeTests: true })).toContain(id);
  });

  it('every rule with the option is covered here', () => {
    const withOption = Object.entries(plugin.rules)
      .filter(([, rule]) => JSON.stringify(rule.meta.schema).includes('"includeTests"'))
      .map(([id]) => id)
      .sort();
    expect(withOption).toEqual(Object.keys(snippets).sort());
  });
});

// One recogniser: the secrets rule runs fewer checks in exactly the files the route and taint
// rules skip. A name-only secret (not a provider format) is what `testFileChecks` drops there.
describe('the secrets rule recognises the same test files', () => {
  const secret = "const clientSecret = 'kJ8s7dF6gH5jK4lZ';\n";
  const files = [
    'src/app.ts',
    'src/testing/app.ts',
    'src/latest/orders.ts',
    'src/__tests__/server.ts',
    'src/app.test.ts',
    'src/app.spec.mjs',
    'src/app.e2e-spec.ts',
    'cypress/support/login.cy.ts',
    'e2e/login.ts',
    'playwright/setup.ts',
    'src/__fixtures__/keys.ts',
    'src/mocks/handlers.ts',
    'Tests/orders.ts',
    // Helpers only tests load, shipped beside the application (a supertest login with a fixture user).
    'auth/testhelp.js',
    'src/test-helpers.ts',
    'lib/test_utils.cjs',
    'src/testSetup.mts',
    // Application files whose names only contain the words.
    'src/contest-helpers.ts',
    'src/testimonials.ts',
    'src/helpers/test-results.ts',
  ];

  it.each(files)('%s', (file) => {
    const linter = new Linter({ configType: 'flat' });
    const config = {
      ...plugin.configs.all,
      rules: { 'api-security/no-unauthenticated-route': 'error', 'api-security/no-hardcoded-secrets': 'error' },
    };
    const ids = linter
      .verify(`${snippets['no-unauthenticated-route']!}${secret}`, [config as unknown as Linter.Config], path.join(root, file))
      .map((message) => message.ruleId ?? message.message);
    const routeChecked = ids.includes('api-security/no-unauthenticated-route');
    expect(ids.includes('api-security/no-hardcoded-secrets'), `${file}: ${ids.join(', ')}`).toBe(routeChecked);
  });

  it('the list holds application files and test files', () => {
    const judged = files.map((file) => lint('no-unauthenticated-route', file).length > 0);
    expect(judged).toContain(true);
    expect(judged).toContain(false);
  });
});
