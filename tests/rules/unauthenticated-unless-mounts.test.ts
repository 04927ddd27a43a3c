import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

// express-unless / koa-unless exclusions applied at the app, judged for routes of routers defined in
// other files: the exclusion is matched against the route's full path (mount prefix and router prefix
// included), so a router route under an excluded path is reached without the token check.
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const rules = { 'api-security/no-unauthenticated-route': 'error' } as const;

function koaApp(unless: string): Record<string, string> {
  return {
    'src/app.js': `import Koa from 'koa';
import jwt from 'koa-jwt';
import bodyParser from 'koa-bodyparser';
import media from './routes/media.js';

const app = new Koa();
app.use(bodyParser());
app.use(jwt({ secret: process.env.JWT_SECRET }).unless({ path: ${unless} }));
app.use(media.routes());
export default app;
`,
    'src/routes/media.js': `import Router from '@koa/router';
import { removeMedia, listMedia } from '../services/media.js';

const router = new Router({ prefix: '/media' });

router.get('/', async (ctx) => {
  ctx.body = await listMedia(ctx.state.user.sub);
});

router.delete('/shared/:id', async (ctx) => {
  await removeMedia(ctx.params.id);
  ctx.status = 204;
});

export default router;
`,
    'src/services/media.js': `export async function listMedia(owner) { return [{ owner }]; }
export async function removeMedia(id) { return id; }
`,
  };
}

describe('no-unauthenticated-route: unless exclusions at a mount in another file', () => {
  it('reports the router route that an app-level regular expression exclusion skips', async () => {
    const dir = writeProject(koaApp(`['/login', /^\\/media\\/shared/]`));
    dirs.push(dir);
    const messages = await lintProjectFile(dir, 'src/routes/media.js', rules);
    expect(summary(messages)).toEqual(['10 api-security/no-unauthenticated-route']);
    expect(messages[0]?.message).toContain('DELETE /media/shared/:id');
  });

  it('reports a route listed by its exact path', async () => {
    const dir = writeProject(koaApp(`['/login', '/media/shared/:id']`));
    dirs.push(dir);
    expect(summary(await lintProjectFile(dir, 'src/routes/media.js', rules))).toEqual(['10 api-security/no-unauthenticated-route']);
  });

  it('keeps the token check in front of routes the exclusion does not list', async () => {
    const dir = writeProject(koaApp(`['/login', /^\\/public/]`));
    dirs.push(dir);
    expect(summary(await lintProjectFile(dir, 'src/routes/media.js', rules))).toEqual([]);
  });
});
