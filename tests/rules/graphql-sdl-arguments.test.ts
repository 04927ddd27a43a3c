import { RuleTester } from '@typescript-eslint/rule-tester';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import massAssignment from '../../src/rules/no-mass-assignment.js';
import nosql from '../../src/rules/no-nosql-injection.js';
import { argumentShape, parseSdl } from '../../src/analysis/routes/frameworks/graphql-sdl.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * What the schema in view declares a resolver-map argument to be. GraphQL coerces an `ID`,
 * `String`, `Int`, `Float`, `Boolean` or enum argument (and lists of them) before the resolver
 * runs, so no MongoDB operator object can arrive there; an input type of such fields is an object
 * whose keys are its field names. A `JSON` (or other custom) scalar takes any value the client
 * sends: it stays a possible operator object, and a whole payload for mass assignment.
 */

const ruleTester = new RuleTester();

const LIBRARY = `import { ApolloServer } from '@apollo/server';
import gql from 'graphql-tag';
import { Book, Loan } from './models';
const typeDefs = gql\`
  "A book on the shelf"
  type Book { id: ID! title: String }
  enum Shelf { FICTION HISTORY }
  scalar JSON
  input BookFilter { title: String, shelf: Shelf, year: Int }
  input LoanQuery { reader: ID!, extra: JSON }
  type Query {
    book(isbn: ID!): Book
    booksOnShelf(shelf: Shelf!, tags: [String!]): [Book]
    booksMatching(filter: BookFilter): [Book]
    loans(query: LoanQuery): [Book]
    rawSearch(where: JSON): [Book]
    byAuthor(author: AuthorRef): [Book]
  }
  extend type Query { byYear(year: Int = 2000 @deprecated(reason: "x")): [Book] }
\`;`;

ruleTester.run('no-nosql-injection (GraphQL SDL in the same file)', nosql, {
  valid: [
    { name: 'ID, enum and list-of-String arguments are scalars', code: `${LIBRARY}
const resolvers = { Query: {
  book: (_p, { isbn }) => Book.findOne({ isbn }),
  booksOnShelf: (_p, args) => Book.find({ shelf: args.shelf, tags: args.tags }),
  byYear: async (_p, { year }) => Book.find({ year }),
} };
new ApolloServer({ typeDefs, resolvers });` },
    { name: 'an input of scalar fields, read per field or whole', code: `${LIBRARY}
const resolvers = { Query: {
  booksMatching: (_p, { filter }) => Book.find({ title: filter.title, shelf: filter.shelf }),
  loans: (_p, { query }) => Loan.find({ reader: query.reader }),
} };
new ApolloServer({ typeDefs, resolvers });` },
    { name: 'a field config resolve and a map bound to a constant named by its root type', code: `${LIBRARY}
const Query = { book: { resolve: (_p, args) => Book.findOne({ isbn: args.isbn }) } };
new ApolloServer({ typeDefs, resolvers: { Query } });` },
    { name: 'an input of scalar fields spread whole', code: `${LIBRARY}
const resolvers = { Query: { booksMatching: (_p, { filter }) => Book.find({ ...filter }) } };
new ApolloServer({ typeDefs, resolvers });` },
  ],
  invalid: [],
});

ruleTester.run('no-mass-assignment (GraphQL SDL in the same file)', massAssignment, {
  valid: [
    { name: 'a String argument is no payload', code: `${LIBRARY}
const resolvers = { Mutation: { retitle: (_p, { title }, ctx) => Book.findByIdAndUpdate(ctx.bookId, title) } };
const more = gql\`type Mutation { retitle(title: String!): Book }\`;
new ApolloServer({ typeDefs: [typeDefs, more], resolvers });` },
  ],
  invalid: [
    { name: 'a JSON scalar argument written whole', code: `${LIBRARY}
const more = gql\`type Mutation { patchBook(id: ID!, changes: JSON!): Book }\`;
const resolvers = { Mutation: {
  patchBook: (_p, { id, changes }) => Book.findByIdAndUpdate(id, changes),
} };
new ApolloServer({ typeDefs: [typeDefs, more], resolvers });`, errors: [{ messageId: 'massAssignment' }] },
    { name: 'read as args.changes', code: `${LIBRARY}
const more = gql\`type Mutation { patchBook(id: ID!, changes: JSON!): Book }\`;
const resolvers = { Mutation: { patchBook: (_p, args) => Book.updateOne({ _id: args.id }, args.changes) } };
new ApolloServer({ typeDefs: [typeDefs, more], resolvers });`, errors: [{ messageId: 'massAssignment' }] },
  ],
});

const MODELS = `import mongoose from 'mongoose';
export const Book = mongoose.model('Book', new mongoose.Schema({ title: String }));
export const Loan = mongoose.model('Loan', new mongoose.Schema({ reader: String }));
export const Member = mongoose.model('Member', new mongoose.Schema({ handle: String, role: String }));
`;
const rules: Linter.RulesRecord = { 'api-security/no-nosql-injection': 'error', 'api-security/no-mass-assignment': 'error' };
const lines = (messages: Linter.LintMessage[]): string[] => messages.map((message) => `${String(message.line)} ${message.ruleId ?? ''}`);

describe('no-nosql-injection: arguments the SDL does not make scalars stay reported', () => {
  const cases: [string, string, number][] = [
    ['a JSON scalar argument stays a possible operator object', `const resolvers = { Query: { rawSearch: (_p, { where }) => Book.find({ title: where }) } };
new ApolloServer({ typeDefs, resolvers });`, 1],
    ['a JSON field of an input stays one; so does the whole input holding it', `const resolvers = { Query: { loans: (_p, { query }) => Promise.all([Loan.find({ note: query.extra }), Loan.find(query)]) } };
new ApolloServer({ typeDefs, resolvers });`, 2],
    ['a type the schema does not define (AuthorRef) is not a scalar', `const resolvers = { Query: { byAuthor: (_p, args) => Book.find({ author: args.author }) } };
new ApolloServer({ typeDefs, resolvers });`, 1],
    ['a field the schema does not declare keeps the default reading', `const resolvers = { Query: { bookByCode: (_p, { code }) => Book.findOne({ code }) } };
new ApolloServer({ typeDefs, resolvers });`, 1],
    ['a scalar under Query does not clear a Mutation field of the same name taking JSON', `const more = gql\`type Mutation { book(isbn: JSON): Book }\`;
const resolvers = { Mutation: { book: (_p, { isbn }) => Book.findOne({ isbn }) } };
new ApolloServer({ typeDefs: [typeDefs, more], resolvers });`, 1],
  ];
  for (const [name, code, count] of cases) {
    it(name, async () => {
      const dir = writeProject({ 'src/models.js': MODELS, 'src/app.js': `${LIBRARY}\n${code}` });
      const found = lines(await lintProjectFile(dir, 'src/app.js', { 'api-security/no-nosql-injection': 'error' }));
      expect(found).toHaveLength(count);
      expect(found.every((line) => line.endsWith('no-nosql-injection'))).toBe(true);
    });
  }
});

describe('SDL of the server that installs a resolver file', () => {
  const resolvers = `import { Member } from './models';
export const memberResolvers = {
  Query: {
    member: (_p, { handle }) => Member.findOne({ handle }),
    members: (_p, { where }) => Member.find(where),
  },
  Mutation: {
    editMember: (_p, { handle, fields }) => Member.findOneAndUpdate({ handle: String(handle) }, fields),
  },
};
`;
  const schema = `scalar JSONObject
type Member { handle: String }
type Query { member(handle: String!): Member  members(where: JSONObject): [Member] }
type Mutation { editMember(handle: String!, fields: JSONObject!): Member }
`;
  it('a .graphql file read with readFileSync(new URL(..., import.meta.url))', async () => {
    const dir = writeProject({
      'src/schema.graphql': schema,
      'src/models.js': MODELS,
      'src/resolvers/members.js': resolvers.replace("'./models'", "'../models'"),
      'src/server.js': `import { ApolloServer } from '@apollo/server';
import { readFileSync } from 'node:fs';
import { memberResolvers } from './resolvers/members.js';
const typeDefs = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');
export const server = new ApolloServer({ typeDefs, resolvers: [memberResolvers] });
`,
    });
    expect(lines(await lintProjectFile(dir, 'src/resolvers/members.js', rules))).toEqual(['5 api-security/no-nosql-injection', '8 api-security/no-mass-assignment']);
  });

  it('typeDefs imported from a schema module, path.join(__dirname) form, and no schema in view', async () => {
    const dir = writeProject({
      'src/models.js': MODELS,
      'src/members.js': resolvers,
      'src/typedefs.js': `const { gql } = require('graphql-tag');\nmodule.exports.typeDefs = gql\`${schema}\`;\n`,
      'src/server.js': `const { ApolloServer } = require('@apollo/server');
const { typeDefs } = require('./typedefs');
const { memberResolvers } = require('./members');
module.exports = new ApolloServer({ typeDefs, resolvers: memberResolvers });
`,
    });
    expect(lines(await lintProjectFile(dir, 'src/members.js', rules))).toEqual(['5 api-security/no-nosql-injection', '8 api-security/no-mass-assignment']);
    const unseen = writeProject({
      'src/models.js': MODELS,
      'src/members.js': resolvers,
      'src/server.js': `const { ApolloServer } = require('@apollo/server');
const path = require('node:path');
const fs = require('node:fs');
const { memberResolvers } = require('./members');
module.exports = new ApolloServer({ typeDefs: fs.readFileSync(path.join(__dirname, 'missing.graphql'), 'utf8'), resolvers: memberResolvers });
`,
    });
    // No schema in view: every argument may be an object, as before, and only `args.input` / `args.data` count as a payload.
    expect(lines(await lintProjectFile(unseen, 'src/members.js', rules))).toEqual(['4 api-security/no-nosql-injection', '5 api-security/no-nosql-injection']);
  });
});

describe('the SDL reader', () => {
  it('reads arguments, inputs and enums, skipping what it does not understand', () => {
    const schema = parseSdl(`
      # comment with type Fake { x(a: JSON): Int }
      directive @auth(requires: Role = ADMIN) on OBJECT | FIELD_DEFINITION
      schema { query: Query }
      """
      Block description with type Query { nope(z: JSON): Int }
      """
      type Query implements Node & Entity @auth(requires: USER) {
        "field doc" item(id: ID!, "arg doc" opts: [Opt!]! = [{ a: 1 }], raw: JSON): Item
        broken(: Int
      }
      input Opt { label: String, nested: Inner }
      input Inner { flag: Boolean }
      union Result = A | B
      enum Role { ADMIN USER }
      query ClientQuery($id: ID!) { item(id: $id) { id } }
    `);
    expect(argumentShape(schema, ['Query'], 'item', ['id'])).toBe('scalar');
    expect(argumentShape(schema, ['Query'], 'item', ['opts'])).toBe('scalar');
    expect(argumentShape(schema, ['Query'], 'item', ['raw'])).toBe('payload');
    expect(argumentShape(schema, ['Query'], 'nope', ['z'])).toBeNull();
    expect(argumentShape(schema, ['Query'], 'item', ['*'])).toBeNull();
    expect(argumentShape(schema, ['Fake'], 'x', ['a'])).toBeNull();
  });
});
