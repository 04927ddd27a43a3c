import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-command-injection.js';

const ruleTester = new RuleTester();

const APP = `import express from 'express';
const app = express();`;

ruleTester.run('no-command-injection', rule, {
  valid: [
    { name: 'lookup in a constant table and stripped characters', code: `${APP}
import { exec } from 'child_process';
const TOOLS = { list: 'ls -la', disk: 'df -h' };
app.get('/u', (req, res) => exec(\`\${TOOLS[String(req.query.tool)]} \${String(req.query.dir).replace(/[^\\w.-]+/g, '')}\`));` },
    { name: 'argv array without a shell', code: `${APP}
import { spawn } from 'child_process';
app.get('/u', (req, res) => spawn('convert', [req.query.file, 'out.png']));` },
    { name: 'execa argument array', code: `${APP}
import { execa } from 'execa';
app.get('/u', async (req, res) => execa('ls', [req.query.dir]));` },
    { name: 'shell-quote', code: `${APP}
import { execSync } from 'child_process';
import { quote } from 'shell-quote';
app.get('/u', (req, res) => execSync(\`ls \${quote([req.query.dir])}\`));` },
    { name: 'constant command', code: `${APP}
import { exec } from 'child_process';
app.get('/u', (req, res) => { const dir = '/tmp'; exec(\`ls \${dir}\`); });` },
    { name: 'regex guard', code: `${APP}
import { exec } from 'child_process';
app.get('/u', (req, res) => { const { name } = req.query; if (!/^[\\w-]+$/.test(name)) return res.sendStatus(400); exec(\`git show \${name}\`); });` },
    { name: 'look-alike: RegExp exec', code: `${APP}
app.get('/u', (req, res) => /a/.exec(req.query.x));` },
  ],
  invalid: [
    {
      name: 'stripping that keeps / or is not global',
      code: `${APP}
import { exec } from 'node:child_process';
app.get('/f', (req, res) => exec(\`ls \${String(req.query.n).replace(/[^a-z0-9/]/g, '')} \${String(req.query.m).replace(/[^a-z]/, '')}\`));`,
      errors: [
        { messageId: 'commandInjection', line: 4, column: 40, endColumn: 86, data: { source: '`req.query.n`', sourceLine: 4, sink: 'exec', sinkLine: 4 } },
        { messageId: 'commandInjection', line: 4, column: 90, endColumn: 131, data: { source: '`req.query.m`', sourceLine: 4, sink: 'exec', sinkLine: 4 } },
      ],
    },
    {
      name: 'exec with a template',
      code: `${APP}
import cp from 'node:child_process';
app.get('/u', (req, res) => cp.exec(\`convert \${req.query.file} out.png\`, () => {}));`,
      errors: [{
        messageId: 'commandInjection', line: 4, column: 48, endColumn: 62,
        data: { source: '`req.query.file`', sourceLine: 4, sink: 'cp.exec', sinkLine: 4 },
        suggestions: [{ messageId: 'useExecFile', output: `${APP}
import cp from 'node:child_process';
app.get('/u', (req, res) => cp.execFile('convert', [req.query.file, 'out.png'], () => {}));` }],
      }],
    },
    {
      name: 'spawn with shell: true',
      code: `${APP}
import { spawn } from 'child_process';
app.get('/u', (req, res) => spawn('convert', [req.query.file], { shell: true }));`,
      errors: [{ messageId: 'commandInjection', line: 4, column: 47, endColumn: 61, data: { source: '`req.query.file`', sourceLine: 4, sink: 'spawn', sinkLine: 4 } }],
    },
    {
      name: 'sh -c',
      code: `${APP}
import { spawn } from 'child_process';
app.get('/u', (req, res) => spawn('sh', ['-c', \`ls \${req.query.dir}\`]));`,
      errors: [{ messageId: 'commandInjection', line: 4, column: 48, endColumn: 69, data: { source: '`req.query.dir`', sourceLine: 4, sink: 'spawn', sinkLine: 4 } }],
    },
    {
      name: 'execaCommand and execa with shell',
      code: `${APP}
import { execa, execaCommand } from 'execa';
app.get('/u', async (req, res) => { await execaCommand(\`ls \${req.query.dir}\`); await execa('ls', [req.query.dir], { shell: true }); });`,
      errors: [
        { messageId: 'commandInjection', line: 4, column: 62, endColumn: 75, data: { source: '`req.query.dir`', sourceLine: 4, sink: 'execaCommand', sinkLine: 4 } },
        { messageId: 'commandInjection', line: 4, column: 99, endColumn: 112, data: { source: '`req.query.dir`', sourceLine: 4, sink: 'execa', sinkLine: 4 } },
      ],
    },
    {
      name: 'shelljs exec with concatenation',
      code: `${APP}
import shell from 'shelljs';
app.get('/u', (req, res) => shell.exec('git log ' + req.query.ref));`,
      errors: [{ messageId: 'commandInjection', line: 4, column: 53, endColumn: 66, data: { source: '`req.query.ref`', sourceLine: 4, sink: 'shell.exec', sinkLine: 4 } }],
    },
    {
      name: 'execSync through a local helper',
      code: `${APP}
import { execSync } from 'child_process';
const run = (cmd) => execSync(cmd);
app.post('/u', (req, res) => run('tar czf out.tgz ' + req.body.path));`,
      errors: [{ messageId: 'commandInjectionHelper', line: 4, column: 31, endColumn: 34, data: { source: '`req.body.path`', sourceLine: 5, sink: 'execSync', sinkLine: 4, via: ' through `run` (called on line 5 by the handler of POST /u)' } }],
    },
  ],
});

// Found by tests/robustness/fuzz.test.ts: the rewrite stays valid however the command was written.
ruleTester.run('no-command-injection: suggestions in awkward positions', rule, {
  valid: [],
  invalid: [
    {
      name: 'a parenthesized template is replaced with its parentheses',
      code: `${APP}
import cp from 'node:child_process';
app.get('/ls', (req, res) => cp.exec((\`ls \${req.query.dir}\`), () => {}));`,
      errors: [{ messageId: 'commandInjection', suggestions: [{ messageId: 'useExecFile', output: `${APP}
import cp from 'node:child_process';
app.get('/ls', (req, res) => cp.execFile('ls', [req.query.dir], () => {}));` }] }],
    },
    {
      name: 'a comma expression keeps its parentheses in the argument array',
      code: `${APP}
import cp from 'node:child_process';
app.get('/ls', (req, res) => cp.exec(\`ls \${(0, req.query.dir)}\`, () => {}));`,
      errors: [{ messageId: 'commandInjection', suggestions: [{ messageId: 'useExecFile', output: `${APP}
import cp from 'node:child_process';
app.get('/ls', (req, res) => cp.execFile('ls', [(0, req.query.dir)], () => {}));` }] }],
    },
  ],
});
