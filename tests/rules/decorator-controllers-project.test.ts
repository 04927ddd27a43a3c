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
const auth: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };
const strictAuth: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { unknownAuth: 'report' }] };

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
