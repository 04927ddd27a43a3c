import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-code-injection.js';

const ruleTester = new RuleTester();

ruleTester.run('no-code-injection', rule, {
  valid: [
    { name: 'lodash template of a constant', code: `import express from 'express'; import _ from 'lodash';
const app = express();
const page = _.template('<p><%- name %></p>');
app.get('/t', (req, res) => res.send(page({ name: req.query.name })));` },
    { name: 'constant eval', code: `import express from 'express';
const app = express();
app.get('/a', (req, res) => res.json(eval('1 + 1')));` },
    { name: 'setTimeout with a function', code: `import express from 'express';
const app = express();
app.get('/a', (req, res) => { setTimeout(() => res.send(req.query.msg), 100); });` },
    { name: 'setTimeout with a tainted delay', code: `import express from 'express';
const app = express();
app.get('/a', (req, res) => { setTimeout(() => res.end(), Number(req.query.ms)); });` },
    { name: 'JSON.parse instead of eval', code: `import express from 'express';
const app = express();
app.post('/a', (req, res) => res.json(JSON.parse(req.body.data)));` },
    { name: 'number coercion', code: `import express from 'express';
const app = express();
app.get('/a', (req, res) => res.json(eval(\`2 * \${Number(req.query.n)}\`)));` },
    { name: 'allowlisted expression', code: `import express from 'express';
const app = express();
const EXPRESSIONS = ['a + b', 'a * b'];
app.get('/a', (req, res) => {
  if (!EXPRESSIONS.includes(req.query.e)) return res.sendStatus(400);
  res.json(new Function('a', 'b', \`return \${req.query.e}\`)(1, 2));
});` },
    { name: 'look-alike: a local eval', code: `import express from 'express';
const app = express();
const evaluate = { eval: (s: string) => s.length };
app.get('/a', (req, res) => res.json(evaluate.eval(req.query.s)));` },
    { name: 'look-alike: vm.Script of a constant', code: `import express from 'express';
const app = express();
import vm from 'node:vm';
app.get('/a', (req, res) => res.json(new vm.Script('1 + 1').runInNewContext({ input: req.query.x })));` },
  ],
  invalid: [
    {
      name: 'lodash _.template of request input',
      code: `import express from 'express'; import _ from 'lodash';
const app = express();
app.post('/t', (req, res) => res.send(_.template(req.body.tpl)({ name: 'x' })));`,
      errors: [{ messageId: 'codeInjection', line: 3, column: 50, endColumn: 62, data: { source: '`req.body.tpl`', sourceLine: 3, sink: '_.template', sinkLine: 3, via: '' } }],
    },
    {
      name: 'lodash.template package',
      code: `import express from 'express'; import template from 'lodash.template';
const app = express();
app.post('/t', (req, res) => res.send(template(req.body.tpl)({})));`,
      errors: [{ messageId: 'codeInjection', line: 3, column: 48, endColumn: 60, data: { source: '`req.body.tpl`', sourceLine: 3, sink: 'template', sinkLine: 3, via: '' } }],
    },
    {
      name: 'eval of a body field',
      code: `import express from 'express';
const app = express();
app.post('/calc', (req, res) => res.json({ result: eval(req.body.expression) }));`,
      errors: [
        { messageId: 'codeInjection', line: 3, column: 57, endColumn: 76, data: { source: '`req.body.expression`', sourceLine: 3, sink: 'eval', sinkLine: 3, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'new Function and Function',
      code: `import express from 'express';
const app = express();
app.post('/f', (req, res) => {
  const fn = new Function('x', req.body.code);
  const g = Function(\`return \${req.query.expr}\`);
  res.json([fn(1), g()]);
});`,
      errors: [
        { messageId: 'codeInjection', line: 4, column: 32, endColumn: 45, data: { source: '`req.body.code`', sourceLine: 4, sink: 'new Function', sinkLine: 4, via: '' }, suggestions: [] },
        { messageId: 'codeInjection', line: 5, column: 32, endColumn: 46, data: { source: '`req.query.expr`', sourceLine: 5, sink: 'Function', sinkLine: 5, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'vm functions and vm.Script',
      code: `import express from 'express';
const app = express();
import vm from 'node:vm';
app.post('/vm', (req, res) => {
  const { code } = req.body;
  vm.runInNewContext(code, {});
  vm.runInThisContext(code);
  vm.compileFunction(code);
  res.json(new vm.Script(code).runInNewContext());
});`,
      errors: [
        { messageId: 'codeInjection', line: 6, column: 22, endColumn: 26, data: { source: '`req.body.code`', sourceLine: 5, sink: 'vm.runInNewContext', sinkLine: 6, via: '' }, suggestions: [] },
        { messageId: 'codeInjection', line: 7, column: 23, endColumn: 27, data: { source: '`req.body.code`', sourceLine: 5, sink: 'vm.runInThisContext', sinkLine: 7, via: '' }, suggestions: [] },
        { messageId: 'codeInjection', line: 8, column: 22, endColumn: 26, data: { source: '`req.body.code`', sourceLine: 5, sink: 'vm.compileFunction', sinkLine: 8, via: '' }, suggestions: [] },
        { messageId: 'codeInjection', line: 9, column: 26, endColumn: 30, data: { source: '`req.body.code`', sourceLine: 5, sink: 'new vm.Script', sinkLine: 9, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'string timers',
      code: `import express from 'express';
const app = express();
app.get('/t', (req, res) => {
  setTimeout(req.query.callback, 10);
  setInterval('poll(' + req.query.id + ')', 1000);
  res.end();
});`,
      errors: [
        { messageId: 'codeInjection', line: 4, column: 14, endColumn: 32, data: { source: '`req.query.callback`', sourceLine: 4, sink: 'setTimeout', sinkLine: 4, via: '' }, suggestions: [] },
        { messageId: 'codeInjection', line: 5, column: 25, endColumn: 37, data: { source: '`req.query.id`', sourceLine: 5, sink: 'setInterval', sinkLine: 5, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'through a local helper',
      code: `import express from 'express';
const app = express();
function run(source: string) {
  return eval(source);
}
app.post('/r', (req, res) => res.json(run(req.body.src)));`,
      errors: [
        { messageId: 'codeInjection', line: 4, column: 15, endColumn: 21, data: { source: '`req.body.src`', sourceLine: 6, sink: 'eval', sinkLine: 4, via: ' through `run` (called on line 6 by the handler of POST /r)' }, suggestions: [] },
      ],
    },
    {
      name: 'Koa',
      code: `import Koa from 'koa';
import Router from '@koa/router';
const app = new Koa();
const router = new Router();
router.post('/e', (ctx) => { ctx.body = { value: eval(ctx.request.body.expr) }; });
app.use(router.routes());`,
      errors: [
        { messageId: 'codeInjection', line: 5, column: 55, endColumn: 76, data: { source: '`ctx.request.body.expr`', sourceLine: 5, sink: 'eval', sinkLine: 5, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Fastify',
      code: `import Fastify from 'fastify';
const app = Fastify();
app.post('/e', async (request) => ({ value: eval(request.body.expr) }));`,
      errors: [
        { messageId: 'codeInjection', line: 3, column: 50, endColumn: 67, data: { source: '`request.body.expr`', sourceLine: 3, sink: 'eval', sinkLine: 3, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Hono',
      code: `import { Hono } from 'hono';
const app = new Hono();
app.post('/e', async (c) => c.json({ value: eval((await c.req.json()).expr) }));`,
      errors: [
        { messageId: 'codeInjection', line: 3, column: 50, endColumn: 75, data: { source: '`(await c.req.json()).expr`', sourceLine: 3, sink: 'eval', sinkLine: 3, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Nest @Query()',
      code: `import { Controller, Get, Query } from '@nestjs/common';
@Controller('calc')
export class CalcController {
  @Get()
  calc(@Query('expr') expr: string) {
    return { value: eval(expr) };
  }
}`,
      errors: [
        { messageId: 'codeInjection', line: 6, column: 26, endColumn: 30, data: { source: '`@Query(\'expr\') expr`', sourceLine: 5, sink: 'eval', sinkLine: 6, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'Next.js app route', filename: "app/api/eval/route.ts",
      code: `export async function POST(request: Request) {
  const { code } = await request.json();
  return Response.json({ value: eval(code) });
}`,
      errors: [
        { messageId: 'codeInjection', line: 3, column: 38, endColumn: 42, data: { source: '`request.json().code`', sourceLine: 2, sink: 'eval', sinkLine: 3, via: '' }, suggestions: [] },
      ],
    },
  ],
});
