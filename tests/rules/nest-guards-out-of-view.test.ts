import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * `@UseGuards(X)` runs X before the handler, and deciding whether the request goes on is all a
 * guard does. A guard of the project whose definition is out of view (a build file the project
 * model does not index, a module that is not there) cannot be judged: the route is *unknown*
 * (reported by `strict` with `unknownAuth`), not "no guard runs", whatever the guard's name. A
 * package's guard is still judged by its name and the models, and a guard in view by its body.
 */
const ruleTester = new RuleTester();
const nestFile = path.join(import.meta.dirname, '../fixtures/nest-app/snippets/src/orders/orders.controller.ts');

const controller = (imports: string, guard: string, extra = ''): string => `
import { Body, Controller, Post, UseGuards } from '@nestjs/common';
${imports}
${extra}
@Controller('setup')
@UseGuards(${guard})
export class SetupController {
  @Post('first-account') create(@Body() body: { name: string }) { return this.accounts.create(body); }
}
`;

ruleTester.run('no-unauthenticated-route (NestJS guards out of view)', rule, {
  valid: [
    {
      name: 'a project guard whose file is not in view, whatever its name',
      filename: nestFile,
      code: controller(`import { FirstRunGuard } from './first-run.guard';`, 'FirstRunGuard'),
    },
  ],
  invalid: [
    {
      name: 'the same, reported as unknown when asked',
      filename: nestFile,
      code: controller(`import { FirstRunGuard } from './first-run.guard';`, 'FirstRunGuard'),
      options: [{ unknownAuth: 'report' }],
      errors: [{ messageId: 'unknownAuth', line: 8 }],
    },
    {
      name: 'a package guard that authenticates nobody (rate limiting)',
      filename: nestFile,
      code: controller(`import { ThrottlerGuard } from '@nestjs/throttler';`, 'ThrottlerGuard'),
      errors: [{ messageId: 'unauthenticatedRoute', line: 8 }],
    },
    {
      name: 'a guard in view that only answers a flag of the server',
      filename: nestFile,
      code: controller(
        `import { CanActivate, Injectable } from '@nestjs/common';`,
        'FirstRunGuard',
        `@Injectable()
class FirstRunGuard implements CanActivate {
  constructor(private readonly settings: { setupDone: boolean }) {}
  canActivate() { return !this.settings.setupDone; }
}`,
      ),
      errors: [{ messageId: 'unauthenticatedRoute', line: 12 }],
    },
  ],
});
