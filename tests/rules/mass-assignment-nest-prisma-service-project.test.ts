import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * NestJS with Prisma behind an injected service: the controller hands an open `@Body()` to a
 * method of a service of another file (`this.crews.updateCrew(req.user.id, body)`), which writes
 * its parameter whole with the `data` shorthand through a `PrismaService` that extends
 * `PrismaClient`. Reported at the controller's argument, naming the write, its file and line, and
 * the protected field the schema declares. A regression guard for the shape (already found); its
 * look-alikes: a DTO class listing what the client may set, a service that picks the fields.
 */

const SCHEMA = `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model Crew {
  id        Int     @id @default(autoincrement())
  callsign  String
  motto     String?
  role      String  @default("crew")
  apiToken  String?
}
`;

const PRISMA = `import { Injectable } from '@nestjs/common';
import { PrismaClient } from '@prisma/client';

@Injectable()
export class PrismaService extends PrismaClient {}
`;

const SERVICE = `import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';

@Injectable()
export class CrewsService {
  constructor(private readonly prisma: PrismaService) {}

  updateCrew(id: number, data: any) {
    return this.prisma.crew.update({ where: { id }, data });
  }
}
`;

const CONTROLLER = `import { Body, Controller, Patch, Req } from '@nestjs/common';
import { CrewsService } from './crews.service';

@Controller('crews')
export class CrewsController {
  constructor(private readonly crews: CrewsService) {}

  @Patch('mine')
  async update(@Req() req: any, @Body() body: Record<string, unknown>) {
    const saved = await this.crews.updateCrew(req.user.id, body);
    return { id: saved.id, callsign: saved.callsign };
  }
}
`;

const DTO = `import { IsOptional, IsString } from 'class-validator';

export class UpdateCrewDto {
  @IsString() callsign: string;
  @IsOptional() @IsString() motto?: string;
}
`;

const rules: Linter.RulesRecord = { 'api-security/no-mass-assignment': 'error' };

const lint = async (files: Record<string, string> = {}): Promise<string[]> => {
  const dir = writeProject({
    'prisma/schema.prisma': SCHEMA,
    'src/prisma/prisma.service.ts': PRISMA,
    'src/crews/crews.service.ts': SERVICE,
    'src/crews/crews.controller.ts': CONTROLLER,
    'src/crews/update-crew.dto.ts': DTO,
    ...files,
  });
  return (await lintProjectFile(dir, 'src/crews/crews.controller.ts', rules)).map((message) => `${String(message.line)}:${String(message.column)} ${message.message}`);
};

describe('NestJS controller -> injected service -> Prisma `data` shorthand', () => {
  it('reports the open body at the controller, naming the write and the protected field', async () => {
    expect(await lint()).toEqual([
      '10:60 `@Body() body` is written whole by `this.prisma.crew.update` at src/crews/crews.service.ts:9, through `CrewsService.updateCrew` (src/crews/crews.service.ts:8): the client can set any field, including `role`. Pick the fields the client may change, or validate with a schema that strips unknown keys.',
    ]);
  });

  it('safe: the body is a DTO class listing only what the client may set', async () => {
    const controller = CONTROLLER.replace('@Body() body: Record<string, unknown>', '@Body() body: UpdateCrewDto').replace(
      "import { CrewsService } from './crews.service';",
      "import { CrewsService } from './crews.service';\nimport { UpdateCrewDto } from './update-crew.dto';",
    );
    expect(await lint({ 'src/crews/crews.controller.ts': controller })).toEqual([]);
  });

  it('a DTO class that declares `role` is written whole with it', async () => {
    const controller = CONTROLLER.replace('@Body() body: Record<string, unknown>', '@Body() body: UpdateCrewDto').replace(
      "import { CrewsService } from './crews.service';",
      "import { CrewsService } from './crews.service';\nimport { UpdateCrewDto } from './update-crew.dto';",
    );
    const dto = DTO.replace('@IsOptional() @IsString() motto?: string;', '@IsOptional() @IsString() motto?: string;\n  @IsOptional() @IsString() role?: string;');
    const found = await lint({ 'src/crews/crews.controller.ts': controller, 'src/crews/update-crew.dto.ts': dto });
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('its class `UpdateCrewDto` declares `role`');
  });

  it('safe: the service picks the fields it writes', async () => {
    const service = SERVICE.replace('data: any', 'data: { callsign?: string; motto?: string }').replace('{ where: { id }, data }', '{ where: { id }, data: { callsign: data.callsign, motto: data.motto } }');
    expect(await lint({ 'src/crews/crews.service.ts': service })).toEqual([]);
  });
});
