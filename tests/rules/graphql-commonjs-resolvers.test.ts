import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * Resolver maps written one module per domain in CommonJS (`module.exports = { Query: {…},
 * Mutation: {…} }`), spread into the root types of a barrel (`Query: { ...tickets.Query }` with
 * `const tickets = require('./tickets')`) whose map a server installs after requiring it
 * (`const resolvers = require('./resolvers')`; `new ApolloServer({ typeDefs, resolvers })`). The
 * resolvers call services the server's context function builds (`ctx.services.tickets.attach(url)`),
 * classes of another file. The same shapes written as ES modules are read alike.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-nosql-injection': 'error',
  'api-security/no-ssrf': 'error',
  'api-security/no-unauthenticated-route': 'error',
};

const guard = `const { GraphQLError } = require('graphql');
function signedIn(ctx) {
  if (!ctx.user) throw new GraphQLError('Sign in first', { extensions: { code: 'UNAUTHENTICATED' } });
  return ctx.user;
}
module.exports = { signedIn };
`;

const service = `const axios = require('axios');
const MIRRORS = ['https://mirror-a.example.org', 'https://mirror-b.example.org'];

class TicketDesk {
  constructor(store, user) {
    this.store = store;
    this.user = user;
  }

  async attach(link) {
    const { data } = await axios.get(link);
    return data.length;
  }

  async fromMirror(link) {
    const origin = new URL(link).origin;
    if (!MIRRORS.includes(origin)) throw new Error('unknown mirror');
    const { data } = await axios.get(link);
    return data.length;
  }
}

module.exports = TicketDesk;
`;

const tickets = `const { signedIn } = require('../session');

module.exports = {
  Query: {
    ticketCount: (_, __, ctx) => {
      signedIn(ctx);
      return 3;
    },
  },
  Mutation: {
    attachLink: (_, { link }, ctx) => {
      signedIn(ctx);
      return ctx.services.tickets.attach(link);
    },
    attachMirrored: (_, { link }, ctx) => {
      signedIn(ctx);
      return ctx.services.tickets.fromMirror(link);
    },
    closeTicket: (_, { id }, ctx) => ctx.services.tickets.attach(\`https://desk.example.org/close/\${id}\`),
  },
};
`;

const schema = `module.exports = \`#graphql
  type Query { ticketCount: Int }
  type Mutation { attachLink(link: String!): Int attachMirrored(link: String!): Int closeTicket(id: ID!): Int }
\`;
`;

const server = (resolvers: string): string => `const { ApolloServer } = require('@apollo/server');
const { startStandaloneServer } = require('@apollo/server/standalone');
const typeDefs = require('./schema');
const resolvers = require('${resolvers}');
const TicketDesk = require('./services/ticket-desk');

async function main() {
  const server = new ApolloServer({ typeDefs, resolvers });
  await startStandaloneServer(server, {
    context: async ({ req }) => {
      const user = req.headers.authorization ? { id: 'm1' } : null;
      return { user, services: { tickets: new TicketDesk(null, user) } };
    },
  });
}
main();
`;

function project(barrel: string, resolvers = './resolvers'): string {
  return writeProject(
    {
      'src/session.js': guard,
      'src/services/ticket-desk.js': service,
      'src/resolvers/tickets.js': tickets,
      'src/resolvers/index.js': barrel,
      'src/resolvers/other.js': `module.exports = { Query: { version: () => '1' } };\n`,
      'src/schema.js': schema,
      'src/index.js': server(resolvers),
    },
    { name: 'desk', type: 'commonjs' },
  );
}

const spreadBarrel = `const tickets = require('./tickets');
module.exports = {
  Query: { ...tickets.Query },
  Mutation: { ...tickets.Mutation },
};
`;

describe('CommonJS resolver modules spread into a barrel a required server installs', () => {
  it('reads their arguments as input through the services of the context and judges each root field', async () => {
    const dir = project(spreadBarrel);
    // The link reaches axios in the service; the mirrored one is checked against a fixed list first.
    expect(summary(await lintProjectFile(dir, 'src/services/ticket-desk.js', rules))).toEqual(['11 api-security/no-ssrf']);
    // `closeTicket` runs with no check of the caller; the others call `signedIn(ctx)` first.
    expect(summary(await lintProjectFile(dir, 'src/resolvers/tickets.js', rules))).toEqual(['19 api-security/no-unauthenticated-route']);
  });

  it('reads a barrel that puts the whole module objects under the root types', async () => {
    const dir = project(`const tickets = require('./tickets');
module.exports = { Query: tickets.Query, Mutation: tickets.Mutation };
`);
    expect(summary(await lintProjectFile(dir, 'src/services/ticket-desk.js', rules))).toEqual(['11 api-security/no-ssrf']);
    expect(summary(await lintProjectFile(dir, 'src/resolvers/tickets.js', rules))).toEqual(['19 api-security/no-unauthenticated-route']);
  });

  it('reads a map required where the server is given it', async () => {
    const dir = project(spreadBarrel);
    writeFileSync(path.join(dir, 'src/index.js'), server('./resolvers').replace("const resolvers = require('./resolvers');\n", '').replace('{ typeDefs, resolvers }', "{ typeDefs, resolvers: require('./resolvers') }"));
    expect(summary(await lintProjectFile(dir, 'src/services/ticket-desk.js', rules))).toEqual(['11 api-security/no-ssrf']);
    expect(summary(await lintProjectFile(dir, 'src/resolvers/tickets.js', rules))).toEqual(['19 api-security/no-unauthenticated-route']);
  });

  it('reads the same shapes written as ES modules', async () => {
    const dir = writeProject({
      'src/session.js': guard.replace("const { GraphQLError } = require('graphql');", "import { GraphQLError } from 'graphql';").replace('module.exports = { signedIn };', ''),
      'src/services/ticket-desk.js': service.replace("const axios = require('axios');", "import axios from 'axios';").replace('module.exports = TicketDesk;', 'export default TicketDesk;'),
      'src/resolvers/tickets.js': tickets.replace("const { signedIn } = require('../session');", "import { signedIn } from '../session.js';").replace('module.exports =', 'export default'),
      'src/resolvers/index.js': "import tickets from './tickets.js';\nexport default { Query: { ...tickets.Query }, Mutation: { ...tickets.Mutation } };\n",
      'src/schema.js': schema.replace('module.exports =', 'export default'),
      'src/index.js': server('./resolvers')
        .replace("const { ApolloServer } = require('@apollo/server');", "import { ApolloServer } from '@apollo/server';")
        .replace("const { startStandaloneServer } = require('@apollo/server/standalone');", "import { startStandaloneServer } from '@apollo/server/standalone';")
        .replace("const typeDefs = require('./schema');", "import typeDefs from './schema.js';")
        .replace("const resolvers = require('./resolvers');", "import resolvers from './resolvers/index.js';")
        .replace("const TicketDesk = require('./services/ticket-desk');", "import TicketDesk from './services/ticket-desk.js';"),
    });
    expect(summary(await lintProjectFile(dir, 'src/services/ticket-desk.js', rules))).toEqual(['11 api-security/no-ssrf']);
    expect(summary(await lintProjectFile(dir, 'src/resolvers/tickets.js', rules))).toEqual(['19 api-security/no-unauthenticated-route']);
  });

  it('leaves the modules alone when the server requires another map', async () => {
    const dir = project(spreadBarrel, './resolvers/other');
    expect(summary(await lintProjectFile(dir, 'src/services/ticket-desk.js', rules))).toEqual([]);
    expect(summary(await lintProjectFile(dir, 'src/resolvers/tickets.js', rules))).toEqual([]);
  });
});

describe('the schema a server requires (`const typeDefs = require(\'./schema\')`)', () => {
  const store = `const mongoose = require('mongoose');
const Ticket = mongoose.model('Ticket', new mongoose.Schema({ title: String, tags: [String] }));
module.exports = { Ticket };
`;
  const lookups = `const { Ticket } = require('../store');
const { signedIn } = require('../session');
module.exports = {
  Query: {
    ticket: (_, { id }, ctx) => {
      signedIn(ctx);
      return Ticket.findOne({ _id: id });
    },
    tickets: (_, { where }, ctx) => {
      signedIn(ctx);
      return Ticket.find(where);
    },
  },
};
`;
  const files = (typeDefs: string): Record<string, string> => ({
    'src/session.js': guard,
    'src/store.js': store,
    'src/services/ticket-desk.js': service,
    'src/resolvers/lookups.js': lookups,
    'src/resolvers/index.js': `const lookups = require('./lookups');\nmodule.exports = { Query: { ...lookups.Query } };\n`,
    'src/schema.js': typeDefs,
    'src/index.js': server('./resolvers'),
  });

  it('declares an ID argument a scalar and a JSON argument any value', async () => {
    const dir = writeProject(files(`module.exports = \`#graphql
  scalar JSON
  type Ticket { id: ID! title: String }
  type Query { ticket(id: ID!): Ticket tickets(where: JSON): [Ticket] }
\`;
`), { name: 'desk', type: 'commonjs' });
    expect(summary(await lintProjectFile(dir, 'src/resolvers/lookups.js', rules))).toEqual(['11 api-security/no-nosql-injection']);
  });

  it('keeps both arguments possible operator objects when the required schema declares them JSON', async () => {
    const dir = writeProject(files(`module.exports = \`#graphql
  scalar JSON
  type Ticket { id: ID! title: String }
  type Query { ticket(id: JSON): Ticket tickets(where: JSON): [Ticket] }
\`;
`), { name: 'desk', type: 'commonjs' });
    expect(summary(await lintProjectFile(dir, 'src/resolvers/lookups.js', rules))).toEqual(['7 api-security/no-nosql-injection', '11 api-security/no-nosql-injection']);
  });
});

describe('a write called on a model the context carries (`ctx.models.Member.findByIdAndUpdate`)', () => {
  const members = `const { signedIn } = require('../session');
module.exports = {
  Mutation: {
    editProfile: (_, { changes }, ctx) => {
      const me = signedIn(ctx);
      return ctx.models.Member.findByIdAndUpdate(me.id, changes, { new: true });
    },
  },
};
`;
  const app = (sdl: string): string =>
    writeProject(
      {
        'src/session.js': guard,
        'src/models.js': `const mongoose = require('mongoose');\nmodule.exports = { Member: mongoose.model('Member', new mongoose.Schema({ name: String, role: String })) };\n`,
        'src/resolvers/members.js': members,
        'src/resolvers/index.js': `const members = require('./members');\nmodule.exports = { Mutation: { ...members.Mutation } };\n`,
        'src/schema.js': `module.exports = \`#graphql\n${sdl}\n\`;\n`,
        'src/index.js': `const { ApolloServer } = require('@apollo/server');
const { startStandaloneServer } = require('@apollo/server/standalone');
const typeDefs = require('./schema');
const resolvers = require('./resolvers');
const models = require('./models');
const server = new ApolloServer({ typeDefs, resolvers });
startStandaloneServer(server, { context: async ({ req }) => ({ user: req.headers.authorization ? { id: 'm1' } : null, models }) });
`,
      },
      { name: 'members', type: 'commonjs' },
    );

  it('reports an argument of a JSON scalar written whole', async () => {
    const dir = app('scalar JSON\ntype Member { id: ID! name: String }\ntype Query { a: Int }\ntype Mutation { editProfile(changes: JSON!): Member }');
    expect(summary(await lintProjectFile(dir, 'src/resolvers/members.js', { 'api-security/no-mass-assignment': 'error' }))).toEqual(['6 api-security/no-mass-assignment']);
  });

  it('leaves alone an input type whose fields the schema lists', async () => {
    const dir = app('input ProfileChanges { name: String }\ntype Member { id: ID! name: String }\ntype Query { a: Int }\ntype Mutation { editProfile(changes: ProfileChanges!): Member }');
    expect(summary(await lintProjectFile(dir, 'src/resolvers/members.js', { 'api-security/no-mass-assignment': 'error' }))).toEqual([]);
  });
});
