import { RuleTester } from '@typescript-eslint/rule-tester';
import pathRule from '../../src/rules/no-path-traversal.js';
import xssRule from '../../src/rules/no-reflected-xss.js';

/*
 * Sinks of three libraries: archiver's `directory(p)` and `file(p)` read the tree or file at `p`
 * into the archive; multer's `diskStorage` option functions hand their callback the directory and
 * the name the upload is written to; an h3 handler that declares an HTML type with a header
 * utility (`setResponseHeader(event, 'content-type', 'text/html')`) and returns a string sends a page.
 */

const ruleTester = new RuleTester();

const express = `import express from 'express';
import path from 'node:path';
const app = express();
const ROOT = '/srv/media';
`;

ruleTester.run('no-path-traversal: archiver and multer', pathRule, {
  valid: [
    {
      name: 'archiver: a fixed directory, the request value only names the entry',
      code: `${express}import archiver from 'archiver';
app.get('/export', (req, res) => {
  const zip = archiver('zip');
  zip.directory(path.join(ROOT, 'public'), String(req.query.name));
  zip.pipe(res);
  zip.finalize();
});`,
    },
    {
      name: 'archiver: append takes the content, not a path',
      code: `${express}import archiver from 'archiver';
app.post('/export', (req, res) => {
  const zip = archiver('zip');
  zip.append(req.body.text, { name: 'note.txt' });
  zip.pipe(res);
  zip.finalize();
});`,
    },
    {
      name: 'multer: the base name of the folder',
      code: `${express}import multer from 'multer';
const storage = multer.diskStorage({
  destination(req, file, cb) { cb(null, path.join(ROOT, path.basename(req.body.folder))); },
  filename(req, file, cb) { cb(null, Date.now() + '.bin'); },
});
app.post('/upload', multer({ storage }).single('file'), (req, res) => res.json({ ok: true }));`,
    },
    {
      name: 'a callback of something that is not multer',
      code: `${express}import { queue } from './queue.js';
queue.diskStorage({
  destination(req, file, cb) { cb(null, path.join(ROOT, req.body.folder)); },
});`,
    },
    {
      name: 'multer: the client\'s file name reduced to its base name, or only its extension kept',
      code: `${express}import multer from 'multer';
import { randomUUID } from 'node:crypto';
const byName = multer.diskStorage({
  destination: ROOT,
  filename(req, file, cb) { cb(null, path.basename(file.originalname)); },
});
const byId = multer.diskStorage({
  destination: ROOT,
  filename: (req, file, cb) => cb(null, randomUUID() + path.extname(file.originalname)),
});
app.post('/a', multer({ storage: byName }).single('doc'), (req, res) => res.json({ ok: true }));
app.post('/b', multer({ storage: byId }).single('doc'), (req, res) => res.json({ ok: true }));`,
    },
    {
      name: 'multer: the form field the server accepts and a time stamp (the README\'s example)',
      code: `${express}import multer from 'multer';
const storage = multer.diskStorage({
  destination: (req, file, cb) => cb(null, ROOT),
  filename: (req, file, cb) => cb(null, file.fieldname + '-' + Date.now() + '-' + file.size),
});
app.post('/avatar', multer({ storage }).single('avatar'), (req, res) => res.json({ ok: true }));`,
    },
    {
      name: 'an option object of something that is not multer, whose function has a file parameter',
      code: `${express}import { queue } from './queue.js';
queue.diskStorage({
  filename(req, file, cb) { cb(null, path.join(ROOT, file.originalname)); },
});`,
    },
  ],
  invalid: [
    {
      name: 'archiver: a directory named by the route parameter',
      code: `${express}import archiver from 'archiver';
app.get('/albums/:album/zip', (req, res) => {
  const zip = archiver('zip');
  zip.directory(path.join(ROOT, 'albums', req.params.album), false);
  zip.pipe(res);
  zip.finalize();
});`,
      errors: [{ messageId: 'pathTraversal', line: 8 }],
    },
    {
      name: 'archiver.create and file()',
      code: `${express}const archiver = require('archiver');
app.get('/one', (req, res) => {
  const zip = archiver.create('tar');
  zip.file(path.join(ROOT, req.query.file), { name: 'file' });
  zip.pipe(res);
});`,
      errors: [{ messageId: 'pathTraversal', line: 8 }],
    },
    {
      name: 'multer: a destination joined with a body field',
      code: `${express}import multer from 'multer';
const storage = multer.diskStorage({
  destination(req, file, cb) { cb(null, path.join(ROOT, req.body.folder)); },
  filename(req, file, cb) { cb(null, Date.now() + '.bin'); },
});
app.post('/upload', multer({ storage }).single('file'), (req, res) => res.json({ ok: true }));`,
      errors: [{ messageId: 'pathTraversal', line: 7 }],
    },
    {
      name: 'multer: arrow option functions, the file name from a header',
      code: `${express}const multer = require('multer');
const storage = multer.diskStorage({
  destination: (req, file, done) => done(null, ROOT),
  filename: (req, file, done) => done(null, req.headers['x-file-name']),
});
app.post('/upload', multer({ storage }).single('file'), (req, res) => res.json({ ok: true }));`,
      errors: [{ messageId: 'pathTraversal', line: 8 }],
    },
    {
      name: 'multer: the upload kept under the name the client gave it',
      code: `${express}import multer from 'multer';
const storage = multer.diskStorage({
  destination: (req, file, cb) => cb(null, ROOT),
  filename: (req, file, cb) => cb(null, file.originalname),
});
app.post('/upload', multer({ storage }).single('doc'), (req, res) => res.json({ ok: true }));`,
      errors: [{ messageId: 'pathTraversal', line: 8 }],
    },
    {
      name: 'multer: the client\'s name behind a prefix of the user, and a folder from its declared type',
      code: `${express}import multer from 'multer';
const storage = multer.diskStorage({
  destination(req, file, cb) { cb(null, path.join(ROOT, file.mimetype)); },
  filename(req, file, cb) {
    const name = \`\${req.user.id}-\${file.originalname}\`;
    cb(null, name);
  },
});
app.post('/upload', multer({ storage }).single('doc'), (req, res) => res.json({ ok: true }));`,
      errors: [
        { messageId: 'pathTraversal', line: 7 },
        { messageId: 'pathTraversal', line: 10 },
      ],
    },
  ],
});

const h3 = `import { defineEventHandler, getQuery, setResponseHeader, setResponseHeaders } from 'h3';
`;

ruleTester.run('no-reflected-xss: h3 header utilities', xssRule, {
  valid: [
    {
      name: 'the returned string is plain text',
      code: `${h3}export default defineEventHandler((event) => {
  const { q } = getQuery(event);
  setResponseHeader(event, 'content-type', 'text/plain');
  return \`results for \${q}\`;
});`,
    },
    {
      name: 'HTML with the value escaped',
      code: `${h3}import escapeHtml from 'escape-html';
export default defineEventHandler((event) => {
  const { q } = getQuery(event);
  setResponseHeader(event, 'Content-Type', 'text/html');
  return \`<p>\${escapeHtml(String(q))}</p>\`;
});`,
    },
    {
      name: 'a setResponseHeader of the project',
      code: `import { defineEventHandler, getQuery } from 'h3';
import { setResponseHeader } from './headers.js';
export default defineEventHandler((event) => {
  const { q } = getQuery(event);
  setResponseHeader(event, 'content-type', 'text/html');
  return \`<p>\${q}</p>\`;
});`,
    },
  ],
  invalid: [
    {
      name: 'setResponseHeader text/html, then a string with the query',
      code: `${h3}export default defineEventHandler((event) => {
  const { q } = getQuery(event);
  setResponseHeader(event, 'Content-Type', 'text/html; charset=utf-8');
  return \`<div class="results">\${q}</div>\`;
});`,
      errors: [{ messageId: 'reflectedXss', line: 5 }],
    },
    {
      name: 'setResponseHeaders with an object, Nitro auto-import',
      code: `export default defineEventHandler((event) => {
  const query = getQuery(event);
  setResponseHeaders(event, { 'content-type': 'text/html' });
  return '<h1>' + query.title + '</h1>';
});`,
      errors: [{ messageId: 'reflectedXss', line: 4 }],
    },
  ],
});
