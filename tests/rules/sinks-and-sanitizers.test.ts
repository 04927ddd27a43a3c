import { RuleTester } from '@typescript-eslint/rule-tester';
import { marked } from '../helpers/marked.js';
import codeInjection from '../../src/rules/no-code-injection.js';
import commandInjection from '../../src/rules/no-command-injection.js';
import nosqlInjection from '../../src/rules/no-nosql-injection.js';
import openRedirect from '../../src/rules/no-open-redirect.js';
import pathTraversal from '../../src/rules/no-path-traversal.js';
import reflectedXss from '../../src/rules/no-reflected-xss.js';
import sqlInjection from '../../src/rules/no-sql-injection.js';
import ssrf from '../../src/rules/no-ssrf.js';

// The sinks, sanitizers and guards of issue 12 (item 3 and 4), each with a safe look-alike.
// `«...»` marks the span each finding is reported on.

const ruleTester = new RuleTester();
const APP = `import express from 'express';\nconst app = express();`;

function invalid<M extends string>(name: string, text: string, messageId: M): { name: string; code: string; errors: { messageId: M; line: number; column: number; endColumn: number }[] } {
  const { code, spans } = marked(`${APP}\n${text}`);
  return { name, code, errors: spans.map((span) => ({ messageId, ...span })) };
}
function valid(name: string, text: string): { name: string; code: string } {
  return { name, code: `${APP}\n${text}` };
}

ruleTester.run('no-command-injection: spawners', commandInjection, {
  valid: [
    valid('execa tagged template: each interpolation is one argument', `import { $, execa } from 'execa';
app.get('/a', async (req, res) => { await $\`ls \${req.query.d}\`; await execa\`ls \${req.query.d}\`; });`),
    valid('execa bound without a shell', `import { $ } from 'execa';
app.get('/a', async (req, res) => { await $({ cwd: '/tmp', shell: false })\`ls \${req.query.d}\`; });`),
    valid('zx quotes every interpolation', `import { $ } from 'zx';
app.get('/a', async (req, res) => { await $\`ls \${req.query.d}\`; });`),
    valid('execa argv without a shell', `import { execa } from 'execa';
app.get('/a', async (req, res) => { await execa('ls', [req.query.d]); });`),
    valid('promisify of something that is not a spawner', `import { promisify } from 'util';
import { readFile } from 'fs';
const exec = promisify(readFile);
app.get('/a', async (req, res) => { await exec('/etc/motd'); });`),
    valid('validator.isAlphanumeric guard', `import validator from 'validator';
import { exec } from 'child_process';
app.get('/a', (req, res) => { const n = req.query.n; if (!validator.isAlphanumeric(n)) return res.sendStatus(400); exec('ls ' + n); });`),
    valid('membership in a constant Set of literals', `import { exec } from 'child_process';
const TOOLS = new Set(['uptime', 'df']);
app.get('/a', (req, res) => { const t = req.query.t; if (TOOLS.has(t)) exec(t); });`),
  ],
  invalid: [
    invalid('util.promisify(exec)', `import util from 'util';
import { exec } from 'child_process';
const run = util.promisify(exec);
app.get('/a', async (req, res) => { await run('ls ' + «req.query.d»); });`, 'commandInjection'),
    invalid('promisify of a member, node:util', `import { promisify } from 'node:util';
import cp from 'child_process';
const execP = promisify(cp.exec);
app.get('/a', async (req, res) => { await execP('ls ' + «req.query.d»); });`, 'commandInjection'),
    invalid('const alias and destructured require', `const { exec } = require('child_process');
const run = exec;
app.get('/a', (req, res) => { run('ls ' + «req.query.d»); });`, 'commandInjection'),
    invalid('execa $ bound with shell: true', `import { $ } from 'execa';
app.get('/a', async (req, res) => { await $({ shell: true })\`ls \${«req.query.d»}\`; });`, 'commandInjection'),
    invalid('execa $ called as a function with a shell', `import { $ } from 'execa';
app.get('/a', async (req, res) => { await $('ls', [«req.query.d»], { shell: true }); });`, 'commandInjection'),
    invalid('execa with a string command and shell: true', `import { execa } from 'execa';
app.get('/a', async (req, res) => { await execa('ls ' + «req.query.d», { shell: true }); });`, 'commandInjection'),
    invalid('shelljs exec, required', `const shell = require('shelljs');
app.get('/a', (req, res) => { shell.exec('ls ' + «req.query.d»); });`, 'commandInjection'),
    invalid('validator.isURL does not make a value safe for a shell', `import validator from 'validator';
import { exec } from 'child_process';
app.get('/a', (req, res) => { const n = req.query.n; if (!validator.isURL(n)) return res.sendStatus(400); exec('curl ' + «n»); });`, 'commandInjection'),
    invalid('includes on a list filled at run time', `import { exec } from 'child_process';
const tools = ['uptime'];
app.post('/t', (req, res) => { tools.push(req.body.t); });
app.get('/a', (req, res) => { const t = req.query.t; if (tools.includes(t)) exec(«t»); });`, 'commandInjection'),
    invalid('includes on a list from the request', `import { exec } from 'child_process';
app.get('/a', (req, res) => { const t = req.query.t; if (req.query.all.includes(t)) exec(«t»); });`, 'commandInjection'),
    invalid('escape-html clears only HTML', `import escapeHtml from 'escape-html';
import { exec } from 'child_process';
app.get('/a', (req, res) => { exec('echo ' + «escapeHtml(req.query.d)»); });`, 'commandInjection'),
  ],
});

ruleTester.run('no-code-injection: template engines, vm, modules, render options', codeInjection, {
  valid: [
    valid('ejs given a fixed template and request data', `import ejs from 'ejs';
app.get('/a', (req, res) => { res.json(ejs.render('<p><%= name %></p>', { name: req.query.n })); });`),
    valid('a render that is not a template engine', `import { render } from './mailer';
const local = { render: (text: string) => text.length };
app.get('/a', (req, res) => { res.json([render(req.query.t), local.render(req.query.t)]); });`),
    valid('res.render with fields picked from the request', `app.get('/a', (req, res) => { res.render('page', { name: req.query.name }); });`),
    valid('res.render of a view the server chose', `app.get('/a', (req, res) => { res.render('page'); });`),
    valid('vm sandbox whose code only reads the value as data', `import vm from 'vm';
app.get('/a', (req, res) => { res.json(vm.runInNewContext('input.length', { input: req.query.e })); });`),
    valid('require of a fixed module', `app.get('/a', (req, res) => { res.json(require('./plugins/base')); });`),
    valid('import() of a module chosen from a constant table', `const PLUGINS = { a: './a.js', b: './b.js' } as const;
app.get('/a', async (req, res) => { res.json(await import(PLUGINS[req.query.p === 'a' ? 'a' : 'b'])); });`),
    valid('koa-views ctx.render with chosen locals', `import Router from '@koa/router';
const router = new Router();
router.get('/gallery', async (ctx) => { await ctx.render('gallery', { page: Number(ctx.query.page) || 1 }); });`),
  ],
  invalid: [
    invalid('pug compile and render', `import pug from 'pug';
app.get('/a', (req, res) => { res.json([pug.compile(«req.query.t»)(), pug.render('p ' + «req.query.u»)]); });`, 'codeInjection'),
    invalid('ejs render', `import ejs from 'ejs';
app.get('/a', (req, res) => { res.json(ejs.render(«req.body.tpl», {})); });`, 'codeInjection'),
    invalid('handlebars compile', `import Handlebars from 'handlebars';
app.get('/a', (req, res) => { res.json(Handlebars.compile(«req.query.t»)({})); });`, 'codeInjection'),
    invalid('nunjucks renderString, module and environment', `import nunjucks from 'nunjucks';
const env = new nunjucks.Environment();
app.get('/a', (req, res) => { res.json([nunjucks.renderString(«req.query.t», {}), env.renderString(«req.query.u», {})]); });`, 'codeInjection'),
    invalid('lodash template', `import _ from 'lodash';
app.get('/a', (req, res) => { res.json(_.template(«req.query.t»)({})); });`, 'codeInjection'),
    invalid('vm run functions and Script', `import vm from 'node:vm';
app.get('/a', (req, res) => { vm.runInNewContext(«req.query.e»); new vm.Script(«req.query.f»); });`, 'codeInjection'),
    invalid('vm2 VM and NodeVM', `import { VM, NodeVM } from 'vm2';
const box = new NodeVM();
app.get('/a', (req, res) => { res.json([new VM().run(«req.query.e»), box.run(«req.query.f»)]); });`, 'codeInjection'),
    invalid('input placed in a vm context that the code evaluates', `import vm from 'vm';
app.get('/a', (req, res) => { const sandbox = { input: «req.query.e» }; vm.createContext(sandbox); vm.runInContext('eval(input)', sandbox); });`, 'codeInjection'),
    invalid('require and import() of a request-chosen module', `app.get('/a', async (req, res) => { require(«req.query.m»); await import(\`./plugins/\${«req.query.n»}\`); });`, 'codeInjection'),
    invalid('res.render with the options taken whole from the request', `app.get('/a', (req, res) => { res.render('page', «req.query»); res.render('other', { ...«req.body» }); });`, 'templateOptions'),
    invalid('koa-views ctx.render with the locals taken whole from the request', `import Router from '@koa/router';
const router = new Router();
router.get('/gallery', async (ctx) => { await ctx.render('gallery', «ctx.query»); });`, 'templateOptions'),
  ],
});

ruleTester.run('no-ssrf: clients', ssrf, {
  valid: [
    valid('exact match against a constant list of URLs', `import axios from 'axios';
const ALLOWED = ['https://a.example.com/x', 'https://b.example.com/y'];
app.get('/a', async (req, res) => { const u = req.query.u; if (!ALLOWED.includes(u)) return res.sendStatus(400); await axios.get(u); });`),
    valid('wreck to a fixed URL', `import Wreck from '@hapi/wreck';
app.get('/a', async (req, res) => { await Wreck.get('https://api.example.com/status'); });`),
  ],
  invalid: [
    invalid('@hapi/wreck get, request and defaults', `import Wreck from '@hapi/wreck';
const client = Wreck.defaults({ headers: {} });
app.get('/a', async (req, res) => { await Wreck.get(«req.query.u»); await Wreck.request('GET', «req.query.v»); await client.get(«req.query.w»); });`, 'ssrf'),
    invalid('needle, superagent, got, undici, node-fetch', `import needle from 'needle';
import superagent from 'superagent';
import got from 'got';
import { request, Pool } from 'undici';
import fetch from 'node-fetch';
app.get('/a', async (req, res) => {
  await needle('get', «req.query.a»); await superagent.get(«req.query.b»); await got(«req.query.c»);
  await request(«req.query.d»); new Pool(«req.query.e»); await fetch(«req.query.f»);
});`, 'ssrf'),
    invalid('http(s).get and request options', `const https = require('https');
import http from 'node:http';
app.get('/a', (req, res) => { https.get(«req.query.u», (r) => r.pipe(res)); http.request({ host: «req.query.h», path: '/' }).end(); });`, 'ssrf'),
    invalid('startsWith(https://) alone allows any https host', `import axios from 'axios';
app.get('/a', async (req, res) => { const u = req.query.u; if (!u.startsWith('https://')) return res.sendStatus(400); await axios.get(«u»); });`, 'ssrf'),
    invalid('a substring test is not an allow-list', `import axios from 'axios';
const allowed = ['example.com', 'api.example.org'];
app.get('/a', async (req, res) => { const u = req.query.u; if (!allowed.some((d) => u.includes(d))) return res.sendStatus(400); await axios.get(«u»); });`, 'ssrf'),
  ],
});

ruleTester.run('no-open-redirect: allow-lists', openRedirect, {
  valid: [
    valid('membership in a constant Set', `const OK = new Set(['/home', '/profile']);
app.get('/a', (req, res) => { const u = req.query.u; if (OK.has(u)) res.redirect(u); else res.redirect('/'); });`),
    valid('membership in a frozen constant object property', `const CONFIG = Object.freeze({ targets: ['/home', '/docs'] });
app.get('/a', (req, res) => { const u = req.query.u; if (!CONFIG.targets.includes(u)) return res.redirect('/'); res.redirect(u); });`),
  ],
  invalid: [
    invalid('a substring test before a redirect', `const allowed = ['example.com'];
app.get('/a', (req, res) => { const u = req.query.u; if (allowed.some((d) => u.includes(d))) return res.redirect(«u»); res.sendStatus(400); });`, 'openRedirect'),
    invalid('includes on a list the request can extend', `const ok: string[] = [];
app.post('/add', (req, res) => { ok.push(req.body.u); });
app.get('/a', (req, res) => { const u = req.query.u; if (ok.includes(u)) res.redirect(«u»); else res.redirect('/'); });`, 'openRedirect'),
  ],
});

ruleTester.run('no-path-traversal: fs functions and containment', pathTraversal, {
  valid: [
    valid('path.basename under a fixed directory', `import fs from 'fs';
import path from 'path';
app.get('/a', (req, res) => { fs.readFile(path.join('/srv/files', path.basename(req.query.f)), () => {}); });`),
    valid('resolve, then startsWith(root)', `import fs from 'fs';
import path from 'path';
const root = path.resolve('/srv/files');
app.get('/a', (req, res) => { const p = path.resolve(root, req.query.f); if (!p.startsWith(root + path.sep)) return res.sendStatus(403); fs.readFile(p, () => {}); });`),
    valid('fs functions that take a descriptor, not a path', `import fs from 'fs';
app.get('/a', (req, res) => { fs.fstat(Number(req.query.fd), () => {}); fs.close(3, () => {}); });`),
  ],
  invalid: [
    invalid('resolve without a containment check', `import fs from 'fs';
import path from 'path';
const root = path.resolve('/srv/files');
app.get('/a', (req, res) => { const p = path.resolve(root, req.query.f); fs.readFile(«p», () => {}); });`, 'pathTraversal'),
    invalid('startsWith on the raw input, not the resolved path', `import fs from 'fs';
app.get('/a', (req, res) => { const f = req.query.f; if (!f.startsWith('/srv/files')) return res.sendStatus(403); fs.readFile(«f», () => {}); });`, 'pathTraversal'),
    invalid('fs/promises, fs-extra and less common fs functions', `import { statfs, lchown } from 'fs/promises';
import fse from 'fs-extra';
import fs from 'node:fs';
app.get('/a', async (req, res) => {
  await statfs(«req.query.a»); await lchown(«req.query.b», 1, 1); fs.lutimesSync(«req.query.c», 0, 0);
  await fse.outputJSON(«req.query.d», {}); await fse.move('/tmp/x', «req.query.e»); await fs.promises.cp(«req.query.f», '/tmp/y');
});`, 'pathTraversal'),
  ],
});

ruleTester.run('no-nosql-injection: any collection handle', nosqlInjection, {
  valid: [
    valid('a find that is not MongoDB', `const items = [{ name: 'a' }];
app.get('/a', (req, res) => { res.json(items.find((item) => item.name === req.query.n)); });`),
  ],
  invalid: [
    invalid('db.collection(...) methods', `app.post('/a', async (req, res) => {
  const db = req.app.locals.db;
  await db.collection('users').findOne(«req.body.filter»);
  await db.collection('users').updateOne(«req.body.f», { $set: { seen: true } });
});`, 'nosqlInjection'),
    invalid('a collection handle kept in a variable', `import { getDb } from './db';
app.post('/a', async (req, res) => { const users = getDb().collection('users'); await users.deleteMany(«req.body.o»); await users.aggregate(«req.body.pipeline»); });`, 'nosqlInjection'),
    invalid('$where with request input', `import { MongoClient } from 'mongodb';
const client = new MongoClient('mongodb://localhost');
app.get('/a', async (req, res) => { await client.db().collection('u').find({ $where: «\`this.name == '\${req.query.n}'\`» }).toArray(); });`, 'nosqlCode'),
  ],
});

ruleTester.run('no-reflected-xss: escapers', reflectedXss, {
  valid: [
    valid('escape-html, he, lodash, es-toolkit, validator', `import escapeHtml from 'escape-html';
import he from 'he';
import _ from 'lodash';
import { escape } from 'es-toolkit';
import validator from 'validator';
app.get('/a', (req, res) => { res.send(\`<p>\${escapeHtml(req.query.a)}\${he.encode(req.query.b)}\${he.escape(req.query.c)}\${_.escape(req.query.d)}\${escape(req.query.e)}\${validator.escape(req.query.f)}</p>\`); });`),
    valid('DOMPurify, sanitize-html and xss', `import createDOMPurify from 'dompurify';
import sanitizeHtml from 'sanitize-html';
import xss, { filterXSS } from 'xss';
const DOMPurify = createDOMPurify(window);
app.get('/a', (req, res) => { res.send(\`<p>\${DOMPurify.sanitize(req.query.a)}\${sanitizeHtml(req.query.b)}\${xss(req.query.c)}\${filterXSS(req.query.d)}</p>\`); });`),
    valid('a same-file helper whose body escapes HTML, whatever its name', `function tidy(s) { return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'); }
app.get('/a', (req, res) => { res.send(\`<p>\${tidy(req.query.n)}</p>\`); });`),
    valid('a helper that looks entities up in a constant table', `const MAP = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const enc = (s) => String(s).replace(/[&<>"']/g, (c) => MAP[c]);
app.get('/a', (req, res) => { res.send(\`<p>\${enc(req.query.n)}</p>\`); });`),
    valid('numeric character references built from the code point', `const enc = (s: string) => s.replace(/[&<>"]/g, (c) => '&#' + c.charCodeAt(0) + ';');
app.get('/a', (req, res) => { res.send(\`<p>\${enc(String(req.query.n))}</p>\`); });`),
  ],
  invalid: [],
});

ruleTester.run('no-sql-injection: numeric coercion and validators', sqlInjection, {
  valid: [
    valid('Number, unary plus, Math.floor, parseInt', `import { Pool } from 'pg';
const pool = new Pool();
app.get('/a', (req, res) => { pool.query(\`SELECT * FROM t LIMIT \${Number(req.query.n)} OFFSET \${+req.query.o}\`); pool.query(\`SELECT \${Math.floor(req.query.p)}, \${parseInt(req.query.q, 10)}\`); });`),
    valid('validator.isInt guard', `import validator from 'validator';
import { Pool } from 'pg';
const pool = new Pool();
app.get('/a', (req, res) => { const n = req.query.n; if (!validator.isInt(n)) return res.sendStatus(400); pool.query(\`SELECT * FROM t WHERE id = \${n}\`); });`),
    valid('a column checked against a constant list', `import { Pool } from 'pg';
const pool = new Pool();
const COLS = ['name', 'date'] as const;
app.get('/a', (req, res) => { const s = req.query.s; if (!COLS.includes(s)) return res.sendStatus(400); pool.query(\`SELECT * FROM t ORDER BY \${s}\`); });`),
    valid('validator ISO code and ULID guards', `import validator from 'validator';
import { Pool } from 'pg';
const pool = new Pool();
app.get('/a', (req, res) => { const { cur, id } = req.query; if (!validator.isISO4217(cur) || !validator.isULID(id)) return res.sendStatus(400); pool.query(\`SELECT * FROM t WHERE cur = '\${cur}' AND id = '\${id}'\`); });`),
  ],
  invalid: [
    invalid('a locale check admits more than letters and digits', `import validator from 'validator';
import { Pool } from 'pg';
const pool = new Pool();
app.get('/a', (req, res) => { const lang = req.query.lang; if (!validator.isLocale(lang)) return res.sendStatus(400); pool.query('SELECT * FROM t ORDER BY title_' + «lang»); });`, 'sqlInjection'),
  ],
});

// One case for each remaining model entry (tests/models/taint-models.test.ts checks every entry is named).

ruleTester.run('model entries: more code sinks', codeInjection, {
  valid: [],
  invalid: [
    invalid('vm2 VMScript, hbs handlebars, nunjucks Template', `import { VMScript } from 'vm2';
import hbs from 'hbs';
import nunjucks from 'nunjucks';
app.get('/a', (req, res) => { new VMScript(«req.query.a»); hbs.handlebars.compile(«req.query.b»); new nunjucks.Template(«req.query.c»); });`, 'codeInjection'),
  ],
});

ruleTester.run('model entries: more SSRF sinks', ssrf, {
  valid: [],
  invalid: [
    invalid('got.extend with a request-chosen prefix', `import got from 'got';
app.get('/a', async (req, res) => { const client = got.extend({ prefixUrl: «req.query.u» }); res.json(await client('status').json()); });`, 'ssrf'),
  ],
});

ruleTester.run('model entries: more NoSQL sinks', nosqlInjection, {
  valid: [
    valid('ObjectId of mongoose and mongodb', `import mongoose from 'mongoose';
import { ObjectId } from 'mongodb';
const User = mongoose.model('User');
app.get('/a', async (req, res) => { res.json([await User.findOne({ _id: new mongoose.Types.ObjectId(req.query.id) }), await User.findOne({ ref: new ObjectId(req.query.ref) })]); });`),
    valid('regex escapes before $regex', `import mongoose from 'mongoose';
import { escapeRegExp } from 'lodash-es';
import escapeRe from 'lodash.escaperegexp';
declare function escapeRegex(s: string): string;
const User = mongoose.model('User');
app.get('/a', async (req, res) => { res.json(await User.find({ a: { $regex: escapeRegex(String(req.query.q)) }, b: { $regex: escapeRegExp(String(req.query.r)) }, c: { $regex: escapeRe(String(req.query.s)) } })); });`),
  ],
  invalid: [
    invalid('mongoose distinct with a request filter', `import mongoose from 'mongoose';
const User = mongoose.model('User');
app.post('/a', async (req, res) => { res.json(await User.distinct('name', «req.body.filter»)); });`, 'nosqlInjection'),
  ],
});

ruleTester.run('model entries: more sanitizers', sqlInjection, {
  valid: [
    valid('Boolean, BigInt, Number.isInteger, isNaN', `import { Pool } from 'pg';
const pool = new Pool();
app.get('/a', (req, res) => { pool.query(\`SELECT \${Boolean(req.query.a)}, \${BigInt(req.query.b)}, \${Number.isInteger(req.query.c)}, \${isNaN(req.query.d)}\`); });`),
    valid('sqlstring, pg and pg-format escapes', `import SqlString from 'sqlstring';
import pg, { Pool } from 'pg';
import format from 'pg-format';
const pool = new Pool();
app.get('/a', (req, res) => {
  pool.query(\`SELECT * FROM t WHERE a = \${SqlString.escape(req.query.a)} AND b = \${pool.escapeLiteral(req.query.b)}\`);
  pool.query(\`SELECT * FROM \${pg.escapeIdentifier(req.query.c)} WHERE d = \${format.literal(req.query.d)} ORDER BY \${format.ident(req.query.e)}\`);
});`),
  ],
  invalid: [],
});

ruleTester.run('model entries: more shell sanitizers and validators', commandInjection, {
  valid: [
    valid('shescape and shell-escape', `import { Shescape } from 'shescape';
import * as shescape from 'shescape';
import shellEscape from 'shell-escape';
import { exec } from 'child_process';
app.get('/a', (req, res) => { exec('ls ' + shescape.quote(req.query.a)); exec('ls ' + shellEscape([req.query.b])); });`),
    valid('validator.isIP and isFQDN prove a value has no shell syntax', `import validator from 'validator';
import { exec } from 'child_process';
app.get('/a', (req, res) => { const h = req.query.h; if (!validator.isIP(h) && !validator.isFQDN(h)) return res.sendStatus(400); exec('ping -c 1 ' + h); });`),
  ],
  invalid: [],
});

ruleTester.run('model entries: more path sanitizers', pathTraversal, {
  valid: [
    valid('sanitize-filename', `import sanitize from 'sanitize-filename';
import fs from 'fs';
app.get('/a', (req, res) => { fs.readFile('/srv/files/' + sanitize(req.query.f), () => {}); });`),
  ],
  invalid: [],
});

ruleTester.run('model entries: more HTML escapers', reflectedXss, {
  valid: [
    valid('html-escaper, lodash variants, underscore, es-toolkit subpaths, validator/lib/escape', `import { escape as e1 } from 'html-escaper';
import { escape as e2 } from 'lodash-es';
import e3 from 'lodash/escape';
import e4 from 'lodash.escape';
import us from 'underscore';
import { escape as e5 } from 'es-toolkit/string';
import { escape as e6 } from 'es-toolkit/compat';
import e7 from 'validator/lib/escape';
app.get('/a', (req, res) => { res.send(\`<p>\${e1(req.query.a)}\${e2(req.query.b)}\${e3(req.query.c)}\${e4(req.query.d)}\${us.escape(req.query.e)}\${e5(req.query.f)}\${e6(req.query.g)}\${e7(req.query.h)}</p>\`); });`),
    valid('querystring and qs encode', `import querystring from 'querystring';
import { escape as qe } from 'node:querystring';
import qs from 'qs';
app.get('/a', (req, res) => { res.send(\`<a href="/s?\${querystring.stringify({ q: req.query.a })}&\${qe(req.query.b)}&\${qs.stringify({ q: req.query.c })}">next</a>\`); });`),
    valid('NextResponse of escaped HTML', `import { NextResponse } from 'next/server';
import escapeHtml from 'escape-html';
export function GET(request: Request) { const q = new URL(request.url).searchParams.get('q') ?? ''; return new NextResponse(\`<p>\${escapeHtml(q)}</p>\`, { headers: { 'content-type': 'text/html' } }); }`),
  ],
  invalid: [],
});
