import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { remixPath, sveltekitPath } from '../../src/analysis/routes/frameworks/route-modules.js';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * Route modules and fetch servers: a SvelteKit endpoint or page server file, a Remix route module,
 * a Worker's default-exported `fetch`. Each hands its handler a web-standard `Request` inside one
 * object (`{ request, url, params, locals }`, `{ request, params }`) or as it is; what the client
 * sends is a source, `redirect()` of the framework and an HTML `new Response` are sinks, and the
 * routes (not the fetch servers, which route inside themselves) are judged for authentication.
 */

const rules: Linter.RulesRecord = {
  'api-security/no-sql-injection': 'error',
  'api-security/no-command-injection': 'error',
  'api-security/no-open-redirect': 'error',
  'api-security/no-reflected-xss': 'error',
  'api-security/no-ssrf': 'error',
  'api-security/no-whole-object-response': 'error',
  'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }],
};

const SVELTEKIT = { name: 'shop', type: 'module', dependencies: { '@sveltejs/kit': '^2.5.0' } };
const REMIX = { name: 'notes', type: 'module', dependencies: { '@remix-run/node': '^2.9.0' } };

async function lint(files: Record<string, string>, file: string, manifest: Record<string, unknown> | null = SVELTEKIT): Promise<string[]> {
  return summary(await lintProjectFile(writeProject(files, manifest), file, rules));
}

async function messages(files: Record<string, string>, file: string, manifest: Record<string, unknown> | null = SVELTEKIT): Promise<string[]> {
  return (await lintProjectFile(writeProject(files, manifest), file, rules)).map((message) => `${String(message.line)} ${message.message}`);
}

describe('URL paths of route files', () => {
  it.each([
    [['api', 'orders', '[id]'], '/api/orders/:id'],
    [['(shop)', 'cart'], '/cart'],
    [['docs', '[...rest]'], '/docs/*'],
    [['[[lang]]', 'about'], '/:lang?/about'],
    [['items', '[id=integer]'], '/items/:id'],
    [[], '/'],
  ])('SvelteKit %j → %s', (folders, expected) => {
    expect(sveltekitPath(folders)).toBe(expected);
  });

  it.each([
    [['api.notes.$noteId.ts'], '/api/notes/:noteId'],
    [['_index.tsx'], '/'],
    [['_auth.login.tsx'], '/login'],
    [['posts_.$slug.edit.tsx'], '/posts/:slug/edit'],
    [['sitemap[.]xml.ts'], '/sitemap.xml'],
    [['files.$.ts'], '/files/*'],
    [['($lang).about.tsx'], '/:lang/about'],
    [['api.notes', 'route.ts'], '/api/notes'],
    [['notes', '$noteId.tsx'], '/notes/:noteId'],
  ])('Remix %j → %s', (parts, expected) => {
    expect(remixPath(parts)).toBe(expected);
  });
});

describe('SvelteKit', () => {
  it('reads the request of an endpoint, a load and a form action, and reports its sinks', async () => {
    const files = {
      'src/lib/server/db.ts': `import Database from 'better-sqlite3';\nexport const db = new Database('app.db');\n`,
      'src/routes/api/run/+server.ts': `import { json, error } from '@sveltejs/kit';
import { exec } from 'node:child_process';
export const POST = async ({ request, locals }) => {
  if (!locals.user) throw error(401);
  const { cmd } = await request.json();
  exec(\`ls \${cmd}\`);
  return json({ ok: true });
};
`,
      'src/routes/boards/[slug]/+page.server.ts': `import { error, redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
export const load = async ({ params, locals, url }) => {
  if (!locals.user) throw redirect(303, \`/login?next=\${encodeURIComponent(url.pathname)}\`);
  return { board: db.prepare(\`SELECT * FROM boards WHERE slug = '\${params.slug}'\`).get() };
};
export const actions = {
  rename: async ({ request, params, locals }) => {
    if (!locals.user) throw error(401);
    const data = await request.formData();
    db.prepare('UPDATE boards SET title = ? WHERE slug = ?').run(String(data.get('title')), params.slug);
    return { ok: true };
  },
  go: async ({ url, locals }) => {
    if (!locals.user) throw error(401);
    throw redirect(303, url.searchParams.get('to') ?? '/');
  },
};
`,
    };
    expect(await lint(files, 'src/routes/api/run/+server.ts')).toEqual(['6 api-security/no-command-injection']);
    expect(await lint(files, 'src/routes/boards/[slug]/+page.server.ts')).toEqual(['5 api-security/no-sql-injection', '16 api-security/no-open-redirect']);
  });

  it('reports HTML built from the query in a Response declared as HTML, not escaped or JSON ones', async () => {
    const files = {
      'src/routes/embed/+server.ts': `import escapeHtml from 'escape-html';
export const GET = async ({ url }) => {
  const color = url.searchParams.get('color') ?? '';
  return new Response(\`<div style="--c:\${color}"></div>\`, { headers: { 'content-type': 'text/html' } });
};
export const POST = async ({ url }) => {
  const color = url.searchParams.get('color') ?? '';
  return new Response(\`<div>\${escapeHtml(color)}</div>\`, { headers: { 'content-type': 'text/html' } });
};
export const PUT = async ({ url }) => {
  return new Response(JSON.stringify({ color: url.searchParams.get('color') }), { headers: { 'content-type': 'application/json' } });
};
`,
    };
    expect((await lint(files, 'src/routes/embed/+server.ts')).filter((line) => !line.endsWith('no-unauthenticated-route'))).toEqual(['4 api-security/no-reflected-xss']);
  });

  it('names routes by path and accepts a locals check that rejects; a check that only logs stays reported', async () => {
    const files = {
      'src/routes/api/customers/[id]/+server.ts': `import { json, error } from '@sveltejs/kit';
export const GET = async ({ params, locals }) => {
  if (!locals.user) throw error(401, 'sign in');
  return json({ id: params.id });
};
export const DELETE = async ({ params, locals }) => {
  if (!locals.user) console.warn('anonymous delete');
  return json({ deleted: params.id });
};
export const PATCH = async ({ params }) => json({ patched: params.id });
`,
    };
    const found = await messages(files, 'src/routes/api/customers/[id]/+server.ts');
    expect(found.map((text) => text.split(' ').slice(0, 3).join(' '))).toEqual(['6 DELETE /api/customers/:id', '10 PATCH /api/customers/:id']);
    expect(found[0]).toContain('(sveltekit) is reachable without authentication');
  });

  it('takes the handle hook as a guard only of the paths its rejections reach', async () => {
    const hooks = `import { redirect } from '@sveltejs/kit';
import { jwtVerify } from 'jose';
const key = new TextEncoder().encode(process.env.AUTH_SECRET);
export const handle = async ({ event, resolve }) => {
  const token = event.cookies.get('session');
  if (token) {
    try {
      const { payload } = await jwtVerify(token, key);
      event.locals.user = { id: String(payload.sub) };
    } catch {
      event.locals.user = null;
    }
  }
  if (event.url.pathname.startsWith('/admin') && !event.locals.user) {
    throw redirect(303, '/login');
  }
  return resolve(event);
};
`;
    const endpoint = `import { json } from '@sveltejs/kit';
export const POST = async ({ request }) => json({ got: (await request.json()).id });
`;
    const files = { 'src/hooks.server.ts': hooks, 'src/routes/admin/credits/+server.ts': endpoint, 'src/routes/api/admin/credits/+server.ts': endpoint };
    const dir = writeProject(files, SVELTEKIT);
    expect(summary(await lintProjectFile(dir, 'src/routes/admin/credits/+server.ts', rules))).toEqual([]);
    expect(summary(await lintProjectFile(dir, 'src/routes/api/admin/credits/+server.ts', rules))).toEqual(['2 api-security/no-unauthenticated-route']);
    // The prefix test is not judged per path: strict says the hook's verdict is unknown.
    const strict = await lintProjectFile(dir, 'src/routes/admin/credits/+server.ts', { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all', unknownAuth: 'report' }] });
    expect(strict.map((message) => message.message).join('\n')).toMatch(/handle \(hooks\.server\.ts\)/u);
  });

  it('takes a hook that rejects every request without a user as authentication for every route', async () => {
    const hooks = `import { redirect } from '@sveltejs/kit';
import { validateSession } from '$lib/server/sessions';
export const handle = async ({ event, resolve }) => {
  event.locals.user = await validateSession(event.cookies.get('sid'));
  if (!event.locals.user) throw redirect(303, '/login');
  return resolve(event);
};
`;
    const sessions = `import { db } from './db';
export async function validateSession(id) { if (!id) return null; return db.session.findUnique({ where: { id } }); }
`;
    const endpoint = `import { json } from '@sveltejs/kit';
export const POST = async ({ request }) => json({ got: (await request.json()).id });
`;
    const dir = writeProject({ 'src/hooks.server.ts': hooks, 'src/lib/server/sessions.ts': sessions, 'src/lib/server/db.ts': 'export const db = {} as any;\n', 'src/routes/api/x/+server.ts': endpoint }, SVELTEKIT);
    expect(summary(await lintProjectFile(dir, 'src/routes/api/x/+server.ts', rules))).toEqual([]);
  });

  it('reports a whole record sent by json() of @sveltejs/kit, not a projection', async () => {
    const files = {
      'src/lib/server/db.ts': `import { drizzle } from 'drizzle-orm/postgres-js';\nimport postgres from 'postgres';\nexport const db = drizzle(postgres(process.env.DATABASE_URL));\n`,
      'src/lib/server/schema.ts': `import { pgTable, text, uuid } from 'drizzle-orm/pg-core';\nexport const customers = pgTable('customers', { id: uuid('id'), email: text('email'), passwordHash: text('password_hash') });\n`,
      'src/routes/api/customers/[id]/+server.ts': `import { json, error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { customers } from '$lib/server/schema';
export const GET = async ({ params, locals }) => {
  if (!locals.user) throw error(401);
  const [customer] = await db.select().from(customers).where(eq(customers.id, params.id));
  return json(customer);
};
export const POST = async ({ params, locals }) => {
  if (!locals.user) throw error(401);
  const [customer] = await db.select({ id: customers.id, email: customers.email }).from(customers).where(eq(customers.id, params.id));
  return json(customer);
};
`,
    };
    expect(await lint(files, 'src/routes/api/customers/[id]/+server.ts')).toEqual(['8 api-security/no-whole-object-response']);
  });

  it('does not read a +server file of a project that shows no SvelteKit', async () => {
    const files = {
      'src/routes/api/+server.ts': `import { exec } from 'node:child_process';\nexport const POST = async ({ request }) => { exec((await request.json()).cmd); return new Response('ok'); };\n`,
    };
    expect(await lint(files, 'src/routes/api/+server.ts', { name: 'plain', type: 'module' })).toEqual([]);
  });
});

describe('Remix', () => {
  const session = `import { createCookieSessionStorage, redirect } from '@remix-run/node';
const storage = createCookieSessionStorage({ cookie: { name: '__s', secrets: [process.env.SESSION_SECRET] } });
export async function requireUserId(request: Request) {
  const session = await storage.getSession(request.headers.get('Cookie'));
  const userId = session.get('userId');
  if (!userId) throw redirect('/login');
  return userId;
}
export async function peekUserId(request: Request) {
  const session = await storage.getSession(request.headers.get('Cookie'));
  return session.get('userId');
}
`;

  it('reads loader and action input and reports the redirect() of @remix-run/node', async () => {
    const files = {
      'app/session.server.ts': session,
      'app/routes/login.tsx': `import { redirect, type ActionFunctionArgs } from '@remix-run/node';
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  return redirect((form.get('redirectTo') as string) || '/');
}
export async function loader({ request }) {
  const next = new URL(request.url).searchParams.get('next');
  if (next === 'notes') return redirect('/notes');
  return redirect('/');
}
`,
    };
    expect(await lint(files, 'app/routes/login.tsx', REMIX)).toEqual(['4 api-security/no-open-redirect']);
  });

  it('accepts a helper that throws a redirect without a session, and reports a loader whose helper only peeks', async () => {
    const files = {
      'app/session.server.ts': session,
      'app/routes/api.notes.$noteId.ts': `import { json } from '@remix-run/node';
import { requireUserId, peekUserId } from '../session.server';
export async function loader({ request, params }) {
  await requireUserId(request);
  return json({ id: params.noteId });
}
export async function action({ request, params }) {
  const userId = await peekUserId(request);
  return json({ id: params.noteId, by: userId });
}
`,
    };
    const found = await messages(files, 'app/routes/api.notes.$noteId.ts', REMIX);
    expect(found.map((text) => text.split(' ').slice(0, 3).join(' '))).toEqual(['7 POST|PUT|PATCH|DELETE /api/notes/:noteId']);
  });

  it('reads React Router v7 route modules: redirect() and a folder route', async () => {
    const files = {
      'app/routes/auth.callback/route.ts': `import { redirect } from 'react-router';
export async function loader({ request }) {
  const next = new URL(request.url).searchParams.get('next') ?? '/';
  return redirect(next);
}
`,
    };
    const found = await messages(files, 'app/routes/auth.callback/route.ts', { name: 'rr', type: 'module', dependencies: { 'react-router': '^7.0.0' } });
    // A route that only redirects is public by nature: only the redirect is reported.
    expect(found.map((text) => text.slice(0, 40))).toEqual(['4 `searchParams.get(\'next\')` (line 3) de']);
  });

  it('reads a route module without framework imports when the project declares Remix, and no file of a project that does not', async () => {
    const route = `import { exec } from 'node:child_process';\nexport async function loader({ request }) {\n  exec(new URL(request.url).searchParams.get('dir') ?? '.');\n  return null;\n}\n`;
    expect(await lint({ 'app/routes/tools.ts': route }, 'app/routes/tools.ts', REMIX)).toEqual(['3 api-security/no-command-injection', '2 api-security/no-unauthenticated-route'].sort());
    expect(await lint({ 'app/routes/tools.ts': route }, 'app/routes/tools.ts', { name: 'plain', type: 'module' })).toEqual([]);
  });
});

describe('fetch servers', () => {
  it('reads the request of a Worker and reports Response.redirect and fetch, without a route verdict', async () => {
    const files = {
      'src/index.ts': `export default {
  async fetch(request: Request, env: { ORIGIN: string }): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/r') return Response.redirect(url.searchParams.get('to') ?? '/', 302);
    if (url.pathname === '/img') return fetch(url.searchParams.get('src') ?? '');
    return fetch(\`\${env.ORIGIN}/static\`);
  },
} satisfies ExportedHandler<{ ORIGIN: string }>;
`,
    };
    expect(await lint(files, 'src/index.ts', { name: 'worker' })).toEqual(['4 api-security/no-open-redirect', '5 api-security/no-ssrf']);
  });

  it('reads Bun.serve and Deno.serve handlers', async () => {
    const files = {
      'bun.ts': `import { exec } from 'node:child_process';
Bun.serve({ port: 3000, fetch(req) { exec(new URL(req.url).searchParams.get('cmd') ?? ''); return new Response('ok'); } });
`,
      'deno.ts': `Deno.serve({ port: 8000 }, async (req) => fetch((await req.json()).target));
`,
    };
    const dir = writeProject(files, { name: 'servers' });
    expect(summary(await lintProjectFile(dir, 'bun.ts', rules))).toEqual(['2 api-security/no-command-injection']);
    expect(summary(await lintProjectFile(dir, 'deno.ts', rules))).toEqual(['1 api-security/no-ssrf']);
  });

  it('leaves look-alikes alone: an app handed over, a named export, a shadowed runtime global', async () => {
    const files = {
      'hono.ts': `import { Hono } from 'hono';\nconst app = new Hono();\nexport default { fetch: app.fetch };\n`,
      'client.ts': `export const client = { fetch(target: string) { return fetch(target); } };\n`,
      'shadow.ts': `import { exec } from 'node:child_process';\nconst Bun = { serve(options: { fetch: (req: { url: string }) => void }) { return options; } };\nBun.serve({ fetch(req) { exec(req.url); } });\n`,
    };
    const dir = writeProject(files, { name: 'lookalikes' });
    for (const file of Object.keys(files)) expect(summary(await lintProjectFile(dir, file, rules))).toEqual([]);
  });
});
