import { NextResponse, type NextRequest } from 'next/server';
import { prisma } from '@/lib/db';

// middleware.ts authenticates /api/admin/*, but no one checks the role.
// ruleid: api-security/require-role-check
export async function GET(request: NextRequest) {
  const userId = request.nextUrl.searchParams.get('userId') ?? undefined;
  const events = await prisma.auditEvent.findMany({ where: { userId }, take: 100, include: { user: true } });
  // Each event embeds the full user row, password hash included.
  // todoruleid: api-security/no-whole-object-response
  return NextResponse.json(events);
}
