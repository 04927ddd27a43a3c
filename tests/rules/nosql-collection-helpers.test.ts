import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A MongoDB collection handle returned by a small helper of the file (`const tickets = () =>
 * app.mongo.db.collection('tickets')`, a function returning `db.collection(...)`), and the
 * collection of the `@fastify/mongodb` decorator: their filters are filters.
 */

const rules: Linter.RulesRecord = { 'api-security/no-nosql-injection': 'error' };
const lines = (messages: Linter.LintMessage[]): string[] => messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`);
const lint = async (code: string): Promise<string[]> => {
  const dir = writeProject({ 'package.json': JSON.stringify({ name: 'helpdesk', dependencies: { fastify: '5', '@fastify/mongodb': '9' } }), 'src/tickets.js': code }, null);
  return lines(await lintProjectFile(dir, 'src/tickets.js', rules));
};

describe('collections returned by helpers', () => {
  it('an arrow helper, a function helper and a helper of a helper over the decorator', async () => {
    expect(await lint(`export default async function tickets(fastify) {
  const tickets = () => fastify.mongo.db.collection('tickets');
  function archive() {
    const db = fastify.mongo.db;
    return db.collection('archive');
  }
  const openTickets = () => tickets();
  fastify.post('/tickets/lookup', async (request) => tickets().findOne({ reporter: request.body.reporter }));
  fastify.post('/archive/lookup', async (request) => archive().find({ reporter: request.body.reporter }).toArray());
  fastify.post('/open/lookup', async (request) => openTickets().countDocuments({ queue: request.body.queue }));
  fastify.post('/direct', async (request) => fastify.mongo.db.collection('tickets').deleteOne({ _id: request.body.id }));
}
`)).toEqual(['8 nosqlInjection', '9 nosqlInjection', '10 nosqlInjection', '11 nosqlInjection']);
  });

  it('stays silent: a coerced value, a helper returning a list, a helper with two different returns', async () => {
    expect(await lint(`const QUEUES = [{ name: 'billing' }];
export default async function tickets(fastify) {
  const tickets = () => fastify.mongo.db.collection('tickets');
  const queues = () => QUEUES;
  function pick(kind) {
    if (kind === 'a') return fastify.mongo.db.collection('a');
    return QUEUES;
  }
  fastify.post('/tickets/lookup', async (request) => tickets().findOne({ reporter: String(request.body.reporter) }));
  fastify.post('/queues', async (request) => queues().find((queue) => queue.name === request.body.name));
  fastify.post('/pick', async (request) => pick('b').find({ name: request.body.name }));
}
`)).toEqual([]);
  });
});
