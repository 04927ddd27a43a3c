import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A GraphQL query reads, and a schema is commonly open for reads, so in `recommended` a query
 * without authentication is reported only when its name is privileged or it writes. Its resolver
 * map can say otherwise: when at least two other resolvers of the same map (or class) check the
 * caller themselves (in their body, through a helper, or a wrapper around each), the map's author
 * does not leave its reads open, and a query there that answers stored data without the check is
 * reported, here with the map in its own file, spread into the root `Query` type by another file
 * and served by a third, the store read two files away. A read that answers only listed columns
 * none of which is personal or sensitive (a list of events' titles and venues) stays open all the
 * same; so do the reads of a map with no more than one checked resolver, and a resolver wrapped
 * by the same checking wrapper as its siblings.
 */

const STORE = `import knex from 'knex';
export const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });
`;

const ROSTER_STORE = `import { db } from './db.js';

export function shiftById(id) {
  return db('shifts').where({ id }).first();
}

export function shiftsOf(volunteerId) {
  return db('shifts').where({ volunteer_id: volunteerId }).orderBy('starts_at');
}

export function missedShifts() {
  return db('shifts as s')
    .join('volunteers as v', 'v.id', 's.volunteer_id')
    .select('s.id', 's.starts_at', 'v.full_name', 'v.email', 'v.mobile')
    .where('s.starts_at', '<', db.fn.now());
}

export function upcomingEvents() {
  return db('events').select('id', 'title', 'venue').where('starts_at', '>', db.fn.now());
}

export function allEvents() {
  return db('events');
}
`;

const SESSION = `export function whoAsks(ctx) {
  if (!ctx.user) throw new Error('sign in first');
  return ctx.user;
}

export const signedIn = (resolve) => (parent, args, ctx, info) => {
  whoAsks(ctx);
  return resolve(parent, args, ctx, info);
};
`;

const ROSTER = `import * as roster from '../store/roster.js';
import { whoAsks } from '../session.js';

export const rosterQueries = {
  shift: (_, { id }, ctx) => {
    whoAsks(ctx);
    return roster.shiftById(id);
  },
  myShifts: (_, __, ctx) => roster.shiftsOf(whoAsks(ctx).id),
  missedShifts: () => roster.missedShifts(),
};
`;

const EVENTS = `import * as roster from '../store/roster.js';

export const eventQueries = {
  events: () => roster.allEvents(),
};
`;

const project = (roster: string): Record<string, string> => ({
  'src/store/db.js': STORE,
  'src/store/roster.js': ROSTER_STORE,
  'src/session.js': SESSION,
  'src/graph/roster.js': roster,
  'src/graph/events.js': EVENTS,
  'src/graph/index.js': `import { rosterQueries } from './roster.js';
import { eventQueries } from './events.js';

export const resolvers = { Query: { ...eventQueries, ...rosterQueries } };
`,
  'src/schema.js': `export const typeDefs = \`#graphql
  type Shift { id: ID! }
  type Event { id: ID! title: String }
  type Query { shift(id: ID!): Shift, myShifts: [Shift], missedShifts: [Shift], shiftsOf(volunteerId: ID!): [Shift], events: [Event], upcoming: [Event] }
\`;
`,
  'src/server.js': `import { ApolloServer } from '@apollo/server';
import { typeDefs } from './schema.js';
import { resolvers } from './graph/index.js';

export const server = new ApolloServer({ typeDefs, resolvers });
`,
});

const lint = async (roster: string, file = 'src/graph/roster.js', mode: 'sensitive' | 'all' = 'sensitive'): Promise<string[]> =>
  (await lintProjectFile(writeProject(project(roster)), file, { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: mode }] } satisfies Linter.RulesRecord)).map(
    (message) => `${String(message.line)}:${String(message.column)} ${message.message}`,
  );

const finding = (line: number, field: string, path: string): string =>
  `${String(line)}:3 Any client can call the GraphQL field \`Query.${field}\` (src/graph/roster.js:${String(line)}) without authentication: its resolver does not reject a context without a user (itself or through a helper it calls), and no auth wrapper, guard, \`@Authorized()\`, shield rule or rejecting context function runs before it. Reject anonymous callers (\`if (!context.user) throw new GraphQLError(…, { extensions: { code: 'UNAUTHENTICATED' } })\`) or add a guard, or list \`${path}\` in \`publicRoutes\` if it is public by design.`;

describe('a query without the check its map\'s other resolvers make', () => {
  it('answers people\'s e-mail addresses and phones, read two files away: reported', async () => {
    expect(await lint(ROSTER)).toEqual([finding(10, 'missedShifts', '/missed-shifts')]);
  });

  it('reads whole records by a key from the request: reported', async () => {
    expect(await lint(ROSTER.replace('missedShifts: () => roster.missedShifts(),', 'shiftsOf: (_, { volunteerId }) => roster.shiftsOf(volunteerId),'))).toEqual([finding(10, 'shiftsOf', '/shifts-of')]);
  });

  it('the other resolvers are checked by a wrapper around each: reported', async () => {
    const wrapped = `import * as roster from '../store/roster.js';
import { signedIn } from '../session.js';

export const rosterQueries = {
  shift: signedIn((_, { id }) => roster.shiftById(id)),
  myShifts: signedIn((_, __, ctx) => roster.shiftsOf(ctx.user.id)),
  missedShifts: () => roster.missedShifts(),
};
`;
    expect(await lint(wrapped)).toEqual([finding(7, 'missedShifts', '/missed-shifts')]);
  });
});

describe('stays quiet in recommended', () => {
  it('a read answering only listed columns that are not personal (titles and venues), beside checked resolvers', async () => {
    expect(await lint(ROSTER.replace('missedShifts: () => roster.missedShifts(),', 'upcoming: () => roster.upcomingEvents(),'))).toEqual([]);
  });

  it('a read of whole records in a map none of whose resolvers checks the caller (every mode reports it)', async () => {
    expect(await lint(ROSTER, 'src/graph/events.js')).toEqual([]);
    expect(await lint(ROSTER, 'src/graph/events.js', 'all')).toHaveLength(1);
  });

  it('only one other resolver of the map checks the caller', async () => {
    expect(await lint(ROSTER.replace('myShifts: (_, __, ctx) => roster.shiftsOf(whoAsks(ctx).id),', 'myShifts: (_, __) => roster.shiftsOf(1),'))).toEqual([]);
  });

  it('the read is wrapped by the same checking wrapper as its siblings', async () => {
    const wrapped = `import * as roster from '../store/roster.js';
import { signedIn } from '../session.js';

export const rosterQueries = {
  shift: signedIn((_, { id }) => roster.shiftById(id)),
  myShifts: signedIn((_, __, ctx) => roster.shiftsOf(ctx.user.id)),
  missedShifts: signedIn(() => roster.missedShifts()),
};
`;
    expect(await lint(wrapped)).toEqual([]);
  });
});

describe('Mongoose projections, one file', () => {
  const app = (projection: string): Record<string, string> => ({
    'src/server.js': `import { ApolloServer } from '@apollo/server';
import mongoose from 'mongoose';

const Volunteer = mongoose.model('Volunteer', new mongoose.Schema({ fullName: String, email: String, team: String }));
const typeDefs = 'type Query { me: ID, myTeam: [ID], roster: [ID] }';
function whoAsks(ctx) {
  if (!ctx.user) throw new Error('sign in first');
  return ctx.user;
}
const resolvers = {
  Query: {
    me: (_, __, ctx) => whoAsks(ctx).id,
    myTeam: (_, __, ctx) => Volunteer.find({ team: whoAsks(ctx).team }),
    roster: () => Volunteer.find().select('${projection}'),
  },
};
export const server = new ApolloServer({ typeDefs, resolvers });
`,
  });
  const lintApp = async (projection: string): Promise<number[]> =>
    (await lintProjectFile(writeProject(app(projection)), 'src/server.js', { 'api-security/no-unauthenticated-route': 'error' })).map((message) => message.line);

  it('a projection with an e-mail address: reported', async () => {
    expect(await lintApp('fullName email')).toEqual([14]);
  });
  it('a projection that removes one field answers the others: reported', async () => {
    expect(await lintApp('-email')).toEqual([14]);
  });
  it('safe: a projection of names and teams only', async () => {
    expect(await lintApp('fullName team')).toEqual([]);
  });
});
