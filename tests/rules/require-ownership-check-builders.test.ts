import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/require-ownership-check.js';

/*
 * TypeORM query builders as record accesses: the record named by a `where` fragment with a named
 * parameter, scoped by an owner condition in `where`/`andWhere` (or a join on the owner relation)
 * whose parameter is the caller's, not the client's.
 */

const ruleTester = new RuleTester();
const strict = [{ unscopedAccess: 'report' }] as const;

/** A NestJS controller over a TypeORM `Order` owned by a user, with its repository injected. */
const ORDERS = `import { Body, Controller, Delete, Get, Param, Put, Req } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Column, DataSource, Entity, ManyToOne, PrimaryGeneratedColumn, Repository } from 'typeorm';
import { User } from './user.entity';
@Entity()
export class Order {
  @PrimaryGeneratedColumn() id: number;
  @Column() total: number;
  @ManyToOne(() => User) user: User;
  @Column() userId: number;
}
@Controller('orders')
export class OrdersController {
  constructor(@InjectRepository(Order) private readonly orders: Repository<Order>, private readonly dataSource: DataSource) {}`;

/** A catalog entity without an owner. */
const PRODUCTS = `import { Controller, Get, Param } from '@nestjs/common';
import { Column, Entity, PrimaryGeneratedColumn, Repository } from 'typeorm';
@Entity()
export class Product {
  @PrimaryGeneratedColumn() id: number;
  @Column() name: string;
}
@Controller('products')
export class ProductsController {
  constructor(private readonly productRepository: Repository<Product>) {}`;

ruleTester.run('require-ownership-check (TypeORM query builders)', rule, {
  valid: [
    { name: 'andWhere on the owner column, bound to the caller', options: strict, code: `${ORDERS}
  @Get(':id')
  show(@Param('id') id: string, @Req() req) {
    return this.orders.createQueryBuilder('o').where('o.id = :id', { id }).andWhere('o.userId = :uid', { uid: req.user.id }).getOne();
  }
}` },
    { name: 'both conditions in one fragment, parameters given together', options: strict, code: `${ORDERS}
  @Get(':id')
  show(@Param('id') id: string, @Req() req) {
    return this.orders.createQueryBuilder('order').where('order.id = :id AND order.userId = :userId', { id, userId: req.user.id }).getOneOrFail();
  }
}` },
    { name: 'a join on the owner relation compared with the caller', options: strict, code: `${ORDERS}
  @Get(':id')
  show(@Param('id') id: string, @Req() req) {
    return this.orders.createQueryBuilder('o').innerJoin('o.user', 'u').where('o.id = :id', { id }).andWhere('u.id = :me', { me: req.user.id }).getOne();
  }
}` },
    { name: 'parameters set by setParameter', options: strict, code: `${ORDERS}
  @Get(':id')
  show(@Param('id') id: string, @Req() req) {
    return this.orders.createQueryBuilder('o').where('o.id = :id').andWhere('o.userId = :owner').setParameter('id', id).setParameter('owner', req.user.id).getOne();
  }
}` },
    { name: 'dataSource update(Order) scoped to the caller', options: strict, code: `${ORDERS}
  @Put(':id')
  update(@Param('id') id: string, @Body() body, @Req() req) {
    return this.dataSource.createQueryBuilder().update(Order).set({ total: Number(body.total) }).where('id = :id', { id }).andWhere('userId = :uid', { uid: req.user.id }).execute();
  }
}` },
    { name: 'delete().from(Order) with the owner in an object condition', options: strict, code: `${ORDERS}
  @Delete(':id')
  remove(@Param('id') id: string, @Req() req) {
    return this.dataSource.createQueryBuilder().delete().from(Order).where({ id, userId: req.user.id }).execute();
  }
}` },
    { name: 'the owner compared after getOne()', options: strict, code: `${ORDERS}
  @Get(':id')
  async show(@Param('id') id: string, @Req() req) {
    const order = await this.orders.createQueryBuilder('o').where('o.id = :id', { id }).getOne();
    if (order?.userId !== req.user.id) throw new Error('forbidden');
    return order;
  }
}` },
    { name: 'a public catalog: the entity has no owner', options: strict, code: `${PRODUCTS}
  @Get(':id')
  show(@Param('id') id: string) {
    return this.productRepository.createQueryBuilder('p').where('p.id = :id', { id }).getOne();
  }
}` },
    { name: 'the id is the caller\'s own', options: strict, code: `${ORDERS}
  @Get('mine/latest')
  latest(@Req() req) {
    return this.orders.createQueryBuilder('o').where('o.id = :id', { id: req.user.latestOrderId }).getOne();
  }
}` },
    { name: 'default level: nothing else scopes Order, so nothing is inconsistent', code: `${ORDERS}
  @Get(':id')
  show(@Param('id') id: string) {
    return this.orders.createQueryBuilder('o').where('o.id = :id', { id }).getOne();
  }
}` },
  ],
  invalid: [
    {
      name: 'where on the id alone',
      options: strict,
      code: `${ORDERS}
  @Get(':id')
  show(@Param('id') id: string) {
    return this.orders.createQueryBuilder('o').where('o.id = :id', { id }).getOne();
  }
}`,
      errors: [{ messageId: 'unscopedAccess', line: 17, column: 12, endColumn: 53, data: { orm: 'TypeORM', action: 'reads', model: 'Order', source: "`@Param('id') id`", sourceLine: '16', where: ' in the handler of GET /orders/:id', fields: '`user`, `userId`' } }],
    },
    {
      name: 'the owner condition bound to a value the client sends',
      options: strict,
      code: `${ORDERS}
  @Get(':id')
  show(@Param('id') id: string, @Req() req) {
    return this.orders.createQueryBuilder('o').where('o.id = :id', { id }).andWhere('o.userId = :uid', { uid: req.query.uid }).getOne();
  }
}`,
      errors: [{ messageId: 'unscopedAccess', line: 17, data: { orm: 'TypeORM', action: 'reads', model: 'Order', source: "`@Param('id') id`", sourceLine: '16', where: ' in the handler of GET /orders/:id', fields: '`user`, `userId`' } }],
    },
    {
      name: 'an orWhere on the owner widens the query instead of scoping it',
      options: strict,
      code: `${ORDERS}
  @Get(':id')
  show(@Param('id') id: string, @Req() req) {
    return this.orders.createQueryBuilder('o').where('o.id = :id', { id }).orWhere('o.userId = :uid', { uid: req.user.id }).getOne();
  }
}`,
      errors: [{ messageId: 'unscopedAccess', line: 17 }],
    },
    {
      name: 'dataSource.createQueryBuilder().update(Order) by the client id',
      options: strict,
      code: `${ORDERS}
  @Put(':id')
  update(@Param('id') id: string, @Body() body) {
    return this.dataSource.createQueryBuilder().update(Order).set({ total: Number(body.total) }).where('id = :id', { id }).execute();
  }
}`,
      errors: [{ messageId: 'unscopedAccess', line: 17, data: { orm: 'TypeORM', action: 'changes', model: 'Order', source: "`@Param('id') id`", sourceLine: '16', where: ' in the handler of PUT /orders/:id', fields: '`user`, `userId`' } }],
    },
    {
      name: 'delete().from(Order) by the client id, with the id set by setParameters',
      options: strict,
      code: `${ORDERS}
  @Delete(':id')
  remove(@Param('id') id: string) {
    return this.dataSource.createQueryBuilder().delete().from(Order).where('id = :id').setParameters({ id }).execute();
  }
}`,
      errors: [{ messageId: 'unscopedAccess', line: 17, data: { orm: 'TypeORM', action: 'deletes', model: 'Order', source: "`@Param('id') id`", sourceLine: '16', where: ' in the handler of DELETE /orders/:id', fields: '`user`, `userId`' } }],
    },
    {
      name: 'consistency: the same entity is scoped by its owner in another route of the file',
      code: `${ORDERS}
  @Get()
  list(@Req() req) {
    return this.orders.createQueryBuilder('o').where('o.userId = :uid', { uid: req.user.id }).getMany();
  }
  @Get(':id')
  show(@Param('id') id: string) {
    return this.orders.createQueryBuilder('o').where('o.id = :id', { id }).getOne();
  }
}`,
      errors: [{ messageId: 'inconsistentAccess', line: 21, data: { orm: 'TypeORM', action: 'reads', model: 'Order', source: "`@Param('id') id`", sourceLine: '20', where: ' in the handler of GET /orders/:id', how: '`userId`', elsewhere: 'line 17' } }],
    },
  ],
});
