import { RuleTester } from '@typescript-eslint/rule-tester';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import massAssignment from '../../src/rules/no-mass-assignment.js';
import { argumentInput, parseSdl } from '../../src/analysis/routes/frameworks/graphql-sdl.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A resolver-map argument the schema in view declares with an input object type
 * (`renameCrew(patch: CrewPatch!)`): GraphQL refuses every field the type does not list before the
 * resolver runs, so the type is the list of fields the client may send, as a DTO class is. Written
 * whole, it is a mass assignment only when the type lists a field the client must not set
 * (`role`, `isAdmin`), whatever the argument is called; an `input` or `data` argument of a type that
 * lists none is not one. A JSON scalar, or a type the schema in view does not define, carries any
 * object and stays reported.
 */

const ruleTester = new RuleTester();

const SERVER = (inputs: string, argument: string): string => `import { ApolloServer } from '@apollo/server';
import gql from 'graphql-tag';
import { Crew } from './models';
const typeDefs = gql\`
  scalar JSON
  type Crew { id: ID! callsign: String }
  ${inputs}
  type Query { crew(id: ID!): Crew }
  type Mutation { renameCrew(id: ID!, ${argument}): Crew }
\`;`;

ruleTester.run('no-mass-assignment (GraphQL input types in the same file)', massAssignment, {
  valid: [
    {
      name: 'an `input` argument of a type listing only fields the client may set, destructured',
      code: `${SERVER('input CrewPatch { callsign: String, motto: String }', 'input: CrewPatch!')}
const resolvers = { Mutation: { renameCrew: (_p, { id, input }) => Crew.findByIdAndUpdate(id, input) } };
new ApolloServer({ typeDefs, resolvers });`,
    },
    {
      name: 'the same read as `args.data`',
      code: `${SERVER('input CrewPatch { callsign: String, motto: String }', 'data: CrewPatch!')}
const resolvers = { Mutation: { renameCrew: (_p, args) => Crew.updateOne({ _id: args.id }, args.data) } };
new ApolloServer({ typeDefs, resolvers });`,
    },
    {
      name: 'a type listing a state the client may well send (`status`) is a declared pick',
      code: `${SERVER('input CrewPatch { callsign: String, status: String }', 'input: CrewPatch!')}
const resolvers = { Mutation: { renameCrew: (_p, { id, input }) => Crew.findByIdAndUpdate(id, input) } };
new ApolloServer({ typeDefs, resolvers });`,
    },
  ],
  invalid: [
    {
      name: 'a type listing `role`, under a name that is not `input`',
      code: `${SERVER('input CrewPatch { callsign: String, role: String }', 'patch: CrewPatch!')}
const resolvers = { Mutation: { renameCrew: (_p, { id, patch }) => Crew.findByIdAndUpdate(id, patch) } };
new ApolloServer({ typeDefs, resolvers });`,
      errors: [{
        messageId: 'massAssignment', line: 11, column: 95, endColumn: 100,
        data: { input: '`patch` (its input type `CrewPatch` declares `role`)', sink: '`Crew.findByIdAndUpdate`', protected: '`role`' },
        // The pick keeps the fields the type lists that the client may set.
        suggestions: [{ messageId: 'pickFields', data: { fields: '`callsign`' }, output: `${SERVER('input CrewPatch { callsign: String, role: String }', 'patch: CrewPatch!')}
const resolvers = { Mutation: { renameCrew: (_p, { id, patch }) => Crew.findByIdAndUpdate(id, { callsign: patch.callsign }) } };
new ApolloServer({ typeDefs, resolvers });` }],
      }],
    },
    {
      name: 'a type listing `isAdmin`, read as `args.input`',
      code: `${SERVER('input CrewPatch { callsign: String, isAdmin: Boolean }', 'input: CrewPatch!')}
const resolvers = { Mutation: { renameCrew: (_p, args) => Crew.updateOne({ _id: args.id }, args.input) } };
new ApolloServer({ typeDefs, resolvers });`,
      errors: [{
        messageId: 'massAssignment', line: 11,
        data: { input: '`args.input` (its input type `CrewPatch` declares `isAdmin`)', sink: '`Crew.updateOne`', protected: '`isAdmin`' },
        suggestions: [{ messageId: 'pickFields', data: { fields: '`callsign`' }, output: `${SERVER('input CrewPatch { callsign: String, isAdmin: Boolean }', 'input: CrewPatch!')}
const resolvers = { Mutation: { renameCrew: (_p, args) => Crew.updateOne({ _id: args.id }, { callsign: args.input.callsign }) } };
new ApolloServer({ typeDefs, resolvers });` }],
      }],
    },
    {
      name: 'a JSON scalar argument named `input` stays reported',
      code: `${SERVER('input CrewPatch { callsign: String }', 'input: JSON!')}
const resolvers = { Mutation: { renameCrew: (_p, { id, input }) => Crew.findByIdAndUpdate(id, input) } };
new ApolloServer({ typeDefs, resolvers });`,
      errors: [{ messageId: 'massAssignment', line: 11, data: { input: '`input`', sink: '`Crew.findByIdAndUpdate`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] }],
    },
    {
      name: 'an input type the schema in view does not define stays reported',
      code: `${SERVER('', 'input: CrewPatch!')}
const resolvers = { Mutation: { renameCrew: (_p, { id, input }) => Crew.findByIdAndUpdate(id, input) } };
new ApolloServer({ typeDefs, resolvers });`,
      errors: [{ messageId: 'massAssignment', line: 11, data: { input: '`input`', sink: '`Crew.findByIdAndUpdate`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] }],
    },
  ],
});

// ------------------------------------------------------------------ across files, as the blind shape

const STORE = `import { sql } from './knex.js';

export function crewById(id) {
  return sql('crews').select('id', 'callsign', 'motto', 'role', 'status').where({ id }).first();
}

export async function reviseCrew(id, revision) {
  await sql('crews').where({ id }).update(revision);
  return crewById(id);
}
`;

const project = (argument: string, inputs: string): Record<string, string> => ({
  'src/store/knex.js': `import knex from 'knex';
export const sql = knex({ client: 'pg', connection: process.env.DATABASE_URL });
`,
  'src/store/crews.js': STORE,
  'src/schema.js': `export const typeDefs = \`#graphql
  scalar JSON
  type Crew { id: ID!, callsign: String! }
  ${inputs}
  type Query { crew(id: ID!): Crew }
  type Mutation { reviseCrew(id: ID!, ${argument}): Crew }
\`;
`,
  'src/graph/crews.js': `import * as crews from '../store/crews.js';
import { whoAsks } from '../session.js';

export const crewMutations = {
  reviseCrew: (_, { id, ${argument.split(':')[0] ?? ''} }, ctx) => {
    whoAsks(ctx);
    return crews.reviseCrew(id, ${argument.split(':')[0] ?? ''});
  },
};
`,
  'src/graph/index.js': `import { crewMutations } from './crews.js';
export const resolvers = { Mutation: { ...crewMutations } };
`,
  'src/session.js': `export function whoAsks(ctx) {
  if (!ctx.user) throw new Error('sign in first');
  return ctx.user;
}
`,
  'src/server.js': `import { ApolloServer } from '@apollo/server';
import { typeDefs } from './schema.js';
import { resolvers } from './graph/index.js';
export const server = new ApolloServer({ typeDefs, resolvers });
`,
});

const rules: Linter.RulesRecord = { 'api-security/no-mass-assignment': 'error' };
const messages = async (files: Record<string, string>): Promise<string[]> =>
  (await lintProjectFile(writeProject(files), 'src/graph/crews.js', rules)).map((message) => `${String(message.line)}:${String(message.column)} ${message.message}`);

describe('a resolver in its own file hands the argument to a Knex write of another file', () => {
  it('a JSON scalar argument is written whole', async () => {
    expect(await messages(project('changes: JSON!', ''))).toEqual([
      '7:33 `changes` is written whole by `sql.where.update` at src/store/crews.js:8, through `reviseCrew` (src/store/crews.js:7): the client can set any field, including fields such as `role` or `isAdmin`. Pick the fields the client may change, or validate with a schema that strips unknown keys.',
    ]);
  });

  it('an input type that lists `role` is written whole with it', async () => {
    expect(await messages(project('changes: CrewChanges!', 'input CrewChanges { callsign: String, role: String }'))).toEqual([
      '7:33 `changes` (its input type `CrewChanges` declares `role`) is written whole by `sql.where.update` at src/store/crews.js:8, through `reviseCrew` (src/store/crews.js:7): the client can set any field, including `role`. Pick the fields the client may change, or validate with a schema that strips unknown keys.',
    ]);
  });

  it('safe: an `input` argument of a type listing only what the client may set', async () => {
    expect(await messages(project('input: CrewChanges!', 'input CrewChanges { callsign: String, motto: String }'))).toEqual([]);
  });
});

describe('the SDL reader: input types of arguments', () => {
  const schema = parseSdl(`
    scalar JSON
    input Outer { label: String, inner: Inner, many: [Inner] }
    input Inner { flag: Boolean, role: String }
    extend input Inner { note: String }
    type Query { a(o: Outer, l: [Outer], j: JSON, s: String, u: Unknown): Int }
    type Mutation { a(o: Inner): Int }
  `);
  it('names the input type and its fields, following nested input types', () => {
    expect(argumentInput(schema, ['Query'], 'a', ['o'])).toEqual({ type: 'Outer', fields: ['label', 'inner', 'many'] });
    expect(argumentInput(schema, ['Query'], 'a', ['o', 'inner'])).toEqual({ type: 'Inner', fields: ['flag', 'role', 'note'] });
  });
  it('is null for lists, scalars, custom scalars, unknown types, unknown fields and disagreeing root types', () => {
    expect(argumentInput(schema, ['Query'], 'a', ['l'])).toBeNull();
    expect(argumentInput(schema, ['Query'], 'a', ['o', 'many'])).toBeNull();
    expect(argumentInput(schema, ['Query'], 'a', ['j'])).toBeNull();
    expect(argumentInput(schema, ['Query'], 'a', ['s'])).toBeNull();
    expect(argumentInput(schema, ['Query'], 'a', ['u'])).toBeNull();
    expect(argumentInput(schema, ['Query'], 'a', ['o', 'missing'])).toBeNull();
    expect(argumentInput(schema, ['Query'], 'a', [])).toBeNull();
    expect(argumentInput(schema, ['Query', 'Mutation'], 'a', ['o'])).toBeNull();
  });
});
