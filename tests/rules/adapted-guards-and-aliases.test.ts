import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A login guard made by a wrapper call, `export const needsLogin = toPromise(async (req, res, next) =>
 * {…})` (next-basics' `createMiddleware`, a promise adapter of the project or a package), awaited in a
 * Next.js handler: the middleware it is handed decides, as it would mounted. And one guard gets one
 * verdict however the route imports it: by a relative path or by a tsconfig `paths` alias.
 */

const manifest = { name: 'ledger', type: 'module', dependencies: { next: '14.0.0', 'promise-adapter': '1.0.0' } };
const tsconfig = JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { 'lib/*': ['./lib/*'] } } });
const rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };
const strict: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportUnresolvedMounts: true, unknownAuth: 'report', delegatedAuthorization: 'report', reportRoutes: 'all' }] };
const lines = (messages: readonly { line: number; messageId?: string | undefined }[]): string[] => messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`);

const tokens = `import jwt from 'jsonwebtoken';
export function readToken(header?: string) {
  try { return jwt.verify(String(header).replace('Bearer ', ''), process.env.LEDGER_KEY as string) as any; } catch { return null; }
}
`;
const checkingGuard = `import { toPromise } from 'promise-adapter';
import { readToken } from './tokens';
export const needsLogin = toPromise(async (req: any, res: any, next: () => void) => {
  const claims = readToken(req.headers.authorization);
  if (!claims) return res.status(401).json({ error: 'sign in' });
  req.claims = claims;
  next();
});
`;
const loggingGuard = `import { toPromise } from 'promise-adapter';
export const needsLogin = toPromise(async (req: any, res: any, next: () => void) => {
  console.info('request', req.url);
  next();
});
`;
const route = (specifier: string): string => `import { needsLogin } from '${specifier}';
export default async function handler(req: any, res: any) {
  await needsLogin(req, res);
  res.status(200).json({ account: req.claims?.sub });
}
`;
const app = (guard: string): string =>
  writeProject(
    {
      'tsconfig.json': tsconfig,
      'lib/tokens.ts': tokens,
      'lib/guards.ts': guard,
      'pages/api/by-alias.ts': route('lib/guards'),
      'pages/api/by-path.ts': route('../../lib/guards'),
    },
    manifest,
  );

describe('no-unauthenticated-route: a guard made by a wrapper call', () => {
  it('is credited when the middleware it wraps rejects without a token, imported either way', async () => {
    const dir = app(checkingGuard);
    for (const file of ['pages/api/by-alias.ts', 'pages/api/by-path.ts']) {
      expect(await lintProjectFile(dir, file, rules)).toEqual([]);
      expect(await lintProjectFile(dir, file, strict)).toEqual([]);
    }
  });

  it('is credited when the wrapper and the middleware are in the route file', async () => {
    const dir = writeProject(
      {
        'lib/tokens.ts': tokens,
        'pages/api/inline.ts': `import { toPromise } from 'promise-adapter';
import { readToken } from '../../lib/tokens';
const needsLogin = toPromise(async (req: any, res: any, next: () => void) => {
  if (!readToken(req.headers.authorization)) return res.status(401).end();
  next();
});
export default async function handler(req: any, res: any) {
  await needsLogin(req, res);
  res.status(200).json({ ok: true });
}
`,
      },
      manifest,
    );
    expect(await lintProjectFile(dir, 'pages/api/inline.ts', rules)).toEqual([]);
  });

  it('still reports the route when the wrapped middleware checks nothing, imported either way', async () => {
    const dir = app(loggingGuard);
    expect(lines(await lintProjectFile(dir, 'pages/api/by-alias.ts', rules))).toEqual(['2 unauthenticatedRoute']);
    expect(lines(await lintProjectFile(dir, 'pages/api/by-path.ts', rules))).toEqual(['2 unauthenticatedRoute']);
  });

  it('still reports the route when the wrapper is given a handler-shaped function without a continuation', async () => {
    const dir = app(`import { toPromise } from 'promise-adapter';
import { readToken } from './tokens';
export const needsLogin = toPromise(async (req: any, res: any) => {
  req.claims = readToken(req.headers.authorization);
});
`);
    expect(lines(await lintProjectFile(dir, 'pages/api/by-alias.ts', rules))).toEqual(['2 unauthenticatedRoute']);
    expect(lines(await lintProjectFile(dir, 'pages/api/by-path.ts', rules))).toEqual(['2 unauthenticatedRoute']);
  });
});

describe('no-unauthenticated-route: one verdict for a relative path and a tsconfig alias', () => {
  it('gives a guard whose definition cannot be read the same unknown verdict', async () => {
    // The alias names a file that is not there: out of view both ways, never "a package".
    const dir = writeProject(
      {
        'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { 'lib/*': ['./lib/*'] } } }),
        'lib/guards.ts': `export { requireAuth } from './vendor/compiled-guard.js';\n`,
        'pages/api/by-alias.ts': `import { requireAuth } from 'lib/guards';
export default async function handler(req: any, res: any) {
  await requireAuth(req, res);
  res.status(200).json({ ok: true });
}
`,
        'pages/api/by-path.ts': `import { requireAuth } from '../../lib/guards';
export default async function handler(req: any, res: any) {
  await requireAuth(req, res);
  res.status(200).json({ ok: true });
}
`,
      },
      manifest,
    );
    const alias = await lintProjectFile(dir, 'pages/api/by-alias.ts', strict);
    const relative = await lintProjectFile(dir, 'pages/api/by-path.ts', strict);
    expect(lines(alias)).toEqual(['2 unknownAuth']);
    expect(lines(relative)).toEqual(['2 unknownAuth']);
    expect(alias[0]?.message).toContain('`lib/guards`');
    expect(alias[0]?.message).not.toContain('package');
    expect(await lintProjectFile(dir, 'pages/api/by-alias.ts', rules)).toEqual(await lintProjectFile(dir, 'pages/api/by-path.ts', rules));
  });
});
