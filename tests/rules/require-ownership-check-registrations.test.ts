import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Layers in four files: a routes file registers a controller's methods (one behind a role check,
 * one not), the controller hands the path id to a service, the service to a repository class whose
 * store is made with `getRepository(Entity)`. The role check at the registration excuses the access
 * of the administration route only; the repository's generic member name (`this.store`) is the entity's.
 */

const RULE = 'api-security/require-ownership-check';
const strict: Linter.RulesRecord = { [RULE]: ['error', { unscopedAccess: 'report' }] };

const ENTITY = `import { Column, Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from './account';
@Entity()
export class Subscription {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() plan: string;
  @ManyToOne(() => Account) account: Account;
}
`;

const REPOSITORY = `import { dataSource } from '../data-source';
import { Subscription } from '../entities/subscription';
export class SubscriptionStore {
  private store = dataSource.getRepository(Subscription);
  cancel(id: string) {
    return this.store.update({ id }, { plan: 'cancelled' });
  }
  upgrade(id: string, plan: string) {
    return this.store.update({ id }, { plan });
  }
}
export const subscriptions = new SubscriptionStore();
`;

const SERVICE = `import { subscriptions } from '../repositories/subscription.store';
export const billing = {
  async cancel(id: string) {
    await subscriptions.cancel(id);
  },
  async upgrade(id: string, plan: string) {
    await subscriptions.upgrade(id, plan);
  },
};
`;

const CONTROLLER = `import type { Request, Response } from 'express';
import { billing } from '../services/billing';
export const billingController = {
  async cancel(req: Request, res: Response) {
    await billing.cancel(req.params.id);
    res.sendStatus(204);
  },
  async upgrade(req: Request, res: Response) {
    await billing.upgrade(req.params.id, String(req.body.plan));
    res.sendStatus(204);
  },
};
`;

const GUARDS = `import type { NextFunction, Request, Response } from 'express';
export function onlyRoles(...roles: string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!roles.includes((req as any).user?.role)) return res.status(403).json({ error: 'forbidden' });
    next();
  };
}
`;

function project(routes: string): string {
  return writeProject({
    'src/data-source.ts': `import { DataSource } from 'typeorm';\nexport const dataSource = new DataSource({ type: 'postgres' });\n`,
    'src/entities/subscription.ts': ENTITY,
    'src/repositories/subscription.store.ts': REPOSITORY,
    'src/services/billing.ts': SERVICE,
    'src/controllers/billing.controller.ts': CONTROLLER,
    'src/middleware/roles.ts': GUARDS,
    'src/routes/billing.routes.ts': routes,
  });
}

describe('require-ownership-check: the role check where another file registers the handler', () => {
  it('the route behind a role check is an administration route; its sibling without one is reported', async () => {
    const dir = project(`import { Router } from 'express';
import { billingController } from '../controllers/billing.controller';
import { onlyRoles } from '../middleware/roles';
export const billingRoutes = Router();
billingRoutes.post('/subscriptions/:id/cancel', onlyRoles('support', 'admin'), billingController.cancel);
billingRoutes.post('/subscriptions/:id/upgrade', billingController.upgrade);
`);
    const messages = await lintProjectFile(dir, 'src/repositories/subscription.store.ts', strict);
    expect(messages.map((message) => [message.line, message.ruleId])).toEqual([[9, RULE]]);
    expect(messages[0]?.message).toContain('TypeORM changes a `Subscription` record by `req.params.id` in src/controllers/billing.controller.ts (line 9)');
  });

  it('without the role check, both are reported', async () => {
    const dir = project(`import { Router } from 'express';
import { billingController } from '../controllers/billing.controller';
export const billingRoutes = Router();
billingRoutes.post('/subscriptions/:id/cancel', billingController.cancel);
billingRoutes.post('/subscriptions/:id/upgrade', billingController.upgrade);
`);
    const messages = await lintProjectFile(dir, 'src/repositories/subscription.store.ts', strict);
    expect(messages.map((message) => [message.line, message.ruleId])).toEqual([[6, RULE], [9, RULE]]);
  });

  it('a handler registered twice, once without the role check, is not an administration route', async () => {
    const dir = project(`import { Router } from 'express';
import { billingController } from '../controllers/billing.controller';
import { onlyRoles } from '../middleware/roles';
export const billingRoutes = Router();
billingRoutes.post('/admin/subscriptions/:id/cancel', onlyRoles('admin'), billingController.cancel);
billingRoutes.post('/subscriptions/:id/cancel', billingController.cancel);
`);
    const messages = await lintProjectFile(dir, 'src/repositories/subscription.store.ts', strict);
    expect(messages.map((message) => message.line)).toContain(6);
  });
});
