import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/command.js';
import type { Inventory } from '../../src/cli/model.js';
import { writeProject } from '../helpers/project.js';

/*
 * The inventory lists decorator controllers besides NestJS with their full paths, the inputs their
 * decorated parameters read (and whether the framework converts them), and an auth verdict by
 * evidence. Run in process from the sources.
 */

async function inventory(dir: string): Promise<Inventory> {
  let out = '';
  let err = '';
  const code = await runCli(['inventory', '.', '--format', 'json'], { cwd: dir, stdout: (text) => (out += text), stderr: (text) => (err += text), stderrIsTty: false });
  if (code !== 0) throw new Error(`inventory exited ${String(code)}: ${err}`);
  return JSON.parse(out) as Inventory;
}

describe('inventory of decorator controllers', () => {
  it('lists routing-controllers and tsoa routes with their inputs and auth', async () => {
    const dir = writeProject({
      'src/users.controller.ts': `
import { Authorized, Body, Get, JsonController, Param, Post, QueryParam } from 'routing-controllers';
@JsonController('/users')
export class UsersController {
  @Get('/') list(@QueryParam('q') q: string, @QueryParam('page') page: number) { return [q, page]; }
  @Authorized() @Post('/:id') update(@Param('id') id: string, @Body() body: unknown) { return [id, body]; }
}
`,
      'src/server.ts': `
import { createExpressServer } from 'routing-controllers';
createExpressServer({ authorizationChecker: async (action: { request: { user?: unknown } }) => { if (!action.request.user) return false; return true; } });
`,
      'src/orders.controller.ts': `
import { Controller, Get, Path, Route } from 'tsoa';
@Route('orders')
export class OrdersController extends Controller {
  @Get('{orderId}') public async show(@Path() orderId: number) { return orderId; }
}
`,
    });
    const result = await inventory(dir);
    const summary = result.endpoints.map((endpoint) => ({
      id: endpoint.id,
      framework: endpoint.framework,
      auth: endpoint.auth.status,
      inputs: endpoint.inputs.map((input) => `${input.location}:${input.name ?? '*'}:${String(input.validated)}`),
    }));
    expect(summary).toEqual([
      { id: 'GET /orders/:orderId', framework: 'tsoa', auth: 'unauthenticated', inputs: ['path:orderId:true'] },
      { id: 'GET /users', framework: 'routing-controllers', auth: 'unauthenticated', inputs: ['query:page:true', 'query:q:false'] },
      { id: 'POST /users/:id', framework: 'routing-controllers', auth: 'authenticated', inputs: ['body:*:false', 'path:id:false'] },
    ]);
  });
});
