import { RuleTester } from '@typescript-eslint/rule-tester';
import commandInjection from '../../src/rules/no-command-injection.js';
import pathTraversal from '../../src/rules/no-path-traversal.js';

// A check before a closure holds inside it when the checked variable is never written again: the
// Promise executor, a stream or timer callback, an array callback created after the check all see
// the value the check passed. A variable written after the check, a closure created before it, or
// a check inside the closure that another call path skips are not enough.
const ruleTester = new RuleTester();

const APP = `import express from 'express';
import { exec } from 'node:child_process';
const app = express();
`;

ruleTester.run('no-command-injection (checks before closures)', commandInjection, {
  valid: [
    {
      name: 'an allow-list check, then the command in a Promise executor',
      code: `${APP}const ALLOWED = ['products', 'orders'];
function exportCollection(collection) {
  if (!ALLOWED.includes(collection)) throw new Error('unknown collection');
  return new Promise((resolve, reject) => {
    exec(\`mongoexport --collection=\${collection} --type=csv\`, (err, out) => (err ? reject(err) : resolve(out)));
  });
}
app.get('/export/:collection', async (req, res) => res.send(await exportCollection(req.params.collection)));`,
    },
    {
      name: 'a const checked by an early return, used in a callback',
      code: `${APP}app.get('/ping', (req, res) => {
  const host = String(req.query.host);
  if (!/^[a-z0-9.-]+$/i.test(host)) return res.status(400).end();
  setTimeout(() => exec('ping -c 1 ' + host, () => res.end()), 10);
});`,
    },
  ],
  invalid: [
    {
      name: 'the variable is written again after the check',
      code: `${APP}const ALLOWED = ['products', 'orders'];
app.get('/export', (req, res) => {
  let collection = String(req.query.c);
  if (!ALLOWED.includes(collection)) throw new Error('unknown');
  const run = () => exec('mongoexport --collection=' + collection);
  collection = String(req.query.other);
  run();
  res.end();
});`,
      errors: [{ messageId: 'commandInjection', line: 8 }],
    },
    {
      name: 'the closure is created before the check',
      code: `${APP}const ALLOWED = ['products', 'orders'];
app.get('/export', (req, res) => {
  const collection = String(req.query.c);
  const run = () => exec('mongoexport --collection=' + collection);
  setImmediate(run);
  if (!ALLOWED.includes(collection)) return res.status(400).end();
  res.end();
});`,
      errors: [{ messageId: 'commandInjection', line: 7 }],
    },
  ],
});

ruleTester.run('no-path-traversal (checks before closures)', pathTraversal, {
  valid: [
    {
      name: 'a file-name pattern check, then the read in a callback',
      code: `import express from 'express';
import fs from 'node:fs';
import path from 'node:path';
const app = express();
app.get('/files/:name', (req, res) => {
  const name = req.params.name;
  if (!/^[\\w-]+\\.pdf$/.test(name)) return res.status(400).end();
  fs.access('/srv/files', () => fs.createReadStream(path.join('/srv/files', name)).pipe(res));
});`,
    },
  ],
  invalid: [],
});
