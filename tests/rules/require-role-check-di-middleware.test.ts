import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * require-role-check with the role middleware resolved from a dependency-injection container by
 * symbol: inversify-express-utils routes name a symbol (`@httpDelete('/:id', TYPES.AdminOnly)`,
 * `@controller('/staff', TYPES.Auth, TYPES.AdminOnly)`), and the container binds a middleware class
 * to it (`container.bind(TYPES.AdminOnly).to(AdminOnlyMiddleware)`). The class is judged by its
 * `handler`: a role check when it rejects unless the caller has a role, none when it only checks
 * that someone signed in (or lets everybody through).
 */

const strict: Linter.RulesRecord = { 'api-security/require-role-check': ['error', { privilegedRoutes: 'report', inconsistentRoutes: 'ignore' }] };

async function findings(dir: string, file: string): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, strict);
  return messages.map((message) => `${String(message.line)} ${message.messageId ?? message.message}`);
}

const types = `export const TYPES = {
  Authenticated: Symbol.for('Authenticated'),
  AdminOnly: Symbol.for('AdminOnly'),
};
`;

const controller = (routeGuards: string): string => `import { controller, httpDelete, requestParam } from 'inversify-express-utils';
import { TYPES } from './types';
import { accounts } from './accounts';

@controller('/accounts', TYPES.Authenticated)
export class AccountsController {
  @httpDelete('/:id'${routeGuards})
  remove(@requestParam('id') id: string) {
    return accounts.user.delete({ where: { id } });
  }
}
`;

const container = (secondCheck: string): string => `import { Container } from 'inversify';
import { BaseMiddleware } from 'inversify-express-utils';
import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import { TYPES } from './types';

export class SignedInMiddleware extends BaseMiddleware {
  public handler(req: Request, res: Response, next: NextFunction): void {
    const header = req.headers.authorization;
    if (!header) { res.status(401).end(); return; }
    (req as any).user = jwt.verify(header.slice(7), process.env.TOKEN_KEY as string);
    next();
  }
}

export class StaffGate extends BaseMiddleware {
  public handler(req: Request, res: Response, next: NextFunction): void {
${secondCheck}
  }
}

export const container = new Container();
container.bind<SignedInMiddleware>(TYPES.Authenticated).to(SignedInMiddleware);
container.bind<StaffGate>(TYPES.AdminOnly).to(StaffGate);
`;

const accounts = `import { PrismaClient } from '@prisma/client';
export const accounts = new PrismaClient();
`;

const rejectsUnlessAdmin = `    const caller = (req as any).user;
    if (!caller || caller.role !== 'admin') { res.status(403).end(); return; }
    next();`;
const onlySignedIn = `    const caller = (req as any).user;
    if (!caller) { res.status(401).end(); return; }
    next();`;

describe('require-role-check: a role middleware resolved by a DI symbol', () => {
  it('credits the class bound to the symbol named by the route when its handler rejects unless a role', async () => {
    const dir = writeProject({ 'src/types.ts': types, 'src/accounts.ts': accounts, 'src/ioc.ts': container(rejectsUnlessAdmin), 'src/accounts.controller.ts': controller(', TYPES.AdminOnly') });
    expect(await findings(dir, 'src/accounts.controller.ts')).toEqual([]);
  });

  it('reports the route when the class bound to the symbol only checks that someone signed in', async () => {
    const dir = writeProject({ 'src/types.ts': types, 'src/accounts.ts': accounts, 'src/ioc.ts': container(onlySignedIn), 'src/accounts.controller.ts': controller(', TYPES.AdminOnly') });
    expect(await findings(dir, 'src/accounts.controller.ts')).toEqual(['7 privilegedRoute']);
  });

  it('reports the route when the class bound to the symbol reads the role but lets everybody through', async () => {
    const logsOnly = `    const caller = (req as any).user;
    console.info('role', caller?.role);
    next();`;
    const dir = writeProject({ 'src/types.ts': types, 'src/accounts.ts': accounts, 'src/ioc.ts': container(logsOnly), 'src/accounts.controller.ts': controller(', TYPES.AdminOnly') });
    expect(await findings(dir, 'src/accounts.controller.ts')).toEqual(['7 privilegedRoute']);
  });

  it('reports the route that names no role middleware, next to the one that does', async () => {
    const dir = writeProject({ 'src/types.ts': types, 'src/accounts.ts': accounts, 'src/ioc.ts': container(rejectsUnlessAdmin), 'src/accounts.controller.ts': controller('') });
    expect(await findings(dir, 'src/accounts.controller.ts')).toEqual(['7 privilegedRoute']);
  });
});
