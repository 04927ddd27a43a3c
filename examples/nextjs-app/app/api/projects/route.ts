import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { prisma } from '@/lib/db';
import { getSession } from '@/lib/session';

const CreateProject = z.object({ name: z.string().min(1).max(100), description: z.string().max(2000).optional() });

// ok: api-security/no-unauthenticated-route
export async function GET() {
  const session = await getSession();
  if (!session) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  const projects = await prisma.project.findMany({ where: { ownerId: session.userId }, select: { id: true, name: true } });
  return NextResponse.json(projects);
}

// ok: api-security/no-unauthenticated-route
export async function POST(request: NextRequest) {
  const session = await getSession();
  if (!session) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  const input = CreateProject.parse(await request.json());
  // ok: api-security/no-mass-assignment
  const project = await prisma.project.create({ data: { ...input, ownerId: session.userId } });
  return NextResponse.json({ id: project.id }, { status: 201 });
}
