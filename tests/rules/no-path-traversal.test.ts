import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-path-traversal.js';

const ruleTester = new RuleTester();

ruleTester.run('no-path-traversal', rule, {
  valid: [
    { name: 'everything but digits (or word characters) stripped with a negated shorthand', code: `import express from 'express';
import fs from 'node:fs';
const app = express();
app.get('/avatar', (req, res) => {
  res.send(fs.readFileSync(\`avatars/\${String(req.query.id).replace(/\\D/g, '')}.png\`));
  res.send(fs.readFileSync('thumbs/' + String(req.query.name).replace(/\\W+/g, '') + '.png'));
});` },
    { name: 'a cache name encoded as base64url or hex, or a hash digest in hex', code: `import express from 'express';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
const CACHE = '/var/cache/thumbs';
const app = express();
app.get('/thumb', (req, res) => {
  res.sendFile(path.join(CACHE, Buffer.from(String(req.query.src)).toString('base64url') + '.webp'));
  fs.writeFileSync(path.join(CACHE, Buffer.from(req.query.src).toString('hex')), '');
  fs.readFileSync(path.join(CACHE, createHash('sha256').update(String(req.query.src)).digest('hex')));
});` },
    { name: 'characters stripped without dots or slashes', code: `import express from 'express';
import fs from 'node:fs';
const app = express();
app.get('/f', (req, res) => res.send(fs.readFileSync(\`uploads/\${String(req.query.n).replace(/[^a-z0-9_-]/gi, '')}.txt\`)));` },
    { name: 'constant path', code: `import express from 'express';
const app = express();
import fs from 'node:fs';
import path from 'node:path';
const ROOT = path.join(__dirname, 'uploads');
app.get('/c', (req, res) => res.send(fs.readFileSync('/etc/app/config.json', 'utf8')));` },
    { name: 'path.basename', code: `import express from 'express';
const app = express();
import fs from 'node:fs';
import path from 'node:path';
const ROOT = path.join(__dirname, 'uploads');
app.get('/f', (req, res) => res.send(fs.readFileSync(path.join(ROOT, path.basename(req.query.name)))));` },
    { name: 'basename imported by name', code: `import express from 'express';
const app = express();
import fs from 'node:fs';
import path from 'node:path';
const ROOT = path.join(__dirname, 'uploads');
import { basename } from 'path';
app.get('/f', (req, res) => fs.createReadStream(path.join(ROOT, basename(req.params.file))).pipe(res));` },
    { name: 'resolve then startsWith(ROOT)', code: `import express from 'express';
const app = express();
import fs from 'node:fs';
import path from 'node:path';
const ROOT = path.join(__dirname, 'uploads');
app.get('/f', async (req, res) => {
  const file = path.resolve(ROOT, req.query.name);
  if (!file.startsWith(ROOT + path.sep)) return res.sendStatus(403);
  res.send(await fs.promises.readFile(file));
});` },
    { name: 'strict regex guard', code: `import express from 'express';
const app = express();
import fs from 'node:fs';
import path from 'node:path';
const ROOT = path.join(__dirname, 'uploads');
app.get('/f/:name', (req, res) => {
  const { name } = req.params;
  if (!/^[\\w-]+\\.pdf$/.test(name)) throw new Error('bad name');
  fs.unlinkSync(path.join(ROOT, name));
  res.sendStatus(204);
});` },
    { name: 'allowlist', code: `import express from 'express';
const app = express();
import fs from 'node:fs';
import path from 'node:path';
const ROOT = path.join(__dirname, 'uploads');
const FILES = ['terms.txt', 'privacy.txt'];
app.get('/doc', (req, res) => {
  if (!FILES.includes(req.query.doc)) return res.sendStatus(404);
  res.send(fs.readFileSync(path.join(ROOT, req.query.doc)));
});` },
    { name: '\'..\' rejected', code: `import express from 'express';
const app = express();
import fs from 'node:fs';
import path from 'node:path';
const ROOT = path.join(__dirname, 'uploads');
app.get('/f', (req, res) => {
  const name = String(req.query.name);
  if (name.includes('..')) return res.sendStatus(400);
  fs.readFile(path.join(ROOT, name), (err, data) => res.send(data));
});` },
    { name: 'sendFile with a root option', code: `import express from 'express';
const app = express();
import fs from 'node:fs';
import path from 'node:path';
const ROOT = path.join(__dirname, 'uploads');
app.get('/f/:name', (req, res) => res.sendFile(req.params.name, { root: ROOT }));` },
    { name: 'look-alike: readFile of a non-fs object', code: `import express from 'express';
const app = express();
import fs from 'node:fs';
import path from 'node:path';
const ROOT = path.join(__dirname, 'uploads');
const cache = { readFile: (key: string) => key };
app.get('/f', (req, res) => res.send(cache.readFile(req.query.key)));` },
    { name: 'request input in the file contents, not the path', code: `import express from 'express';
const app = express();
import fs from 'node:fs';
import path from 'node:path';
const ROOT = path.join(__dirname, 'uploads');
app.post('/notes', (req, res) => { fs.writeFileSync(path.join(ROOT, 'notes.txt'), req.body.text); res.sendStatus(201); });` },
  ],
  invalid: [
    {
      name: 'stays reported: digits stripped (the rest kept), or a shorthand replaced once without the g flag',
      code: `import express from 'express'; import fs from 'node:fs';
const app = express();
app.get('/f', (req, res) => { fs.readFileSync('/data/' + String(req.query.n).replace(/\\d/g, '')); fs.readFileSync('/data/' + String(req.query.m).replace(/\\D/, '')); });`,
      errors: [
        { messageId: 'pathTraversal', line: 3, data: { source: '`req.query.n`', sourceLine: 3, sink: 'fs.readFileSync', sinkLine: 3, via: '' } },
        { messageId: 'pathTraversal', line: 3, data: { source: '`req.query.m`', sourceLine: 3, sink: 'fs.readFileSync', sinkLine: 3, via: '' } },
      ],
    },
    {
      name: 'standard base64 keeps `/`, and a string\'s toString ignores the encoding',
      code: `import express from 'express'; import fs from 'node:fs';
const app = express();
app.get('/f', (req, res) => { fs.readFileSync('/cache/' + Buffer.from(req.query.n).toString('base64')); fs.readFileSync('/cache/' + String(req.query.m).toString('hex')); });`,
      errors: [
        { messageId: 'pathTraversal', line: 3, data: { source: '`req.query.n`', sourceLine: 3, sink: 'fs.readFileSync', sinkLine: 3, via: '' } },
        { messageId: 'pathTraversal', line: 3, data: { source: '`req.query.m`', sourceLine: 3, sink: 'fs.readFileSync', sinkLine: 3, via: '' } },
      ],
    },
    {
      name: 'stripping that keeps dots',
      code: `import express from 'express'; import fs from 'node:fs';
const app = express();
app.get('/f', (req, res) => res.send(fs.readFileSync(String(req.query.n).replace(/[^\\w.-]/g, ''))));`,
      errors: [{ messageId: 'pathTraversal', line: 3, column: 54, endColumn: 97, data: { source: '`req.query.n`', sourceLine: 3, sink: 'fs.readFileSync', sinkLine: 3, via: '' }, suggestions: [] }],
    },
    {
      name: 'readFile of path.join with a route parameter',
      code: `import express from 'express';
const app = express();
import fs from 'node:fs';
import path from 'node:path';
const ROOT = path.join(__dirname, 'uploads');
app.get('/f/:name', (req, res) => res.send(fs.readFileSync(path.join(ROOT, req.params.name))));`,
      errors: [
        { messageId: 'pathTraversal', line: 6, column: 76, endColumn: 91, data: { source: '`req.params.name`', sourceLine: 6, sink: 'fs.readFileSync', sinkLine: 6, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'fs/promises and streams',
      code: `import express from 'express';
const app = express();
import fs from 'node:fs';
import path from 'node:path';
const ROOT = path.join(__dirname, 'uploads');
import { readFile, writeFile, rm } from 'node:fs/promises';
app.post('/f', async (req, res) => {
  const { name } = req.body;
  await writeFile(\`\${ROOT}/\${name}\`, 'x');
  await rm(name);
  fs.createWriteStream(path.resolve(ROOT, name));
  res.send(await readFile(req.query.src));
});`,
      errors: [
        { messageId: 'pathTraversal', line: 9, column: 30, endColumn: 34, data: { source: '`req.body.name`', sourceLine: 8, sink: 'writeFile', sinkLine: 9, via: '' }, suggestions: [] },
        { messageId: 'pathTraversal', line: 10, column: 12, endColumn: 16, data: { source: '`req.body.name`', sourceLine: 8, sink: 'rm', sinkLine: 10, via: '' }, suggestions: [] },
        { messageId: 'pathTraversal', line: 11, column: 43, endColumn: 47, data: { source: '`req.body.name`', sourceLine: 8, sink: 'fs.createWriteStream', sinkLine: 11, via: '' }, suggestions: [] },
        { messageId: 'pathTraversal', line: 12, column: 27, endColumn: 40, data: { source: '`req.query.src`', sourceLine: 12, sink: 'readFile', sinkLine: 12, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'copyFile destination',
      code: `import express from 'express';
const app = express();
import fs from 'node:fs';
import path from 'node:path';
const ROOT = path.join(__dirname, 'uploads');
app.post('/copy', (req, res) => { fs.copyFileSync(path.join(ROOT, 'a.txt'), req.body.to); res.end(); });`,
      errors: [
        { messageId: 'pathTraversal', line: 6, column: 77, endColumn: 88, data: { source: '`req.body.to`', sourceLine: 6, sink: 'fs.copyFileSync', sinkLine: 6, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'sendFile and download without root',
      code: `import express from 'express';
const app = express();
import fs from 'node:fs';
import path from 'node:path';
const ROOT = path.join(__dirname, 'uploads');
app.get('/f', (req, res) => {
  if (req.query.dl) return res.download(path.join(ROOT, req.query.file));
  res.sendFile(req.query.file);
});`,
      errors: [
        { messageId: 'pathTraversal', line: 7, column: 57, endColumn: 71, data: { source: '`req.query.file`', sourceLine: 7, sink: 'res.download', sinkLine: 7, via: '' }, suggestions: [] },
        { messageId: 'pathTraversal', line: 8, column: 16, endColumn: 30, data: { source: '`req.query.file`', sourceLine: 8, sink: 'res.sendFile', sinkLine: 8, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'startsWith on an unresolved path',
      code: `import express from 'express';
const app = express();
import fs from 'node:fs';
import path from 'node:path';
const ROOT = path.join(__dirname, 'uploads');
app.get('/f', (req, res) => {
  const file = req.query.file;
  if (!file.startsWith('/srv/files')) return res.sendStatus(403);
  res.send(fs.readFileSync(file));
});`,
      errors: [
        { messageId: 'pathTraversal', line: 9, column: 28, endColumn: 32, data: { source: '`req.query.file`', sourceLine: 7, sink: 'fs.readFileSync', sinkLine: 9, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'through a local helper',
      code: `import express from 'express';
const app = express();
import fs from 'node:fs';
import path from 'node:path';
const ROOT = path.join(__dirname, 'uploads');
function load(name: string) {
  return fs.readFileSync(path.join(ROOT, name), 'utf8');
}
app.get('/t/:name', (req, res) => res.send(load(req.params.name)));`,
      errors: [
        { messageId: 'pathTraversal', line: 7, column: 42, endColumn: 46, data: { source: '`req.params.name`', sourceLine: 9, sink: 'fs.readFileSync', sinkLine: 7, via: ' through `load` (called on line 9 by the handler of GET /t/:name)' }, suggestions: [] },
      ],
    },
    {
      name: 'Koa',
      code: `import Koa from 'koa';
import Router from '@koa/router';
import fs from 'node:fs';
const app = new Koa();
const router = new Router();
router.get('/f', (ctx) => {
  ctx.body = fs.createReadStream(\`./public/\${ctx.query.file}\`);
});
app.use(router.routes());`,
      errors: [
        { messageId: 'pathTraversal', line: 7, column: 46, endColumn: 60, data: { source: '`ctx.query.file`', sourceLine: 7, sink: 'fs.createReadStream', sinkLine: 7, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Fastify',
      code: `import Fastify from 'fastify';
import { readFile } from 'node:fs/promises';
const app = Fastify();
app.get('/f', async (request) => readFile(request.query.path, 'utf8'));`,
      errors: [
        { messageId: 'pathTraversal', line: 4, column: 43, endColumn: 61, data: { source: '`request.query.path`', sourceLine: 4, sink: 'readFile', sinkLine: 4, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Hono',
      code: `import { Hono } from 'hono';
import { readFileSync } from 'node:fs';
const app = new Hono();
app.get('/f', (c) => c.text(readFileSync(c.req.query('name') ?? '', 'utf8')));`,
      errors: [
        { messageId: 'pathTraversal', line: 4, column: 42, endColumn: 67, data: { source: '`c.req.query(\'name\')`', sourceLine: 4, sink: 'readFileSync', sinkLine: 4, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Nest @Query()',
      code: `import { Controller, Get, Query } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
@Controller('files')
export class FilesController {
  @Get()
  read(@Query('name') name: string) {
    return readFile(\`/srv/files/\${name}\`, 'utf8');
  }
}`,
      errors: [
        { messageId: 'pathTraversal', line: 7, column: 35, endColumn: 39, data: { source: '`@Query(\'name\') name`', sourceLine: 6, sink: 'readFile', sinkLine: 7, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Next.js app route', filename: "app/api/files/route.ts",
      code: `import { readFile } from 'node:fs/promises';
export async function GET(request: Request) {
  const name = new URL(request.url).searchParams.get('name') ?? '';
  return new Response(await readFile(name));
}`,
      errors: [
        { messageId: 'pathTraversal', line: 4, column: 38, endColumn: 42, data: { source: '`searchParams.get(\'name\')`', sourceLine: 3, sink: 'readFile', sinkLine: 4, via: '' }, suggestions: [] },
      ],
    },
  ],
});
