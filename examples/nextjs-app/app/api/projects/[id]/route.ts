import { NextResponse, type NextRequest } from 'next/server';
import { PrismaClient } from '@prisma/client';
import { getSession } from '@/lib/session';

const prisma = new PrismaClient();

// Shareable project pages: no session check at all.
// ruleid: api-security/no-unauthenticated-route
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const sort = request.nextUrl.searchParams.get('sort') ?? 'created_at';
  // ruleid: api-security/no-sql-injection
  const tasks = await prisma.$queryRawUnsafe(`SELECT id, title FROM tasks WHERE project_id = $1 ORDER BY ${sort}`, id);
  return NextResponse.json(tasks);
}

// ok: api-security/no-unauthenticated-route
export async function PATCH(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const session = await getSession();
  if (!session) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  const { id } = await params;
  // Lets a member move the project to another owner or flip `archived`.
  // ruleid: api-security/no-mass-assignment
  const project = await prisma.project.update({ where: { id, ownerId: session.userId }, data: await request.json() });
  return NextResponse.json({ id: project.id, name: project.name });
}

// ok: api-security/no-unauthenticated-route
export async function DELETE(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const session = await getSession();
  if (!session) return new Response(null, { status: 401 });
  const { id } = await params;
  // ok: api-security/no-sql-injection
  await prisma.$executeRaw`DELETE FROM projects WHERE id = ${id} AND owner_id = ${session.userId}`;
  return new Response(null, { status: 204 });
}
