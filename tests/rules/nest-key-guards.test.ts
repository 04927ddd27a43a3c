import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * A NestJS guard whose `canActivate` answers whether a key the request sent (a credential header)
 * equals a secret of the server (the environment, the configuration) authenticates the caller:
 * NestJS turns `false` into 403. A guard that lets another way through (`||`), compares the key
 * with a constant or with another request value, tests only its presence, or compares a header
 * that is no credential, does not.
 */
const ruleTester = new RuleTester();
const nestFile = path.join(import.meta.dirname, '../fixtures/nest-app/snippets/src/orders/orders.controller.ts');

const guarded = (body: string): string => `
import { CanActivate, Controller, ExecutionContext, Post, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
class ServiceKeyGuard implements CanActivate {
  constructor(private readonly config: ConfigService) {}
  canActivate(context: ExecutionContext) {
    const request = context.switchToHttp().getRequest();
    ${body}
  }
}
@Controller('jobs')
@UseGuards(ServiceKeyGuard)
export class JobsController {
  @Post(':id/retry') retry() { return { queued: true }; }
}
`;
const line = 14;

ruleTester.run('no-unauthenticated-route (NestJS key guards)', rule, {
  valid: [
    {
      name: 'a service key header compared with the environment, after a test that the secret is set',
      filename: nestFile,
      code: guarded(`return Boolean(process.env.SERVICE_KEY) && request.headers['x-service-key'] === process.env.SERVICE_KEY;`),
    },
    {
      name: 'an API key header compared with a value of the configuration',
      filename: nestFile,
      code: guarded(`const sent = request.headers['x-api-key'];
    return sent === this.config.get('SERVICE_KEY');`),
    },
  ],
  invalid: [
    {
      name: 'stays reported: another way through (||)',
      filename: nestFile,
      code: guarded(`return request.headers['x-service-key'] === process.env.SERVICE_KEY || request.query.preview === '1';`),
      errors: [{ messageId: 'unauthenticatedRoute', line }],
    },
    {
      name: 'stays reported: an inequality answered as the decision',
      filename: nestFile,
      code: guarded(`return request.headers['x-service-key'] !== process.env.SERVICE_KEY;`),
      errors: [{ messageId: 'unauthenticatedRoute', line }],
    },
    {
      name: 'stays reported: the key compared with another request value',
      filename: nestFile,
      code: guarded(`return request.headers['x-service-key'] === request.query.key;`),
      errors: [{ messageId: 'unauthenticatedRoute', line }],
    },
    {
      name: 'stays reported: the key only tested for presence',
      filename: nestFile,
      code: guarded(`return request.headers['x-service-key'] !== undefined;`),
      errors: [{ messageId: 'unauthenticatedRoute', line }],
    },
    {
      name: 'stays reported: a header that is no credential compared with the environment',
      filename: nestFile,
      code: guarded(`return request.headers['x-region'] === process.env.REGION;`),
      errors: [{ messageId: 'unauthenticatedRoute', line }],
    },
  ],
});
