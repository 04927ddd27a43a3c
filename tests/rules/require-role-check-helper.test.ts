import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/require-role-check.js';

/*
 * A role checked by a helper the handler calls, Next.js style: the helper answers 401 or 403 itself
 * and the handler returns what it answered (`if (staff instanceof NextResponse) return staff`), or
 * the helper throws. A helper that only authenticates, or whose answer the handler ignores, checks
 * no role.
 */

const ruleTester = new RuleTester();

const HELPERS = `import { NextResponse } from 'next/server';
import { PrismaClient } from '@prisma/client';
import { getServerSession } from 'next-auth';
const prisma = new PrismaClient();
async function requireOperator() {
  const session = await getServerSession();
  if (!session?.user) return NextResponse.json({ error: 'sign in' }, { status: 401 });
  if (session.user.role !== 'operator') return NextResponse.json({ error: 'operators only' }, { status: 403 });
  return session.user;
}
async function requireSignedIn() {
  const session = await getServerSession();
  if (!session?.user) return NextResponse.json({ error: 'sign in' }, { status: 401 });
  return session.user;
}`;

ruleTester.run('require-role-check (role helpers)', rule, {
  valid: [
    {
      name: 'the helper answers 403 unless the role matches, and the handler returns its answer',
      filename: 'app/api/admin/tenants/[id]/route.ts',
      code: `${HELPERS}
export async function DELETE(_request: Request, { params }: { params: { id: string } }) {
  const operator = await requireOperator();
  if (operator instanceof NextResponse) return operator;
  await prisma.tenant.delete({ where: { id: params.id } });
  return new NextResponse(null, { status: 204 });
}`,
    },
  ],
  invalid: [
    {
      name: 'a helper that only authenticates',
      filename: 'app/api/admin/tenants/[id]/route.ts',
      code: `${HELPERS}
export async function DELETE(_request: Request, { params }: { params: { id: string } }) {
  const user = await requireSignedIn();
  if (user instanceof NextResponse) return user;
  await prisma.tenant.delete({ where: { id: params.id } });
  return new NextResponse(null, { status: 204 });
}`,
      errors: [{ messageId: 'missingRoleCheck', line: 16 }],
    },
  ],
});
