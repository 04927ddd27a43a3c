import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-unauthenticated-route.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * The built-in public paths (`**\/public/**`, the sign-in flow, health checks) are what a team
 * would open to anyone for reading. They do not make a privileged route public: a destructive write
 * to a resource named by a path parameter (`DELETE /public/notes/:id`) or an administration path.
 * A pattern the team lists itself (settings or options) exempts whatever it matches: they said so.
 */

const ruleTester = new RuleTester();

const head = `import express from 'express';
import { notes } from './notes.js';
const app = express();
`;

ruleTester.run('no-unauthenticated-route: default public paths and privileged routes', rule, {
  valid: [
    {
      name: 'reads under a public segment stay public',
      code: `${head}app.get('/public/notes/:id', async (req, res) => res.json(await notes.published(req.params.id)));
app.get('/public/notes', async (req, res) => res.json(await notes.listPublished()));`,
    },
    {
      name: 'a write without a path parameter under a public segment (a feedback form)',
      code: `${head}app.post('/public/feedback', async (req, res) => res.status(201).json(await notes.feedback(req.body.text)));`,
    },
    {
      name: 'a write with a path parameter in a public flow (password reset by its token)',
      code: `${head}app.put('/auth/password-reset/:token', async (req, res) => res.json(await notes.resetPassword(req.params.token, req.body.password)));`,
    },
    {
      name: 'the team lists the public segment itself: every method is public',
      options: [{ publicRoutes: ['/public/**'] }],
      code: `${head}app.delete('/public/notes/:id', async (req, res) => res.json(await notes.remove(req.params.id)));`,
    },
    {
      name: 'the team lists it in settings',
      settings: { 'api-security': { publicRoutes: ['**/public/**'] } },
      code: `${head}app.delete('/public/notes/:id', async (req, res) => res.json(await notes.remove(req.params.id)));`,
    },
  ],
  invalid: [
    {
      name: 'a delete of a record named by a path parameter under a public segment',
      code: `${head}app.delete('/public/notes/:id', async (req, res) => res.json(await notes.remove(req.params.id)));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'DELETE', path: '/public/notes/:id', framework: 'express' } }],
    },
    {
      name: 'a patch of a record under a public segment',
      code: `${head}app.patch('/api/public/notes/:noteId', async (req, res) => res.json(await notes.update(req.params.noteId, req.body)));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'PATCH', path: '/api/public/notes/:noteId', framework: 'express' } }],
    },
    {
      name: 'an administration path under a public segment',
      code: `${head}app.post('/public/admin/banner', async (req, res) => res.json(await notes.setBanner(req.body.text)));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'POST', path: '/public/admin/banner', framework: 'express' } }],
    },
    {
      name: 'with the default public paths dropped, the team lists a read path only',
      options: [{ ignoreDefaultPublicRoutes: true, publicRoutes: ['/public/notes'] }],
      code: `${head}app.get('/public/notes', async (req, res) => res.json(await notes.listPublished()));
app.delete('/public/notes/:id', async (req, res) => res.json(await notes.remove(req.params.id)));`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5, data: { method: 'DELETE', path: '/public/notes/:id', framework: 'express' } }],
    },
    {
      name: 'an explicit opt-out on a delete under a public segment is a privileged opt-out (Hapi)',
      code: `import Hapi from '@hapi/hapi';
const server = Hapi.server();
server.auth.default('session');
server.route({ method: 'DELETE', path: '/public/notes/{id}', options: { auth: false }, handler: (request) => notes.remove(request.params.id) });`,
      errors: [{ messageId: 'privilegedOptOut', line: 4, data: { method: 'DELETE', path: '/public/notes/{id}', framework: 'hapi', by: '`auth: false`' } }],
    },
  ],
});

describe('no-unauthenticated-route: a public sub-app mounted in another file (Hono)', () => {
  it('reports the delete of the sub-app mounted at /public, not its read', async () => {
    const dir = writeProject({
      'src/index.ts': `import { Hono } from 'hono';
import { pub } from './routes/public';
const app = new Hono();
app.get('/health', (c) => c.text('ok'));
app.route('/public', pub);
export default app;
`,
      'src/routes/public.ts': `import { Hono } from 'hono';
import { notesService } from '../services/notes.service';

export const pub = new Hono();

pub.get('/notes/:id', async (c) => c.json(await notesService.published(Number(c.req.param('id')))));

// kept for the old mobile client
pub.delete('/notes/:id', async (c) => {
  await notesService.remove(Number(c.req.param('id')));
  return c.body(null, 204);
});
`,
      'src/services/notes.service.ts': 'export const notesService = { published: async (id: number) => ({ id }), remove: async (id: number) => id };\n',
    });
    const messages = await lintProjectFile(dir, 'src/routes/public.ts', { 'api-security/no-unauthenticated-route': 'error' });
    expect(messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`)).toEqual(['9 unauthenticatedMountedRoute']);
    expect(messages[0]?.message).toContain('DELETE /public/notes/:id (hono)');
  });
});
