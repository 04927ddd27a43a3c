import { RuleTester } from '@typescript-eslint/rule-tester';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-path-traversal.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Upload parsers and archives as sources of paths: formidable's `parse(req)` hands back the client's
 * files, whose `originalFilename` keeps any `/` the client sent (its `filepath` and `newFilename` are
 * the server's); an adm-zip archive built from the request names its entries as its author chose
 * (zip slip). `@fastify/multipart` reduces the client's `filename` to its last part, unless the
 * project sets `preservePath: true`.
 */

const ruleTester = new RuleTester();

const formApp = `import express from 'express';
import formidable, { IncomingForm } from 'formidable';
import fs from 'node:fs/promises';
import path from 'node:path';
const app = express();
`;

const zipApp = `import express from 'express';
import multer from 'multer';
import AdmZip from 'adm-zip';
import fs from 'node:fs';
import path from 'node:path';
const app = express();
const upload = multer();
`;

ruleTester.run('no-path-traversal: upload parsers and archives', rule, {
  valid: [
    {
      name: 'formidable: the stored path and the name it generated',
      code: `${formApp}app.post('/scans', async (req, res) => {
  const [, files] = await formidable({ uploadDir: '/srv/inbox' }).parse(req);
  const scan = files.scan?.[0];
  await fs.rename(scan!.filepath, path.join('/srv/scans', scan!.newFilename));
  res.end();
});`,
    },
    {
      name: 'formidable: the client name reduced to its base name',
      code: `${formApp}app.post('/scans', async (req, res) => {
  const [, files] = await formidable({}).parse(req);
  const scan = files.scan?.[0];
  await fs.rename(scan!.filepath, path.join('/srv/scans', path.basename(scan!.originalFilename ?? 'scan.pdf')));
  res.end();
});`,
    },
    {
      name: 'formidable parsing something that is not the request',
      code: `${formApp}import { Readable } from 'node:stream';
export async function replay(saved: Readable) {
  const [, files] = await formidable({}).parse(saved as never);
  await fs.rename(files.scan![0]!.filepath, path.join('/srv/scans', files.scan![0]!.originalFilename!));
}`,
    },
    {
      name: 'adm-zip: an archive the server ships, and entries checked to stay under the target',
      code: `${zipApp}app.post('/themes/reset', (req, res) => {
  const bundled = new AdmZip('/opt/app/themes/default.zip');
  for (const entry of bundled.getEntries()) fs.writeFileSync(path.join('/srv/themes', entry.entryName), entry.getData());
  res.end();
});
app.post('/themes', upload.single('theme'), (req, res) => {
  const root = path.resolve('/srv/themes');
  const archive = new AdmZip(req.file!.buffer);
  for (const entry of archive.getEntries()) {
    const target = path.resolve(root, entry.entryName);
    if (!target.startsWith(root + path.sep)) throw new Error('entry outside the theme folder');
    fs.writeFileSync(target, entry.getData());
  }
  res.end();
});`,
    },
  ],
  invalid: [
    {
      name: 'formidable v3: the client name joined under a directory',
      code: `${formApp}app.post('/scans', async (req, res) => {
  const [, files] = await formidable({}).parse(req);
  const scan = files.scan?.[0];
  await fs.rename(scan!.filepath, path.join('/srv/scans', scan!.originalFilename ?? 'scan.pdf'));
  res.end();
});`,
      errors: [{ messageId: 'pathTraversal', line: 9, data: { source: '`formidable({}).parse(req)`', sourceLine: 7, sink: 'fs.rename', sinkLine: 9, via: '' } }],
    },
    {
      name: 'formidable: the callback form and the IncomingForm class',
      code: `${formApp}app.post('/scans', (req, res) => {
  const form = new IncomingForm();
  form.parse(req, async (err, fields, files) => {
    const scan = (files.scan as any)[0];
    await fs.rename(scan.filepath, path.join('/srv/scans', scan.originalFilename));
    res.end();
  });
});`,
      errors: [{ messageId: 'pathTraversal', line: 10 }],
    },
    {
      name: 'adm-zip: entries of an uploaded archive written under a directory (zip slip)',
      code: `${zipApp}app.post('/themes', upload.single('theme'), (req, res) => {
  const archive = new AdmZip(req.file!.buffer);
  for (const entry of archive.getEntries()) {
    fs.writeFileSync(path.join('/srv/themes', entry.entryName), entry.getData());
  }
  res.end();
});`,
      errors: [{ messageId: 'pathTraversal', line: 11, data: { source: '`req.file!.buffer`', sourceLine: 9, sink: 'fs.writeFileSync', sinkLine: 11, via: '' } }],
    },
  ],
});

describe('no-path-traversal: @fastify/multipart file names', () => {
  const rules: Linter.RulesRecord = { 'api-security/no-path-traversal': 'error' };
  const routes = `import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
export async function receipts(app: FastifyInstance) {
  app.post('/receipts', async (request) => {
    const part = await request.file();
    if (!part) return { stored: false };
    await pipeline(part.file, fs.createWriteStream(path.join('/srv/receipts', part.filename)));
    await pipeline(part.file, fs.createWriteStream(path.join('/srv/receipts', String((part.fields.folder as any)?.value), 'r.pdf')));
    return { stored: true };
  });
}
`;
  const server = (options: string) => `import Fastify from 'fastify';
import multipart from '@fastify/multipart';
import { receipts } from './receipts';
const app = Fastify();
app.register(multipart${options});
app.register(receipts);
`;
  const manifest = { name: 'receipts', type: 'module', dependencies: { fastify: '^5.0.0', '@fastify/multipart': '^9.0.0' } };
  const lines = async (dir: string) => (await lintProjectFile(dir, 'src/receipts.ts', rules)).map((message) => message.line);

  it('leaves the base name busboy keeps by default, and reports a field of the form', async () => {
    expect(await lines(writeProject({ 'src/receipts.ts': routes, 'src/server.ts': server(', { limits: { fileSize: 1e7 } }') }, manifest))).toEqual([10]);
  });

  it('reports the name when a project file sets preservePath: true', async () => {
    expect(await lines(writeProject({ 'src/receipts.ts': routes, 'src/server.ts': server(', { preservePath: true }') }, manifest))).toEqual([9, 10]);
  });
});
