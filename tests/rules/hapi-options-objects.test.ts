import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * Hapi route options kept in a handlers module (`module.exports = { lookup: { auth, validate,
 * handler: async (request) => … } }`) and registered by another file's route table
 * (`{ method: 'GET', path: '/lookup', options: actions.lookup }`): the handler of each registered
 * object is that route's handler, however few parameters it has, and the object's `validate`
 * is its declared validation. An options object no route registers is no handler.
 */

const files = {
  'lib/tools.js': `const { exec } = require('child_process');

function resolveHost(host) {
  return new Promise((resolve) => exec('host ' + host, (err, out) => resolve(out)));
}

function pack(dir) {
  return new Promise((resolve) => exec(\`tar czf /tmp/out.tgz \${dir}\`, (err, out) => resolve(out)));
}

function wipe(dir) {
  return new Promise((resolve) => exec('rm -rf ' + dir, (err, out) => resolve(out)));
}

function probe(host) {
  return fetch(\`http://\${host}/status\`);
}

module.exports = { resolveHost, pack, wipe, probe };
`,
  'lib/actions.js': `const Joi = require('joi');
const tools = require('./tools');

module.exports = {
  lookup: {
    validate: { query: Joi.object({ host: Joi.string().hostname().required() }) },
    handler: async (request) => ({ out: await tools.resolveHost(request.query.host), up: (await tools.probe(request.query.host)).ok }),
  },
  archive: {
    handler: async (request) => ({ out: await tools.pack(request.query.dir) }),
  },
  draft: {
    handler: async (request) => ({ out: await tools.wipe(request.query.dir) }),
  },
};
`,
  'lib/server.js': `const Hapi = require('@hapi/hapi');
const actions = require('./actions');

const server = Hapi.server({ port: 3000 });
server.route([
  { method: 'GET', path: '/lookup', options: actions.lookup },
  { method: 'GET', path: '/archive', options: actions.archive },
]);
module.exports = server;
`,
};

describe('Hapi route options objects of another module', () => {
  it('takes the handler of each registered object for a route handler, with its validate, and no unregistered one', async () => {
    const dir = writeProject(files, { name: 'ops', dependencies: { '@hapi/hapi': '^21.0.0', joi: '^17.0.0' } });
    const messages = await lintProjectFile(dir, 'lib/tools.js', { 'api-security/no-command-injection': 'error', 'api-security/no-ssrf': 'error' });
    // A host name has no shell metacharacter, but it still names any server.
    expect(summary(messages)).toEqual(['8 api-security/no-command-injection', '16 api-security/no-ssrf']);
    expect(messages[0]?.message).toContain('`request.query.dir` in lib/actions.js (line 10)');
  });
});
