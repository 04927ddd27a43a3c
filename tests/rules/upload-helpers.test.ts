import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-path-traversal.js';

/*
 * Where an upload was stored (`filepath`, `path`, `tempFilePath`) is the server's choice however
 * the upload object reaches the read: straight from the request, from a helper that hands it back
 * (or its first element), through a list built from it, or read by a helper given it. The name the
 * client gave the file (`originalFilename`, `name`, `originalname`) stays input on every one of
 * those ways.
 */
const ruleTester = new RuleTester();

const koa = `import Koa from 'koa';
import Router from '@koa/router';
import { readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
const app = new Koa();
const router = new Router();
app.use(router.routes());
const first = (input) => {
  if (!input) return undefined;
  if (Array.isArray(input)) return input[0];
  return input;
};
const storedPath = (file) => {
  const upload = file;
  return upload.filepath;
};
const clientName = (file) => file.originalFilename;
`;

ruleTester.run('no-path-traversal: upload objects through helpers', rule, {
  valid: [
    {
      name: 'a helper hands the upload back',
      code: `${koa}router.post('/files', async (ctx) => {
  const upload = first(ctx.request.files?.file || ctx.request.files?.upload);
  const filePath = upload.filepath || upload.path;
  await unlink(filePath);
  ctx.body = await readFile(filePath);
});`,
    },
    {
      name: 'a helper reads the stored path of each upload of a list',
      code: `${koa}router.post('/files', async (ctx) => {
  const file = ctx.request.files?.file;
  const files = Array.isArray(file) ? Array.from(file) : [file];
  ctx.body = await Promise.all(files.map(async (each) => readFile(storedPath(each))));
});`,
    },
    {
      name: 'multer: an element of the list handed back',
      code: `import express from 'express';
import fs from 'node:fs';
const app = express();
const only = (files) => files[0];
app.post('/a', (req, res) => { const file = only(req.files); fs.unlink(file.path, () => res.end()); });`,
    },
  ],
  invalid: [
    {
      name: 'the client name of an upload a helper handed back',
      code: `${koa}router.post('/files', async (ctx) => {
  const upload = first(ctx.request.files?.file);
  ctx.body = await readFile(path.join('/srv/uploads', upload.originalFilename || upload.name));
});`,
      errors: [{ messageId: 'pathTraversal', line: 20, data: { source: '`ctx.request.files?.file`', sourceLine: 19, sink: 'readFile', sinkLine: 20, via: '' } }],
    },
    {
      name: 'the client name read by a helper from each upload of a list',
      code: `${koa}router.post('/files', async (ctx) => {
  const file = ctx.request.files?.file;
  const files = Array.isArray(file) ? Array.from(file) : [file];
  ctx.body = await Promise.all(files.map(async (each) => readFile(path.join('/srv', clientName(each)))));
});`,
      errors: [{ messageId: 'pathTraversal', line: 21 }],
    },
    {
      name: 'a path field of the body is not an upload',
      code: `${koa}router.post('/files', async (ctx) => {
  const upload = first(ctx.request.body.upload);
  await unlink(upload.filepath);
});`,
      errors: [{ messageId: 'pathTraversal', line: 20 }],
    },
  ],
});
