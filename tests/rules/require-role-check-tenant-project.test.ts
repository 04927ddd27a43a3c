import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * require-role-check on a multi-tenant NestJS app: the service scopes every query by the caller's
 * organization, which keeps other organizations out but not the other members of the caller's own.
 * Removing a member the client names, or signing a token for one, is an administrator's job even
 * inside the organization; leaving it oneself is not.
 */

const strict: Linter.RulesRecord = { 'api-security/require-role-check': ['error', { privilegedRoutes: 'report', inconsistentRoutes: 'report' }] };

async function findings(dir: string, file: string): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, strict);
  return messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}: ${message.message}`);
}

const controller = `import { Controller, Delete, Param, Post } from '@nestjs/common';
import { CurrentUser } from '../auth/current-user.decorator';
import { MembersService } from './members.service';

interface Principal { id: string; orgId: string; }

@Controller('members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Delete('me')
  leave(@CurrentUser() me: Principal) {
    return this.members.dismiss(me.orgId, me.id);
  }

  @Delete(':id')
  expel(@Param('id') id: string, @CurrentUser() me: Principal) {
    return this.members.dismiss(me.orgId, id);
  }

  @Post(':id/session')
  async actAs(@Param('id') id: string, @CurrentUser() me: Principal) {
    const member = await this.members.inOrg(me.orgId, id);
    return { token: await this.members.tokenFor(member, me.id) };
  }
}
`;

const service = (remove: string): string => `import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { JwtService } from '@nestjs/jwt';
import { Repository } from 'typeorm';
import { Member } from './member.entity';

@Injectable()
export class MembersService {
  constructor(@InjectRepository(Member) private readonly memberRepository: Repository<Member>, private readonly jwt: JwtService) {}

  async dismiss(orgId: string, memberId: string) {
${remove}
  }

  async inOrg(orgId: string, memberId: string) {
    const member = await this.memberRepository.findOneBy({ id: memberId, orgId });
    if (!member) throw new NotFoundException();
    return member;
  }

  tokenFor(member: Member, actorId: string) {
    return this.jwt.signAsync({ sub: member.id, org: member.orgId, actor: actorId });
  }
}
`;

const project = (remove: string): string => writeProject({
  'src/members/members.controller.ts': controller,
  'src/members/members.service.ts': service(remove),
  'src/members/member.entity.ts': 'export class Member { id!: string; orgId!: string; email!: string; passwordHash!: string; role!: string; }\n',
  'src/auth/current-user.decorator.ts': `import { createParamDecorator, ExecutionContext } from '@nestjs/common';
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest().user);
`,
  'src/auth/jwt-auth.guard.ts': `import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {}
`,
  'src/app.module.ts': `import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { MembersController } from './members/members.controller';
import { MembersService } from './members/members.service';

@Module({
  controllers: [MembersController],
  providers: [MembersService, { provide: APP_GUARD, useClass: JwtAuthGuard }],
})
export class AppModule {}
`,
});

describe('require-role-check on a multi-tenant NestJS app (organization-scoped service)', () => {
  it('a member the client names is another member, within the caller\'s organization too; leaving oneself is not reported', async () => {
    const dir = project('    const result = await this.memberRepository.delete({ id: memberId, orgId });\n    if (!result.affected) throw new NotFoundException();');
    expect(await findings(dir, 'src/members/members.controller.ts')).toEqual([
      '16 privilegedRoute: DELETE /members/:id (nestjs) deletes a user the client names (`this.memberRepository.delete`) (src/members/members.service.ts:12), but any authenticated user can call it: it is authenticated by `JwtAuthGuard` and no role or permission check runs. Add a role check before the handler.',
      '21 privilegedRoute: POST /members/:id/session (nestjs) issues a credential for a user the client names (`this.jwt.signAsync`) (src/members/members.service.ts:23), but any authenticated user can call it: it is authenticated by `JwtAuthGuard` and no role or permission check runs. Add a role check before the handler.',
    ]);
  });

  it('an edit of the service that only marks the member for review is seen on the next lint', async () => {
    const dir = project('    const result = await this.memberRepository.delete({ id: memberId, orgId });\n    if (!result.affected) throw new NotFoundException();');
    const file = 'src/members/members.controller.ts';
    expect(await findings(dir, file)).toHaveLength(2);
    const servicePath = path.join(dir, 'src/members/members.service.ts');
    writeFileSync(servicePath, service('    await this.memberRepository.update({ id: memberId, orgId }, { flaggedForReview: true });'));
    const later = new Date(Date.now() + 5000);
    utimesSync(servicePath, later, later);
    expect((await findings(dir, file)).map((line) => line.split(':')[0])).toEqual(['21 privilegedRoute']);
  });
});
