import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * AdonisJS v5 / v6: controller methods that take the HTTP context are handlers; `start/routes.ts`
 * routes them (string or tuple handlers, lazy imports, groups with a prefix and middleware). The
 * `auth` named middleware of `@adonisjs/auth` authenticates, and so does `auth.authenticate()` in
 * the handler; `request.input()`, `all()`, `qs()`, `params` are input; `request.only([...])`
 * picks fields. Only in a project that depends on `@adonisjs/core`.
 */

const v6 = { name: 'ledger', type: 'module', dependencies: { '@adonisjs/core': '^6.12.0', '@adonisjs/auth': '^9.2.0', '@adonisjs/lucid': '^21.1.0' } };
const rules: Linter.RulesRecord = {
  'api-security/no-unauthenticated-route': 'error',
  'api-security/no-sql-injection': 'error',
  'api-security/no-command-injection': 'error',
  'api-security/no-mass-assignment': 'error',
};

async function lint(dir: string, file: string): Promise<string[]> {
  return (await lintProjectFile(dir, file, rules)).map((message) => `${String(message.line)} ${message.messageId ?? ''}`);
}

const routesV6 = `import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
const InvoicesController = () => import('#controllers/invoices_controller')
import ReportsController from '#controllers/reports_controller'

router.get('/health', [ReportsController, 'health'])
router.group(() => {
  router.get('/invoices/search', [InvoicesController, 'search'])
  router.patch('/invoices/:id', [InvoicesController, 'update'])
}).prefix('/api').use(middleware.auth())
router.post('/api/reports/export', [ReportsController, 'export'])
router.post('/api/reports/rebuild', [ReportsController, 'rebuild']).use(middleware.throttle())
`;

const invoices = `import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import Invoice from '#models/invoice'

export default class InvoicesController {
  async search({ request }: HttpContext) {
    const term = request.input('q')
    return db.rawQuery(\`SELECT * FROM invoices WHERE memo LIKE '%\${term}%'\`)
  }

  async update({ request, params }: HttpContext) {
    const invoice = await Invoice.findOrFail(params.id)
    invoice.merge(request.only(['memo', 'dueAt']))
    await invoice.save()
    await Invoice.query().where('id', params.id).update(request.all())
    return db.rawQuery('SELECT * FROM invoices WHERE id = ?', [params.id])
  }
}
`;

const reports = `import type { HttpContext } from '@adonisjs/core/http'
import { exec } from 'node:child_process'

export default class ReportsController {
  async health({ response }: HttpContext) {
    return response.ok({ ok: true })
  }

  async export({ request, auth }: HttpContext) {
    await auth.use('api').authenticate()
    exec('tar czf /tmp/export.tgz ' + request.input('folder'))
    return { queued: true }
  }

  async rebuild({ request }: HttpContext) {
    exec('make -C reports ' + request.qs().target)
    return { queued: true }
  }
}
`;

function project(files: Record<string, string> = {}, manifest: Record<string, unknown> = v6): string {
  return writeProject({ 'start/routes.ts': routesV6, 'app/controllers/invoices_controller.ts': invoices, 'app/controllers/reports_controller.ts': reports, ...files }, manifest);
}

describe('AdonisJS v6 controllers', () => {
  it('authenticates a group behind the auth middleware, and reads SQL text built from request.input and request.all() written whole', async () => {
    expect(await lint(project(), 'app/controllers/invoices_controller.ts')).toEqual(['8 sqlInjection', '15 massAssignment']);
  });

  it('reports a route whose only middleware is not an authentication, and accepts auth.use().authenticate() in the handler', async () => {
    const messages = await lintProjectFile(project(), 'app/controllers/reports_controller.ts', rules);
    expect(messages.map((message) => `${String(message.line)} ${message.messageId ?? ''}`)).toEqual(['11 commandInjection', '15 unauthenticatedRoute', '16 commandInjection']);
    expect(messages[1]?.message).toContain('POST /api/reports/rebuild (adonis)');
  });

  it('leaves an `auth` middleware unjudged without @adonisjs/auth, and reads no project without @adonisjs/core', async () => {
    const withoutAuth = { ...v6, dependencies: { '@adonisjs/core': '^6.12.0' } };
    expect(await lint(project({}, withoutAuth), 'app/controllers/invoices_controller.ts')).toEqual(['8 sqlInjection', '15 massAssignment']);
    expect(await lint(project({}, { name: 'ledger', type: 'module' }), 'app/controllers/invoices_controller.ts')).toEqual([]);
  });
});

describe('AdonisJS named middleware other than `auth`', () => {
  // Judged by its name as any guard out of view: the team's settings, then the vocabulary.
  const routes = `import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import MembersController from '#controllers/members_controller'

router.post('/api/members/sync', [MembersController, 'sync']).use(middleware.ensureMember())
router.post('/api/members/purge', [MembersController, 'purge']).use(middleware.silentAuth())
router.post('/api/members/audit', [MembersController, 'audit']).use(middleware.admin())
router.post('/api/members/rebuild', [MembersController, 'rebuild']).use(middleware.throttle())
`;
  // Each action runs a command: a route that needs a caller.
  const actions = ['sync', 'purge', 'audit', 'rebuild'].map((action) => `  async ${action}({ request }: HttpContext) {
    exec('make ${action}')
    return { queued: request.input('id') }
  }
`);
  const members = `import type { HttpContext } from '@adonisjs/core/http'
import { exec } from 'node:child_process'

export default class MembersController {
${actions.join('\n')}}
`;

  async function lintMembers(settings: Record<string, unknown>): Promise<string[]> {
    const dir = writeProject({ 'start/routes.ts': routes, 'app/controllers/members_controller.ts': members }, v6);
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tsParser as never },
          plugins: { 'api-security': plugin as never },
          settings: { 'api-security': settings },
          rules: { 'api-security/no-unauthenticated-route': ['error', { unknownAuth: 'report' }] },
        },
      ],
    });
    const [result] = await eslint.lintFiles([path.join(dir, 'app/controllers/members_controller.ts')]);
    return (result?.messages ?? []).map((message) => `${String(message.line)} ${message.messageId ?? message.message}`);
  }

  it('honours a middleware the team lists in settings, asks about one the vocabulary knows, and reports the others', async () => {
    // `ensureMember` authenticates as the team's word; `admin` (a role check by name) is unknown,
    // its definition not followed; `silentAuth` and `throttle` turn nobody away by their names.
    expect(await lintMembers({ authMiddleware: ['ensureMember'] })).toEqual(['10 unauthenticatedRoute', '15 unknownAuth', '20 unauthenticatedRoute']);
  });

  it('reports the same middleware as no authentication without the setting', async () => {
    expect(await lintMembers({})).toEqual(['5 unauthenticatedRoute', '10 unauthenticatedRoute', '15 unknownAuth', '20 unauthenticatedRoute']);
  });
});

describe('AdonisJS v5 controllers', () => {
  it('routes `Controller.method` strings through groups with `.middleware([...])`', async () => {
    const routes = `import Route from '@ioc:Adonis/Core/Route'
Route.group(() => {
  Route.delete('/notes/:id', 'NotesController.destroy')
}).prefix('/api').middleware(['auth'])
Route.post('/api/notes/import', 'NotesController.import')
`;
    const notes = `import type { HttpContextContract } from '@ioc:Adonis/Core/HttpContext'
import Database from '@ioc:Adonis/Lucid/Database'

export default class NotesController {
  public async destroy({ params }: HttpContextContract) {
    await Database.rawQuery('DELETE FROM notes WHERE id = ?', [params.id])
  }

  public async import(ctx: HttpContextContract) {
    await Database.rawQuery('INSERT INTO notes (body) VALUES (' + ctx.request.input('body') + ')')
  }
}
`;
    const dir = writeProject({ 'start/routes.ts': routes, 'app/Controllers/Http/NotesController.ts': notes }, { name: 'notes', dependencies: { '@adonisjs/core': '^5.9.0', '@adonisjs/auth': '^8.2.3' } });
    expect(await lint(dir, 'app/Controllers/Http/NotesController.ts')).toEqual(['9 unauthenticatedRoute', '10 sqlInjection']);
  });
});
