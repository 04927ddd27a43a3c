import { RuleTester } from '@typescript-eslint/rule-tester';
import massAssignment from '../../src/rules/no-mass-assignment.js';
import openRedirect from '../../src/rules/no-open-redirect.js';
import sqlInjection from '../../src/rules/no-sql-injection.js';
import unauthenticatedRoute from '../../src/rules/no-unauthenticated-route.js';
import wholeObjectResponse from '../../src/rules/no-whole-object-response.js';

// Next.js server actions are endpoints: every exported async function of a `'use server'` module,
// and every async function whose body starts with `'use server'`, can be POSTed by any client with
// arguments of its choice. Their arguments are request input; they must check the session
// themselves. Look-alikes: a module's unexported helper, a `'use client'` module, a `'use server'`
// string that is not a directive, validated input, an action that checks the session.
const ruleTester = new RuleTester();

const ACTIONS = 'app/actions/account.ts';

ruleTester.run('no-sql-injection in server actions', sqlInjection, {
  valid: [
    {
      name: 'a helper the module does not export is not an action',
      filename: ACTIONS,
      code: `'use server';
import { prisma } from '@/lib/prisma';
async function findByName(name: string) {
  return prisma.$queryRawUnsafe(\`SELECT id FROM "User" WHERE name = '\${name}'\`);
}
export async function countUsers() {
  return prisma.user.count();
}
`,
    },
    {
      name: 'a client module defines no server action',
      filename: 'app/components/search.ts',
      code: `'use client';
import { prisma } from '@/lib/prisma';
export async function search(name: string) {
  return prisma.$queryRawUnsafe(\`SELECT id FROM "User" WHERE name = '\${name}'\`);
}
`,
    },
    {
      name: "'use server' after another statement is a string, not a directive",
      filename: 'lib/search.ts',
      code: `import { prisma } from '@/lib/prisma';
const TABLE = 'User';
'use server';
export async function search(name: string) {
  return prisma.$queryRawUnsafe(\`SELECT id FROM "\${TABLE}" WHERE name = '\${name}'\`);
}
`,
    },
    {
      name: 'an action that queries with its own constants only',
      filename: ACTIONS,
      code: `'use server';
import { prisma } from '@/lib/prisma';
const ACTIVE = 'active';
export async function activeCount() {
  return prisma.$queryRawUnsafe(\`SELECT count(*) FROM "User" WHERE status = '\${ACTIVE}'\`);
}
`,
    },
    {
      name: 'an action argument bound as a parameter',
      filename: ACTIONS,
      code: `'use server';
import { prisma } from '@/lib/prisma';
export async function search(name: string) {
  return prisma.$queryRawUnsafe('SELECT id FROM "User" WHERE name = $1', name);
}
`,
    },
  ],
  invalid: [
    {
      name: 'a plain argument is client input whatever its declared type',
      filename: ACTIONS,
      code: `'use server';
import { prisma } from '@/lib/prisma';
export async function searchMembers(name: string) {
  return prisma.$queryRawUnsafe(\`SELECT id, name FROM "Member" WHERE name ILIKE '%\${name}%'\`);
}
`,
      errors: [{ messageId: 'sqlInjection', line: 4, column: 85, endColumn: 89, data: { source: '`name`', sourceLine: 3, sinkLine: 4, sink: 'prisma.$queryRawUnsafe' }, 
          // The pattern, wildcards included, becomes one bound parameter of the tagged template.
          suggestions: [{ messageId: 'parameterize', output: `'use server';
import { prisma } from '@/lib/prisma';
export async function searchMembers(name: string) {
  return prisma.$queryRaw\`SELECT id, name FROM "Member" WHERE name ILIKE \${\`%\${name}%\`}\`;
}
` }] }],
    },
    {
      name: 'the second argument of an action (a bound id before the form data) is input too',
      filename: ACTIONS,
      code: `'use server';
import { prisma } from '@/lib/prisma';
export async function renameTeam(teamId: string, formData: FormData) {
  const name = formData.get('name');
  await prisma.$executeRawUnsafe(\`UPDATE "Team" SET name = '\${name}' WHERE id = '\${teamId}'\`);
}
`,
      errors: [
        { messageId: 'sqlInjection', line: 5, column: 63, endColumn: 67, data: { source: "`formData.get('name')`", sourceLine: 4, sinkLine: 5, sink: 'prisma.$executeRawUnsafe' },
          // Bound parameters of a tagged template: the quotes around the values go with the text.
          suggestions: [{ messageId: 'parameterize', output: `'use server';
import { prisma } from '@/lib/prisma';
export async function renameTeam(teamId: string, formData: FormData) {
  const name = formData.get('name');
  await prisma.$executeRaw\`UPDATE "Team" SET name = \${name} WHERE id = \${teamId}\`;
}
` }] },
        { messageId: 'sqlInjection', line: 5, column: 84, endColumn: 90, data: { source: '`teamId`', sourceLine: 3, sinkLine: 5, sink: 'prisma.$executeRawUnsafe' },
          // Bound parameters of a tagged template: the quotes around the values go with the text.
          suggestions: [{ messageId: 'parameterize', output: `'use server';
import { prisma } from '@/lib/prisma';
export async function renameTeam(teamId: string, formData: FormData) {
  const name = formData.get('name');
  await prisma.$executeRaw\`UPDATE "Team" SET name = \${name} WHERE id = \${teamId}\`;
}
` }] },
      ],
    },
    {
      name: 'an inline action in a server component',
      filename: 'app/members/page.tsx',
      code: `import { prisma } from '@/lib/prisma';
export default async function MembersPage() {
  async function findMember(formData: FormData) {
    'use server';
    const email = String(formData.get('email'));
    return prisma.$queryRawUnsafe("SELECT id FROM \\"Member\\" WHERE email = '" + email + "'");
  }
  return <form action={findMember}><input name="email" /></form>;
}
`,
      errors: [{ messageId: 'sqlInjection', line: 6, column: 81, endColumn: 86, data: { source: "`formData.get('email')`", sourceLine: 5, sinkLine: 6, sink: 'prisma.$queryRawUnsafe' } }],
    },
    {
      name: 'an exported arrow function and a renamed export',
      filename: ACTIONS,
      code: `'use server';
import { prisma } from '@/lib/prisma';
export const byTag = async (tag: string) => prisma.$queryRawUnsafe('SELECT id FROM "Post" WHERE tag = ' + tag);
const byAuthorImpl = async ({ author }: { author: string }) => prisma.$queryRawUnsafe('SELECT id FROM "Post" WHERE author = ' + author);
export { byAuthorImpl as byAuthor };
`,
      errors: [
        { messageId: 'sqlInjection', line: 3, column: 107, endColumn: 110, data: { source: '`tag`', sourceLine: 3, sinkLine: 3, sink: 'prisma.$queryRawUnsafe' } },
        { messageId: 'sqlInjection', line: 4, column: 129, endColumn: 135, data: { source: '`author`', sourceLine: 4, sinkLine: 4, sink: 'prisma.$queryRawUnsafe' } },
      ],
    },
    {
      name: 'every value of a repeated form field (getAll)',
      filename: ACTIONS,
      code: `'use server';
import { prisma } from '@/lib/prisma';
export async function tagPosts(formData: FormData) {
  const tags = formData.getAll('tag').map(String).join("','");
  return prisma.$queryRawUnsafe("SELECT id FROM \\"Post\\" WHERE tag IN ('" + tags + "')");
}
`,
      errors: [{ messageId: 'sqlInjection', line: 5, column: 77, endColumn: 81, data: { source: "`formData.getAll('tag')`", sourceLine: 4, sinkLine: 5, sink: 'prisma.$queryRawUnsafe' } }],
    },
    {
      name: 'a same-file wrapper that hands the action the posted arguments',
      filename: ACTIONS,
      code: `'use server';
import { auth } from '@/auth';
import { prisma } from '@/lib/prisma';
function signedIn<Args extends unknown[], Result>(action: (...args: Args) => Promise<Result>) {
  return async (...args: Args) => {
    if (!(await auth())) throw new Error('Unauthorized');
    return action(...args);
  };
}
export const findByCity = signedIn(async (city: string) => prisma.$queryRawUnsafe('SELECT id FROM "Store" WHERE city = ' + city));
`,
      errors: [{ messageId: 'sqlInjection', line: 10, column: 124, endColumn: 128, data: { source: '`city`', sourceLine: 10, sinkLine: 10, sink: 'prisma.$queryRawUnsafe' } }],
    },
  ],
});

ruleTester.run('no-open-redirect in server actions', openRedirect, {
  valid: [
    {
      name: 'a redirect to a fixed path',
      filename: ACTIONS,
      code: `'use server';
import { redirect } from 'next/navigation';
export async function signOut(formData: FormData) {
  redirect('/login');
}
`,
    },
    {
      name: 'a relative return path checked before the redirect',
      filename: ACTIONS,
      code: `'use server';
import { redirect } from 'next/navigation';
export async function finish(formData: FormData) {
  const returnTo = String(formData.get('returnTo') ?? '/');
  redirect(returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/');
}
`,
    },
  ],
  invalid: [
    {
      name: 'a form field decides where next/navigation redirects',
      filename: ACTIONS,
      code: `'use server';
import { redirect } from 'next/navigation';
export async function completeOnboarding(formData: FormData) {
  redirect(String(formData.get('returnTo')));
}
`,
      errors: [{ messageId: 'openRedirect', line: 4, column: 12, endColumn: 44, data: { source: "`formData.get('returnTo')`", sourceLine: 4, sink: 'redirect', sinkLine: 4, via: '' } }],
    },
  ],
});

ruleTester.run('no-mass-assignment in server actions', massAssignment, {
  valid: [
    {
      name: 'the form validated by a stripping schema, then picked fields written',
      filename: ACTIONS,
      code: `'use server';
import { z } from 'zod';
import { prisma } from '@/lib/prisma';
const Profile = z.object({ displayName: z.string().max(80), bio: z.string().max(500) });
export async function saveProfile(userId: string, formData: FormData) {
  const input = Profile.parse(Object.fromEntries(formData));
  await prisma.user.update({ where: { id: userId }, data: { displayName: input.displayName, bio: input.bio } });
}
`,
    },
    {
      name: 'a same-file wrapper that hands the action what a stripping schema let through',
      filename: ACTIONS,
      code: `'use server';
import { z } from 'zod';
import { prisma } from '@/lib/prisma';
function validated<T>(schema: z.ZodType<T>, action: (input: T) => Promise<void>) {
  return async (input: unknown) => action(schema.parse(input));
}
const Settings = z.object({ theme: z.enum(['light', 'dark']), locale: z.string().max(10) });
export const updateSettings = validated(Settings, async (settings) => {
  await prisma.account.update({ where: { id: 'current' }, data: settings });
});
`,
    },
    {
      name: 'named fields read from the form',
      filename: ACTIONS,
      code: `'use server';
import { prisma } from '@/lib/prisma';
export async function saveProfile(userId: string, formData: FormData) {
  await prisma.user.update({ where: { id: userId }, data: { displayName: String(formData.get('displayName')) } });
}
`,
    },
  ],
  invalid: [
    {
      name: 'the whole form written into the record',
      filename: ACTIONS,
      code: `'use server';
import { prisma } from '@/lib/prisma';
export async function saveProfile(userId: string, formData: FormData) {
  await prisma.user.update({ where: { id: userId }, data: Object.fromEntries(formData) });
}
`,
      errors: [{ messageId: 'massAssignment', line: 4, column: 59, endColumn: 87, data: { input: '`formData`', sink: '`prisma.user.update`', protected: 'fields such as `role` or `isAdmin`' } }],
    },
    {
      name: 'an object argument spread into the record',
      filename: ACTIONS,
      code: `'use server';
import { prisma } from '@/lib/prisma';
export async function updateSettings(settings: { theme: string; locale: string }) {
  await prisma.account.update({ where: { id: 'current' }, data: { ...settings, updatedAt: new Date() } });
}
`,
      errors: [{ messageId: 'massAssignment', line: 4, column: 70, endColumn: 78, data: { input: '`settings`', sink: '`prisma.account.update`', protected: 'fields such as `role` or `isAdmin`' } }],
    },
  ],
});

ruleTester.run('no-unauthenticated-route for server actions', unauthenticatedRoute, {
  valid: [
    {
      name: 'Auth.js session checked, redirect to the sign-in page without one',
      filename: ACTIONS,
      code: `'use server';
import { redirect } from 'next/navigation';
import { auth } from '@/auth';
import { prisma } from '@/lib/prisma';
export async function deleteProject(projectId: string) {
  const session = await auth();
  if (!session?.user) redirect('/login');
  await prisma.project.delete({ where: { id: projectId, ownerId: session.user.id } });
}
`,
    },
    {
      name: 'a session looked up from the cookie, throwing without one',
      filename: ACTIONS,
      code: `'use server';
import { cookies } from 'next/headers';
import { prisma } from '@/lib/prisma';
export async function archiveProject(projectId: string) {
  const sid = (await cookies()).get('sid')?.value;
  const session = sid ? await prisma.session.findUnique({ where: { id: sid } }) : null;
  if (!session) throw new Error('Not signed in');
  await prisma.project.update({ where: { id: projectId, ownerId: session.userId }, data: { archived: true } });
}
`,
    },
    {
      name: 'next-auth getServerSession, throwing without one',
      filename: ACTIONS,
      code: `'use server';
import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth-options';
import { prisma } from '@/lib/prisma';
export async function leaveTeam(teamId: string) {
  const session = await getServerSession(authOptions);
  if (!session) throw new Error('Unauthorized');
  await prisma.membership.delete({ where: { teamId_userId: { teamId, userId: session.user.id } } });
}
`,
    },
    {
      name: 'a same-file wrapper whose definition rejects without a session',
      filename: ACTIONS,
      code: `'use server';
import { redirect } from 'next/navigation';
import { auth } from '@/auth';
import { prisma } from '@/lib/prisma';
async function currentMember() {
  const session = await auth();
  if (!session?.user) redirect('/login');
  return session.user;
}
export async function removeComment(commentId: string) {
  const member = await currentMember();
  await prisma.comment.delete({ where: { id: commentId, authorId: member.id } });
}
`,
    },
    {
      name: 'an action that returns only its own constants',
      filename: ACTIONS,
      code: `'use server';
const PLANS = [{ id: 'free', seats: 1 }, { id: 'team', seats: 10 }];
export async function listPlans() {
  return PLANS;
}
`,
    },
    {
      name: 'a helper the module does not export is not an action',
      filename: ACTIONS,
      code: `'use server';
import { prisma } from '@/lib/prisma';
async function purge(id: string) {
  await prisma.project.delete({ where: { id } });
}
`,
    },
    {
      name: 'a same-file wrapper that rejects calls without a session before the action runs',
      filename: ACTIONS,
      code: `'use server';
import { auth } from '@/auth';
import { prisma } from '@/lib/prisma';
function signedIn<Args extends unknown[], Result>(action: (...args: Args) => Promise<Result>) {
  return async (...args: Args) => {
    const session = await auth();
    if (!session?.user) throw new Error('Unauthorized');
    return action(...args);
  };
}
export const deleteDraft = signedIn(async (draftId: string) => {
  await prisma.draft.delete({ where: { id: draftId } });
});
`,
    },
    {
      name: 'a wrapper imported from a module out of view is unknown, not reported by default',
      filename: ACTIONS,
      code: `'use server';
import { withMember } from '@/lib/with-member';
import { prisma } from '@/lib/prisma';
export const deleteDraft = withMember(async (draftId: string) => {
  await prisma.draft.delete({ where: { id: draftId } });
});
`,
    },
    {
      name: 'the sign-in flow is public by name, as its paths are for routes',
      filename: 'app/(auth)/actions.ts',
      code: `'use server';
import { redirect } from 'next/navigation';
import { signIn, signOut } from '@/auth';
export async function signInAction(formData: FormData) {
  await signIn('credentials', { email: formData.get('email'), password: formData.get('password'), redirectTo: '/dashboard' });
}
export async function logout() {
  await signOut();
  redirect('/');
}
export async function resetPassword(formData: FormData) {
  await fetch(process.env.MAILER_URL + '/reset', { method: 'POST', body: JSON.stringify({ email: formData.get('email') }) });
}
`,
    },
    {
      name: 'an action that opens a session for a user it looked up (next/headers cookies)',
      filename: ACTIONS,
      code: `'use server';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import bcrypt from 'bcryptjs';
import { prisma } from '@/lib/prisma';
import { createSessionToken } from '@/lib/tokens';
export async function authenticate(formData: FormData) {
  const user = await prisma.user.findUnique({ where: { email: String(formData.get('email')) } });
  if (!user || !(await bcrypt.compare(String(formData.get('password')), user.passwordHash))) return { error: 'Invalid credentials' };
  const cookieStore = await cookies();
  cookieStore.set('session', await createSessionToken(user.id), { httpOnly: true, secure: true });
  redirect('/dashboard');
}
`,
    },
    {
      name: 'a route handler that opens a session through NextResponse cookies (same evidence as actions)',
      filename: 'app/api/session/route.ts',
      code: `import { NextResponse } from 'next/server';
import bcrypt from 'bcryptjs';
import { prisma } from '@/lib/prisma';
import { createSessionToken } from '@/lib/tokens';
export async function POST(request: Request) {
  const { email, password } = await request.json();
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user || !(await bcrypt.compare(password, user.passwordHash))) return NextResponse.json({ error: 'Invalid credentials' }, { status: 400 });
  const response = NextResponse.json({ ok: true });
  response.cookies.set('session', await createSessionToken(user.id), { httpOnly: true });
  return response;
}
`,
    },
    {
      name: 'an action the team lists in publicRoutes by the path of its name',
      filename: ACTIONS,
      options: [{ publicRoutes: ['/subscribe-newsletter'] }],
      code: `'use server';
import { prisma } from '@/lib/prisma';
export async function subscribeNewsletter(formData: FormData) {
  await prisma.subscriber.create({ data: { email: String(formData.get('email')) } });
}
`,
    },
    {
      name: 'a client module',
      filename: 'app/components/delete-button.ts',
      code: `'use client';
export async function confirmDelete(id: string) {
  return window.confirm('Delete ' + id + '?');
}
`,
    },
  ],
  invalid: [
    {
      name: 'a wrapper imported from a module out of view, with unknownAuth: report',
      filename: ACTIONS,
      options: [{ unknownAuth: 'report' }],
      code: `'use server';
import { withMember } from '@/lib/with-member';
import { prisma } from '@/lib/prisma';
export const deleteDraft = withMember(async (draftId: string) => {
  await prisma.draft.delete({ where: { id: draftId } });
});
`,
      errors: [{
        messageId: 'unknownAuth', line: 4, column: 14, endColumn: 25,
        data: { method: 'POST', path: 'server action `deleteDraft` (app/actions/account.ts)', framework: 'nextjs', guard: 'withMember', source: '`@/lib/with-member`' },
      }],
    },
    {
      name: 'a same-file wrapper that only logs',
      filename: ACTIONS,
      code: `'use server';
import { prisma } from '@/lib/prisma';
function logged<Args extends unknown[]>(action: (...args: Args) => Promise<void>) {
  return async (...args: Args) => {
    console.info('action called');
    await action(...args);
  };
}
export const deleteDraft = logged(async (draftId: string) => {
  await prisma.draft.delete({ where: { id: draftId } });
});
`,
      errors: [{ messageId: 'unauthenticatedServerAction', line: 9, column: 14, endColumn: 25, data: { action: 'server action `deleteDraft` (app/actions/account.ts)' } }],
    },
    {
      name: 'a session opened for whichever user the client names',
      filename: ACTIONS,
      code: `'use server';
import { cookies } from 'next/headers';
import { createSessionToken } from '@/lib/tokens';
export async function impersonate(userId: string) {
  (await cookies()).set('session', await createSessionToken(userId));
}
`,
      errors: [{ messageId: 'unauthenticatedServerAction', line: 4, column: 23, endColumn: 34, data: { action: 'server action `impersonate` (app/actions/account.ts)' } }],
    },
    {
      name: 'a public-looking word inside a longer name is not the sign-in flow',
      filename: ACTIONS,
      code: `'use server';
import { prisma } from '@/lib/prisma';
export async function loginAsUser(userId: string) {
  await prisma.auditLog.create({ data: { event: 'impersonation', userId } });
}
`,
      errors: [{ messageId: 'unauthenticatedServerAction', line: 3, column: 23, endColumn: 34, data: { action: 'server action `loginAsUser` (app/actions/account.ts)' } }],
    },
    {
      name: 'a module action that deletes records without a session check',
      filename: ACTIONS,
      code: `'use server';
import { revalidatePath } from 'next/cache';
import { prisma } from '@/lib/prisma';
export async function deleteInvoice(invoiceId: string) {
  await prisma.invoice.delete({ where: { id: invoiceId } });
  revalidatePath('/invoices');
}
`,
      errors: [{ messageId: 'unauthenticatedServerAction', line: 4, column: 23, endColumn: 36, data: { action: 'server action `deleteInvoice` (app/actions/account.ts)' } }],
    },
    {
      name: 'an inline action of a server component is an endpoint of its own, whatever the page checks',
      filename: 'app/projects/page.tsx',
      code: `import { auth } from '@/auth';
import { prisma } from '@/lib/prisma';
export default async function ProjectsPage() {
  const session = await auth();
  if (!session) return null;
  const archive = async (formData: FormData) => {
    'use server';
    await prisma.project.update({ where: { id: String(formData.get('id')) }, data: { archived: true } });
  };
  return <form action={archive}><button>Archive</button></form>;
}
`,
      errors: [{ messageId: 'unauthenticatedServerAction', line: 6, column: 9, endColumn: 16, data: { action: 'server action `archive` (app/projects/page.tsx)' } }],
    },
  ],
});

ruleTester.run('no-whole-object-response for server actions', wholeObjectResponse, {
  valid: [
    {
      name: 'an action returning the fields the page shows',
      filename: ACTIONS,
      code: `'use server';
import { auth } from '@/auth';
import { prisma } from '@/lib/prisma';
export async function currentProfile() {
  const session = await auth();
  if (!session?.user) throw new Error('Unauthorized');
  return prisma.user.findUnique({ where: { id: session.user.id }, select: { id: true, displayName: true } });
}
`,
    },
  ],
  invalid: [
    {
      name: 'an action returning the whole user record to the client',
      filename: ACTIONS,
      code: `'use server';
import { auth } from '@/auth';
import { prisma } from '@/lib/prisma';
export async function currentProfile() {
  const session = await auth();
  if (!session?.user) throw new Error('Unauthorized');
  return prisma.user.findUnique({ where: { id: session.user.id } });
}
`,
      errors: [{ messageId: 'wholeObject', line: 7, column: 10, endColumn: 68, data: { object: '`prisma.user.findUnique({ where: { id:...`', origin: 'line 7, from `prisma.user.findUnique`', sink: "the handler's return value", exposed: 'every stored field' } }],
    },
  ],
});
