import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Many apps answer 401 for "you may not" as well as for "who are you?". A check whose helper decides
 * by the caller's role, permission or membership (`return session.user.isStaff`, a crew member's
 * role) is a role check whether its branch answers 401 or 403: what it reads decides, not the status.
 * A check that only asks whether there is a signed-in user stays authentication, and so does a
 * helper answered 401 whose body is out of view (it may be the sign-in check itself).
 */

const manifest = { name: 'clinic', type: 'module', dependencies: { next: '14.0.0' } };
const roleRules: Linter.RulesRecord = { 'api-security/require-role-check': 'error' };
const ownershipRules: Linter.RulesRecord = { 'api-security/require-ownership-check': 'error' };
const lines = (messages: readonly { line: number; ruleId: string | null }[]): string[] => messages.map((message) => `${String(message.line)} ${message.ruleId ?? ''}`);

const session = `import jwt from 'jsonwebtoken';
export function readSession(header?: string) {
  try { return jwt.verify(String(header).replace('Bearer ', ''), process.env.SESSION_KEY as string) as any; } catch { return null; }
}
`;
const signIn = `import { readSession } from './session';
export async function ensureSession(req: any, res: any) {
  const found = readSession(req.headers.authorization);
  if (!found) {
    res.status(401).json({ error: 'sign in first' });
    throw new Error('signed out');
  }
  req.session = found;
}
`;
const permissions = `import { db } from './db';
export async function mayManageStaff({ user }: any) {
  return user.isAdmin;
}
export async function signedIn(current: any) {
  return Boolean(current?.user?.id);
}
export async function loadMember(current: any) {
  const row = await db.member.findUnique({ where: { id: current.user.id } });
  return row ? { id: row.id, role: row.role } : null;
}
export async function mayEditCrew({ user }: any, crewId: string) {
  if (user.isAdmin) return true;
  const seat = await db.crewSeat.findFirst({ where: { crewId, memberId: user.id } });
  return seat?.role === 'lead';
}
export async function crewsOf(memberId: string) {
  return db.crew.findMany({ where: { ownerId: memberId } });
}
`;
const db = `import { PrismaClient } from '@prisma/client';
export const db = new PrismaClient();
`;
const staffRoute = (check: string, refusal: string, imports = ''): string => `import { ensureSession } from '../../../lib/sign-in';
import { db } from '../../../lib/db';
${imports}
export default async function handler(req: any, res: any) {
  await ensureSession(req, res);
  if (req.method === 'GET') {
    if (!(await ${check})) return ${refusal};
    return res.json(await db.member.findMany({ select: { id: true, name: true } }));
  }
  return res.status(405).end();
}
`;
const project = (route: string): string =>
  writeProject(
    { 'lib/session.ts': session, 'lib/sign-in.ts': signIn, 'lib/permissions.ts': permissions, 'lib/db.ts': db, 'pages/api/admin/staff.ts': route },
    manifest,
  );
const permissionsImport = "import { mayManageStaff, signedIn, loadMember } from '../../../lib/permissions';";

describe('require-role-check: a permission helper answered 401', () => {
  it('credits a helper that returns the admin flag, answered `res.status(401)`', async () => {
    const dir = project(staffRoute('mayManageStaff(req.session)', 'res.status(401).end()', permissionsImport));
    expect(await lintProjectFile(dir, 'pages/api/admin/staff.ts', roleRules)).toEqual([]);
  });

  it('credits the same helper answered by an `unauthorized(res)` helper of a package', async () => {
    const dir = project(staffRoute('mayManageStaff(req.session)', 'unauthorized(res)', `${permissionsImport}\nimport { unauthorized } from 'tiny-http-answers';`));
    expect(await lintProjectFile(dir, 'pages/api/admin/staff.ts', roleRules)).toEqual([]);
  });

  it('credits it answered 403, as before', async () => {
    const dir = project(staffRoute('mayManageStaff(req.session)', 'res.status(403).end()', permissionsImport));
    expect(await lintProjectFile(dir, 'pages/api/admin/staff.ts', roleRules)).toEqual([]);
  });

  it('still reports a 401 check that only asks whether someone is signed in', async () => {
    const dir = project(staffRoute('signedIn(req.session)', 'res.status(401).end()', permissionsImport));
    expect(lines(await lintProjectFile(dir, 'pages/api/admin/staff.ts', roleRules))).toEqual(['4 api-security/require-role-check']);
  });

  it('still reports a 401 check of a helper that only copies the role into the record it returns', async () => {
    const dir = project(staffRoute('loadMember(req.session)', 'res.status(401).end()', permissionsImport));
    expect(lines(await lintProjectFile(dir, 'pages/api/admin/staff.ts', roleRules))).toEqual(['4 api-security/require-role-check']);
  });

  it('still reports a 401 check of a package helper whose body is out of view', async () => {
    const dir = project(staffRoute('checkAccess(req.session)', 'res.status(401).end()', "import { checkAccess } from '@clinic/access';"));
    expect(lines(await lintProjectFile(dir, 'pages/api/admin/staff.ts', roleRules))).toEqual(['4 api-security/require-role-check']);
  });
});

describe('require-ownership-check: a membership helper answered 401', () => {
  const crewRoute = (guarded: boolean): string => `import { ensureSession } from '../../../lib/sign-in';
import { mayEditCrew } from '../../../lib/permissions';
import { db } from '../../../lib/db';
export default async function handler(req: any, res: any) {
  await ensureSession(req, res);
  const { crewId } = req.query;
  if (req.method === 'DELETE') {
    ${guarded ? 'if (!(await mayEditCrew(req.session, crewId))) return res.status(401).json({ error: \'not your crew\' });' : ''}
    await db.crew.delete({ where: { id: crewId } });
    return res.status(204).end();
  }
  return res.status(405).end();
}
`;
  const crewProject = (guarded: boolean): string =>
    writeProject(
      { 'lib/session.ts': session, 'lib/sign-in.ts': signIn, 'lib/permissions.ts': permissions, 'lib/db.ts': db, 'pages/api/crews/[crewId].ts': crewRoute(guarded) },
      manifest,
    );

  it('credits the check of the crew membership and role', async () => {
    expect(await lintProjectFile(crewProject(true), 'pages/api/crews/[crewId].ts', ownershipRules)).toEqual([]);
  });

  it('still reports the delete without it', async () => {
    expect(lines(await lintProjectFile(crewProject(false), 'pages/api/crews/[crewId].ts', ownershipRules))).toEqual(['9 api-security/require-ownership-check']);
  });
});
