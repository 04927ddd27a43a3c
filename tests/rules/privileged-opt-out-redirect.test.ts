import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * An opt-out of authentication on a privileged path is reported because the route would do
 * something privileged for anyone. A handler that only sends the client elsewhere (after checking
 * where, or not) does nothing of the application's: opting it out opens nothing. A handler that
 * also reads or writes the application's data on that path is still reported.
 */

const ruleTester = new RuleTester();
const nestFile = path.join(import.meta.dirname, '../fixtures/nest-app/snippets/src/orders/orders.controller.ts');

const controller = (body: string): string => `
import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { SsoService } from './sso.service';
const RETURN_PAGES = new Set(['/admin', '/admin/users', '/admin/audit']);
@Controller('admin')
@UseGuards(AuthGuard('jwt'))
export class AdminSsoController {
  constructor(private readonly sso: SsoService) {}
  @Public()
  @Get('sso/return')
  back(@Query('next') next: string, @Res() res: Response) {
${body}
  }
}
`;

ruleTester.run('privileged opt-out of a handler that only redirects', rule, {
  valid: [
    {
      name: 'NestJS: @Public on an admin path whose handler only redirects to an allow-listed page',
      filename: nestFile,
      code: controller(`    if (!RETURN_PAGES.has(next)) return res.redirect('/admin');
    return res.redirect(next);`),
    },
    {
      name: 'Hapi: auth: false on an admin path that moved',
      code: `
import Hapi from '@hapi/hapi';
const server = Hapi.server();
server.auth.default('session');
server.route({ method: 'GET', path: '/admin/reports', options: { auth: false }, handler: (request, h) => h.redirect('/admin/analytics') });
`,
    },
  ],
  invalid: [
    {
      name: 'NestJS: the same handler also completes a sign-in through a service',
      filename: nestFile,
      code: controller(`    this.sso.complete(next);
    return res.redirect('/admin');`),
      errors: [{ messageId: 'privilegedOptOut', line: 13, data: { method: 'GET', path: '/admin/sso/return', framework: 'nestjs', by: '`@Public`' } }],
    },
    {
      name: 'Hapi: an opted-out admin path that answers data, not a redirect',
      code: `
import Hapi from '@hapi/hapi';
const server = Hapi.server();
server.auth.default('session');
server.route({ method: 'GET', path: '/admin/reports', options: { auth: false }, handler: (request, h) => reports.all() });
`,
      errors: [{ messageId: 'privilegedOptOut', line: 5, data: { method: 'GET', path: '/admin/reports', framework: 'hapi', by: '`auth: false`' } }],
    },
  ],
});
