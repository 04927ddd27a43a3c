import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * Resolver maps assembled from objects of fields that other files export: `Query: { ...noteQueries }`
 * in a barrel whose map a server installs (`new ApolloServer({ typeDefs, resolvers })`). The
 * functions of those objects are resolvers: their second parameter is the client's arguments, and
 * each root field is an entry point judged for authentication. An object of functions that no
 * resolver map puts under a root type is not one.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-sql-injection': 'error',
  'api-security/no-ssrf': 'error',
  'api-security/no-unauthenticated-route': 'error',
};

const shelf = `import knex from 'knex';
export const db = knex({ client: 'pg' });

export function findNotes(term) {
  return db('notes').whereRaw(\`title ILIKE '%\${term}%'\`);
}

export function findNotesBound(term) {
  return db('notes').whereRaw('title ILIKE ?', [\`%\${term}%\`]);
}
`;

const session = `import { GraphQLError } from 'graphql';
export function signedIn(ctx) {
  if (!ctx.user) throw new GraphQLError('Sign in first', { extensions: { code: 'UNAUTHENTICATED' } });
  return ctx.user;
}
`;

const fieldsFile = `import * as shelf from '../data/shelf.js';
import { signedIn } from '../session.js';

export const noteQueries = {
  notes: (_, { term }) => shelf.findNotes(term),
  notesBound: (_, { term }) => shelf.findNotesBound(term),
};

export const noteMutations = {
  attachImage: async (_, { link }, ctx) => {
    signedIn(ctx);
    const res = await fetch(link);
    return res.ok;
  },
  pinNote: async (_, { id }) => shelf.db('notes').where({ id }).update({ pinned: true }),
  unpinNote: async (_, { id }, ctx) => shelf.db('notes').where({ id, owner: signedIn(ctx).id }).update({ pinned: false }),
};
`;

const server = `import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { typeDefs } from './schema.js';
import { resolvers } from './resolvers/index.js';

const server = new ApolloServer({ typeDefs, resolvers });
await startStandaloneServer(server, { listen: { port: 4000 } });
`;

const schema = `export const typeDefs = \`#graphql
  type Query { notes(term: String!): [String!]! notesBound(term: String!): [String!]! }
  type Mutation { attachImage(link: String!): Boolean pinNote(id: ID!): Boolean unpinNote(id: ID!): Boolean }
\`;
`;

function project(barrel: string): string {
  return writeProject({
    'src/data/shelf.js': shelf,
    'src/session.js': session,
    'src/resolvers/notes.js': fieldsFile,
    'src/resolvers/index.js': barrel,
    'src/schema.js': schema,
    'src/index.js': server,
  });
}

describe('objects of fields spread into the root types of an installed resolver map', () => {
  it('reads their arguments as input and judges each field as an entry point', async () => {
    const dir = project(`import { noteQueries, noteMutations } from './notes.js';
export const resolvers = {
  Query: { ...noteQueries },
  Mutation: { ...noteMutations },
};
`);
    // The term reaches the raw SQL of the data module; the bound one does not.
    expect(summary(await lintProjectFile(dir, 'src/data/shelf.js', rules))).toEqual(['5 api-security/no-sql-injection']);
    // The link is fetched; `pinNote` writes without a check; `unpinNote` checks inside its query.
    expect(summary(await lintProjectFile(dir, 'src/resolvers/notes.js', rules))).toEqual(['12 api-security/no-ssrf', '15 api-security/no-unauthenticated-route']);
  });

  it('does the same for an object given whole to a root type, or read from a namespace import', async () => {
    const whole = project(`import { noteQueries, noteMutations } from './notes.js';
export const resolvers = { Query: noteQueries, Mutation: noteMutations };
`);
    expect(summary(await lintProjectFile(whole, 'src/resolvers/notes.js', rules))).toEqual(['12 api-security/no-ssrf', '15 api-security/no-unauthenticated-route']);
    const namespace = project(`import * as notes from './notes.js';
export const resolvers = { Query: { ...notes.noteQueries }, Mutation: notes.noteMutations };
`);
    expect(summary(await lintProjectFile(namespace, 'src/data/shelf.js', rules))).toEqual(['5 api-security/no-sql-injection']);
  });

  it('leaves an object of functions alone when no installed resolver map holds it', async () => {
    // A map no server installs, in a file that imports no GraphQL package.
    const uninstalled = writeProject({
      'src/data/shelf.js': shelf,
      'src/session.js': session,
      'src/resolvers/notes.js': fieldsFile,
      'src/resolvers/index.js': `import { noteQueries, noteMutations } from './notes.js';
export const resolvers = { Query: { ...noteQueries }, Mutation: { ...noteMutations } };
`,
    });
    expect(summary(await lintProjectFile(uninstalled, 'src/resolvers/notes.js', rules))).toEqual([]);
    expect(summary(await lintProjectFile(uninstalled, 'src/data/shelf.js', rules))).toEqual([]);
    // Installed, but the objects sit under a key that is no root type.
    const elsewhere = project(`import { noteQueries, noteMutations } from './notes.js';
export const resolvers = { Query: { version: () => '1' } };
export const handlers = { Commands: { ...noteQueries, ...noteMutations } };
`);
    expect(summary(await lintProjectFile(elsewhere, 'src/resolvers/notes.js', rules))).toEqual([]);
  });
});
