import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-reflected-xss.js';
import ssrfRule from '../../src/rules/no-ssrf.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';
import { methodOverridePackages } from '../../src/models/frameworks/request-inputs.js';

/*
 * Reflected XSS needs the victim's browser to render the response as a page, and a browser renders
 * only what a navigation fetched: a link, a redirect or a form, which send GET or POST. A PUT, PATCH
 * or DELETE comes only from a script (`fetch`), whose response the page reads as data and never
 * shows as a document of this site. So request input echoed in the HTML answer of a handler that
 * only those methods reach runs no script. A method-override middleware (a POST form with
 * `_method=DELETE`) turns a navigation into those methods, and a handler also registered for GET,
 * POST or every method (`all`, `use`) can be navigated to: both stay reported. Other kinds are not
 * affected (SQL in a PUT handler is as injectable as in a GET one).
 */

const ruleTester = new RuleTester();

const express = `import express from 'express';
const app = express();`;

ruleTester.run('no-reflected-xss (methods no navigation uses)', rule, {
  valid: [
    {
      name: 'DELETE: the id echoed in a not-found message',
      code: `${express}
app.delete('/connections/:id', (req, res) => {
  res.status(404).send(\`Connection \${req.params.id} not found\`);
});`,
    },
    {
      name: 'PUT: a field of the body through a same-file helper',
      code: `${express}
function save(entry, res) {
  res.status(409).send(\`Entry '\${entry.name}' already exists\`);
}
app.put('/entries/:id', (req, res) => save(req.body, res));`,
    },
    {
      name: 'PATCH on a router, and app.route() with put and delete on the same handler',
      code: `import { Router } from 'express';
const router = Router();
const reject = (req, res) => res.status(400).send('<p>bad ' + req.query.field + '</p>');
router.patch('/settings', (req, res) => res.send(\`<b>\${req.body.theme}</b>\`));
router.route('/items/:id').put(reject).delete(reject);
export default router;`,
    },
    {
      name: 'NestJS: @Put with an HTML header',
      code: `import { Body, Controller, Header, Put } from '@nestjs/common';
@Controller('pages')
export class PagesController {
  @Put()
  @Header('Content-Type', 'text/html')
  update(@Body('title') title: string): string {
    return \`<h1>\${title}</h1>\`;
  }
}`,
    },
    {
      name: 'Fastify: a DELETE route',
      code: `import Fastify from 'fastify';
const app = Fastify();
app.delete('/tags/:tag', async (request, reply) => {
  reply.type('text/html').send(\`<p>\${request.params.tag} removed</p>\`);
});`,
    },
  ],
  invalid: [
    {
      name: 'the same handler also registered for GET',
      code: `import { Router } from 'express';
const router = Router();
const reject = (req, res) => res.status(400).send('<p>bad ' + req.query.field + '</p>');
router.route('/items/:id').put(reject).get(reject);
export default router;`,
      errors: [{ messageId: 'reflectedXss', line: 3, data: { source: '`req.query.field`', sourceLine: 3, sink: 'send', sinkLine: 3, via: '' }, suggestions: [] }],
    },
    {
      name: 'POST: a form of another site can send it',
      code: `${express}
app.post('/entries', (req, res) => res.status(409).send(\`Entry '\${req.body.name}' already exists\`));`,
      errors: [{ messageId: 'reflectedXss', line: 3, data: { source: '`req.body.name`', sourceLine: 3, sink: 'send', sinkLine: 3, via: '' }, suggestions: [] }],
    },
    {
      name: 'app.all and app.use answer every method',
      code: `${express}
app.all('/echo', (req, res) => res.send('<p>' + req.query.q + '</p>'));
app.use('/shout', (req, res) => res.send('<p>' + req.query.q + '</p>'));`,
      errors: [
        { messageId: 'reflectedXss', line: 3, data: { source: '`req.query.q`', sourceLine: 3, sink: 'res.send', sinkLine: 3, via: '' }, suggestions: [] },
        { messageId: 'reflectedXss', line: 4, data: { source: '`req.query.q`', sourceLine: 4, sink: 'res.send', sinkLine: 4, via: '' }, suggestions: [] },
      ],
    },
    {
      name: 'method-override in the file: a POST form becomes a DELETE',
      code: `import express from 'express';
import methodOverride from 'method-override';
const app = express();
app.use(methodOverride('_method'));
app.delete('/connections/:id', (req, res) => {
  res.status(404).send(\`Connection \${req.params.id} not found\`);
});`,
      errors: [{ messageId: 'reflectedXss', line: 6, data: { source: '`req.params.id`', sourceLine: 6, sink: 'send', sinkLine: 6, via: '' }, suggestions: [] }],
    },
    {
      name: 'a helper shared by a PUT and a POST handler: the POST flow stays',
      code: `${express}
function save(entry, res) {
  res.status(409).send(\`Entry '\${entry.name}' already exists\`);
}
app.put('/entries/:id', (req, res) => save(req.body, res));
app.post('/entries', (req, res) => save(req.body, res));`,
      errors: [{ messageId: 'reflectedXss', line: 4, data: { source: '`req.body`', sourceLine: 7, sink: 'send', sinkLine: 4, via: ' through `save` (called on line 7 by the handler of POST /entries)' }, suggestions: [] }],
    },
  ],
});

ruleTester.run('no-ssrf (a PUT handler is still a source of other kinds)', ssrfRule, {
  valid: [],
  invalid: [
    {
      code: `${express}
app.put('/hooks/:id', async (req, res) => res.json(await fetch(req.body.url)));`,
      errors: [{ messageId: 'ssrf', line: 3 }],
    },
  ],
});

describe('no-reflected-xss: method-override as a dependency of the project', () => {
  const handler = `import express from 'express';
export const app = express();
app.delete('/connections/:id', (req, res) => {
  res.status(404).send(\`Connection \${req.params.id} not found\`);
});
`;

  it('reports a DELETE handler when the project installs method-override (registered in another file)', async () => {
    const dir = writeProject({ 'src/routes.js': handler }, { name: 'app', type: 'module', dependencies: { express: '^4.21.0', 'method-override': '^3.0.0' } });
    const messages = await lintProjectFile(dir, 'src/routes.js', { 'api-security/no-reflected-xss': 'error' });
    expect(messages.map((message) => [message.messageId, message.line])).toEqual([['reflectedXss', 4]]);
  });

  it.each(methodOverridePackages)('reports it when the project installs %s', async (name) => {
    const dir = writeProject({ 'src/routes.js': handler }, { name: 'app', type: 'module', dependencies: { express: '^4.21.0', [name]: '*' } });
    const messages = await lintProjectFile(dir, 'src/routes.js', { 'api-security/no-reflected-xss': 'error' });
    expect(messages.map((message) => message.messageId)).toEqual(['reflectedXss']);
  });

  it('leaves it alone when the project does not', async () => {
    const dir = writeProject({ 'src/routes.js': handler }, { name: 'app', type: 'module', dependencies: { express: '^4.21.0' } });
    const messages = await lintProjectFile(dir, 'src/routes.js', { 'api-security/no-reflected-xss': 'error' });
    expect(messages).toEqual([]);
  });
});
