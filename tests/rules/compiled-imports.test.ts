import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import commandRule from '../../src/rules/no-command-injection.js';
import pathRule from '../../src/rules/no-path-traversal.js';
import ssrfRule from '../../src/rules/no-ssrf.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * CommonJS emitted by compilers imports modules through interop helpers (`__importDefault(require('fs'))`
 * read as `fs_1.default`, Babel's `_interopRequireDefault`, `tslib_1.__importStar`) and calls
 * imported functions as `(0, promises_1.readFile)(name)`. Both are the module and the function the
 * source imported, for the sinks of packages and for functions of other project files. A sequence
 * whose first expressions do something (`(log(), fs.readFile)`) is not read through.
 */

const ruleTester = new RuleTester();

const tscPrelude = `"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const express_1 = __importDefault(require("express"));
const app = (0, express_1.default)();
`;

ruleTester.run('no-path-traversal (compiled imports)', pathRule, {
  valid: [
    {
      name: 'a named import called the compiled way with a fixed path',
      code: `${tscPrelude}const promises_1 = require("fs/promises");
app.get('/terms', async (req, res) => {
    res.type('text').send(await (0, promises_1.readFile)('/srv/legal/terms.txt', 'utf8'));
});`,
    },
  ],
  invalid: [
    {
      name: 'a default import read through __importDefault',
      code: `${tscPrelude}const fs_1 = __importDefault(require("fs"));
app.get('/logs', (req, res) => {
    fs_1.default.readFile(req.query.file, 'utf8', (err, text) => res.send(text));
});`,
      errors: [{ messageId: 'pathTraversal', line: 10 }],
    },
    {
      name: 'a named import called as (0, mod.fn)(…)',
      code: `${tscPrelude}const promises_1 = require("fs/promises");
app.get('/logs', async (req, res) => {
    res.send(await (0, promises_1.readFile)(req.query.file, 'utf8'));
});`,
      errors: [{ messageId: 'pathTraversal', line: 10 }],
    },
    {
      name: "Babel's interop helper and a computed default",
      code: `"use strict";
var _express = _interopRequireDefault(require("express"));
var _fs = _interopRequireDefault(require("fs"));
function _interopRequireDefault(obj) { return obj && obj.__esModule ? obj : { default: obj }; }
const app = (0, _express.default)();
app.get('/logs', (req, res) => {
  _fs["default"].createReadStream(req.query.file).pipe(res);
});`,
      errors: [{ messageId: 'pathTraversal', line: 7 }],
    },
  ],
});

ruleTester.run('no-command-injection (compiled imports)', commandRule, {
  valid: [
    {
      name: 'a sequence that does work first is not read through',
      code: `"use strict";
const express = require("express");
const child_process_1 = require("child_process");
const app = express();
const audit = { run: (cmd) => cmd };
app.post('/ping', (req, res) => {
  (audit.run(req.body.host), child_process_1).exec;
  res.end();
});`,
    },
  ],
  invalid: [
    {
      name: 'tslib.__importStar around child_process',
      code: `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const tslib_1 = require("tslib");
const express_1 = tslib_1.__importDefault(require("express"));
const cp = tslib_1.__importStar(require("child_process"));
const app = (0, express_1.default)();
app.post('/ping', (req, res) => {
    cp.exec('ping -c 1 ' + req.body.host, (err, out) => res.send(out));
});`,
      errors: [{ messageId: 'commandInjection', line: 8 }],
    },
  ],
});

describe('functions of another compiled project file', () => {
  const dir = writeProject(
    {
      'lib/files.js': `"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.fetchAvatar = fetchAvatar;
const axios_1 = __importDefault(require("axios"));
async function fetchAvatar(url) {
    const response = await axios_1.default.get(url, { responseType: 'arraybuffer' });
    return response.data;
}
`,
      'lib/server.js': `"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const express_1 = __importDefault(require("express"));
const files_1 = require("./files");
const app = (0, express_1.default)();
app.use(express_1.default.json());
app.post('/profile/avatar', async (req, res) => {
    const data = await (0, files_1.fetchAvatar)(req.body.avatarUrl);
    res.type('image/png').send(data);
});
app.listen(3000);
`,
    },
    { name: 'compiled-app' },
  );

  it('follows (0, files_1.fetchAvatar)(…) into the other file and reports the request there', async () => {
    const messages = await lintProjectFile(dir, 'lib/files.js', { 'api-security/no-ssrf': 'error' });
    expect(messages.map((message) => [message.line, message.messageId])).toEqual([[9, 'ssrf']]);
  });
});

ruleTester.run('no-ssrf (compiled imports, one file)', ssrfRule, {
  valid: [],
  invalid: [
    {
      name: 'axios default read through __importDefault',
      code: `${tscPrelude}const axios_1 = __importDefault(require("axios"));
app.get('/preview', async (req, res) => {
    const page = await axios_1.default.get(req.query.url);
    res.json({ length: page.data.length });
});`,
      errors: [{ messageId: 'ssrf', line: 10 }],
    },
  ],
});
