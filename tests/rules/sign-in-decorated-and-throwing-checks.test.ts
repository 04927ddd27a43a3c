import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * Two more shapes of a sign-in by evidence: a NestJS handler given the password by a parameter
 * decorator (`@Body('password') password`), and a check that throws by itself when the password
 * does not match (`await assertPassword(account, password)`, a function of the file whose body
 * throws), with nothing around the call to catch it. A check that throws on something else, or
 * whose error is caught, proves nothing.
 */
const ruleTester = new RuleTester();
const options: [{ reportRoutes: 'all' }] = [{ reportRoutes: 'all' }];
const nestFile = path.join(import.meta.dirname, '../fixtures/nest-app/snippets/src/orders/orders.controller.ts');

const express = (helper: string, body: string): string => `
import express from 'express';
import bcrypt from 'bcrypt';
import { accounts, tokens } from './accounts';
const app = express();
${helper}
app.post('/members/tokens', async (req, res) => {
${body}
});
`;

const assertPassword = `async function assertPassword(account, password) {
  if (!account || !(await bcrypt.compare(password, account.passwordHash))) throw new Error('bad credentials');
}`;

ruleTester.run('no-unauthenticated-route: decorated passwords and checks that throw', rule, {
  valid: [
    {
      options,
      name: 'NestJS: the password of a @Body parameter checked, 401 on a mismatch, then a token',
      filename: nestFile,
      code: `
import { Body, Controller, Post, UnauthorizedException } from '@nestjs/common';
import * as bcrypt from 'bcrypt';
@Controller('members')
export class MembersController {
  constructor(private readonly tokens: TokenService, private readonly accounts: AccountsRepository) {}
  @Post('tokens')
  async issue(@Body('email') email: string, @Body('password') password: string) {
    const account = await this.accounts.findByEmail(email);
    const ok = await bcrypt.compare(password, account.passwordHash);
    if (!ok) throw new UnauthorizedException();
    const token = await this.tokens.issue(account.id);
    return { token };
  }
}
`,
    },
    {
      options,
      name: 'a function of the file that throws when the password does not match, then a token',
      code: express(assertPassword, `  const account = await accounts.findByEmail(req.body.email);
  await assertPassword(account, req.body.password);
  const token = await tokens.issue(account.id);
  res.json({ token });`),
    },
  ],
  invalid: [
    {
      options,
      name: 'NestJS: a @Body password only checked for its length',
      filename: nestFile,
      code: `
import { BadRequestException, Body, Controller, Post } from '@nestjs/common';
@Controller('members')
export class MembersController {
  constructor(private readonly accounts: AccountsRepository) {}
  @Post('tokens')
  async issue(@Body('email') email: string, @Body('password') password: string) {
    if (password.length < 8) throw new BadRequestException();
    return this.accounts.updateByEmail(email, { password });
  }
}
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 6, data: { method: 'POST', path: '/members/tokens', framework: 'nestjs' } }],
    },
    {
      options,
      name: 'a function that throws only on a short password',
      code: express(`function assertStrong(account, password) {
  if (password.length < 8) throw new Error('too short');
}`, `  const account = await accounts.findByEmail(req.body.email);
  assertStrong(account, req.body.password);
  const token = await tokens.issue(account.id);
  res.json({ token });`),
      errors: [{ messageId: 'unauthenticatedRoute', line: 9 }],
    },
    {
      options,
      name: 'the throwing check caught and ignored',
      code: express(assertPassword, `  const account = await accounts.findByEmail(req.body.email);
  try { await assertPassword(account, req.body.password); } catch (e) { console.warn(e); }
  const token = await tokens.issue(account.id);
  res.json({ token });`),
      errors: [{ messageId: 'unauthenticatedRoute', line: 9 }],
    },
    {
      options,
      name: 'the password compared with another value the request sent',
      code: express(`function assertSame(password, confirmation) {
  if (password !== confirmation) throw new Error('mismatch');
}`, `  assertSame(req.body.password, req.body.confirmation);
  const token = await tokens.issue(req.body.email);
  res.json({ token });`),
      errors: [{ messageId: 'unauthenticatedRoute', line: 9 }],
    },
    {
      options,
      name: 'a check that throws, but the token is issued for another account the request names',
      code: express(assertPassword, `  const account = await accounts.findByEmail(req.body.email);
  await assertPassword(account, req.body.password);
  const token = await tokens.issue(req.body.userId);
  res.json({ token });`),
      errors: [{ messageId: 'unauthenticatedRoute', line: 9 }],
    },
  ],
});
