import { describe, expect, it } from 'vitest';
import { analyze, routesOf } from '../helpers/routes.js';

/*
 * The route model of decorator controllers besides NestJS (models/frameworks/decorator-controllers.ts):
 * controller prefix joined with each route decorator's path, the handler style (decorated
 * parameters, or OvernightJS's plain `(req, res)`), and middleware and auth decorators as guards.
 * Decorators count by the package they are imported from, never by name alone.
 */

const summary = (code: string): [string, string, string | null, string | null, string[]][] =>
  routesOf(code).map((route) => [route.framework, route.methods.join(','), route.path, route.style, route.guards]);

describe('decorator controllers: route model', () => {
  it('routing-controllers: named, aliased and namespace imports, Method(), class and method guards', () => {
    const code = `
import { Authorized, Controller, Get, JsonController, Post, UseBefore } from 'routing-controllers';
import * as rc from 'routing-controllers';
import { Get as Fetch } from 'routing-controllers';
function requireUser(req: any, res: any, next: any) { if (!req.user) return res.status(401).end(); next(); }
@JsonController('/users')
export class UsersController {
  @Get('/') list() { return []; }
  @Fetch('/:id') show() { return 1; }
  @rc.Post() @UseBefore(requireUser) create() { return 1; }
  @rc.Method('put', '/:id') replace() { return 1; }
  helper() { return 2; }
}
@Controller()
@Authorized('admin')
export class Root { @Get('/health') health() { return 'ok'; } }
`;
    expect(summary(code)).toEqual([
      ['routing-controllers', 'GET', '/users', 'nest', []],
      ['routing-controllers', 'GET', '/users/:id', 'nest', []],
      ['routing-controllers', 'POST', '/users', 'nest', ['middleware:route:requireUser']],
      ['routing-controllers', 'PUT', '/users/:id', 'nest', []],
      ['routing-controllers', 'GET', '/health', 'nest', ['guard:class:Authorized']],
    ]);
  });

  it('tsoa: @Route prefix, {id} path parameters written :id, @Security and @NoSecurity', () => {
    const code = `
import { Controller, Delete, Get, NoSecurity, Path, Route, Security } from 'tsoa';
@Route('users')
@Security('jwt')
export class UsersController extends Controller {
  @Get('{userId}/posts/{postId}') public async post(@Path() userId: string, @Path() postId: string) { return null; }
  @NoSecurity() @Get('public') public async open() { return null; }
  @Security('jwt', ['admin']) @Delete('{userId}') public async remove(@Path() userId: string) { return null; }
}
`;
    expect(summary(code)).toEqual([
      ['tsoa', 'GET', '/users/:userId/posts/:postId', 'nest', ['guard:class:Security']],
      ['tsoa', 'GET', '/users/public', 'nest', ['guard:class:Security', 'decorator:route:NoSecurity']],
      ['tsoa', 'DELETE', '/users/:userId', 'nest', ['guard:class:Security', 'guard:route:Security']],
    ]);
    const routes = analyze(code).routes;
    expect(routes[1]?.guards[1]?.verdict).toBe('public');
    // `@Security('jwt', ['admin'])`: scopes are a role check; `@Security('jwt')` alone is not.
    expect(routes[2]?.guards.map((guard) => guard.roleChecked === true)).toEqual([false, true]);
  });

  it('inversify-express-utils: middleware after the path of @controller and @httpGet', () => {
    const code = `
import { controller, httpGet, httpMethod, httpPost } from 'inversify-express-utils';
import { TYPES } from './types';
const logger = (req: any, res: any, next: any) => next();
@controller('/orders', TYPES.AuthMiddleware)
export class OrdersController {
  @httpGet('/:id', logger) show() { return 1; }
  @httpPost('/') create() { return 1; }
  @httpMethod('patch', '/:id') patch() { return 1; }
}
`;
    expect(summary(code)).toEqual([
      ['inversify-express-utils', 'GET', '/orders/:id', 'nest', ['middleware:class:TYPES.AuthMiddleware', 'middleware:route:logger']],
      ['inversify-express-utils', 'POST', '/orders', 'nest', ['middleware:class:TYPES.AuthMiddleware']],
      ['inversify-express-utils', 'PATCH', '/orders/:id', 'nest', ['middleware:class:TYPES.AuthMiddleware']],
    ]);
  });

  it('OvernightJS: plain express handlers, @Middleware with one or an array, @ClassMiddleware', () => {
    const code = `
import { ClassMiddleware, Controller, Get, Middleware, Post } from '@overnightjs/core';
import { Request, Response } from 'express';
const audit = (req: Request, res: Response, next: () => void) => next();
const requireUser = (req: Request, res: Response, next: () => void) => next();
@Controller('api/items')
@ClassMiddleware(audit)
export class ItemsController {
  @Get(':id') private get(req: Request, res: Response) { res.json({}); }
  @Post() @Middleware([requireUser, audit]) private add(req: Request, res: Response) { res.json({}); }
}
`;
    expect(summary(code)).toEqual([
      ['overnight', 'GET', '/api/items/:id', 'express', ['middleware:class:audit']],
      ['overnight', 'POST', '/api/items', 'express', ['middleware:class:audit', 'middleware:route:requireUser', 'middleware:route:audit']],
    ]);
  });

  it('Ts.ED: decorators from @tsed/common, @tsed/di and @tsed/schema', () => {
    const code = `
import { Controller } from '@tsed/di';
import { Get, Post } from '@tsed/schema';
import { UseBefore } from '@tsed/common';
import { AuthMiddleware } from './auth';
@Controller('/calendars')
export class CalendarCtrl {
  @Get('/:id') get() { return 1; }
  @Post('/') @UseBefore(AuthMiddleware) create() { return 1; }
}
`;
    expect(summary(code)).toEqual([
      ['tsed', 'GET', '/calendars/:id', 'nest', []],
      ['tsed', 'POST', '/calendars', 'nest', ['middleware:route:AuthMiddleware']],
    ]);
  });

  it('LoopBack: routes of a plain class, {id} written :id, operation(), @authenticate and @authenticate.skip()', () => {
    const code = `
import { authenticate } from '@loopback/authentication';
import { del, get, operation, param } from '@loopback/rest';
export class TodoController {
  @authenticate('jwt') @get('/todos/{id}') async show(@param.path.number('id') id: number) { return id; }
  @authenticate.skip() @operation('patch', '/todos/{id}') async patch() { return null; }
  @del('/todos/{id}') async remove() { return null; }
  helper() { return 1; }
}
export class NotAController { list() { return []; } }
`;
    expect(summary(code)).toEqual([
      ['loopback', 'GET', '/todos/:id', 'nest', ['guard:route:authenticate']],
      ['loopback', 'PATCH', '/todos/:id', 'nest', ['decorator:route:authenticate.skip']],
      ['loopback', 'DELETE', '/todos/:id', 'nest', []],
    ]);
    const routes = analyze(code).routes;
    expect(routes.map((route) => route.guards.map((guard) => guard.verdict))).toEqual([['unknown'], ['public'], []]);
  });

  it('compiled controllers (tsc __decorate) are read like written ones', () => {
    const code = `
"use strict";
const routing_controllers_1 = require("routing-controllers");
let UsersController = class UsersController {
    show(id) { return id; }
};
__decorate([
    (0, routing_controllers_1.Get)('/:id'),
    __param(0, (0, routing_controllers_1.Param)('id')),
    __metadata("design:paramtypes", [String])
], UsersController.prototype, "show", null);
UsersController = __decorate([
    (0, routing_controllers_1.JsonController)('/users')
], UsersController);
exports.UsersController = UsersController;
`;
    expect(summary(code)).toEqual([['routing-controllers', 'GET', '/users/:id', 'nest', []]]);
  });

  it('a project decorator named like a framework one is not the framework one', () => {
    const code = `
import { Controller, Get } from './my-decorators';
function Route(path: string) { return (target: unknown) => target; }
@Controller('/x') export class X { @Get('/y') y() { return 1; } }
@Route('z') export class Z { z() { return 1; } }
`;
    expect(summary(code)).toEqual([]);
  });
});
