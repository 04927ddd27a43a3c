import { cookies } from 'next/headers';
import { jwtVerify } from 'jose';

const secret = new TextEncoder().encode(process.env.SESSION_SECRET);

export interface Session {
  userId: string;
  role: 'member' | 'admin';
}

/** The signed-in user, or null. */
export async function getSession(): Promise<Session | null> {
  const token = (await cookies()).get('session')?.value;
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, secret);
    return { userId: String(payload.sub), role: payload.role === 'admin' ? 'admin' : 'member' };
  } catch {
    return null;
  }
}
