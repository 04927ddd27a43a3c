import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nestDeclarations } from '../../src/analysis/project/nest-globals.js';
import { parseProjectText } from '../../src/analysis/project/parse.js';
import { analyze, routesOf } from '../helpers/routes.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
// An empty project (own package.json, no module or bootstrap files): snippets see no global guards.
const filename = 'tests/fixtures/nest-app/snippets/src/users/users.controller.ts';

describe('NestJS route model', () => {
  it('joins the controller path with each HTTP method decorator', () => {
    const code = `
import { All, Controller, Delete, Get, Head, Options, Patch, Post, Put } from '@nestjs/common';
@Controller('users')
export class UsersController {
  @Get() list() {}
  @Get(':id') show() {}
  @Post('/') create() {}
  @Put('/:id/') replace() {}
  @Patch(':id') update() {}
  @Delete(':id') remove() {}
  @Options() options() {}
  @Head() head() {}
  @All('*') any() {}
}
`;
    expect(routesOf(code, { filename })).toEqual([
      { framework: 'nestjs', methods: ['GET'], path: '/users', line: 5, handlerLine: 5, style: 'nest', guards: [], mountedElsewhere: false },
      { framework: 'nestjs', methods: ['GET'], path: '/users/:id', line: 6, handlerLine: 6, style: 'nest', guards: [], mountedElsewhere: false },
      { framework: 'nestjs', methods: ['POST'], path: '/users', line: 7, handlerLine: 7, style: 'nest', guards: [], mountedElsewhere: false },
      { framework: 'nestjs', methods: ['PUT'], path: '/users/:id', line: 8, handlerLine: 8, style: 'nest', guards: [], mountedElsewhere: false },
      { framework: 'nestjs', methods: ['PATCH'], path: '/users/:id', line: 9, handlerLine: 9, style: 'nest', guards: [], mountedElsewhere: false },
      { framework: 'nestjs', methods: ['DELETE'], path: '/users/:id', line: 10, handlerLine: 10, style: 'nest', guards: [], mountedElsewhere: false },
      { framework: 'nestjs', methods: ['OPTIONS'], path: '/users', line: 11, handlerLine: 11, style: 'nest', guards: [], mountedElsewhere: false },
      { framework: 'nestjs', methods: ['HEAD'], path: '/users', line: 12, handlerLine: 12, style: 'nest', guards: [], mountedElsewhere: false },
      { framework: 'nestjs', methods: ['ALL'], path: '/users/*', line: 13, handlerLine: 13, style: 'nest', guards: [], mountedElsewhere: false },
    ]);
  });

  it('reads the controller path from no argument, an array, an options object and a constant', () => {
    const code = `
import { Controller, Get, Post } from '@nestjs/common';
const BASE = 'admin';
@Controller() class RootController { @Get() home() {} }
@Controller(['v1/items', 'v2/items']) class ItemsController { @Get(['/latest', '/newest']) latest() {} }
@Controller({ path: '/orders/', version: '1' }) class OrdersController { @Post() create() {} }
@Controller(BASE) class AdminController { @Get('stats') stats() {} }
@Controller({ host: 'admin.example.com' }) class HostController { @Get('x') x() {} }
@Controller(process.env.PREFIX) class DynamicController { @Get('y') y() {} }
`;
    expect(routesOf(code, { filename }).map((route) => [route.methods[0], route.path])).toEqual([
      ['GET', '/'],
      ['GET', '/v1/items/latest'],
      ['POST', '/orders'],
      ['GET', '/admin/stats'],
      ['GET', '/x'],
      ['GET', null],
    ]);
  });

  it('records class and method @UseGuards, outermost first, and other decorators', () => {
    const code = `
import { Controller, Get, HttpCode, Post, SetMetadata, UseGuards, UseInterceptors } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiTags, ApiBearerAuth } from '@nestjs/swagger';
import { JwtAuthGuard, RolesGuard, Roles, Public } from './auth';

@ApiTags('admin')
@UseGuards(AuthGuard('jwt'), RolesGuard)
@Controller('admin')
export class AdminController {
  @Roles('admin')
  @UseGuards(new JwtAuthGuard())
  @UseInterceptors(LoggingInterceptor)
  @HttpCode(200)
  @Get('stats')
  stats() {}

  @Public()
  @SetMetadata('isPublic', true)
  @ApiBearerAuth()
  @Post('ping')
  ping() {}
}
`;
    expect(routesOf(code, { filename })).toEqual([
      {
        framework: 'nestjs',
        methods: ['GET'],
        path: '/admin/stats',
        line: 15,
        handlerLine: 16,
        style: 'nest',
        guards: ['guard:class:AuthGuard', 'guard:class:RolesGuard', 'decorator:route:Roles', 'guard:route:JwtAuthGuard'],
        mountedElsewhere: false,
      },
      {
        framework: 'nestjs',
        methods: ['POST'],
        path: '/admin/ping',
        line: 21,
        handlerLine: 22,
        style: 'nest',
        guards: ['guard:class:AuthGuard', 'guard:class:RolesGuard', 'decorator:route:Public', 'decorator:route:SetMetadata'],
        mountedElsewhere: false,
      },
    ]);
  });

  it('keeps composed and public decorators on the class as class-level decorators', () => {
    const code = `
import { Controller, Get } from '@nestjs/common';
import { Auth, AllowAnonymous } from './auth';
@AllowAnonymous()
@Controller('health')
export class HealthController {
  @Get() check() {}
  @Auth('admin') @Get('deep') deep() {}
}
`;
    expect(routesOf(code, { filename }).map((route) => route.guards)).toEqual([
      ['decorator:class:AllowAnonymous'],
      ['decorator:class:AllowAnonymous', 'decorator:route:Auth'],
    ]);
  });

  it('gives the handler, report node and guard functions declared in the file', () => {
    const code = `
import { CanActivate, Controller, ExecutionContext, Get, UseGuards } from '@nestjs/common';
class ApiKeyGuard implements CanActivate {
  canActivate(context: ExecutionContext) { return context.switchToHttp().getRequest().headers['x-key'] === 'k'; }
}
@Controller('keys')
export class KeysController {
  @UseGuards(ApiKeyGuard)
  @Get()
  list() { return []; }
}
`;
    const [route] = analyze(code, { filename }).routes;
    expect(route?.reportNode.type).toBe('Decorator');
    expect(route?.handler?.node.type).toBe('FunctionExpression');
    expect(route?.handler?.fn).toBe(route?.handler?.node);
    expect(route?.insertBefore).toBeNull();
    expect(route?.owner).toBeNull();
    const guard = route?.guards[0];
    expect(guard?.name).toBe('ApiKeyGuard');
    expect(guard?.node.type).toBe('Identifier');
    expect(guard?.fn?.loc.start.line).toBe(4);
  });

  it('records global guards registered in the same file', () => {
    const code = `
import { Controller, Get, Module } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { ThrottlerGuard } from '@nestjs/throttler';
import { JwtAuthGuard } from './jwt.guard';
@Controller('items')
class ItemsController { @Get() list() {} }
@Module({ controllers: [ItemsController], providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }, { provide: APP_GUARD, useFactory: () => new ThrottlerGuard() }] })
class AppModule {}
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.useGlobalGuards(new JwtAuthGuard());
}
`;
    expect(routesOf(code, { filename })).toEqual([
      {
        framework: 'nestjs',
        methods: ['GET'],
        path: '/items',
        line: 7,
        handlerLine: 7,
        style: 'nest',
        guards: ['guard:global:JwtAuthGuard', 'guard:global:ThrottlerGuard'],
        mountedElsewhere: false,
      },
    ]);
  });

  it('adds global guards and the global prefix from the project files', () => {
    const file = path.join(fixtures, 'nest-app', 'src', 'users', 'users.controller.ts');
    const code = fs.readFileSync(file, 'utf8');
    const globals = ['guard:global:JwtAuthGuard', 'guard:global:RolesGuard'];
    expect(routesOf(code, { filename: file })).toEqual([
      {
        framework: 'nestjs',
        methods: ['GET'],
        path: '/api/users',
        line: 7,
        handlerLine: 8,
        style: 'nest',
        guards: [...globals, 'decorator:route:Public'],
        mountedElsewhere: false,
      },
      { framework: 'nestjs', methods: ['GET'], path: '/api/users/:id', line: 12, handlerLine: 13, style: 'nest', guards: globals, mountedElsewhere: false },
      { framework: 'nestjs', methods: ['POST'], path: '/api/users', line: 17, handlerLine: 18, style: 'nest', guards: globals, mountedElsewhere: false },
    ]);
    const [route] = analyze(code, { filename: file }).routes;
    // Guards from other files point at the @Controller decorator.
    expect(route?.guards[0]?.node.loc.start.line).toBe(4);
    expect(route?.guards[0]?.fn).toBeNull();
  });

  it('reads project files only for a controller that exists on disk', () => {
    const code = `import { Controller, Get } from '@nestjs/common';\n@Controller('orders') class OrdersController { @Get() list() {} }`;
    const file = path.join(fixtures, 'nest-app', 'src', 'orders', 'unsaved.controller.ts');
    expect(routesOf(code, { filename: file }).map((route) => [route.path, route.guards])).toEqual([['/orders', []]]);
  });

  it('reads APP_GUARD providers, useGlobalGuards and the prefix from the parsed file, ignoring comments and strings', () => {
    const declared = (text: string): { guards: (string | null)[]; prefix: string | null } => {
      const module = parseProjectText('app.module.ts', text);
      if (!module) throw new Error('does not parse');
      const found = nestDeclarations(module.program, (node) => module.sourceCode.getScope(node));
      return { guards: found.guards.map((guard) => guard.name), prefix: found.prefix };
    };
    expect(
      declared(`
import { APP_GUARD as GLOBAL_GUARD, Reflector } from '@nestjs/core';
const providers = [
  { useClass: RolesGuard, provide: GLOBAL_GUARD },
  // { provide: APP_GUARD, useClass: CommentedGuard },
  /* { provide: APP_GUARD, useClass: BlockCommentGuard }, */
  { provide: GLOBAL_GUARD, useExisting: SessionGuard },
  { provide: GLOBAL_GUARD, useFactory: (ref) => new PolicyGuard(ref), inject: [Reflector] },
  { provide: 'url', useValue: 'https://example.com//x' },
  { provide: APP_INTERCEPTOR, useClass: LoggingInterceptor },
];
const help = "{ provide: APP_GUARD, useClass: StringGuard }";
app.useGlobalGuards(app.get(ApiKeyGuard), new ThrottleGuard(config.get('x')));
app.setGlobalPrefix('v1', { exclude: ['health'] });
`),
    ).toEqual({ guards: ['RolesGuard', 'SessionGuard', 'PolicyGuard', 'ApiKeyGuard', 'ThrottleGuard'], prefix: null });
    expect(declared(`const PREFIX = 'v1';\napp.useGlobalGuards(app.get(ApiKeyGuard)); app.setGlobalPrefix(PREFIX);`)).toEqual({
      guards: ['ApiKeyGuard'],
      prefix: 'v1',
    });
  });

  it('supports aliased and namespace imports and @RequestMapping', () => {
    const code = `
import * as common from '@nestjs/common';
import { Get as HttpGet, RequestMapping, RequestMethod } from '@nestjs/common';
@common.Controller('a')
class A {
  @HttpGet('x') x() {}
  @common.Post('y') y() {}
  @RequestMapping({ path: 'z', method: RequestMethod.PUT }) z() {}
  @common.Sse('events') events() {}
}
`;
    expect(routesOf(code, { filename }).map((route) => [route.methods[0], route.path])).toEqual([
      ['GET', '/a/x'],
      ['POST', '/a/y'],
      ['PUT', '/a/z'],
      ['GET', '/a/events'],
    ]);
  });

  it('does not claim classes whose decorators come from another library', () => {
    const code = `
import { Injectable } from '@nestjs/common';
import { Controller, Get } from 'routing-controllers';
@Controller('/users')
export class UsersController { @Get('/') list() {} }
@Injectable()
export class UsersService { list() {} }
`;
    // routing-controllers' own route, not a NestJS one (see decorator-routes.test.ts).
    expect(routesOf(code, { filename }).map((route) => route.framework)).toEqual(['routing-controllers']);
  });

  it('ignores files that do not import @nestjs/common and odd decorator targets', () => {
    expect(routesOf(`@Controller('x') class X { @Get() y() {} }`, { filename })).toEqual([]);
    const odd = `
import { Controller, Get } from '@nestjs/common';
@Controller('odd')
class Odd {
  @Get() static s() {}
  @Get() get g() { return 1; }
  @Get() prop = () => 1;
  @Get(...paths) spread() {}
  [Symbol.iterator]() {}
}
const Anonymous = @Controller() class { @Get('anon') a() {} };
`;
    expect(routesOf(odd, { filename }).map((route) => [route.methods[0], route.path])).toEqual([
      ['GET', '/odd'],
      ['GET', null],
      ['GET', '/anon'],
    ]);
  });
});
