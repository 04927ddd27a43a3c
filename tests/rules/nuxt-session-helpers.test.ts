import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * Nitro and Nuxt handlers that start by calling a session helper of the project: imported from
 * `server/utils`, or called with no import line at all (Nitro auto-imports every export of
 * `server/utils`). The helper is judged by its body: it reads the session cookie with h3's
 * `getCookie(event, …)`, verifies it only when one was sent (`cookie ? await verify(cookie) :
 * null`), and throws `createError({ statusCode: 401 })` when there is no user. Look-alikes whose
 * body lets a request without a session through stay reported, whatever the helper is named.
 */

// Every route judged, also those whose handler reads nothing that needs a caller.
const rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] };
const manifest = { name: 'wiki', private: true, type: 'module', dependencies: { nuxt: '^3.12.0', h3: '^1.12.0', jose: '^5.6.0' } };

const TOKENS = `import { jwtVerify } from 'jose';

const secret = new TextEncoder().encode(process.env.WIKI_SESSION_KEY);

export async function readSessionClaims(cookie: string) {
  try {
    const { payload } = await jwtVerify(cookie, secret);
    return payload as { sub: string; team: string };
  } catch {
    return null;
  }
}
`;

const AUTH = `import { createError, getCookie } from 'h3';
import { decodeJwt } from 'jose';
import { readSessionClaims } from './tokens';

export async function mustHaveMember(event) {
  const cookie = getCookie(event, 'wiki_session');
  const member = cookie ? await readSessionClaims(cookie) : null;
  if (!member) throw createError({ statusCode: 401, statusMessage: 'Sign in first' });
  return member;
}

export async function memberFromHeader(event) {
  const bearer = getHeader(event, 'authorization');
  const member = bearer && await readSessionClaims(bearer.slice(7));
  if (!member) throw createError({ statusCode: 401 });
  return member;
}

export async function memberOrVisitor(event) {
  const cookie = getCookie(event, 'wiki_session');
  const member = cookie ? await readSessionClaims(cookie) : { sub: 'visitor', team: 'public' };
  if (!member) throw createError({ statusCode: 401 });
  return member;
}

export async function memberFromUnsignedClaims(event) {
  const cookie = getCookie(event, 'wiki_session');
  const member = cookie ? decodeJwt(cookie) : null;
  if (!member) throw createError({ statusCode: 401 });
  return member;
}

export async function memberOrWarning(event) {
  const cookie = getCookie(event, 'wiki_session');
  const member = cookie ? await readSessionClaims(cookie) : null;
  if (!member) console.warn('anonymous request');
  return member;
}

export async function memberByLocale(event) {
  const locale = getCookie(event, 'locale');
  const member = locale ? await findDefaultMember(locale) : null;
  if (!member) throw createError({ statusCode: 401 });
  return member;
}

async function findDefaultMember(locale: string) {
  return { sub: 'default', team: locale };
}

// Named like nuxt-auth-utils' helper, but it only reads the cookie.
export async function requireUserSession(event) {
  return { user: { id: getCookie(event, 'wiki_user') } };
}
`;

const route = (helper: string, from: string | null): string => `${from === null ? '' : `import { ${helper} } from '${from}';\n`}export default defineEventHandler(async (event) => {
  const member = await ${helper}(event);
  return { team: member.team };
});
`;

function project(extra: Record<string, string>): string {
  return writeProject({ 'nuxt.config.ts': 'export default defineNuxtConfig({});\n', 'server/utils/tokens.ts': TOKENS, 'server/utils/auth.ts': AUTH, ...extra }, manifest);
}

describe('Nitro handlers authenticated by a session helper of the project', () => {
  it('takes a helper that verifies the sent cookie and throws 401 without a member as authentication, imported or auto-imported', async () => {
    const dir = project({
      'server/api/pages/imported.get.ts': route('mustHaveMember', '../../utils/auth'),
      'server/api/pages/auto.get.ts': route('mustHaveMember', null),
      'server/api/pages/header.get.ts': route('memberFromHeader', null),
    });
    expect(summary(await lintProjectFile(dir, 'server/api/pages/imported.get.ts', rules))).toEqual([]);
    expect(summary(await lintProjectFile(dir, 'server/api/pages/auto.get.ts', rules))).toEqual([]);
    expect(summary(await lintProjectFile(dir, 'server/api/pages/header.get.ts', rules))).toEqual([]);
  });

  it('keeps reporting helpers that let a request without a verified session through', async () => {
    const dir = project({
      'server/api/visitor.get.ts': route('memberOrVisitor', null),
      'server/api/unsigned.get.ts': route('memberFromUnsignedClaims', '../utils/auth'),
      'server/api/warning.get.ts': route('memberOrWarning', null),
      'server/api/locale.get.ts': route('memberByLocale', null),
      'server/api/named.get.ts': route('requireUserSession', null).replace('member.team', 'member.user.id'),
    });
    for (const file of ['visitor', 'unsigned', 'warning', 'locale', 'named']) {
      const messages = await lintProjectFile(dir, `server/api/${file}.get.ts`, rules);
      expect(messages.map((message) => `${file} ${message.messageId ?? ''}`)).toEqual([`${file} unauthenticatedRoute`]);
    }
  });

  it('keeps trusting the auto-imported requireUserSession of nuxt-auth-utils when the project defines none', async () => {
    const dir = writeProject({
      'nuxt.config.ts': "export default defineNuxtConfig({ modules: ['nuxt-auth-utils'] });\n",
      'server/utils/db.ts': 'export const pageLimit = 20;\n',
      'server/api/me.get.ts': `export default defineEventHandler(async (event) => {
  const { user } = await requireUserSession(event);
  return { id: user.id, limit: pageLimit };
});
`,
    }, { ...manifest, dependencies: { ...manifest.dependencies, 'nuxt-auth-utils': '^0.5.0' } });
    expect(summary(await lintProjectFile(dir, 'server/api/me.get.ts', rules))).toEqual([]);
  });

  it('does not count a server middleware for the paths it returns early for, before its check', async () => {
    const middleware = (body: string): string => `export default defineEventHandler(async (event) => {
  const path = getRequestURL(event).pathname;
  if (!path.startsWith('/api/')) return;
${body}
});
`;
    const check = `  const member = await mustHaveMember(event);
  event.context.member = member;`;
    const handler = `export default defineEventHandler(async (event) => ({ queued: getRouterParam(event, 'id') }));\n`;
    const skipsFirst = project({
      'server/middleware/auth.ts': middleware(`  if (path.startsWith('/api/jobs/')) return;\n${check}`),
      'server/api/jobs/[id].post.ts': handler,
      'server/api/pages/[id].post.ts': handler,
    });
    expect(summary(await lintProjectFile(skipsFirst, 'server/api/jobs/[id].post.ts', rules))).toEqual(['1 api-security/no-unauthenticated-route']);
    expect(summary(await lintProjectFile(skipsFirst, 'server/api/pages/[id].post.ts', rules))).toEqual([]);
    // The same early return after the check skips nothing the check guards.
    const checksFirst = project({
      'server/middleware/auth.ts': middleware(`${check}\n  if (path.startsWith('/api/jobs/')) return;`),
      'server/api/jobs/[id].post.ts': handler,
    });
    expect(summary(await lintProjectFile(checksFirst, 'server/api/jobs/[id].post.ts', rules))).toEqual([]);
  });
});
