import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A setup function of another file given the app installs its auth only in some runs: after an
 * early `return` on an option (`if (options.publicDemo) return;`), or under a condition (`if
 * (options.auth) app.use(auth)`). The routes registered after the call are not surely guarded, and
 * a deployment that sets the option serves them to anyone: they are reported. A `throw` before the
 * auth (a missing secret stops the app from starting) and a switch for tests or development only
 * (`process.env.NODE_ENV === 'test'`) leave production guarded.
 */

const recommended: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };

async function findings(dir: string, file: string): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, recommended);
  return messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`);
}

const server = `import express from 'express';
import { install } from './middleware.js';
import { db } from './db.js';
const app = express();
install(app, { publicDemo: process.env.DEMO === '1', auth: process.env.AUTH !== 'off' });
app.get('/api/reports', async (req, res) => res.json(await db.reports.findMany()));
app.listen(3000);
`;
const setup = (body: string): Record<string, string> => ({
  'db.js': 'export const db = {};\n',
  'server.js': server,
  'middleware.js': `import express from 'express';
import { expressjwt } from 'express-jwt';
const auth = expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] });
export function install(app, options) {
${body}
}
`,
});

describe('setup functions that install auth in some runs only', () => {
  it('an early return on an option before the auth: reported', async () => {
    const dir = writeProject(setup(`  app.use(express.json());
  if (options.publicDemo) return;
  app.use('/api', auth);`));
    expect(await findings(dir, 'server.js')).toEqual(['6 unauthenticatedRoute']);
  });

  it('the auth under a condition: reported', async () => {
    const dir = writeProject(setup(`  app.use(express.json());
  if (options.auth) {
    app.use('/api', auth);
  }`));
    expect(await findings(dir, 'server.js')).toEqual(['6 unauthenticatedRoute']);
  });

  it('an early return after the auth: guarded', async () => {
    const dir = writeProject(setup(`  app.use('/api', auth);
  if (options.publicDemo) return;
  app.use(express.json());`));
    expect(await findings(dir, 'server.js')).toEqual([]);
  });

  it('a throw before the auth stops the start, it skips nothing: guarded', async () => {
    const dir = writeProject(setup(`  if (!process.env.JWT_SECRET) throw new Error('JWT_SECRET is required');
  app.use('/api', auth);`));
    expect(await findings(dir, 'server.js')).toEqual([]);
  });

  it('a return taken in production (everywhere but tests) skips the auth there: reported', async () => {
    const dir = writeProject(setup(`  if (process.env.NODE_ENV !== 'test') return;
  app.use('/api', auth);`));
    expect(await findings(dir, 'server.js')).toEqual(['6 unauthenticatedRoute']);
  });

  it('the auth installed only in tests: reported', async () => {
    const dir = writeProject(setup(`  if (process.env.NODE_ENV === 'test') app.use('/api', auth);`));
    expect(await findings(dir, 'server.js')).toEqual(['6 unauthenticatedRoute']);
  });

  it('a return for the test environment only leaves production guarded', async () => {
    const dir = writeProject(setup(`  if (process.env.NODE_ENV === 'test') return;
  app.use('/api', auth);`));
    expect(await findings(dir, 'server.js')).toEqual([]);
  });
});
