import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-whole-object-response.js';

/*
 * Whole records read through query-builder chains rather than one ORM call: Drizzle's
 * `select().from(table)`, TypeORM's `createQueryBuilder(...)...getMany()` and Firestore's
 * `doc(id).get()` then `data()`. A chain that chooses its columns is a projection.
 */
const ruleTester = new RuleTester();

const header = `import express from 'express';
import { eq } from 'drizzle-orm';
import { db } from '../db/client';
import { accounts } from '../db/schema';
import { dataSource } from '../db/data-source';
import { Account } from '../entities/account';
import { getFirestore } from 'firebase-admin/firestore';
const router = express.Router();
const store = getFirestore();
`;

// An account's wallet entity with its secret excluded, served by a controller with the serializer.
const nestHeader = `import { ClassSerializerInterceptor, Controller, Get, Req, UseInterceptors } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, Entity, Column, PrimaryGeneratedColumn } from 'typeorm';
import { Exclude } from 'class-transformer';
@Entity()
export class Wallet {
  @PrimaryGeneratedColumn() id!: number;
  @Column() label!: string;
  @Exclude() @Column() privateKey!: string;
}
@Controller('accounts')
@UseInterceptors(ClassSerializerInterceptor)
export class AccountWalletsController {
  constructor(@InjectRepository(Wallet) private readonly wallets: Repository<Wallet>) {}`;

ruleTester.run('no-whole-object-response (query builders)', rule, {
  valid: [
    {
      name: 'Drizzle select with a column map is a projection',
      code: `${header}router.get('/accounts/:id', async (req, res) => {
  const [account] = await db.select({ id: accounts.id, handle: accounts.handle }).from(accounts).where(eq(accounts.id, req.params.id));
  res.json(account);
});`,
    },
    {
      name: 'TypeORM query builder that selects its columns',
      code: `${header}router.get('/accounts', async (req, res) => {
  const rows = await dataSource.getRepository(Account).createQueryBuilder('a').select(['a.id', 'a.handle']).orderBy('a.id').getMany();
  res.json(rows);
});`,
    },
    {
      name: 'a getOne() that is not the end of a query-builder chain',
      code: `${header}import { cache } from '../cache';
router.get('/settings', async (req, res) => {
  const settings = await cache.getOne('settings');
  res.json(settings);
});`,
    },
    {
      name: 'fields picked from a Firestore document',
      code: `${header}router.get('/profiles/:id', async (req, res) => {
  const snapshot = await store.collection('profiles').doc(req.params.id).get();
  const profile = snapshot.data();
  res.json({ displayName: profile?.displayName, avatar: profile?.avatar });
});`,
    },
    {
      name: 'a Firestore document read by its path, fields picked, or of a collection that holds no accounts',
      code: `${header}import { onCall } from 'firebase-functions/v2/https';
export const myPlan = onCall(async (request) => {
  const snap = await store.doc(\`customers/\${request.auth?.uid}\`).get();
  const customer = snap.data();
  return { plan: customer?.plan, seats: customer?.seats };
});
export const board = onCall(async (request) => {
  const snap = await store.doc(\`boards/\${String(request.data.id)}\`).get();
  return snap.data();
});
export const anyDoc = onCall(async (request) => {
  const snap = await store.doc(String(request.data.path)).get();
  return snap.data();
});`,
    },
    {
      name: 'data() of something that is not a document snapshot',
      code: `${header}import { loadReport } from '../reports';
router.get('/report', async (req, res) => {
  const report = await loadReport();
  res.json(report.data());
});`,
    },
    {
      name: 'a TypeORM getOne() under ClassSerializerInterceptor: the entity hides its secrets',
      code: `${nestHeader}
  @Get('me')
  me(@Req() req: any) {
    return this.wallets.createQueryBuilder('w').where('w.owner = :o', { o: req.user.id }).getOne();
  }
}`,
    },
    {
      name: 'raw rows of chosen columns',
      code: `${nestHeader}
  @Get('me')
  me(@Req() req: any) {
    return this.wallets.createQueryBuilder('w').select(['w.id', 'w.label']).where('w.owner = :o', { o: req.user.id }).getRawMany();
  }
}`,
    },
  ],
  invalid: [
    {
      name: 'Drizzle select() without columns reads whole rows',
      code: `${header}router.get('/accounts/:id', async (req, res) => {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, req.params.id)).limit(1);
  res.json(account);
});`,
      errors: [{ messageId: 'wholeObject', line: 12, data: { object: '`account`', origin: 'line 11, from `db.select().from(accounts)`', sink: '`res.json`', exposed: 'every stored field' } }],
    },
    {
      name: 'TypeORM query builder ending in getMany()',
      code: `${header}router.get('/accounts', async (req, res) => {
  const rows = await dataSource.getRepository(Account).createQueryBuilder('a').where('a.active = :active', { active: true }).getMany();
  res.json(rows);
});`,
      errors: [{ messageId: 'wholeObject', line: 12, data: { object: '`rows`', origin: 'line 11, from `createQueryBuilder(…)….getMany`', sink: '`res.json`', exposed: 'every stored field' } }],
    },
    {
      name: 'TypeORM query builder on the manager with addSelect, which only adds columns back',
      code: `${header}router.get('/accounts/:id', async (req, res) => {
  const account = await dataSource.manager.createQueryBuilder(Account, 'a').addSelect('a.passwordHash').where('a.id = :id', { id: req.params.id }).getOneOrFail();
  res.send(account);
});`,
      errors: [{ messageId: 'wholeObject', line: 12, data: { object: '`account`', origin: 'line 11, from `createQueryBuilder(…)….getOneOrFail`', sink: '`res.send`', exposed: 'every stored field' } }],
    },
    {
      // A collection whose name says it holds accounts (users, members), as for other stores.
      name: 'Firestore document data sent whole, through a const and inline',
      code: `${header}router.get('/profiles/:id', async (req, res) => {
  const snapshot = await store.collection('users').doc(req.params.id).get();
  res.json(snapshot.data());
});
router.get('/members/:id', async (req, res) => {
  const members = store.collection('members');
  res.json((await members.doc(req.params.id).get()).data());
});`,
      errors: [
        { messageId: 'wholeObject', line: 12, data: { object: '`snapshot.data()`', origin: "line 12, from `collection('users').doc(…).get().data`", sink: '`res.json`', exposed: 'every stored field' } },
        { messageId: 'wholeObject', line: 16, data: { object: '`(await members.doc(req.params.id).get...`', origin: "line 16, from `collection('members').doc(…).get().data`", sink: '`res.json`', exposed: 'every stored field' } },
      ],
    },
    {
      // \`db.doc('customers/' + id)\`: a document path names its collection before the id.
      name: 'Firestore document read by its path and returned whole by a callable function',
      code: `${header}import { onCall } from 'firebase-functions/v2/https';
export const myAccount = onCall(async (request) => {
  const snap = await store.doc(\`customers/\${request.auth?.uid}\`).get();
  return snap.data();
});
export const teamMember = onCall(async (request) => {
  const snap = await store.doc('teams/' + String(request.data.team) + '/members/' + String(request.data.member)).get();
  return snap.data();
});`,
      errors: [
        { messageId: 'wholeObject', line: 13, data: { object: '`snap.data()`', origin: "line 13, from `doc('customers/…').get().data`", sink: "the handler's return value", exposed: 'every stored field' } },
        { messageId: 'wholeObject', line: 17, data: { object: '`snap.data()`', origin: "line 17, from `doc('members/…').get().data`", sink: "the handler's return value", exposed: 'every stored field' } },
      ],
    },
    {
      name: 'TypeORM raw rows under ClassSerializerInterceptor: no entity instance for @Exclude to act on',
      code: `${nestHeader}
  @Get('me/raw')
  raw(@Req() req: any) {
    return this.wallets.createQueryBuilder('w').where('w.owner = :o', { o: req.user.id }).getRawOne();
  }
  @Get('raw')
  all() {
    return this.wallets.createQueryBuilder('w').getRawMany();
  }
}`,
      errors: [
        { messageId: 'wholeObject', line: 17, data: { object: "\`this.wallets.createQueryBuilder('w')....\`", origin: 'line 17, from `createQueryBuilder(…)….getRawOne`', sink: "the controller method's return value", exposed: 'every stored field' } },
        { messageId: 'wholeObject', line: 21, data: { object: "\`this.wallets.createQueryBuilder('w')....\`", origin: 'line 21, from `createQueryBuilder(…)….getRawMany`', sink: "the controller method's return value", exposed: 'every stored field' } },
      ],
    },
  ],
});
