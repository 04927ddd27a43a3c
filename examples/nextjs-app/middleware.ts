import { NextResponse, type NextRequest } from 'next/server';
import { jwtVerify } from 'jose';

const secret = new TextEncoder().encode(process.env.SESSION_SECRET);

/** Signed-in users only, for the dashboard and the admin API. */
export async function middleware(request: NextRequest) {
  const token = request.cookies.get('session')?.value;
  if (!token) return NextResponse.redirect(new URL('/login', request.url));
  try {
    await jwtVerify(token, secret);
    return NextResponse.next();
  } catch {
    return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  }
}

export const config = {
  matcher: ['/dashboard/:path*', '/api/admin/:path*'],
};
