import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-path-traversal.js';

/*
 * `path.normalize(p)` leaves `..` only as leading segments; a replacement by nothing that removes
 * every leading `..` (`/` or `\` separated, or the whole path) leaves none. Joined under a root
 * with `path.join` (which keeps even an absolute path under it, unlike `path.resolve`), the file
 * stays inside the root. The pattern is judged by what it does to sample paths, so any spelling
 * of it counts, and one that misses `..` alone or `..\` does not.
 */
const ruleTester = new RuleTester();

const express = `const express = require('express');
const path = require('path');
const fs = require('fs');
const router = express.Router();
const ASSETS = path.join(__dirname, 'assets');
`;

ruleTester.run('no-path-traversal: normalised paths stripped of leading ..', rule, {
  valid: [
    {
      name: 'stripped in a const, joined under the root',
      code: `${express}router.get('/assets/:name', (req, res) => {
  const inside = path.normalize(req.params.name).replace(/^(\\.\\.(\\/|\\\\|$))+/, '');
  const file = path.join(ASSETS, 'public', inside);
  if (fs.existsSync(file)) res.sendFile(file);
  else res.sendStatus(404);
});`,
    },
    {
      name: 'named imports of node:path and another spelling of the pattern',
      code: `import express from 'express';
import { join, normalize } from 'node:path';
import { readFile } from 'node:fs/promises';
const router = express.Router();
router.get('/docs/:topic', async (req, res) => {
  const relative = normalize(req.params.topic + '.md').replace(/^(?:\\.\\.(?:[\\\\/]|$))+/, '');
  res.type('text/plain').send(await readFile(join('/srv/docs', relative), 'utf8'));
});`,
    },
  ],
  invalid: [
    {
      name: 'resolved instead of joined: an absolute path replaces the root',
      code: `${express}router.get('/assets/:name', (req, res) => {
  const inside = path.normalize(req.params.name).replace(/^(\\.\\.(\\/|\\\\|$))+/, '');
  res.sendFile(path.resolve(ASSETS, inside));
});`,
      errors: [{ messageId: 'pathTraversal', line: 8 }],
    },
    {
      name: 'used alone, not under a root',
      code: `${express}router.get('/assets/:name', (req, res) => {
  const inside = path.normalize(req.params.name).replace(/^(\\.\\.(\\/|\\\\|$))+/, '');
  fs.createReadStream(inside).pipe(res);
});`,
      errors: [{ messageId: 'pathTraversal', line: 8 }],
    },
    {
      name: 'stripped without normalising first: inner .. segments stay',
      code: `${express}router.get('/assets/:name', (req, res) => {
  const inside = req.params.name.replace(/^(\\.\\.(\\/|\\\\|$))+/, '');
  res.sendFile(path.join(ASSETS, inside));
});`,
      errors: [{ messageId: 'pathTraversal', line: 8 }],
    },
    {
      name: 'a pattern that leaves .. alone in place',
      code: `${express}router.get('/assets/:name', (req, res) => {
  const inside = path.normalize(req.params.name).replace(/^(\\.\\.(\\/|\\\\))+/, '');
  res.sendFile(path.join(ASSETS, inside));
});`,
      errors: [{ messageId: 'pathTraversal', line: 8 }],
    },
    {
      name: 'a pattern that knows only forward slashes',
      code: `${express}router.get('/assets/:name', (req, res) => {
  const inside = path.normalize(req.params.name).replace(/^(\\.\\.\\/)+/, '');
  res.sendFile(path.join(ASSETS, inside));
});`,
      errors: [{ messageId: 'pathTraversal', line: 8 }],
    },
    {
      name: 'the stripped path is the first part of the join',
      code: `${express}router.get('/assets/:name', (req, res) => {
  const inside = path.normalize(req.params.name).replace(/^(\\.\\.(\\/|\\\\|$))+/, '');
  res.sendFile(path.join(inside, 'index.html'));
});`,
      errors: [{ messageId: 'pathTraversal', line: 8 }],
    },
  ],
});
