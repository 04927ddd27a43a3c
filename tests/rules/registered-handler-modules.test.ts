import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Handler modules kept apart from the route table: `handlers.js` exports one-parameter functions
 * (`exports.get = async (request) => …`) that `index.js` registers (`handler: handlers.get`,
 * `router.delete('/x/:id', handlers.remove)`). Their shape alone does not make them handlers; the
 * registration in the other file does, in the style of its framework. An export of the same shape
 * that no route registers (a helper called with a plain object) stays a plain function.
 */

const rules: Linter.RulesRecord = { 'api-security/no-sql-injection': 'error' };

async function findings(dir: string, file: string): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.ruleId ?? 'fatal'}: ${message.message}`);
}

const db = `'use strict';
const knex = require('knex');
module.exports = knex({ client: 'pg', connection: process.env.DATABASE_URL });
`;

describe('handlers registered by a route table in another file', () => {
  it('reads a Hapi handler module registered by a plugin’s route table', async () => {
    const dir = writeProject({
      'lib/db.js': db,
      'plugins/contacts/handlers.js': `'use strict';
const db = require('../../lib/db');

exports.get = async (request) => db.raw(\`select id, name from contacts where id = \${request.params.id}\`);

exports.preview = async (request) => db.raw(\`select id, name from contacts where id = \${request.params.id}\`);
`,
      'plugins/contacts/index.js': `'use strict';
const handlers = require('./handlers');

exports.plugin = {
  name: 'contacts',
  register(server) {
    server.route({ method: 'GET', path: '/contacts/{id}', handler: handlers.get });
    server.expose('preview', () => handlers.preview({ params: { id: 1 } }));
  },
};
`,
    }, { name: 'crm' });
    const found = await findings(dir, 'plugins/contacts/handlers.js');
    expect(found.map((line) => line.slice(0, line.indexOf(':')))).toEqual(['4 api-security/no-sql-injection']);
    expect(found[0]).toContain('request.params.id');
  });

  it('reads an Express handler module registered by named import and by module member', async () => {
    const dir = writeProject({
      'src/db.js': db,
      'src/notes.handlers.js': `import db from './db.js';

export async function remove(req) {
  await db.raw(\`delete from notes where id = \${req.params.id}\`);
}

export const archive = async (req) => {
  await db.raw(\`update notes set archived = true where id = \${req.params.id}\`);
};

export async function audit(entry) {
  await db.raw(\`insert into audit (what) values ('\${entry.params.what}')\`);
}
`,
      'src/notes.routes.js': `import express from 'express';
import * as handlers from './notes.handlers.js';
import { remove } from './notes.handlers.js';

export const router = express.Router();
router.delete('/notes/:id', remove);
router.post('/notes/:id/archive', handlers.archive);
`,
    }, { name: 'notes', type: 'module' });
    const found = await findings(dir, 'src/notes.handlers.js');
    expect(found.map((line) => line.slice(0, line.indexOf(':')))).toEqual(['4 api-security/no-sql-injection', '8 api-security/no-sql-injection']);
  });

  it('does not make a handler of a same-named export of another module', async () => {
    const dir = writeProject({
      'src/db.js': db,
      'src/format.js': `import db from './db.js';
export async function remove(req) {
  await db.raw(\`delete from drafts where id = \${req.params.id}\`);
}
`,
      'src/handlers.js': `export async function remove(req, res) {
  res.sendStatus(204);
}
`,
      'src/routes.js': `import express from 'express';
import { remove } from './handlers.js';
import { remove as removeDraft } from './format.js';
export const router = express.Router();
router.delete('/notes/:id', remove);
export const cleanup = () => removeDraft({ params: { id: '1' } });
`,
    }, { name: 'alike', type: 'module' });
    expect(await findings(dir, 'src/format.js')).toEqual([]);
  });
});
