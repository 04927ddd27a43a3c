import { RuleTester } from '@typescript-eslint/rule-tester';
import noMassAssignment from '../../src/rules/no-mass-assignment.js';
import noNosqlInjection from '../../src/rules/no-nosql-injection.js';
import noOpenRedirect from '../../src/rules/no-open-redirect.js';
import noPathTraversal from '../../src/rules/no-path-traversal.js';
import noSqlInjection from '../../src/rules/no-sql-injection.js';
import noUnauthenticatedRoute from '../../src/rules/no-unauthenticated-route.js';
import { reportingAllRoutes } from '../helpers/report-all-routes.js';

/*
 * Decorator controllers besides NestJS, one file each: request input through the frameworks'
 * parameter decorators (recognised by their package), typed parameters as each framework really
 * treats them (routing-controllers converts text but passes objects, tsoa validates, inversify
 * converts nothing), and authentication decided by evidence: the `authorizationChecker` of
 * `createExpressServer`, middleware classes and functions by their bodies.
 */

const ruleTester = new RuleTester();

ruleTester.run('no-sql-injection: decorator controllers', noSqlInjection, {
  valid: [
    {
      name: 'routing-controllers: a bound parameter',
      code: `import { Get, JsonController, QueryParam } from 'routing-controllers';
import { Pool } from 'pg';
const pool = new Pool();
@JsonController('/users')
export class UsersController {
  @Get('/search') search(@QueryParam('q') q: string) { return pool.query('SELECT * FROM users WHERE name = $1', [q]); }
}`,
    },
    {
      name: 'routing-controllers: a number parameter is converted from text (an object stays an object, never SQL text)',
      code: `import { Get, JsonController, Param, QueryParam } from 'routing-controllers';
import { Pool } from 'pg';
const pool = new Pool();
@JsonController('/users')
export class UsersController {
  @Get('/') page(@QueryParam('offset') offset: number) { return pool.query('SELECT * FROM users OFFSET ' + offset); }
  @Get('/:id') show(@Param('id') id: number) { return pool.query('SELECT * FROM users WHERE id = ' + id); }
}`,
    },
    {
      name: 'tsoa: a number path parameter is validated by the generated route',
      code: `import { Controller, Get, Path, Route } from 'tsoa';
import { Pool } from 'pg';
const pool = new Pool();
@Route('users')
export class UsersController extends Controller {
  @Get('{id}') public async show(@Path() id: number) { return pool.query('SELECT * FROM users WHERE id = ' + id); }
}`,
    },
    {
      name: 'compiled tsoa: a parameter the compiler recorded as Number is validated',
      code: `"use strict";
const tsoa_1 = require("tsoa");
const pg_1 = require("pg");
const pool = new pg_1.Pool();
let UsersController = class UsersController extends tsoa_1.Controller {
    async show(id) { return pool.query('SELECT * FROM users WHERE id = ' + id); }
};
__decorate([
    (0, tsoa_1.Get)('{id}'),
    __param(0, (0, tsoa_1.Path)()),
    __metadata("design:paramtypes", [Number])
], UsersController.prototype, "show", null);
UsersController = __decorate([(0, tsoa_1.Route)('users')], UsersController);
exports.UsersController = UsersController;`,
    },
    {
      name: 'LoopBack: a number path parameter is coerced and validated',
      code: `import { get, param } from '@loopback/rest';
import { Pool } from 'pg';
const pool = new Pool();
export class TodoController {
  @get('/todos/{id}') async findById(@param.path.number('id') id: number) { return pool.query('SELECT * FROM todos WHERE id = ' + id); }
}`,
    },
    {
      name: 'a project decorator named like a framework one injects nothing known',
      code: `import { Get, JsonController } from 'routing-controllers';
import { QueryParam } from './decorators';
import { Pool } from 'pg';
const pool = new Pool();
@JsonController('/users')
export class UsersController {
  @Get('/search') search(@QueryParam('q') q: string) { return pool.query("SELECT * FROM users WHERE name = '" + q + "'"); }
}`,
    },
  ],
  invalid: [
    {
      name: 'compiled routing-controllers (tsc __decorate and __param)',
      code: `"use strict";
const routing_controllers_1 = require("routing-controllers");
const pg_1 = require("pg");
const pool = new pg_1.Pool();
let UsersController = class UsersController {
    search(q) { return pool.query("SELECT * FROM users WHERE name = '" + q + "'"); }
};
__decorate([
    (0, routing_controllers_1.Get)('/search'),
    __param(0, (0, routing_controllers_1.QueryParam)('q')),
    __metadata("design:paramtypes", [String])
], UsersController.prototype, "search", null);
UsersController = __decorate([(0, routing_controllers_1.JsonController)('/users')], UsersController);
exports.UsersController = UsersController;`,
      errors: [{ messageId: 'sqlInjection', line: 6, data: { source: "`@QueryParam('q') q`", sourceLine: 6, sink: 'pool.query', sinkLine: 6 } }],
    },
    {
      name: 'LoopBack: a string query parameter, in a class without a controller decorator',
      code: `import { get, param } from '@loopback/rest';
import { Pool } from 'pg';
const pool = new Pool();
export class TodoController {
  @get('/todos') async find(@param.query.string('title') title: string) { return pool.query("SELECT * FROM todos WHERE title = '" + title + "'"); }
}`,
      errors: [{ messageId: 'sqlInjection', line: 5, data: { source: "`@param.query.string('title') title`", sourceLine: 5, sink: 'pool.query', sinkLine: 5 } }],
    },
    {
      name: 'routing-controllers: @QueryParam concatenated',
      code: `import { Get, JsonController, QueryParam } from 'routing-controllers';
import { Pool } from 'pg';
const pool = new Pool();
@JsonController('/users')
export class UsersController {
  @Get('/search') search(@QueryParam('q') q: string) { return pool.query("SELECT * FROM users WHERE name = '" + q + "'"); }
}`,
      errors: [{ messageId: 'sqlInjection', line: 6, data: { source: "`@QueryParam('q') q`", sourceLine: 6, sink: 'pool.query', sinkLine: 6 } }],
    },
    {
      name: 'routing-controllers: namespace import, @BodyParam and @HeaderParam',
      code: `import * as rc from 'routing-controllers';
import { Pool } from 'pg';
const pool = new Pool();
@rc.JsonController('/users')
export class UsersController {
  @rc.Post('/') create(@rc.BodyParam('name') name: string, @rc.HeaderParam('x-tenant') tenant: string) {
    return pool.query(\`INSERT INTO \${tenant}.users (name) VALUES ('\${name}')\`);
  }
}`,
      errors: [
        { messageId: 'sqlInjection', line: 7, column: 38, endColumn: 44, data: { source: "`@rc.HeaderParam('x-tenant') tenant`", sourceLine: 6, sink: 'pool.query', sinkLine: 7 } },
        { messageId: 'sqlInjection', line: 7, column: 70, endColumn: 74, data: { source: "`@rc.BodyParam('name') name`", sourceLine: 6, sink: 'pool.query', sinkLine: 7 } },
      ],
    },
    {
      name: 'tsoa: @Query() takes its key from the parameter name',
      code: `import { Controller, Get, Query, Route } from 'tsoa';
import { Pool } from 'pg';
const pool = new Pool();
@Route('users')
export class UsersController extends Controller {
  @Get() public async list(@Query() sort: string) { return pool.query('SELECT * FROM users ORDER BY ' + sort); }
}`,
      errors: [{ messageId: 'sqlInjection', line: 6, data: { source: '`@Query() sort`', sourceLine: 6, sink: 'pool.query', sinkLine: 6 } }],
    },
    {
      name: 'inversify-express-utils: a parameter typed number is still the text express parsed',
      code: `import { controller, httpGet, requestParam } from 'inversify-express-utils';
import { Pool } from 'pg';
const pool = new Pool();
@controller('/orders')
export class OrdersController {
  @httpGet('/:id') show(@requestParam('id') id: number) { return pool.query('SELECT * FROM orders WHERE id = ' + id); }
}`,
      errors: [{ messageId: 'sqlInjection', line: 6, data: { source: "`@requestParam('id') id`", sourceLine: 6, sink: 'pool.query', sinkLine: 6 } }],
    },
    {
      name: 'OvernightJS: a plain express handler',
      code: `import { Controller, Get } from '@overnightjs/core';
import { Request, Response } from 'express';
import { Pool } from 'pg';
const pool = new Pool();
@Controller('api/items')
export class ItemsController {
  @Get(':id') private async get(req: Request, res: Response) { res.json(await pool.query('SELECT * FROM items WHERE id = ' + req.params.id)); }
}`,
      errors: [{ messageId: 'sqlInjection', line: 7, data: { source: '`req.params.id`', sourceLine: 7, sink: 'pool.query', sinkLine: 7 } }],
    },
    {
      name: 'Ts.ED: @QueryParams from @tsed/platform-params',
      code: `import { Controller } from '@tsed/di';
import { Get } from '@tsed/schema';
import { QueryParams } from '@tsed/platform-params';
import { Pool } from 'pg';
const pool = new Pool();
@Controller('/calendars')
export class CalendarCtrl {
  @Get('/') list(@QueryParams('owner') owner: string) { return pool.query("SELECT * FROM calendars WHERE owner = '" + owner + "'"); }
}`,
      errors: [{ messageId: 'sqlInjection', line: 8, data: { source: "`@QueryParams('owner') owner`", sourceLine: 8, sink: 'pool.query', sinkLine: 8 } }],
    },
  ],
});

ruleTester.run('no-nosql-injection: decorator controllers', noNosqlInjection, {
  valid: [
    {
      name: 'tsoa: a string parameter is validated as a string, never an operator object',
      code: `import { Controller, Get, Query, Route } from 'tsoa';
import { UserModel } from './models';
@Route('users')
export class UsersController extends Controller {
  @Get() public async find(@Query() email: string) { return UserModel.findOne({ email }); }
}`,
    },
  ],
  invalid: [
    {
      name: 'routing-controllers: a number body field sent as {"$gt": 0} stays an object',
      code: `import { JsonController, Post, BodyParam } from 'routing-controllers';
import { UserModel } from './models';
@JsonController('/users')
export class UsersController {
  @Post('/count') count(@BodyParam('age') age: number) { return UserModel.countDocuments({ age }); }
}`,
      errors: [{
        messageId: 'nosqlInjection', line: 5, column: 92, endColumn: 95,
        data: { source: "`@BodyParam('age') age`", sourceLine: 5, sink: 'UserModel.countDocuments', sinkLine: 5 },
        suggestions: [
          { messageId: 'wrapString', output: `import { JsonController, Post, BodyParam } from 'routing-controllers';
import { UserModel } from './models';
@JsonController('/users')
export class UsersController {
  @Post('/count') count(@BodyParam('age') age: number) { return UserModel.countDocuments({ age: String(age) }); }
}` },
          { messageId: 'useEq', output: `import { JsonController, Post, BodyParam } from 'routing-controllers';
import { UserModel } from './models';
@JsonController('/users')
export class UsersController {
  @Post('/count') count(@BodyParam('age') age: number) { return UserModel.countDocuments({ age: { $eq: age } }); }
}` },
        ],
      }],
    },
  ],
});

ruleTester.run('no-path-traversal: decorator controllers', noPathTraversal, {
  valid: [
    {
      name: "routing-controllers: where multer stored the upload is the server's choice",
      code: `import { JsonController, Post, UploadedFile } from 'routing-controllers';
import fs from 'node:fs';
@JsonController('/files')
export class FilesController {
  @Post('/') upload(@UploadedFile('file') file: { path: string }) { return fs.readFileSync(file.path); }
}`,
    },
  ],
  invalid: [
    {
      name: "routing-controllers: the client's file name",
      code: `import { JsonController, Post, UploadedFile } from 'routing-controllers';
import fs from 'node:fs';
import path from 'node:path';
@JsonController('/files')
export class FilesController {
  @Post('/') upload(@UploadedFile('file') file: { originalname: string; buffer: Buffer }) { fs.writeFileSync(path.join('/srv/uploads', file.originalname), file.buffer); }
}`,
      errors: [{ messageId: 'pathTraversal', line: 6 }],
    },
  ],
});

ruleTester.run('no-mass-assignment: decorator controllers', noMassAssignment, {
  valid: [],
  invalid: [
    {
      name: 'routing-controllers: @Body() written whole',
      code: `import { Body, JsonController, Post } from 'routing-controllers';
import { Repository } from 'typeorm';
import { User } from './user';
@JsonController('/users')
export class UsersController {
  constructor(private readonly users: Repository<User>) {}
  @Post('/') create(@Body() body: Partial<User>) { return this.users.save(body); }
}`,
      errors: [{ messageId: 'massAssignment', line: 7, data: { input: '`@Body() body`', sink: '`this.users.save`', protected: 'fields such as `role` or `isAdmin`' } }],
    },
    {
      name: 'LoopBack: @requestBody() written whole',
      code: `import { post, requestBody } from '@loopback/rest';
import { UserModel } from './models';
export class UserController {
  @post('/users') async create(@requestBody() body: Record<string, unknown>) { return UserModel.create(body); }
}`,
      errors: [{ messageId: 'massAssignment', line: 4, data: { input: '`@requestBody() body`', sink: '`UserModel.create`', protected: 'fields such as `role` or `isAdmin`' } }],
    },
    {
      name: 'inversify-express-utils: @requestBody() written whole',
      code: `import { controller, httpPost, requestBody } from 'inversify-express-utils';
import { UserModel } from './models';
@controller('/users')
export class UsersController {
  @httpPost('/') create(@requestBody() body: Record<string, unknown>) { return UserModel.create(body); }
}`,
      errors: [{ messageId: 'massAssignment', line: 5, data: { input: '`@requestBody() body`', sink: '`UserModel.create`', protected: 'fields such as `role` or `isAdmin`' } }],
    },
  ],
});

const checker = (body: string): string => `import { Authorized, createExpressServer, Get, JsonController, type Action } from 'routing-controllers';
import jwt from 'jsonwebtoken';
@JsonController('/invoices')
export class InvoicesController {
  @Authorized() @Get('/') list() { return []; }
}
createExpressServer({ controllers: [InvoicesController], authorizationChecker: ${body} });`;

ruleTester.run('no-unauthenticated-route: decorator controllers', noUnauthenticatedRoute, {
  valid: [
    {
      name: 'routing-controllers: @Authorized() with a checker that verifies a token',
      code: checker(`async (action: Action) => {
  const token = action.request.headers.authorization;
  if (!token) return false;
  jwt.verify(token, process.env.JWT_SECRET as string);
  return true;
}`),
    },
    {
      name: 'routing-controllers: @UseBefore with a middleware class that answers 401',
      code: `import { Get, JsonController, UseBefore, type ExpressMiddlewareInterface } from 'routing-controllers';
import jwt from 'jsonwebtoken';
class AuthMiddleware implements ExpressMiddlewareInterface {
  use(req: any, res: any, next: (err?: unknown) => void) {
    const token = req.headers.authorization;
    if (!token) return res.status(401).end();
    req.user = jwt.verify(token, 'k');
    next();
  }
}
@JsonController('/invoices')
@UseBefore(AuthMiddleware)
export class InvoicesController {
  @Get('/') list() { return []; }
}`,
    },
    {
      name: 'OvernightJS: @Middleware with a function that answers 401',
      code: `import { Controller, Get, Middleware } from '@overnightjs/core';
import { Request, Response, NextFunction } from 'express';
function requireUser(req: Request, res: Response, next: NextFunction) { if (!req.user) return res.status(401).end(); next(); }
@Controller('api/invoices')
export class InvoicesController {
  @Get('') @Middleware(requireUser) private list(req: Request, res: Response) { res.json([]); }
}`,
    },
    {
      name: 'tsoa: @Security judged by expressAuthentication in view',
      code: `import { Controller, Get, Route, Security } from 'tsoa';
import type { Request } from 'express';
import jwt from 'jsonwebtoken';
export async function expressAuthentication(request: Request, securityName: string) {
  const token = request.headers.authorization;
  if (!token) throw new Error('No token');
  return jwt.verify(token, process.env.JWT_SECRET as string);
}
@Route('invoices')
export class InvoicesController extends Controller {
  @Security('jwt') @Get() public async list() { return []; }
}`,
    },
    {
      name: 'routing-controllers: @CurrentUser({ required: true }) with a currentUserChecker that verifies a token',
      code: `import { createExpressServer, CurrentUser, Get, JsonController, type Action } from 'routing-controllers';
import jwt from 'jsonwebtoken';
@JsonController('/me')
export class MeController {
  @Get('/') me(@CurrentUser({ required: true }) user: { id: string }) { return user; }
}
createExpressServer({
  controllers: [MeController],
  currentUserChecker: async (action: Action) => {
    const token = action.request.headers.authorization;
    if (!token) return undefined;
    return jwt.verify(token, process.env.JWT_SECRET as string);
  },
});`,
    },
    {
      name: 'LoopBack: @authenticate of the community package loopback4-authentication is unknown, as the core one (silent by default)',
      code: `import { get, param } from '@loopback/rest';
import { authenticate, STRATEGY } from 'loopback4-authentication';
import { authorize } from 'loopback4-authorization';
export class ReportController {
  @authenticate(STRATEGY.BEARER, { passReqToCallback: true })
  @authorize({ permissions: ['ViewReports'] })
  @get('/reports/{id}') async find(@param.path.string('id') id: string) { return id; }
}`,
    },
    {
      name: 'Ts.ED: @Authorize runs passport.authenticate',
      code: `import { Controller } from '@tsed/di';
import { Get } from '@tsed/schema';
import { Authorize } from '@tsed/passport';
@Controller('/invoices')
export class InvoicesCtrl {
  @Get('/') @Authorize('jwt') list() { return []; }
}`,
    },
  ],
  invalid: reportingAllRoutes([
    {
      name: 'routing-controllers: a checker that accepts everyone',
      code: checker('async () => true'),
      errors: [{ messageId: 'unauthenticatedRoute', line: 5 }],
    },
    {
      name: 'routing-controllers: @UseBefore with a middleware class that only logs',
      code: `import { Get, JsonController, UseBefore, type ExpressMiddlewareInterface } from 'routing-controllers';
class LoggingMiddleware implements ExpressMiddlewareInterface {
  use(req: any, res: any, next: (err?: unknown) => void) { console.log(req.url); next(); }
}
@JsonController('/invoices')
@UseBefore(LoggingMiddleware)
export class InvoicesController {
  @Get('/') list() { return []; }
}`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 8 }],
    },
    {
      name: 'routing-controllers: @CurrentUser() without required lets anonymous requests through',
      code: `import { createExpressServer, CurrentUser, Get, JsonController, type Action } from 'routing-controllers';
import jwt from 'jsonwebtoken';
@JsonController('/me')
export class MeController {
  @Get('/') me(@CurrentUser() user?: { id: string }) { return user ?? null; }
}
createExpressServer({
  controllers: [MeController],
  currentUserChecker: async (action: Action) => {
    const token = action.request.headers.authorization;
    if (!token) return undefined;
    return jwt.verify(token, process.env.JWT_SECRET as string);
  },
});`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5 }],
    },
    {
      name: 'Ts.ED: a route without @Authorize, beside one with it',
      code: `import { Controller } from '@tsed/di';
import { Delete, Get } from '@tsed/schema';
import { Authorize } from '@tsed/passport';
@Controller('/invoices')
export class InvoicesCtrl {
  @Get('/') @Authorize('jwt') list() { return []; }
  @Delete('/:id') remove() { return null; }
}`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 7 }],
    },
    {
      name: 'LoopBack: @authenticate is unknown (its strategy is not followed), a route without it is reported',
      code: `import { authenticate } from '@loopback/authentication';
import { del, get, param } from '@loopback/rest';
export class InvoiceController {
  @authenticate('jwt') @get('/invoices') async list() { return []; }
  @del('/invoices/{id}') async remove(@param.path.number('id') id: number) { return id; }
}`,
      options: [{ unknownAuth: 'report' }],
      errors: [{ messageId: 'unknownAuth', line: 4 }, { messageId: 'unauthenticatedRoute', line: 5 }],
    },
    {
      name: 'LoopBack: loopback4-authentication\'s @authenticate is unknown (reported as such when asked); a sibling route with only @authorize stays reported',
      code: `import { del, get, param } from '@loopback/rest';
import { authenticate, STRATEGY } from 'loopback4-authentication';
import { authorize } from 'loopback4-authorization';
export class ReportController {
  @authenticate(STRATEGY.BEARER) @get('/reports') async list() { return []; }
  @authorize({ permissions: ['*'] }) @del('/reports/{id}') async remove(@param.path.string('id') id: string) { return id; }
}`,
      options: [{ unknownAuth: 'report' }],
      errors: [{ messageId: 'unknownAuth', line: 5 }, { messageId: 'unauthenticatedRoute', line: 6 }],
    },
    {
      name: 'LoopBack: an `authenticate` decorator of the project (not the package) is not authentication evidence',
      code: `import { get } from '@loopback/rest';
import { authenticate } from './decorators/log';
export class ReportController {
  @authenticate('bearer') @get('/reports') async list() { return []; }
}`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'LoopBack: an `authenticate` of another package with a similar name is not the decorator',
      code: `import { get } from '@loopback/rest';
import { authenticate } from 'loopback4-authentication-extras';
export class ReportController {
  @authenticate('bearer') @get('/reports') async list() { return []; }
}`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4 }],
    },
    {
      name: 'tsoa: @NoSecurity() on a destructive route of user management',
      code: `import { Controller, Delete, NoSecurity, Path, Route, Security } from 'tsoa';
@Route('users')
@Security('jwt')
export class UsersController extends Controller {
  @NoSecurity() @Delete('{userId}') public async remove(@Path() userId: string) { return null; }
}`,
      errors: [{ messageId: 'privilegedOptOut', line: 5 }],
    },
  ]),
});

ruleTester.run('no-open-redirect: @Redirect return values', noOpenRedirect, {
  valid: [
    {
      name: 'routing-controllers: a returned object fills the placeholders of a fixed URL',
      code: `import { Get, JsonController, QueryParam, Redirect } from 'routing-controllers';
@JsonController('/go')
export class GoController {
  @Get('/repo') @Redirect('https://github.com/:owner') repo(@QueryParam('owner') owner: string) { return { owner }; }
}`,
    },
    {
      name: 'routing-controllers: a returned string without @Redirect is the JSON body',
      code: `import { Get, JsonController, QueryParam } from 'routing-controllers';
@JsonController('/go')
export class GoController {
  @Get('/') echo(@QueryParam('next') next: string) { return next; }
}`,
    },
    {
      name: 'a project decorator named Redirect',
      code: `import { Get, JsonController, QueryParam } from 'routing-controllers';
import { Redirect } from './decorators';
@JsonController('/go')
export class GoController {
  @Get('/') @Redirect('/home') go(@QueryParam('next') next: string) { return next; }
}`,
    },
    {
      name: 'NestJS: a fixed url returned',
      code: `import { Controller, Get, Query, Redirect } from '@nestjs/common';
@Controller('docs')
export class DocsController {
  @Get() @Redirect('https://docs.nestjs.com', 302) docs(@Query('version') version: string) { return { url: version === '5' ? 'https://docs.nestjs.com/v5/' : 'https://docs.nestjs.com/' }; }
}`,
    },
  ],
  invalid: [
    {
      name: 'routing-controllers: a returned string replaces the @Redirect URL',
      code: `import { Get, JsonController, QueryParam, Redirect } from 'routing-controllers';
@JsonController('/go')
export class GoController {
  @Get('/') @Redirect('/home') go(@QueryParam('next') next: string) { return next; }
}`,
      errors: [{ messageId: 'openRedirect', line: 4, column: 78, endColumn: 82, data: { source: "`@QueryParam('next') next`", sourceLine: 4, sink: 'return', sinkLine: 4, via: '' } }],
    },
    {
      name: 'NestJS: the url of the returned object replaces the @Redirect URL',
      code: `import { Controller, Get, Query, Redirect } from '@nestjs/common';
@Controller('go')
export class GoController {
  @Get() @Redirect('/', 302) go(@Query('next') next: string) { return { url: next }; }
}`,
      errors: [{ messageId: 'openRedirect', line: 4, column: 78, endColumn: 82, data: { source: "`@Query('next') next`", sourceLine: 4, sink: 'return', sinkLine: 4, via: '' } }],
    },
  ],
});
