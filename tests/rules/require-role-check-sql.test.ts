import { RuleTester } from '@typescript-eslint/rule-tester';
import rule, { type Options } from '../../src/rules/require-role-check.js';

/*
 * require-role-check on privileged writes written as raw SQL: node-postgres and mysql2 `query`,
 * knex's `raw`, Sequelize's `query` with replacements, tagged templates (`sql\`…\``, Prisma's
 * `$executeRaw`). The statement's table is the model, its SET columns the fields, its WHERE the
 * record; a statement whose WHERE names the caller is the caller's own.
 */

const ruleTester = new RuleTester();
const strict: Options = [{ privilegedRoutes: 'report' }];

const head = `import express from 'express';
import { Pool } from 'pg';
import knex from 'knex';
import sql from 'sql-template-tag';
const pool = new Pool();
const db = knex({ client: 'pg' });
const app = express();
function requireAuth(req, res, next) {
  if (!req.session.userId) return res.status(401).end();
  req.user = { id: req.session.userId, role: req.session.role, orgId: req.session.orgId };
  next();
}
`;
const L = 13; // first line after the head

const message = (method: string, path: string, operation: string, line: number) => ({
  messageId: 'privilegedRoute' as const,
  line: L,
  data: { method, path, framework: 'express', by: '`requireAuth`', operation, at: `line ${String(line)}` },
});

ruleTester.run('require-role-check (raw SQL)', rule, {
  valid: [
    { name: 'the caller changing their own email: the WHERE names the caller', options: strict, code: `${head}app.patch('/me', requireAuth, async (req, res) => {
  await pool.query('UPDATE users SET email = $1 WHERE id = $2', [req.body.email, req.user.id]);
  res.status(204).end();
});` },
    { name: 'a role written as a literal on the caller\'s own row', options: strict, code: `${head}app.post('/me/leave-beta', requireAuth, async (req, res) => {
  await pool.query("UPDATE accounts SET role = 'member' WHERE id = $1", [req.user.id]);
  res.status(204).end();
});` },
    { name: 'a delete of a record that is no user', options: strict, code: `${head}app.delete('/notes/:id', requireAuth, async (req, res) => {
  await pool.query('DELETE FROM notes WHERE id = $1 AND author_id = $2', [req.params.id, req.user.id]);
  res.status(204).end();
});` },
    { name: 'a read of one user by a WHERE is no export', options: strict, code: `${head}app.get('/users/:id', requireAuth, async (req, res) => {
  const { rows } = await pool.query('SELECT id, name FROM users WHERE id = $1', [req.params.id]);
  res.json(rows[0]);
});` },
    { name: 'a read of every user not answered (a count kept server-side)', options: strict, code: `${head}app.post('/stats/refresh', requireAuth, async (req, res) => {
  const rows = await pool.query('SELECT id FROM users');
  cache.set('users', rows.rowCount);
  res.status(204).end();
});` },
    { name: 'a tagged template updating the caller\'s own name', options: strict, code: `${head}app.patch('/me/name', requireAuth, async (req, res) => {
  await pool.query(sql\`UPDATE users SET name = \${req.body.name} WHERE id = \${req.user.id}\`);
  res.status(204).end();
});` },
    { name: 'a log line that mentions SQL is not a statement of a table the rule knows', options: strict, code: `${head}app.post('/audit', requireAuth, async (req, res) => {
  logger.info('UPDATE orders SET status = $1 WHERE id = $2', [req.body.status, req.params.id]);
  res.status(204).end();
});` },
    { name: 'a role check before the raw write', options: strict, code: `${head}app.delete('/users/:id', requireAuth, async (req, res) => {
  if (req.user.role !== 'admin') return res.status(403).end();
  await pool.query('DELETE FROM users WHERE id = $1', [req.params.id]);
  res.status(204).end();
});` },
  ],
  invalid: [
    { name: 'node-postgres: a role from the body on a user the client names', options: strict, code: `${head}app.patch('/users/:id/role', requireAuth, async (req, res) => {
  await pool.query('UPDATE users SET role = $1 WHERE id = $2', [req.body.role, req.params.id]);
  res.status(204).end();
});`, errors: [message('PATCH', '/users/:id/role', 'writes `role` of a record the client names (`UPDATE users` through `pool.query`)', L + 1)] },
    { name: 'a delete of a user the client names, the statement in a const', options: strict, code: `${head}const REMOVE_USER = 'DELETE FROM users WHERE id = $1';
app.delete('/users/:id', requireAuth, async (req, res) => {
  await pool.query(REMOVE_USER, [req.params.id]);
  res.status(204).end();
});`, errors: [{ ...message('DELETE', '/users/:id', 'deletes a user the client names (`DELETE FROM users` through `pool.query`)', L + 2), line: L + 1 }] },
    { name: 'a tagged template: an admin flag from the body', options: strict, code: `${head}app.post('/accounts/:id/promote', requireAuth, async (req, res) => {
  await pool.query(sql\`UPDATE accounts SET is_admin = \${req.body.admin} WHERE id = \${req.params.id}\`);
  res.status(204).end();
});`, errors: [message('POST', '/accounts/:id/promote', 'writes `is_admin` of a record the client names (`UPDATE accounts` through `sql`)', L + 1)] },
    { name: 'knex.raw with positional bindings: a password of another user', options: strict, code: `${head}app.post('/users/:id/password', requireAuth, async (req, res) => {
  await db.raw('UPDATE users SET password_hash = ? WHERE id = ?', [await hash(req.body.password), req.params.id]);
  res.status(204).end();
});`, errors: [message('POST', '/users/:id/password', 'writes `password_hash` of a user the client names (`UPDATE users` through `db.raw`)', L + 1)] },
    { name: 'Sequelize replacements by name: a member of the caller\'s organization is another user', options: strict, code: `${head}app.post('/members/:id/ban', requireAuth, async (req, res) => {
  await sequelize.query('UPDATE members SET banned = true WHERE id = :id AND org_id = :org', { replacements: { id: req.params.id, org: req.user.orgId } });
  res.status(204).end();
});`, errors: [message('POST', '/members/:id/ban', 'writes `banned` of a user the client names (`UPDATE members` through `sequelize.query`)', L + 1)] },
    { name: 'every user answered by a SELECT without WHERE', options: strict, code: `${head}app.get('/users', requireAuth, async (req, res) => {
  const { rows } = await pool.query('SELECT id, email, role FROM users ORDER BY id');
  res.json(rows);
});`, errors: [message('GET', '/users', 'answers every `user` record (`SELECT users` through `pool.query`)', L + 1)] },
    { name: 'an INSERT of a role from the body; a feature flag written raw', options: strict, code: `${head}app.post('/grants', requireAuth, async (req, res) => {
  await pool.query('INSERT INTO user_roles (user_id, role) VALUES ($1, $2)', [req.body.userId, req.body.role]);
  res.status(201).end();
});
app.put('/flags/:key', requireAuth, async (req, res) => {
  await pool.query({ text: 'UPDATE feature_flags SET enabled = $1 WHERE key = $2', values: [req.body.enabled, req.params.key] });
  res.status(204).end();
});`, errors: [
      message('POST', '/grants', 'writes `role` from the request (`INSERT INTO user_roles` through `pool.query`)', L + 1),
      { ...message('PUT', '/flags/:key', 'writes the system setting `feature_flags` (`UPDATE feature_flags` through `pool.query`)', L + 5), line: L + 4 },
    ] },
    { name: 'a role inside quotes of a template (and an injection, another rule\'s business)', options: strict, code: `${head}app.patch('/users/:id/role', requireAuth, async (req, res) => {
  await pool.query(\`UPDATE users SET role = '\${req.body.role}' WHERE id = \${Number(req.params.id)}\`);
  res.status(204).end();
});`, errors: [message('PATCH', '/users/:id/role', 'writes `role` of a record the client names (`UPDATE users` through `pool.query`)', L + 1)] },
  ],
});
