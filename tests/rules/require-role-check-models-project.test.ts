import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * require-role-check: user models the app declares where the handler does not name them as users:
 * a Prisma schema model with a password or role field (reached by its client accessor, or by its
 * mapped table in raw SQL), and a repository injected by type (`Repository<Principal>`) or by
 * decorator (`@InjectModel(Principal.name)`). No type information.
 */

const strict: Linter.RulesRecord = { 'api-security/require-role-check': ['error', { privilegedRoutes: 'report' }] };

async function findings(dir: string, file: string): Promise<string[]> {
  const messages = await lintProjectFile(dir, file, strict);
  return messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}: ${message.message}`);
}

const schema = `generator client {
  provider = "prisma-client-js"
}

model Principal {
  id           String   @id
  login        String   @unique
  secret       String   @map("password_hash")
  roles        String[]

  @@map("principals")
}

model Product {
  id    String @id
  name  String
  price Int
}
`;

const prismaRoutes = `import express from 'express';
import { PrismaClient } from '@prisma/client';
import { Pool } from 'pg';
const prisma = new PrismaClient();
const pool = new Pool();
const router = express.Router();
function requireLogin(req, res, next) {
  if (!req.session.userId) return res.status(401).end();
  next();
}
router.delete('/principals/:id', requireLogin, async (req, res) => {
  await prisma.principal.delete({ where: { id: req.params.id } });
  res.status(204).end();
});
router.delete('/products/:id', requireLogin, async (req, res) => {
  await prisma.product.delete({ where: { id: req.params.id } });
  res.status(204).end();
});
router.post('/principals/:id/disable', requireLogin, async (req, res) => {
  await pool.query('DELETE FROM principals WHERE id = $1', [req.params.id]);
  res.status(204).end();
});
router.post('/products/:id/retire', requireLogin, async (req, res) => {
  await pool.query('DELETE FROM products WHERE id = $1', [req.params.id]);
  res.status(204).end();
});
export default router;
`;

describe('require-role-check: user models of a Prisma schema', () => {
  it('a model with a mapped password field is a user model, by its accessor and by its table; a product is not', async () => {
    const dir = writeProject({ 'prisma/schema.prisma': schema, 'src/routes/principals.js': prismaRoutes });
    expect(await findings(dir, 'src/routes/principals.js')).toEqual([
      '11 privilegedRoute: DELETE /principals/:id (express) deletes a user the client names (`prisma.principal.delete`) (line 12), but any authenticated user can call it: it is authenticated by `requireLogin` and no role or permission check runs. Add a role check before the handler.',
      '19 privilegedRoute: POST /principals/:id/disable (express) deletes a user the client names (`DELETE FROM principals` through `pool.query`) (line 20), but any authenticated user can call it: it is authenticated by `requireLogin` and no role or permission check runs. Add a role check before the handler.',
    ]);
  });

  it('without the schema, `principal` names no user', async () => {
    const dir = writeProject({ 'src/routes/principals.js': prismaRoutes });
    expect(await findings(dir, 'src/routes/principals.js')).toEqual([]);
  });
});

const controller = `import { Controller, Delete, Param, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { PrincipalsService } from './principals.service';

@Controller('principals')
@UseGuards(AuthGuard('jwt'))
export class PrincipalsController {
  constructor(private readonly service: PrincipalsService) {}

  @Delete(':id')
  remove(@Param('id') id: string) {
    return this.service.remove(id);
  }
}
`;

const typeormService = (entity: string): string => `import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ${entity} } from './${entity.toLowerCase()}.entity';

@Injectable()
export class PrincipalsService {
  constructor(@InjectRepository(${entity}) private readonly repo: Repository<${entity}>) {}

  remove(id: string) {
    return this.repo.delete(id);
  }
}
`;

const mongooseService = `import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Principal } from './principal.schema';

@Injectable()
export class PrincipalsService {
  constructor(@InjectModel(Principal.name) private readonly store: Model<any>) {}

  remove(id: string) {
    return this.store.findByIdAndDelete(id);
  }
}
`;

describe('require-role-check: repositories injected by type or decorator', () => {
  it('Repository<Principal> of an entity with a password hash and roles', async () => {
    const dir = writeProject({
      'src/principals/principals.controller.ts': controller,
      'src/principals/principals.service.ts': typeormService('Principal'),
      'src/principals/principal.entity.ts': `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity()
export class Principal {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() login!: string;
  @Column() passwordHash!: string;
  @Column('simple-array') roles!: string[];
}
`,
    });
    expect(await findings(dir, 'src/principals/principals.controller.ts')).toEqual([
      '10 privilegedRoute: DELETE /principals/:id (nestjs) deletes a user the client names (`this.repo.delete`) (src/principals/principals.service.ts:11), but any authenticated user can call it: it is authenticated by `AuthGuard` and no role or permission check runs. Add a role check before the handler.',
    ]);
  });

  it('Repository<Product> of an entity without credentials is no user model', async () => {
    const dir = writeProject({
      'src/principals/principals.controller.ts': controller,
      'src/principals/principals.service.ts': typeormService('Product'),
      'src/principals/product.entity.ts': `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
@Entity()
export class Product {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() name!: string;
}
`,
    });
    expect(await findings(dir, 'src/principals/principals.controller.ts')).toEqual([]);
  });

  it('@InjectModel(Principal.name) of a Mongoose schema class with a password and roles', async () => {
    const dir = writeProject({
      'src/principals/principals.controller.ts': controller,
      'src/principals/principals.service.ts': mongooseService,
      'src/principals/principal.schema.ts': `import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
@Schema()
export class Principal {
  @Prop() login!: string;
  @Prop() password!: string;
  @Prop([String]) roles!: string[];
}
export const PrincipalSchema = SchemaFactory.createForClass(Principal);
`,
    });
    expect(await findings(dir, 'src/principals/principals.controller.ts')).toEqual([
      '10 privilegedRoute: DELETE /principals/:id (nestjs) deletes a user the client names (`this.store.findByIdAndDelete`) (src/principals/principals.service.ts:11), but any authenticated user can call it: it is authenticated by `AuthGuard` and no role or permission check runs. Add a role check before the handler.',
    ]);
  });
});
