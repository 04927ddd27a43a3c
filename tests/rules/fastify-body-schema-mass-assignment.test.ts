import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-mass-assignment.js';

/*
 * Fastify validates `schema.body` with Ajv before the handler runs, and its default Ajv options
 * include `removeAdditional: true`: where the schema says `additionalProperties: false`, other
 * properties are dropped (or, with that option off, the request is rejected). The body then holds
 * only the listed properties, and writing it whole sets no field the schema does not list.
 */
const ruleTester = new RuleTester();

const head = `import Fastify from 'fastify';
import { Type } from '@sinclair/typebox';
import { prisma } from './db';
const app = Fastify();
`;

ruleTester.run('no-mass-assignment: Fastify body schemas', rule, {
  valid: [
    {
      name: 'TypeBox object closed with additionalProperties: false',
      code: `${head}const ProfileBody = Type.Object({ nickname: Type.String(), bio: Type.Optional(Type.String()) }, { additionalProperties: false });
app.put('/me', { schema: { body: ProfileBody } }, async (request) => {
  return prisma.user.update({ where: { id: request.user.id }, data: request.body });
});`,
    },
    {
      name: 'a TypeBox schema that shares its name with its static type, in a plugin (TypeScript)',
      code: `import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { accounts } from './accounts';
const Profile = Type.Object({ nickname: Type.String() }, { additionalProperties: false });
type Profile = Static<typeof Profile>;
const routes: FastifyPluginAsync = async (fastify) => {
  fastify.put<{ Body: Profile }>('/me', { schema: { body: Profile } }, async (request) => {
    return accounts.user.update({ where: { id: 1 }, data: request.body });
  });
};
export default routes;`,
    },
    {
      name: 'a JSON Schema literal closed, in a route object',
      code: `${head}app.route({
  method: 'PATCH',
  url: '/me',
  schema: { body: { type: 'object', properties: { nickname: { type: 'string' } }, additionalProperties: false } },
  handler: async (request) => prisma.user.update({ where: { id: request.user.id }, data: { ...request.body } }),
});`,
    },
  ],
  invalid: [
    {
      name: 'a schema open to other properties',
      code: `${head}app.put('/me', { schema: { body: Type.Object({ nickname: Type.String() }) } }, async (request) => {
  return prisma.user.update({ where: { id: request.user.id }, data: request.body });
});`,
      errors: [{ messageId: 'massAssignment', line: 6 }],
    },
    {
      name: 'a closed schema that lists a protected field',
      code: `${head}app.put('/me', { schema: { body: Type.Object({ nickname: Type.String(), role: Type.String() }, { additionalProperties: false }) } }, async (request) => {
  return prisma.user.update({ where: { id: request.user.id }, data: request.body });
});`,
      errors: [{ messageId: 'massAssignment', line: 6 }],
    },
    {
      name: 'the closed schema is on another route',
      code: `${head}const Closed = { type: 'object', properties: { nickname: { type: 'string' } }, additionalProperties: false };
app.post('/nick', { schema: { body: Closed } }, async () => ({ ok: true }));
app.put('/me', async (request) => {
  return prisma.user.update({ where: { id: request.user.id }, data: request.body });
});`,
      errors: [{ messageId: 'massAssignment', line: 8 }],
    },
  ],
});
