import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A service module that exports an object of its functions as its default (`export default {
 * readFile }`, compiled to `exports.default = { readFile }` or Babel's `exports["default"] =
 * _default` after `exports["default"] = void 0`), called as `watcher.readFile(…)`,
 * `watcher_1.default.readFile(…)` or `_watcher["default"].readFile(…)` through an interop helper, also
 * when the export is assigned in a chain (`var _default = exports["default"] = { … }`):
 * request input given to the method reaches its sinks, reported where the sink is, naming the route.
 */

const rules = { 'api-security/no-path-traversal': 'error' } as const;

describe('methods of a default-exported object', () => {
  const dir = writeProject(
    {
      'src/files.js': `import fs from 'fs';
import path from 'path';
const readNote = (name, callback) => fs.readFile(path.join('/srv/notes', name), 'utf8', callback);
const readAvatar = (name, callback) => fs.readFile(path.join('/srv/avatars', path.basename(name)), callback);
export default { readNote, readAvatar };
`,
      'src/app.js': `import express from 'express';
import files from './files.js';
const app = express();
app.get('/notes', (req, res) => files.readNote(req.query.name, (err, text) => res.type('text').send(text)));
app.get('/avatars', (req, res) => files.readAvatar(req.query.name, (err, data) => res.type('png').send(data)));
app.listen(3000);
`,
      'lib/store.js': `const fs = require('fs');
const load = (name) => fs.readFileSync('/var/data/' + name, 'utf8');
exports.default = { load };
`,
      'lib/server.js': `const express = require('express');
const store_1 = require('./store');
const app = express();
app.get('/load', (req, res) => res.send(store_1.default.load(req.query.key)));
app.listen(3000);
`,
      'build-src/services/watcher.js': `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports["default"] = void 0;
var _fs = _interopRequireDefault(require("fs"));
var _path = _interopRequireDefault(require("path"));
function _interopRequireDefault(obj) { return obj && obj.__esModule ? obj : { "default": obj }; }
var readFile = function readFile(file, callback) {
  _fs["default"].readFile(_path["default"].join('/srv/watch', file), 'utf8', callback);
};
var _default = { readFile: readFile };
exports["default"] = _default;
`,
      'build-src/api/watch.js': `"use strict";
var _express = _interopRequireDefault(require("express"));
var _watcher = _interopRequireDefault(require("../services/watcher"));
function _interopRequireDefault(obj) { return obj && obj.__esModule ? obj : { "default": obj }; }
var app = (0, _express["default"])();
app.post('/api/watch/file', function (req, res) {
  _watcher["default"].readFile(req.body.file || req.query.file, function (err, data) { res.send({ data: data }); });
});
app.listen(8000);
`,
      'chained/services/monitor.js': `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports["default"] = void 0;
var _fs = _interopRequireDefault(require("fs"));
function _interopRequireDefault(e) { return e && e.__esModule ? e : { "default": e }; }
var readFile = function readFile(file, callback) {
  _fs["default"].readFile('/srv/monitor/' + file, 'utf8', callback);
};
var _default = exports["default"] = { readFile: readFile };
`,
      'chained/api/monitor.js': `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readFile = exports.status = void 0;
var _monitor = _interopRequireDefault(require("../services/monitor"));
function _interopRequireDefault(e) { return e && e.__esModule ? e : { "default": e }; }
var readFile = exports.readFile = function readFile(req, res) {
  _monitor["default"].readFile(req.query.file || '', function (err, data) { res.send({ data: data }); });
};
`,
    },
    { name: 'service-objects', type: 'module' },
  );

  it('ESM: reports the method given the query, not the one that keeps only the base name', async () => {
    const messages = await lintProjectFile(dir, 'src/files.js', rules);
    expect(messages.map((message) => message.line)).toEqual([3]);
    expect(messages[0]?.message).toContain('GET /notes');
  });

  it('compiled TypeScript: exports.default = { load } called as store_1.default.load', async () => {
    expect((await lintProjectFile(dir, 'lib/store.js', rules)).map((message) => message.line)).toEqual([2]);
  });

  it('newer Babel: the export assigned in a chained declaration (var _default = exports["default"] = { … })', async () => {
    expect((await lintProjectFile(dir, 'chained/services/monitor.js', rules)).map((message) => message.line)).toEqual([7]);
  });

  it('Babel: exports["default"] through _interopRequireDefault and _watcher["default"]', async () => {
    const messages = await lintProjectFile(dir, 'build-src/services/watcher.js', rules);
    expect(messages.map((message) => message.line)).toEqual([8]);
    expect(messages[0]?.message).toContain('POST /api/watch/file');
  });
});
