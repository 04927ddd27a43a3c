import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-path-traversal.js';

const ruleTester = new RuleTester();

const head = `import express from 'express';
import fs from 'node:fs';
import path from 'node:path';
const STORE = '/srv/store';
const app = express();
`;

ruleTester.run('no-path-traversal (cleaned under a flag, whole regex matches)', rule, {
  valid: [
    {
      name: 'a local path cleaned under `if (!remote)` and read in the `else` of `if (remote)`',
      code: `${head}async function thumbnail(src: string) {
  const remote = src.startsWith('https://');
  if (!remote) {
    const clean = path.normalize(src);
    if (clean.includes('..')) throw new Error('bad path');
    src = clean;
  }
  if (remote) return fetch(src);
  else return fs.promises.readFile(path.join(STORE, src));
}
app.get('/thumb', async (req, res) => res.send(await thumbnail(String(req.query.src))));`,
    },
    {
      name: 'the same flag read through `?:`, `&&` and a doubled negation',
      code: `${head}app.get('/doc', (req, res) => {
  let name = String(req.query.name);
  const external = name.includes('://');
  if (!!external === false) {}
  if (!external) {
    if (name.includes('..')) return res.sendStatus(400);
    name = path.normalize(name);
  }
  res.send(external ? 'remote' : fs.readFileSync(path.join(STORE, name)));
  !external && fs.unlinkSync(path.join(STORE, name));
});`,
    },
    {
      name: 'the whole match of an anchored pattern without `/`, `\\` or `.` (match and exec, optional read, fallback)',
      code: `${head}app.get('/glyphs/:face', (req, res) => {
  const found = req.params.face.match(/^[A-Za-z0-9 _-]+$/u);
  if (!found) return res.sendStatus(400);
  res.send(fs.readFileSync(path.join(STORE, found[0] + '.pbf')));
});
app.get('/icons/:id', (req, res) => {
  const hit = /^[a-z0-9-]+$/i.exec(req.params.id);
  const id = hit?.[0] || 'missing';
  res.send(fs.readFileSync(path.join(STORE, id + '.svg')));
});`,
    },
    {
      name: 'input checked for `..` and then put after a root: joined, after text, normalised first',
      code: `${head}app.get('/files', (req, res) => {
  const name = String(req.query.name);
  if (name.includes('..')) return res.sendStatus(400);
  res.send(fs.readFileSync(path.join(STORE, name)));
  res.send(fs.readFileSync(STORE + '/' + name));
  res.send(fs.readFileSync(\`uploads/\${name}\`));
  const clean = path.normalize(name);
  res.send(fs.readFileSync(path.join(STORE, 'public', clean)));
});`,
    },
  ],
  invalid: [
    {
      name: 'stays reported: input checked for `..` only, then resolved, used alone, after a bare slash, or decoded after the check',
      code: `${head}app.get('/files', (req, res) => {
  const name = String(req.query.name);
  if (name.includes('..')) return res.sendStatus(400);
  res.send(fs.readFileSync(path.resolve(STORE, name)));
  res.send(fs.readFileSync(name));
  res.send(fs.readFileSync('/' + name));
  res.send(fs.readFileSync(path.join(STORE, decodeURIComponent(name))));
  const clean = path.normalize(name);
  res.send(fs.readFileSync(clean));
});`,
      errors: [
        { messageId: 'pathTraversal', line: 9 },
        { messageId: 'pathTraversal', line: 10 },
        { messageId: 'pathTraversal', line: 11 },
        { messageId: 'pathTraversal', line: 12 },
        { messageId: 'pathTraversal', line: 14 },
      ],
    },
    {
      name: 'stays reported: `includes(\'../\')` only (a trailing `..` or `..\\` passes), or a check that only logs',
      code: `${head}app.get('/files', (req, res) => {
  const name = path.normalize(String(req.query.name));
  if (name.includes('../')) return res.sendStatus(400);
  res.send(fs.readFileSync(path.join(STORE, name)));
  const other = path.normalize(String(req.query.other));
  if (other.includes('..')) console.warn('odd path', other);
  res.send(fs.readFileSync(path.join(STORE, other)));
});`,
      errors: [
        { messageId: 'pathTraversal', line: 9 },
        { messageId: 'pathTraversal', line: 12 },
      ],
    },
    {
      name: 'stays reported: the flag is reassigned between the two tests, or the read is under another test or the other branch',
      code: `${head}app.get('/a', (req, res) => {
  let name = String(req.query.name);
  let remote = name.startsWith('http');
  if (!remote) {
    if (name.includes('..')) return res.sendStatus(400);
    name = path.normalize(name);
  }
  remote = false;
  if (!remote) res.send(fs.readFileSync(path.join(STORE, name)));
});
app.get('/b', (req, res) => {
  let name = String(req.query.name);
  const remote = name.startsWith('http');
  if (!remote) {
    if (name.includes('..')) return res.sendStatus(400);
    name = path.normalize(name);
  }
  if (req.query.force) res.send(fs.readFileSync(path.join(STORE, name)));
  if (remote) res.send(fs.readFileSync(path.join(STORE, name)));
});`,
      errors: [
        { messageId: 'pathTraversal', line: 14 },
        { messageId: 'pathTraversal', line: 23 },
        { messageId: 'pathTraversal', line: 24 },
      ],
    },
    {
      name: 'stays reported: the flag is tested in another function (called at any time)',
      code: `${head}app.get('/c', (req, res) => {
  let name = String(req.query.name);
  const remote = name.startsWith('http');
  const later = () => { if (!remote) res.send(fs.readFileSync(path.join(STORE, name))); };
  if (!remote) {
    if (name.includes('..')) return res.sendStatus(400);
    name = path.normalize(name);
  }
  later();
});`,
      errors: [{ messageId: 'pathTraversal', line: 9 }],
    },
    {
      name: 'stays reported: an unanchored pattern, a class with `/` or `\\`, a group, or the input used instead of the match',
      code: `${head}app.get('/d/:n', (req, res) => {
  const loose = req.params.n.match(/[\\w-]+/);
  res.send(fs.readFileSync(path.join(STORE, loose[0])));
  const slashes = req.params.n.match(/^[\\w/-]+$/);
  res.send(fs.readFileSync(path.join(STORE, slashes[0])));
  const backslashes = /^[\\w\\\\-]+$/.exec(req.params.n);
  res.send(fs.readFileSync(path.join(STORE, backslashes[0])));
  const parts = req.params.n.match(/^([\\w-]+)\\/(.*)$/);
  res.send(fs.readFileSync(path.join(STORE, parts[2])));
  const checked = req.params.n.match(/^[\\w-]+$/);
  res.send(fs.readFileSync(path.join(STORE, req.params.n)));
});`,
      errors: [
        { messageId: 'pathTraversal', line: 8 },
        { messageId: 'pathTraversal', line: 10 },
        { messageId: 'pathTraversal', line: 12 },
        { messageId: 'pathTraversal', line: 14 },
        { messageId: 'pathTraversal', line: 16 },
      ],
    },
    {
      name: 'stays reported: a one-segment pattern that lets `..` through (as a `.test()` of it would)',
      code: `${head}app.get('/e/:n', (req, res) => {
  const m = req.params.n.match(/^[\\w .-]+$/);
  if (!m) return res.sendStatus(400);
  res.send(fs.readFileSync(path.join(STORE, m[0])));
});`,
      errors: [{ messageId: 'pathTraversal', line: 9 }],
    },
  ],
});
