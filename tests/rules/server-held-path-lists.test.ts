import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-path-traversal.js';

const ruleTester = new RuleTester();

const HEAD = `import express from 'express';
import fs from 'node:fs';
import path from 'node:path';
import Asset from './models/asset';
const app = express();
const ROOT = path.join(process.cwd(), 'addons');`;

const message = (source: string, sourceLine: number, sink: string, sinkLine: number) => ({ source, sourceLine, sink, sinkLine, via: '' });

ruleTester.run('no-path-traversal: names the server holds in memory', rule, {
  valid: [
    { name: 'a name found in a list the server filled at start-up from its own directory', code: `${HEAD}
const shipped = [];
for (const entry of fs.readdirSync(ROOT)) shipped.push(entry);
app.get('/addons/:name', (req, res) => {
  if (!shipped.includes(req.params.name)) return res.sendStatus(404);
  res.sendFile(path.join(ROOT, req.params.name));
});` },
    { name: 'two parts of a name checked together against a registry the server fills at start-up, and a Set of them', code: `${HEAD}
const scripts = [];
const sheets = new Set();
for (const addon of fs.readdirSync(ROOT)) {
  for (const file of fs.readdirSync(path.join(ROOT, addon))) {
    scripts.push(addon + '/' + file);
    sheets.add(\`\${addon}/\${file}\`);
  }
}
const registered = () => scripts.concat([]);
app.get('/addons/:addon/:file', (req, res) => {
  const { addon, file } = req.params;
  if (!registered().includes(\`\${addon}/\${file}\`)) return res.sendStatus(404);
  res.sendFile(path.join(ROOT, addon, file));
});
app.get('/sheets/:addon/:file', (req, res) => {
  if (!sheets.has(req.params.addon + '/' + req.params.file)) return res.sendStatus(404);
  res.sendFile(path.join(ROOT, req.params.addon, req.params.file));
});` },
    { name: 'a version found in a list copied from a parameter of the factory that builds the routes, through a predicate', code: `${HEAD}
export function mountReleases(router, releases) {
  const known = releases.slice();
  known.reverse();
  const listed = (version) => known.some((release) => version.toLowerCase() === release.version);
  router.get('/releases/:version', (req, res) => {
    const version = req.params.version;
    if (listed(version) && fs.existsSync(path.join(ROOT, version))) res.sendFile(path.join(ROOT, version));
    else res.sendStatus(404);
  });
}
mountReleases(app, JSON.parse(fs.readFileSync('releases.json', 'utf8')));` },
    { name: 'a name an installed-plugin lookup found by equality, in a module function given the app at start-up', code: `${HEAD}
export default function plugins(server) {
  function installed(id) {
    return server.plugins.find((plugin) => plugin.packageName === id);
  }
  function manifestOf(name) {
    return fs.readFileSync(path.join(ROOT, name, 'package.json'), 'utf8');
  }
  server.get('/plugins/:name/manifest', (req, res) => {
    const isInstalled = !!installed(req.params.name);
    if (isInstalled) res.json(manifestOf(req.params.name));
    else res.sendStatus(404);
  });
}` },
    { name: 'an entry the operator chose on the command line', code: `${HEAD}
const TEMPLATES = [{ id: process.argv[2] }];
app.get('/t/:name', (req, res) => {
  if (!TEMPLATES.some((t) => t.id === req.params.name)) return res.sendStatus(404);
  res.send(fs.readFileSync(\`/srv/templates/\${req.params.name}.html\`, 'utf8'));
});` },
  ],
  invalid: [
    {
      name: 'stay reported: a list another route fills from the request, and a list made of the request',
      code: `${HEAD}
const shipped = [];
app.post('/addons', express.json(), (req, res) => { shipped.push(req.body.name); res.end(); });
app.get('/addons/:name', (req, res) => {
  if (!shipped.includes(req.params.name)) return res.sendStatus(404);
  res.sendFile(path.join(ROOT, req.params.name));
});
app.get('/mine', (req, res) => {
  const allowed = String(req.query.allowed).split(',');
  if (!allowed.includes(req.query.name)) return res.sendStatus(404);
  res.sendFile(path.join(ROOT, req.query.name));
});`,
      errors: [
        { messageId: 'pathTraversal', line: 11, data: message('`req.params.name`', 11, 'res.sendFile', 11) },
        { messageId: 'pathTraversal', line: 16, data: message('`req.query.name`', 16, 'res.sendFile', 16) },
      ],
    },
    {
      name: 'stay reported: a list read from the store (other users may have written its names), whole or in parts',
      code: `${HEAD}
app.get('/assets/:name', async (req, res) => {
  const names = (await Asset.find({})).map((asset) => asset.name);
  if (!names.includes(req.params.name)) return res.sendStatus(404);
  res.sendFile(path.join(ROOT, req.params.name));
});
app.get('/assets/:dir/:name', async (req, res) => {
  const keys = new Set((await Asset.find({})).map((asset) => asset.key));
  if (!keys.has(\`\${req.params.dir}/\${req.params.name}\`)) return res.sendStatus(404);
  res.sendFile(path.join(ROOT, req.params.dir, req.params.name));
});`,
      errors: [
        { messageId: 'pathTraversal', line: 10, data: message('`req.params.name`', 10, 'res.sendFile', 10) },
        { messageId: 'pathTraversal', line: 15, data: message('`req.params.dir`', 15, 'res.sendFile', 15) },
        { messageId: 'pathTraversal', line: 15, data: message('`req.params.name`', 15, 'res.sendFile', 15) },
      ],
    },
    {
      name: 'stay reported: the factory is also called by a handler with the request, or reads its list from a store',
      code: `${HEAD}
export function mountReleases(router, releases) {
  const known = releases.slice();
  router.get('/releases/:version', (req, res) => {
    if (!known.some((release) => req.params.version === release.version)) return res.sendStatus(404);
    res.sendFile(path.join(ROOT, req.params.version));
  });
}
app.post('/catalogue', (req, res) => { mountReleases(app, req.body.releases); res.end(); });
export async function mountAssets(router, db) {
  const stored = await db.collection('assets').find({}).toArray();
  router.get('/assets/:name', (req, res) => {
    if (!stored.some((asset) => req.params.name === asset.name)) return res.sendStatus(404);
    res.sendFile(path.join(ROOT, req.params.name));
  });
}`,
      errors: [
        { messageId: 'pathTraversal', line: 11, data: message('`req.params.version`', 11, 'res.sendFile', 11) },
        { messageId: 'pathTraversal', line: 19, data: message('`req.params.name`', 19, 'res.sendFile', 19) },
      ],
    },
    {
      name: 'stay reported: a list on a member of the setup parameter that a handler fills from the request',
      code: `${HEAD}
export function mountUploads(router, state) {
  state.names = [];
  router.post('/uploads', (req, res) => { state.names.push(req.body.name); res.end(); });
  router.get('/uploads/:name', (req, res) => {
    if (!state.names.includes(req.params.name)) return res.sendStatus(404);
    res.sendFile(path.join(ROOT, req.params.name));
  });
}
mountUploads(app, {});`,
      errors: [{ messageId: 'pathTraversal', line: 12, data: message('`req.params.name`', 12, 'res.sendFile', 12) }],
    },
    {
      name: 'stay reported: a lookup that is not an equality (the name only contains an installed one)',
      code: `${HEAD}
export default function plugins(server) {
  const installed = (id) => server.plugins.find((plugin) => id.includes(plugin.packageName));
  server.get('/plugins/:name/manifest', (req, res) => {
    if (!installed(req.params.name)) return res.sendStatus(404);
    res.send(fs.readFileSync(path.join(ROOT, req.params.name, 'package.json')));
  });
}`,
      errors: [{ messageId: 'pathTraversal', line: 11, data: message('`req.params.name`', 11, 'fs.readFileSync', 11) }],
    },
    {
      name: 'stay reported: the part checked is another value than the one used',
      code: `${HEAD}
const shipped = [];
for (const entry of fs.readdirSync(ROOT)) shipped.push(entry);
app.get('/addons/:addon/:file', (req, res) => {
  if (!shipped.includes(\`\${req.params.addon}/index.js\`)) return res.sendStatus(404);
  res.sendFile(path.join(ROOT, req.params.addon, req.params.file));
});`,
      errors: [{ messageId: 'pathTraversal', line: 11, data: message('`req.params.file`', 11, 'res.sendFile', 11) }],
    },
  ],
});
