import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * A helper that throws without a signed-in caller authenticates wherever its call runs on every
 * path before the work: as a statement, and also as a value read or handed on
 * (`saveDraft(signedIn(ctx).id, text)`, `where({ owner: signedIn(ctx).id }).update(…)`), which
 * runs before the call it feeds. A call under a condition (`?:`, `&&`, `?.`) may be skipped.
 */

const rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };

const server = (mutations: string): string => `import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { drafts } from './drafts.js';

function signedIn(ctx) {
  if (!ctx.user) throw new GraphQLError('Sign in first', { extensions: { code: 'UNAUTHENTICATED' } });
  return ctx.user;
}

const resolvers = {
  Query: { ping: () => 'pong' },
  Mutation: {
${mutations}
  },
};

export const server = new ApolloServer({ typeDefs: 'type Query { ping: String }', resolvers });
`;

const drafts = `export const drafts = {
  save: async (owner, text) => ({ owner, text }),
  remove: async (query) => query,
};
`;

const lint = async (mutations: string): Promise<string[]> => summary(await lintProjectFile(writeProject({ 'server.js': server(mutations), 'drafts.js': drafts }), 'server.js', rules));

describe('a throwing guard whose value feeds the work', () => {
  it('authenticates as an argument, a member read, and a value of an object or array literal', async () => {
    expect(await lint(`    saveDraft: (_, { text }, ctx) => drafts.save(signedIn(ctx).id, text),
    removeDraft: async (_, { id }, ctx) => drafts.remove({ id, owner: signedIn(ctx).id }),
    removeDrafts: async (_, { ids }, ctx) => drafts.remove([signedIn(ctx).id, ...ids]),`)).toEqual([]);
  });

  it('does not authenticate under a condition or an optional call', async () => {
    expect(await lint(`    saveDraft: (_, { text, owner }, ctx) => drafts.save(ctx.preview ? owner : signedIn(ctx).id, text),
    removeDraft: async (_, { id }, ctx) => drafts.remove({ id, owner: ctx.user && signedIn(ctx).id }),
    removeDrafts: async (_, { ids }, ctx) => drafts.cleanup?.(signedIn(ctx).id, ids),`)).toEqual([
      '13 api-security/no-unauthenticated-route',
      '14 api-security/no-unauthenticated-route',
      '15 api-security/no-unauthenticated-route',
    ]);
  });
});
