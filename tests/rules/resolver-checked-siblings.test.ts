import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A resolver class or map whose server is out of view (no `GraphQLModule.forRoot`, no Apollo server
 * in the project) is judged like a router mounted nowhere in view: silent in recommended. Unless
 * at least two other resolvers of the same class or map check the caller themselves (a guard of
 * their own, their body): they say that whatever serves the schema does not authenticate for them,
 * and a resolver of theirs without the check is reported. A guard of the whole class says nothing
 * of the kind, one checked sibling is not enough, and a sibling guard that lets everybody through
 * is no check.
 */
const recommended: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };

const fields = (messages: readonly Linter.LintMessage[]): string[] =>
  messages.map((message) => `${String(message.line)} ${/GraphQL field `([^`]+)`/u.exec(message.message)?.[1] ?? message.message.slice(0, 50)}`);

const lint = async (files: Record<string, string>, file: string): Promise<string[]> => fields(await lintProjectFile(writeProject(files), file, recommended));

const STORE = `export const db = {
  shipment: { update: async (q: unknown) => q, delete: async (q: unknown) => q, findMany: async (q: unknown) => [q] },
};
`;

const GUARDS = `import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';

@Injectable()
export class SignedInGuard implements CanActivate {
  canActivate(context: ExecutionContext) {
    const request = GqlExecutionContext.create(context).getContext().req;
    return !!request.user;
  }
}

@Injectable()
export class OpenGuard implements CanActivate {
  canActivate() {
    return true;
  }
}
`;

const nestResolver = (first: string, second: string, classGuard = ''): string => `import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { UseGuards } from '@nestjs/common';
import { OpenGuard, SignedInGuard } from './guards';
import { db } from './db';

@Resolver('Shipment')
${classGuard}export class ShipmentResolver {
  @Query('shipments')
  ${first}
  shipments(@Args('status') status: string) {
    return db.shipment.findMany({ where: { status } });
  }

  @Mutation('delayShipment')
  ${second}
  delay(@Args('id') id: string) {
    return db.shipment.update({ where: { id }, data: { delayed: true } });
  }

  @Mutation('cancelShipment')
  cancel(@Args('id') id: string) {
    return db.shipment.delete({ where: { id } });
  }
}
`;

describe('no-unauthenticated-route: a resolver without the check its siblings make, the server out of view', () => {
  it('NestJS: two methods guarded, the third not: the third is reported in recommended', async () => {
    const files = { 'src/db.ts': STORE, 'src/guards.ts': GUARDS, 'src/shipment.resolver.ts': nestResolver('@UseGuards(SignedInGuard)', '@UseGuards(SignedInGuard)') };
    expect(await lint(files, 'src/shipment.resolver.ts')).toEqual(['20 Mutation.cancelShipment']);
  });

  it('NestJS stays silent: only one sibling guarded', async () => {
    const files = { 'src/db.ts': STORE, 'src/guards.ts': GUARDS, 'src/shipment.resolver.ts': nestResolver('', '@UseGuards(SignedInGuard)') };
    expect(await lint(files, 'src/shipment.resolver.ts')).toEqual([]);
  });

  it('NestJS stays silent: the siblings guarded by a guard that lets everybody through', async () => {
    const files = { 'src/db.ts': STORE, 'src/guards.ts': GUARDS, 'src/shipment.resolver.ts': nestResolver('@UseGuards(OpenGuard)', '@UseGuards(OpenGuard)') };
    expect(await lint(files, 'src/shipment.resolver.ts')).toEqual([]);
  });

  it('NestJS: a guard of the whole class covers every method (nothing to report)', async () => {
    const files = { 'src/db.ts': STORE, 'src/guards.ts': GUARDS, 'src/shipment.resolver.ts': nestResolver('', '', '@UseGuards(SignedInGuard)\n') };
    expect(await lint(files, 'src/shipment.resolver.ts')).toEqual([]);
  });

  it('a resolver map of another shape: two fields check the context, the third does not', async () => {
    const resolvers = `import type { IResolvers } from '@graphql-tools/utils';
import { db } from './db';
export const resolvers: IResolvers = {
  Mutation: {
    delayShipment: async (_p, { id }, ctx) => {
      if (!ctx.user) throw new Error('Unauthorized');
      return db.shipment.update({ where: { id }, data: { delayed: true } });
    },
    rerouteShipment: async (_p, { id, depot }, ctx) => {
      if (!ctx.user) throw new Error('Unauthorized');
      return db.shipment.update({ where: { id }, data: { depot } });
    },
    cancelShipment: async (_p, { id }) => db.shipment.delete({ where: { id } }),
  },
};
`;
    expect(await lint({ 'src/db.ts': STORE, 'src/resolvers.ts': resolvers }, 'src/resolvers.ts')).toEqual(['13 Mutation.cancelShipment']);
  });
});
