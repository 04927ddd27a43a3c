import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A GraphQL server's context function runs before every resolver, and the operation goes on with
 * whatever it returns: it authenticates only when it throws without a valid caller. When it reads
 * the user through a helper of the project (`{ user: readCaller(req.headers.authorization) }`),
 * the helper is judged the same way: one whose `catch` returns (`try { return jwt.verify(…) }
 * catch { return null; }`) hands its caller a context without a user, which goes on; one that lets
 * the verification throw rejects. Here with the helper in the file of the server, or in another
 * file, and the resolvers in a third.
 */

const rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };

const STORE = `export const db = {
  badge: { deleteMany: async (q: unknown) => q, findMany: async (q: unknown) => [q] },
};
`;

const RESOLVERS = `import { db } from '../db';

export const badgeResolvers = {
  Mutation: {
    revokeBadges: (_p: unknown, { holder }: { holder: string }) => db.badge.deleteMany({ where: { holder } }),
  },
};
`;

const CALLER = (body: string): string => `import jwt from 'jsonwebtoken';

export function readCaller(header: string | undefined) {
${body}
}
`;

const SWALLOWS = `  if (!header?.startsWith('Bearer ')) return null;
  try {
    return jwt.verify(header.slice(7), process.env.TOKEN_KEY ?? '');
  } catch {
    return null;
  }`;

const THROWS = `  if (!header?.startsWith('Bearer ')) throw new Error('no token');
  return jwt.verify(header.slice(7), process.env.TOKEN_KEY ?? '');`;

const SERVER = `import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { badgeResolvers } from './graph/badges';
import { readCaller } from './caller';

const server = new ApolloServer({ typeDefs: 'type Mutation { revokeBadges(holder: ID!): Int }', resolvers: [badgeResolvers] });
await startStandaloneServer(server, {
  context: async ({ req }) => ({ user: readCaller(req.headers.authorization) }),
});
`;

const lint = async (caller: string, server = SERVER): Promise<string[]> => {
  const dir = writeProject({ 'src/db.ts': STORE, 'src/graph/badges.ts': RESOLVERS, 'src/caller.ts': caller, 'src/server.ts': server });
  return (await lintProjectFile(dir, 'src/graph/badges.ts', rules)).map((message) => `${String(message.line)} ${/GraphQL field `([^`]+)`/u.exec(message.message)?.[1] ?? message.message}`);
};

describe('a context function that reads the caller through a helper', () => {
  it('the helper swallows a failed verification and answers null: nobody is authenticated', async () => {
    expect(await lint(CALLER(SWALLOWS))).toEqual(['5 Mutation.revokeBadges']);
  });

  it('the same helper written in the server file', async () => {
    const server = SERVER.replace("import { readCaller } from './caller';", CALLER(SWALLOWS).replace('export function', 'function'));
    expect(await lint(CALLER(SWALLOWS), server)).toEqual(['5 Mutation.revokeBadges']);
  });

  it('safe: the helper lets the verification throw', async () => {
    expect(await lint(CALLER(THROWS))).toEqual([]);
  });

  it('safe: the context function throws when the helper answers no user', async () => {
    const server = SERVER.replace(
      'context: async ({ req }) => ({ user: readCaller(req.headers.authorization) }),',
      "context: async ({ req }) => {\n    const user = readCaller(req.headers.authorization);\n    if (!user) throw new Error('sign in first');\n    return { user };\n  },",
    );
    expect(await lint(CALLER(SWALLOWS), server)).toEqual([]);
  });
});
