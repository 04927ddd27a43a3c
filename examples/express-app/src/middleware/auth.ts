import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import { config } from '../config';

export interface TokenClaims {
  sub: string;
  role: 'customer' | 'staff' | 'admin';
}

/** Rejects the request unless it carries a valid bearer token; sets `req.user`. */
export function requireAuth(req: Request, res: Response, next: NextFunction) {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) return res.status(401).json({ error: 'unauthorized' });
  try {
    // ok: api-security/no-hardcoded-secrets
    req.user = jwt.verify(header.slice(7), config.jwtSecret) as TokenClaims;
    return next();
  } catch {
    return res.status(401).json({ error: 'invalid token' });
  }
}

export function requireRole(...roles: TokenClaims['role'][]) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.user || !roles.includes(req.user.role)) return res.status(403).json({ error: 'forbidden' });
    return next();
  };
}
