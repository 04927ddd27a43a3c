'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { prisma } from '@/lib/db';
import { getSession } from '@/lib/session';

// Server actions: any client can POST to each of these with arguments of its choice, and the
// middleware's matcher does not cover them. Each one checks the session itself.

// ok: api-security/no-unauthenticated-route
export async function renameProject(projectId: string, formData: FormData) {
  const session = await getSession();
  if (!session) redirect('/login');
  const name = String(formData.get('name') ?? '').slice(0, 100);
  // ok: api-security/no-mass-assignment
  await prisma.project.update({ where: { id: projectId, ownerId: session.userId }, data: { name } });
  revalidatePath('/dashboard');
}

// ok: api-security/no-unauthenticated-route
export async function updateProfile(formData: FormData) {
  const session = await getSession();
  if (!session) redirect('/login');
  // ruleid: api-security/no-mass-assignment
  await prisma.user.update({ where: { id: session.userId }, data: Object.fromEntries(formData) });
  // ruleid: api-security/no-open-redirect
  redirect(String(formData.get('returnTo') ?? '/dashboard'));
}

// ruleid: api-security/no-unauthenticated-route
export async function searchProjects(term: string) {
  // ruleid: api-security/no-sql-injection
  return prisma.$queryRawUnsafe(`SELECT id, name FROM "Project" WHERE name ILIKE '%${term}%'`);
}

/** Not exported: not an action. */
async function countProjects(ownerId: string) {
  return prisma.project.count({ where: { ownerId } });
}

// ok: api-security/no-unauthenticated-route
export async function projectCount() {
  const session = await getSession();
  if (!session) throw new Error('Unauthorized');
  return countProjects(session.userId);
}
