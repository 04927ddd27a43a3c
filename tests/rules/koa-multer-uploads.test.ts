import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-path-traversal.js';

/*
 * @koa/multer hands a Koa handler multer's file objects on the context (`ctx.file`, `ctx.files`)
 * and on its request (`ctx.request.file`, `ctx.request.files`): the client's name for the file
 * (`originalname`) is request input, the place multer stored it (`path`) is the server's.
 */

const ruleTester = new RuleTester();

const header = `import Router from '@koa/router';
import multer from '@koa/multer';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
const upload = multer({ dest: '/srv/tmp' });
const router = new Router();
`;

ruleTester.run('no-path-traversal koa-multer', rule, {
  valid: [
    {
      name: 'stored under a name the server makes, keeping only the extension',
      code: `${header}router.post('/scans', upload.single('scan'), async (ctx) => {
  const scan = ctx.file;
  fs.renameSync(scan.path, path.join('/srv/scans', randomUUID() + path.extname(scan.originalname).toLowerCase()));
  ctx.body = { ok: true };
});
`,
    },
    {
      name: 'moved from where multer stored it, under the name multer chose',
      code: `${header}router.post('/scans', upload.single('scan'), async (ctx) => {
  fs.renameSync(ctx.request.file.path, path.join('/srv/scans', ctx.request.file.filename));
  ctx.body = { ok: true };
});
`,
    },
  ],
  invalid: [
    {
      name: 'ctx.file.originalname in the destination path',
      code: `${header}router.post('/scans', upload.single('scan'), async (ctx) => {
  const scan = ctx.file;
  const target = path.join('/srv/scans', scan.originalname);
  fs.renameSync(scan.path, target);
  ctx.body = { ok: true };
});
`,
      errors: [{ messageId: 'pathTraversal', line: 11 }],
    },
    {
      name: 'ctx.request.file.originalname written to',
      code: `${header}router.post('/scans', upload.single('scan'), async (ctx) => {
  fs.writeFileSync('/srv/scans/' + ctx.request.file.originalname, ctx.request.file.buffer);
  ctx.body = { ok: true };
});
`,
      errors: [{ messageId: 'pathTraversal', line: 9 }],
    },
    {
      name: 'each of ctx.files moved under its own name',
      code: `${header}router.post('/scans', upload.array('scans'), async (ctx) => {
  for (const scan of ctx.files) fs.renameSync(scan.path, path.join('/srv/scans', scan.originalname));
  ctx.body = { ok: true };
});
`,
      errors: [{ messageId: 'pathTraversal', line: 9 }],
    },
  ],
});
