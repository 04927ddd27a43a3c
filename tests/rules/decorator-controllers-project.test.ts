import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Decorator controllers besides NestJS across files, linted one file at a time as the editor does:
 * a controller whose service calls a repository that builds SQL, and authentication decided in
 * another file (routing-controllers' `authorizationChecker` given to `createExpressServer`, tsoa's
 * `expressAuthentication`, an inversify middleware class bound to a DI symbol).
 */

const sql: Linter.RulesRecord = { 'api-security/no-sql-injection': 'error' };
const auth: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] };
const strictAuth: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { unknownAuth: 'report', reportRoutes: 'all' }] };

async function findings(dir: string, file: string, rules: Linter.RulesRecord): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, rules);
  return messages.map((message) => `${String(message.line)} ${message.messageId ?? message.message}`);
}

const repository = `
import { Pool } from 'pg';
const pool = new Pool();
export class UserRepository {
  findByName(name: string) {
    return pool.query("SELECT * FROM users WHERE name = '" + name + "'");
  }
  findById(id: string) {
    return pool.query('SELECT * FROM users WHERE id = $1', [id]);
  }
  page(offset: number) {
    return pool.query('SELECT * FROM users LIMIT 20 OFFSET ' + offset);
  }
}
`;
const service = `
import { Service } from 'typedi';
import { UserRepository } from './user.repository';
@Service()
export class UserService {
  constructor(private readonly users: UserRepository) {}
  search(name: string) { return this.users.findByName(name); }
  show(id: string) { return this.users.findById(id); }
  page(offset: number) { return this.users.page(offset); }
}
`;

describe('routing-controllers across files', () => {
  const controller = `
import { Authorized, Get, JsonController, Param, QueryParam } from 'routing-controllers';
import { UserService } from './user.service';

@JsonController('/users')
export class UserController {
  constructor(private readonly service: UserService) {}

  @Get('/search')
  search(@QueryParam('name') name: string) {
    return this.service.search(name);
  }

  @Authorized()
  @Get('/:id')
  show(@Param('id') id: string) {
    return this.service.show(id);
  }

  @Authorized('admin')
  @Get('/')
  page(@QueryParam('offset') offset: number) {
    return this.service.page(offset);
  }
}
`;
  const server = (checker: string): string => `
import { createExpressServer, type Action } from 'routing-controllers';
import jwt from 'jsonwebtoken';
import { UserController } from './user.controller';

createExpressServer({
  controllers: [UserController],
  authorizationChecker: ${checker},
}).listen(3000);
`;
  const verifying = `async (action: Action, roles: string[]) => {
    const token = action.request.headers.authorization;
    if (!token) return false;
    const user = jwt.verify(token.replace('Bearer ', ''), process.env.JWT_SECRET as string) as { role: string };
    return roles.length === 0 || roles.includes(user.role);
  }`;

  it('reports the SQL built in the repository from a @QueryParam, not the bound or converted ones', async () => {
    const dir = writeProject({
      'src/user.controller.ts': controller,
      'src/user.service.ts': service,
      'src/user.repository.ts': repository,
      'src/server.ts': server(verifying),
    });
    const messages = await lintProjectFile(dir, 'src/user.repository.ts', sql);
    expect(messages.map((message) => [message.line, message.messageId])).toEqual([[6, 'sqlInjectionHelper']]);
    expect(messages[0]?.message).toContain("`@QueryParam('name') name`");
  });

  it('judges @Authorized() by the authorizationChecker of the server file', async () => {
    const dir = writeProject({
      'src/user.controller.ts': controller,
      'src/user.service.ts': service,
      'src/user.repository.ts': repository,
      'src/server.ts': server(verifying),
    });
    // Only the search route lacks @Authorized().
    expect(await findings(dir, 'src/user.controller.ts', auth)).toEqual(['9 unauthenticatedRoute']);
  });

  it('a checker that lets every request through authenticates nobody', async () => {
    const dir = writeProject({
      'src/user.controller.ts': controller,
      'src/user.service.ts': service,
      'src/user.repository.ts': repository,
      'src/server.ts': server('async () => true'),
    });
    expect(await findings(dir, 'src/user.controller.ts', auth)).toEqual(['9 unauthenticatedRoute', '15 unauthenticatedRoute', '21 unauthenticatedRoute']);
  });

  it('without the checker in view, @Authorized() is unknown: reported only when asked', async () => {
    const dir = writeProject({ 'src/user.controller.ts': controller, 'src/user.service.ts': service });
    expect(await findings(dir, 'src/user.controller.ts', auth)).toEqual(['9 unauthenticatedRoute']);
    expect(await findings(dir, 'src/user.controller.ts', strictAuth)).toEqual(['9 unauthenticatedRoute', '15 unknownAuth', '21 unknownAuth']);
  });
});

describe('tsoa across files', () => {
  const controller = `
import { Controller, Delete, Get, Path, Query, Route, Security } from 'tsoa';
import { UserService } from './user.service';

@Route('users')
export class UserController extends Controller {
  constructor(private readonly service: UserService = new UserService()) { super(); }

  @Get('search')
  public async search(@Query() name: string) {
    return this.service.search(name);
  }

  @Security('jwt')
  @Get('{id}')
  public async show(@Path() id: string) {
    return this.service.show(id);
  }

  @Security('jwt', ['admin'])
  @Delete('{id}')
  public async remove(@Path() id: number) {
    return this.service.page(id);
  }
}
`;
  const authentication = (body: string): string => `
import type { Request } from 'express';
import jwt from 'jsonwebtoken';

export async function expressAuthentication(request: Request, securityName: string, scopes: string[] = []): Promise<unknown> {
${body}
}
`;
  const verifies = `  const header = request.headers.authorization;
  if (securityName !== 'jwt' || !header) throw new Error('unauthorized');
  const claims = jwt.verify(header.slice(7), process.env.JWT_SECRET as string) as { scopes: string[] };
  if (scopes.some((scope) => !claims.scopes.includes(scope))) throw new Error('forbidden');
  return claims;`;

  it('reports the repository SQL reached from @Query(), not the validated number', async () => {
    const dir = writeProject({
      'src/user.controller.ts': controller,
      'src/user.service.ts': service,
      'src/user.repository.ts': repository,
      'src/authentication.ts': authentication(verifies),
    });
    const messages = await lintProjectFile(dir, 'src/user.repository.ts', sql);
    expect(messages.map((message) => [message.line, message.messageId])).toEqual([[6, 'sqlInjectionHelper']]);
    expect(messages[0]?.message).toContain('`@Query() name`');
  });

  it('judges @Security by the expressAuthentication of the authentication module', async () => {
    const dir = writeProject({
      'src/user.controller.ts': controller,
      'src/user.service.ts': service,
      'src/user.repository.ts': repository,
      'src/authentication.ts': authentication(verifies),
    });
    expect(await findings(dir, 'src/user.controller.ts', auth)).toEqual(['9 unauthenticatedRoute']);
  });

  it('an authentication module that accepts every request authenticates nobody', async () => {
    const dir = writeProject({
      'src/user.controller.ts': controller,
      'src/user.service.ts': service,
      'src/authentication.ts': authentication('  return { user: request.headers.authorization };'),
    });
    expect(await findings(dir, 'src/user.controller.ts', auth)).toEqual(['9 unauthenticatedRoute', '15 unauthenticatedRoute', '21 unauthenticatedRoute']);
  });

  it('without the authentication module, @Security is unknown', async () => {
    const dir = writeProject({ 'src/user.controller.ts': controller, 'src/user.service.ts': service });
    expect(await findings(dir, 'src/user.controller.ts', strictAuth)).toEqual(['9 unauthenticatedRoute', '15 unknownAuth', '21 unknownAuth']);
  });
});

describe('inversify-express-utils across files', () => {
  const controller = `
import { controller, httpGet, queryParam } from 'inversify-express-utils';
import { TYPES } from './types';
import { UserService } from './user.service';

@controller('/users', TYPES.AuthMiddleware)
export class UserController {
  constructor(private readonly service: UserService) {}

  @httpGet('/search')
  search(@queryParam('name') name: string) {
    return this.service.search(name);
  }
}
`;
  const container = (handler: string): string => `
import { Container } from 'inversify';
import { BaseMiddleware } from 'inversify-express-utils';
import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import { TYPES } from './types';

export class AuthMiddleware extends BaseMiddleware {
  public handler(req: Request, res: Response, next: NextFunction): void {
${handler}
  }
}

export const container = new Container();
container.bind<AuthMiddleware>(TYPES.AuthMiddleware).to(AuthMiddleware);
`;
  const types = `export const TYPES = { AuthMiddleware: Symbol.for('AuthMiddleware') };\n`;

  it('reports the repository SQL reached from @queryParam()', async () => {
    const dir = writeProject({ 'src/user.controller.ts': controller, 'src/user.service.ts': service, 'src/user.repository.ts': repository, 'src/types.ts': types });
    const messages = await lintProjectFile(dir, 'src/user.repository.ts', sql);
    expect(messages.map((message) => [message.line, message.messageId])).toEqual([[6, 'sqlInjectionHelper']]);
    expect(messages[0]?.message).toContain("`@queryParam('name') name`");
  });

  it('judges a DI-symbol middleware by the class the container binds to it', async () => {
    const rejecting = `    const token = req.headers.authorization;
    if (!token) { res.status(401).end(); return; }
    jwt.verify(token, process.env.JWT_SECRET as string);
    next();`;
    const dir = writeProject({ 'src/user.controller.ts': controller, 'src/user.service.ts': service, 'src/types.ts': types, 'src/ioc.ts': container(rejecting) });
    expect(await findings(dir, 'src/user.controller.ts', auth)).toEqual([]);
    const passing = writeProject({ 'src/user.controller.ts': controller, 'src/user.service.ts': service, 'src/types.ts': types, 'src/ioc.ts': container('    next();') });
    expect(await findings(passing, 'src/user.controller.ts', auth)).toEqual(['10 unauthenticatedRoute']);
  });
});

describe('a project barrel re-exporting the package', () => {
  it('counts the re-exported decorators, not a project decorator of the same name', async () => {
    const controller = `
import { Get, JsonController, QueryParam } from './http';
import { Pool } from 'pg';
const pool = new Pool();
@JsonController('/users')
export class UserController {
  @Get('/search')
  search(@QueryParam('name') name: string) {
    return pool.query("SELECT * FROM users WHERE name = '" + name + "'");
  }
}
`;
    const reexported = writeProject({ 'src/user.controller.ts': controller, 'src/http/index.ts': `export { Get, JsonController, QueryParam } from 'routing-controllers';\n` });
    expect(await findings(reexported, 'src/user.controller.ts', sql)).toEqual(['9 sqlInjection']);
    const starred = writeProject({ 'src/user.controller.ts': controller, 'src/http/index.ts': `export * from './decorators';\n`, 'src/http/decorators.ts': `export * from 'routing-controllers';\n` });
    expect(await findings(starred, 'src/user.controller.ts', sql)).toEqual(['9 sqlInjection']);
    const own = writeProject({
      'src/user.controller.ts': controller,
      'src/http/index.ts': `export const Get = (path: string) => (target: object, key: string) => undefined;
export const JsonController = (path: string) => (target: object) => undefined;
export const QueryParam = (name: string) => (target: object, key: string, index: number) => undefined;
`,
    });
    expect(await findings(own, 'src/user.controller.ts', sql)).toEqual([]);
  });
});
