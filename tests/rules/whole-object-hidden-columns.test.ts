import { rmSync } from 'node:fs';
import type { Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Entity columns the ORM never loads or never serializes: a TypeORM `@Column({ select: false })`
 * is left out of every repository read and query builder unless the query adds it back
 * (`addSelect('u.passwordHash')`); a MikroORM `@Property({ hidden: true })` is left out of the
 * serialized entity and `lazy: true` is not loaded. A whole record of an entity whose every
 * sensitive column is hidden so exposes nothing sensitive; one sensitive column left visible, or a
 * query that adds the hidden one back, keeps the finding.
 */
const RULES: Linter.RulesRecord = { 'api-security/no-whole-object-response': 'error' };
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function nestProject(entity: string, service: string): Record<string, string> {
  return {
    'src/users/user.entity.ts': entity,
    'src/users/users.service.ts': service,
    'src/users/users.controller.ts': `import { Controller, Get, Param } from '@nestjs/common';
import { UsersService } from './users.service';

@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get(':id')
  findOne(@Param('id') id: string) {
    return this.users.findOne(id);
  }
}
`,
  };
}

const HIDDEN_ENTITY = `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id!: string;

  @Column({ unique: true }) email!: string;

  @Column({ select: false }) passwordHash!: string;

  @Column('varchar', { nullable: true, select: false }) resetToken?: string;

  @Column({ default: 'member' }) role!: string;
}
`;

const REPOSITORY_SERVICE = `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}

  findOne(id: string) {
    return this.repo.findOneBy({ id });
  }
}
`;

async function lintController(files: Record<string, string>): Promise<string[]> {
  const dir = writeProject(files);
  dirs.push(dir);
  const messages = await lintProjectFile(dir, 'src/users/users.controller.ts', RULES);
  return messages.map((message) => `${String(message.line)} ${message.ruleId ?? ''}`);
}

describe('no-whole-object-response: columns the ORM hides', () => {
  it('a TypeORM entity whose sensitive columns are all select: false, read through a service', async () => {
    expect(await lintController(nestProject(HIDDEN_ENTITY, REPOSITORY_SERVICE))).toEqual([]);
  });

  it('one sensitive column without select: false is still sent', async () => {
    const entity = HIDDEN_ENTITY.replace(`@Column('varchar', { nullable: true, select: false }) resetToken`, `@Column('varchar', { nullable: true }) resetToken`);
    expect(await lintController(nestProject(entity, REPOSITORY_SERVICE))).toEqual(['10 api-security/no-whole-object-response']);
  });

  it('a query builder that adds the hidden column back with addSelect', async () => {
    const service = REPOSITORY_SERVICE.replace(
      'return this.repo.findOneBy({ id });',
      `return this.repo.createQueryBuilder('u').addSelect('u.passwordHash').addSelect('u.resetToken').where('u.id = :id', { id }).getOne();`,
    );
    expect(await lintController(nestProject(HIDDEN_ENTITY, service))).toEqual(['10 api-security/no-whole-object-response']);
  });

  it('a query builder that does not add it back', async () => {
    const service = REPOSITORY_SERVICE.replace('return this.repo.findOneBy({ id });', `return this.repo.createQueryBuilder('u').where('u.id = :id', { id }).getOne();`);
    expect(await lintController(nestProject(HIDDEN_ENTITY, service))).toEqual([]);
  });

  it('a MikroORM entity whose sensitive properties are hidden or lazy', async () => {
    const entity = `import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity()
export class User {
  @PrimaryKey() id!: number;

  @Property() email!: string;

  @Property({ hidden: true }) password!: string;

  @Property({ lazy: true, hidden: true }) apiKey?: string;
}
`;
    const service = `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@mikro-orm/nestjs';
import { EntityRepository } from '@mikro-orm/core';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly repo: EntityRepository<User>) {}

  findOne(id: string) {
    return this.repo.findOne({ id: Number(id) });
  }
}
`;
    expect(await lintController(nestProject(entity, service))).toEqual([]);
    // The same entity with the password visible is sent whole.
    expect(await lintController(nestProject(entity.replace('@Property({ hidden: true }) password', '@Property() password'), service))).toEqual(['10 api-security/no-whole-object-response']);
  });

  it('a plain class of the same name without an entity decorator is not read as hiding anything', async () => {
    const entity = HIDDEN_ENTITY.replace(`@Entity('users')\n`, '');
    expect(await lintController(nestProject(entity, REPOSITORY_SERVICE))).toEqual(['10 api-security/no-whole-object-response']);
  });
});
