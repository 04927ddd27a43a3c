import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-path-traversal.js';

/*
 * An uploaded file's stored location is chosen by the upload middleware (multer's `path`,
 * `destination` and `filename`, express-fileupload's `tempFilePath`, formidable's `filepath`),
 * not by the client; the name the client gave the file (`originalname`) is input.
 */

const ruleTester = new RuleTester();

const app = `import express from 'express';
import fs from 'node:fs';
import path from 'node:path';
import multer from 'multer';
const upload = multer({ dest: '/var/uploads' });
const app = express();
`;

ruleTester.run('no-path-traversal: upload members', rule, {
  valid: [
    { name: 'multer stored path', code: `${app}app.post('/a', upload.single('f'), (req, res) => { fs.unlink(req.file.path, () => res.end()); });` },
    { name: 'multer array of files', code: `${app}app.post('/a', upload.array('f'), (req, res) => { fs.readFile(req.files[0].path, () => res.end()); });` },
    { name: 'multer fields', code: `${app}app.post('/a', upload.fields([{ name: 'avatar' }]), (req, res) => { fs.readFile(req.files.avatar[0].path, () => res.end()); });` },
    { name: 'stored name joined to the upload directory', code: `${app}app.post('/a', upload.single('f'), (req, res) => { fs.rename(path.join('/var/uploads', req.file.filename), '/var/done/x', () => res.end()); });` },
    {
      name: 'a helper given the whole file reads its stored path',
      code: `${app}function discard(file) { fs.unlink(file.path, () => {}); }
app.post('/a', upload.single('f'), (req, res) => { discard(req.file); res.end(); });`,
    },
    { name: 'express-fileupload temporary file', code: `${app}app.post('/a', (req, res) => { fs.unlink(req.files.doc.tempFilePath, () => res.end()); });` },
  ],
  invalid: [
    {
      name: 'the name the client gave the file',
      code: `${app}app.post('/a', upload.single('f'), (req, res) => { fs.writeFile(path.join('/var/uploads', req.file.originalname), '', () => res.end()); });`,
      errors: [{ messageId: 'pathTraversal', line: 7, data: { source: '`req.file.originalname`', sourceLine: 7, sink: 'fs.writeFile', sinkLine: 7, via: '' }, suggestions: [] }],
    },
    {
      name: 'a helper given the whole file reads the client name',
      code: `${app}function keep(file) { fs.writeFile(path.join('/var/uploads', file.originalname), '', () => {}); }
app.post('/a', upload.single('f'), (req, res) => { keep(req.file); res.end(); });`,
      errors: [{ messageId: 'pathTraversal', line: 7 }],
    },
  ],
});
