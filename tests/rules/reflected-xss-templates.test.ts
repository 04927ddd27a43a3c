import { rmSync } from 'node:fs';
import type { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A view's template that writes a local without escaping (EJS `<%- q %>`, Handlebars `{{{ q }}}`,
 * Pug `!{q}` / `p!= q`, Nunjucks `{{ q | safe }}`) turns request input passed under that name into
 * markup. The template is found in a `views` directory next to the handler's file or above it;
 * the finding is at the value passed (the fix goes in the template, named with its line).
 */
const RULES: Linter.RulesRecord = { 'api-security/no-reflected-xss': 'error' };
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const CONTROLLER = `const Product = require('../models/product');

exports.index = async (req, res) => {
  const products = await Product.find({ published: true }).lean();
  res.render('catalog/index', { products, q: req.query.q, title: 'Catalog' });
};
`;

function expressApp(views: Record<string, string>, controller = CONTROLLER): Record<string, string> {
  return {
    'app.js': `const express = require('express');
const path = require('path');
const catalog = require('./controllers/catalogController');
const app = express();
app.set('views', path.join(__dirname, 'views'));
app.set('view engine', 'ejs');
app.get('/catalog', catalog.index);
module.exports = app;
`,
    'controllers/catalogController.js': controller,
    'models/product.js': `const mongoose = require('mongoose');
module.exports = mongoose.model('Product', new mongoose.Schema({ name: String, published: Boolean }));
`,
    ...views,
  };
}

async function lint(files: Record<string, string>, file: string): Promise<Linter.LintMessage[]> {
  const dir = writeProject(files, { name: 'shop', dependencies: { express: '^4.21.0', ejs: '^3.1.10', mongoose: '^8.0.0' } });
  dirs.push(dir);
  return lintProjectFile(dir, file, RULES);
}

describe('no-reflected-xss: view locals a template writes raw', () => {
  it('EJS <%- q %>: reported at the value passed, naming the template and its line', async () => {
    const messages = await lint(expressApp({
      'views/catalog/index.ejs': `<h1><%= title %></h1>
<% if (q) { %>
  <p>Results for <%- q %></p>
<% } %>
<% products.forEach((p) => { %><li><%= p.name %></li><% }) %>
`,
    }), 'controllers/catalogController.js');
    expect(messages.map((message) => [message.line, message.column, message.messageId])).toEqual([[5, 46, 'rawTemplateOutput']]);
    expect(messages[0]?.message).toContain('`<%- q %>` in views/catalog/index.ejs:3');
    expect(messages[0]?.message).toContain('`req.query.q` (line 5)');
  });

  it('EJS <%= q %>: escaped, not reported', async () => {
    const messages = await lint(expressApp({ 'views/catalog/index.ejs': '<p>Results for <%= q %></p>\n<%- include("footer") %>\n' }), 'controllers/catalogController.js');
    expect(messages).toEqual([]);
  });

  it('a raw local that holds no request input is not reported', async () => {
    const messages = await lint(expressApp({ 'views/catalog/index.ejs': '<title><%- title %></title>\n<p><%= q %></p>\n' }), 'controllers/catalogController.js');
    expect(messages).toEqual([]);
  });

  it('an escaped value passed to a raw tag is not reported', async () => {
    const controller = CONTROLLER.replace("const Product = require('../models/product');", "const Product = require('../models/product');\nconst escapeHtml = require('escape-html');").replace('q: req.query.q', 'q: escapeHtml(req.query.q)');
    const messages = await lint(expressApp({ 'views/catalog/index.ejs': '<p><%- q %></p>\n' }, controller), 'controllers/catalogController.js');
    expect(messages).toEqual([]);
  });

  it('Handlebars triple braces, Pug !{} and !=, Nunjucks | safe', async () => {
    const views = (name: string, text: string): Record<string, string> => ({ [`views/catalog/index.${name}`]: text });
    for (const [extension, text, tag] of [
      ['hbs', '<h1>{{title}}</h1>\n<p>Results for {{{q}}}</p>\n', '{{{q}}}'],
      ['pug', 'h1= title\np Results for !{q}\n', '!{q}'],
      ['njk', '<h1>{{ title }}</h1>\n<p>{{ q | safe }}</p>\n', '{{ q | safe }}'],
    ] as const) {
      const messages = await lint(expressApp(views(extension, text)), 'controllers/catalogController.js');
      expect(messages.map((message) => message.messageId)).toEqual(['rawTemplateOutput']);
      expect(messages[0]?.message).toContain(`\`${tag}\` in views/catalog/index.${extension}:2`);
    }
    const pugBuffered = await lint(expressApp(views('pug', 'h1= title\np!= q\n')), 'controllers/catalogController.js');
    expect(pugBuffered.map((message) => message.messageId)).toEqual(['rawTemplateOutput']);
  });

  it('Koa: ctx.render of koa-views with a view in src/views', async () => {
    const messages = await lint({
      'src/routes/search.js': `const Router = require('@koa/router');
const router = new Router();
router.get('/search', async (ctx) => {
  await ctx.render('search', { term: ctx.query.term, results: [] });
});
module.exports = router;
`,
      'src/views/search.ejs': '<p>You searched for <%- term %></p>\n',
    }, 'src/routes/search.js');
    expect(messages.map((message) => [message.line, message.messageId])).toEqual([[4, 'rawTemplateOutput']]);
  });

  it('Fastify reply.view (@fastify/view) and Hapi h.view (@hapi/vision)', async () => {
    const files = {
      'src/routes.js': `const fastify = require('fastify')();
fastify.get('/search', async (request, reply) => reply.view('search.ejs', { term: request.query.term }));
module.exports = fastify;
`,
      'src/hapi.js': `const Hapi = require('@hapi/hapi');
const server = Hapi.server();
server.route({ method: 'GET', path: '/find', handler: (request, h) => h.view('search', { term: request.query.term }) });
module.exports = server;
`,
      'src/views/search.ejs': '<p><%- term %></p>\n',
    };
    const fastify = await lint(files, 'src/routes.js');
    expect(fastify.map((message) => [message.line, message.messageId])).toEqual([[2, 'rawTemplateOutput']]);
    expect(fastify[0]?.message).toContain('`<%- term %>` in src/views/search.ejs:1');
    const hapi = await lint(files, 'src/hapi.js');
    expect(hapi.map((message) => [message.line, message.messageId])).toEqual([[3, 'rawTemplateOutput']]);
  });

  it('no template file found: the view is not judged', async () => {
    const messages = await lint(expressApp({}), 'controllers/catalogController.js');
    expect(messages).toEqual([]);
  });
});
