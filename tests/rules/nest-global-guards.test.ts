import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * NestJS global guards read through the project model: `{ provide: APP_GUARD, … }` in a module and
 * `app.useGlobalGuards(…)` in the bootstrap file are parsed, and the guard class they name is
 * followed through its import and judged by what its `canActivate` does. A controller linted alone
 * (as the editor does) gets the verdict; no type information.
 */

const rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };
const strict: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { unknownAuth: 'report' }] };

async function findings(dir: string, file: string, config = rules): Promise<{ line: number; messageId: string | undefined; message: string }[]> {
  const messages = await lintProjectFile(dir, file, config);
  return messages.map((message) => ({ line: message.line, messageId: message.messageId, message: message.message }));
}

const controller = `
import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { Public } from '../auth/public.decorator';
import { InvoicesService } from './invoices.service';

@Controller('invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Public()
  @Get('plans')
  plans() {
    return this.invoices.plans();
  }

  @Post()
  create(@Body() body: { amount: number }) {
    return this.invoices.create(body.amount);
  }

  @Delete(':id')
  remove(@Param('id') id: string) {
    return this.invoices.remove(id);
  }
}
`;
const service = `
import { Injectable } from '@nestjs/common';
@Injectable()
export class InvoicesService {
  plans() { return []; }
  create(amount: number) { return { amount }; }
  remove(id: string) { return { id }; }
}
`;
const publicDecorator = `
import { SetMetadata } from '@nestjs/common';
export const IS_PUBLIC_KEY = 'isPublic';
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
`;
/** Verifies a bearer token and rejects a request without one, unless the route is `@Public()`. */
const jwtGuard = `
import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { IS_PUBLIC_KEY } from './public.decorator';

@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly jwt: JwtService, private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.get<boolean>(IS_PUBLIC_KEY, context.getHandler())) return true;
    const request = context.switchToHttp().getRequest();
    const token = request.headers.authorization?.replace('Bearer ', '');
    if (!token) throw new UnauthorizedException();
    request.user = await this.jwt.verifyAsync(token);
    return true;
  }
}
`;
/** Named like authentication, but lets every request through. */
const openGuard = `
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';

@Injectable()
export class AuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest();
    request.startedAt = Date.now();
    return true;
  }
}
`;
const passportGuard = `
import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {}
`;
const appModule = (providers: string, imports = `import { JwtAuthGuard } from './auth/jwt-auth.guard';`): string => `
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
${imports}
import { InvoicesController } from './invoices/invoices.controller';
import { InvoicesService } from './invoices/invoices.service';

@Module({
  controllers: [InvoicesController],
  providers: [
    InvoicesService,
    ${providers}
  ],
})
export class AppModule {}
`;
const main = (body = ''): string => `
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
${body}
async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.setGlobalPrefix('api');
  await app.listen(3000);
}
void bootstrap();
`;
const project = (files: Record<string, string>): string =>
  writeProject({
    'src/invoices/invoices.controller.ts': controller,
    'src/invoices/invoices.service.ts': service,
    'src/auth/public.decorator.ts': publicDecorator,
    'src/auth/jwt-auth.guard.ts': jwtGuard,
    'src/main.ts': main(),
    ...files,
  });
const CONTROLLER = 'src/invoices/invoices.controller.ts';
/** The two routes that are not `@Public()`, reported as unauthenticated (their global prefix is read from main.ts). */
const bothReported = [
  { line: 16, messageId: 'unauthenticatedRoute', message: expect.stringContaining('POST /api/invoices') as unknown as string },
  { line: 21, messageId: 'unauthenticatedRoute', message: expect.stringContaining('DELETE /api/invoices/:id') as unknown as string },
];

describe('NestJS global guards across files', () => {
  it('APP_GUARD whose class verifies a token protects every controller; @Public routes stay public', async () => {
    const dir = project({ 'src/app.module.ts': appModule('{ provide: APP_GUARD, useClass: JwtAuthGuard },') });
    expect(await findings(dir, CONTROLLER)).toEqual([]);
  });

  it('a guard imported under an alias is followed to its class', async () => {
    const dir = project({
      'src/app.module.ts': appModule('{ provide: APP_GUARD, useClass: TokenCheck },', `import { JwtAuthGuard as TokenCheck } from './auth/jwt-auth.guard';`),
    });
    expect(await findings(dir, CONTROLLER)).toEqual([]);
  });

  it('useExisting and useFactory returning new X() register the guard too', async () => {
    const existing = project({ 'src/app.module.ts': appModule('JwtAuthGuard, { provide: APP_GUARD, useExisting: JwtAuthGuard },') });
    expect(await findings(existing, CONTROLLER)).toEqual([]);
    const factory = project({
      'src/app.module.ts': appModule(
        '{ provide: APP_GUARD, useFactory: (jwt: JwtService, reflector: Reflector) => new JwtAuthGuard(jwt, reflector), inject: [JwtService, Reflector] },',
        `import { JwtAuthGuard } from './auth/jwt-auth.guard';\nimport { JwtService } from '@nestjs/jwt';\nimport { Reflector } from '@nestjs/core';`,
      ),
    });
    expect(await findings(factory, CONTROLLER)).toEqual([]);
  });

  it('app.useGlobalGuards(new X()) in main.ts, X extending AuthGuard("jwt") of @nestjs/passport', async () => {
    const dir = project({
      'src/app.module.ts': appModule('', ''),
      'src/auth/jwt-auth.guard.ts': passportGuard,
      'src/main.ts': main().replace(`app.setGlobalPrefix('api');`, `app.setGlobalPrefix('api');\n  app.useGlobalGuards(new JwtAuthGuard());`).replace(
        `import { AppModule } from './app.module';`,
        `import { AppModule } from './app.module';\nimport { JwtAuthGuard } from './auth/jwt-auth.guard';`,
      ),
    });
    expect(await findings(dir, CONTROLLER)).toEqual([]);
  });

  it('a global guard whose class lets everything through does not authenticate, whatever its name', async () => {
    const dir = project({
      'src/auth/auth.guard.ts': openGuard,
      'src/app.module.ts': appModule('{ provide: APP_GUARD, useClass: AuthGuard },', `import { AuthGuard } from './auth/auth.guard';`),
    });
    expect(await findings(dir, CONTROLLER)).toEqual(bothReported);
  });

  it('a commented-out APP_GUARD provider or a guard only in a string is not a guard', async () => {
    const dir = project({
      'src/app.module.ts': appModule(`// { provide: APP_GUARD, useClass: JwtAuthGuard },\n    { provide: 'docs', useValue: '{ provide: APP_GUARD, useClass: JwtAuthGuard }' },`),
    });
    expect(await findings(dir, CONTROLLER)).toEqual(bothReported);
  });

  it('a guard registered by a test file (its own application instance) does not protect the app', async () => {
    const dir = project({
      'src/app.module.ts': appModule('', ''),
      'test/app.e2e-spec.ts': `
import { Test } from '@nestjs/testing';
import { APP_GUARD } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { JwtAuthGuard } from '../src/auth/jwt-auth.guard';
export const moduleRef = Test.createTestingModule({ imports: [AppModule], providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }] });
`,
    });
    expect(await findings(dir, CONTROLLER)).toEqual(bothReported);
  });

  it('a global guard whose class cannot be read stays unknown, and says where it is imported from', async () => {
    const dir = project({
      'src/app.module.ts': appModule('{ provide: APP_GUARD, useClass: JwtAuthGuard },', `import { JwtAuthGuard } from './auth/missing.guard';`),
    });
    expect(await findings(dir, CONTROLLER)).toEqual([]);
    const strictFindings = await findings(dir, CONTROLLER, strict);
    expect(strictFindings.map((finding) => [finding.line, finding.messageId])).toEqual([
      [16, 'unknownAuth'],
      [21, 'unknownAuth'],
    ]);
    expect(strictFindings[0]?.message).toContain('./auth/missing.guard');
  });

  it('an edit of app.module.ts changes the controller’s verdict in the same process', async () => {
    const dir = project({ 'src/app.module.ts': appModule('// { provide: APP_GUARD, useClass: JwtAuthGuard },') });
    expect(await findings(dir, CONTROLLER)).toEqual(bothReported);
    const file = path.join(dir, 'src/app.module.ts');
    // The index trusts its listing and import scan for 1 s; each parse is revalidated by size and mtime.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    writeFileSync(file, readFileSync(file, 'utf8').replace('// { provide: APP_GUARD', '{ provide: APP_GUARD'));
    expect(await findings(dir, CONTROLLER)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    writeFileSync(file, appModule('{ provide: APP_GUARD, useClass: AuthGuard },', `import { AuthGuard } from './auth/auth.guard';`));
    writeFileSync(path.join(dir, 'src/auth/auth.guard.ts'), openGuard);
    expect(await findings(dir, CONTROLLER)).toEqual(bothReported);
  });
});
