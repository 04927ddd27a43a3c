import type { Linter } from 'eslint';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-mass-assignment.js';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * A NestJS DTO class is a pick of the fields it declares (a whitelisting ValidationPipe strips the
 * rest), and no more: a DTO that declares a field the client must not set (`isAdmin`, `tier`,
 * `ownerId`) lets the client set it when the DTO is written whole. Fields a DTO declares by design
 * (an id, a status, a timestamp) do not count.
 */

const ruleTester = new RuleTester();

const controller = (dto: string, handler: string): string => `import { Body, Controller, Param, Patch, Post, ValidationPipe } from '@nestjs/common';
import { IsBoolean, IsOptional, IsString } from 'class-validator';
import { OmitType, PartialType, PickType } from '@nestjs/mapped-types';
import { Repository } from 'typeorm';
${dto}
@Controller('members')
export class MembersController {
  constructor(private readonly members: Repository<Member>) {}
${handler}
}
`;

const withAdmin = `export class CreateMemberDto {
  @IsString() displayName: string;
  @IsOptional() @IsBoolean() isAdmin?: boolean;
}`;

ruleTester.run('no-mass-assignment: NestJS DTO fields', rule, {
  valid: [
    {
      name: 'a DTO that declares only fields the client may set',
      code: controller(`export class RenameMemberDto {
  @IsString() displayName: string;
  @IsOptional() @IsString() avatarUrl?: string;
}`, `  @Patch(':id')
  rename(@Param('id') id: string, @Body() dto: RenameMemberDto) {
    return this.members.update(id, dto);
  }`),
    },
    {
      name: 'a DTO whose protected-looking fields are declared by design (an id, a status)',
      code: controller(`export class MoveTicketDto {
  @IsString() id: string;
  @IsString() status: string;
}`, `  @Patch(':id/status')
  move(@Param('id') id: string, @Body() dto: MoveTicketDto) {
    return this.members.update(id, dto);
  }`),
    },
    {
      name: 'OmitType drops the privileged field of its base',
      code: controller(`${withAdmin}
export class UpdateMemberDto extends PartialType(OmitType(CreateMemberDto, ['isAdmin'] as const)) {}`, `  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdateMemberDto) {
    return this.members.update(id, dto);
  }`),
    },
    {
      name: 'PickType keeps only the picked fields',
      code: controller(`${withAdmin}
export class ProfileDto extends PickType(CreateMemberDto, ['displayName'] as const) {}`, `  @Patch(':id/profile')
  profile(@Param('id') id: string, @Body() dto: ProfileDto) {
    return this.members.update(id, dto);
  }`),
    },
    {
      name: 'a DTO class out of view is trusted, as before',
      code: controller(`import { SignupDto } from '@acme/contracts';`, `  @Post()
  create(@Body() dto: SignupDto) {
    return this.members.save(dto);
  }`),
    },
  ],
  invalid: [
    {
      name: 'a DTO that declares a privileged field, written whole',
      code: controller(withAdmin, `  @Post()
  create(@Body() dto: CreateMemberDto) {
    return this.members.save(dto);
  }`),
      errors: [
        {
          messageId: 'massAssignment',
          line: 14,
          data: { input: '`@Body() dto` (its class `CreateMemberDto` declares `isAdmin`)', sink: '`this.members.save`', protected: '`isAdmin`' },
          suggestions: [
            {
              messageId: 'pickFields',
              data: { fields: '`displayName`' },
              output: controller(withAdmin, `  @Post()
  create(@Body() dto: CreateMemberDto) {
    return this.members.save({ displayName: dto.displayName });
  }`),
            },
          ],
        },
      ],
    },
    {
      name: 'PartialType of a DTO with a privileged field keeps it',
      code: controller(`${withAdmin}
export class UpdateMemberDto extends PartialType(CreateMemberDto) {
  @IsOptional() @IsString() tier?: string;
}`, `  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdateMemberDto) {
    return this.members.update(id, dto);
  }`),
      errors: [{ messageId: 'massAssignment', line: 17, data: { input: '`@Body() dto` (its class `UpdateMemberDto` declares `isAdmin`, `tier`)', sink: '`this.members.update`', protected: '`isAdmin`, `tier`' }, suggestions: [{ messageId: 'pickFields', data: { fields: '`displayName`' }, output: controller(`${withAdmin}
export class UpdateMemberDto extends PartialType(CreateMemberDto) {
  @IsOptional() @IsString() tier?: string;
}`, `  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdateMemberDto) {
    return this.members.update(id, { displayName: dto.displayName });
  }`) }] }],
    },
    {
      name: 'a whitelisting pipe still lets through what the DTO declares',
      code: controller(`export class ClaimDto {
  @IsString() displayName: string;
  @IsString() ownerId: string;
}`, `  @Post('claim')
  claim(@Body(new ValidationPipe({ whitelist: true })) dto: ClaimDto) {
    return this.members.save(dto);
  }`),
      errors: [{ messageId: 'massAssignment', line: 14, suggestions: [{ messageId: 'pickFields', data: { fields: '`displayName`' }, output: controller(`export class ClaimDto {
  @IsString() displayName: string;
  @IsString() ownerId: string;
}`, `  @Post('claim')
  claim(@Body(new ValidationPipe({ whitelist: true })) dto: ClaimDto) {
    return this.members.save({ displayName: dto.displayName });
  }`) }] }],
    },
  ],
});

const staffOnly = (handler: string): string => `import { Body, Controller, Injectable, Param, Patch, Post, Req, UseGuards } from '@nestjs/common';
import { IsBoolean, IsString } from 'class-validator';
import { Repository } from 'typeorm';
export class InviteMemberDto {
  @IsString() displayName: string;
  @IsBoolean() isAdmin: boolean;
}
@Injectable()
class StaffGuard {
  canActivate(context) {
    return context.switchToHttp().getRequest().user?.role === 'staff';
  }
}
@UseGuards(StaffGuard)
@Controller('staff/members')
export class StaffMembersController {
  constructor(private readonly members: Repository<Member>) {}
${handler}
}
`;

ruleTester.run('no-mass-assignment: a DTO with a privileged field on a role-checked route', rule, {
  valid: [
    {
      name: 'the role the route requires sets what its DTO declares, even on a membership record',
      code: staffOnly(`  @Post()
  invite(@Body() dto: InviteMemberDto) {
    return this.members.save(dto);
  }`),
    },
  ],
  invalid: [
    {
      name: "the caller's own record stays reported",
      code: staffOnly(`  @Patch('me')
  updateMe(@Req() req, @Body() dto: InviteMemberDto) {
    return this.members.update(req.user.id, dto);
  }`),
      errors: [{ messageId: 'massAssignment', line: 20, suggestions: [{ messageId: 'pickFields', data: { fields: '`displayName`' }, output: staffOnly(`  @Patch('me')
  updateMe(@Req() req, @Body() dto: InviteMemberDto) {
    return this.members.update(req.user.id, { displayName: dto.displayName });
  }`) }] }],
    },
    {
      name: 'strict reports the role-checked write with its own message',
      code: staffOnly(`  @Post()
  invite(@Body() dto: InviteMemberDto) {
    return this.members.save(dto);
  }`),
      options: [{ roleCheckedRoutes: 'report' }],
      errors: [{ messageId: 'roleCheckedWrite', line: 20, suggestions: [{ messageId: 'pickFields', data: { fields: '`displayName`' }, output: staffOnly(`  @Post()
  invite(@Body() dto: InviteMemberDto) {
    return this.members.save({ displayName: dto.displayName });
  }`) }] }],
    },
  ],
});

describe('a DTO imported from another file, written by a service', () => {
  const rules: Linter.RulesRecord = { 'api-security/no-mass-assignment': 'error' };
  const files = {
    'src/workspaces/dto.ts': `import { IsOptional, IsString } from 'class-validator';
export class EditWorkspaceDto {
  @IsOptional() @IsString() title?: string;
  @IsOptional() @IsString() plan?: string;
}
export class RetitleWorkspaceDto {
  @IsString() title!: string;
}
`,
    'src/workspaces/workspaces.service.ts': `import { Injectable } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';
import { EditWorkspaceDto, RetitleWorkspaceDto } from './dto';
const prisma = new PrismaClient();
@Injectable()
export class WorkspacesService {
  edit(id: string, changes: EditWorkspaceDto) {
    return prisma.workspace.update({ where: { id }, data: changes, select: { id: true } });
  }
  retitle(id: string, changes: RetitleWorkspaceDto) {
    return prisma.workspace.update({ where: { id }, data: changes, select: { id: true } });
  }
}
`,
    'src/workspaces/workspaces.controller.ts': `import { Body, Controller, Param, Patch, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { WorkspacesService } from './workspaces.service';
import { EditWorkspaceDto, RetitleWorkspaceDto } from './dto';
@UseGuards(AuthGuard('jwt'))
@Controller('workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}
  @Patch(':id')
  edit(@Param('id') id: string, @Body() dto: EditWorkspaceDto) {
    return this.workspaces.edit(id, dto);
  }
  @Patch(':id/title')
  retitle(@Param('id') id: string, @Body() dto: RetitleWorkspaceDto) {
    return this.workspaces.retitle(id, dto);
  }
}
`,
  };

  it('reports the DTO that declares `plan` at the handler, and not the one that declares a title', async () => {
    const dir = writeProject(files);
    const messages = await lintProjectFile(dir, 'src/workspaces/workspaces.controller.ts', rules);
    expect(summary(messages)).toEqual(['11 api-security/no-mass-assignment']);
    expect(messages[0]?.message).toContain('its class `EditWorkspaceDto` declares `plan`');
    expect(messages[0]?.message).toContain('`prisma.workspace.update` at src/workspaces/workspaces.service.ts:8');
    expect(messages[0]?.suggestions?.[0]?.desc).toBe('Write only `title`.');
  });
});
