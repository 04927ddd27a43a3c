import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { majorOf } from '../../src/analysis/taint/query-parser.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Express 5's default query parser (and so NestJS 11's @nestjs/platform-express) gives every query
 * field a string or an array of strings, never an object: `?token[$ne]=` is the key `token[$ne]`.
 * A field of the query then carries no operator into `findOne({ token })`. It stays reported under
 * Express 4 (whose `qs` parser builds objects), when no single major version is declared, when any
 * file of the project sets `query parser`, for the whole query object (its keys are the client's),
 * for `$regex`, and for the body in any version.
 */

const rules = { 'api-security/no-nosql-injection': 'error' } as const;

const model = `import mongoose from 'mongoose';

export const Invite = mongoose.model('Invite', new mongoose.Schema({ token: String, email: String }));
`;

const routes = `import express from 'express';
import { Invite } from './invite.model.js';

export const router = express.Router();

router.get('/invites/check', async (req, res) => {
  const invite = await Invite.findOne({ token: req.query.token });
  res.json({ valid: Boolean(invite) });
});

router.get('/invites/by-email', async (req, res) => {
  const { email } = req.query;
  res.json(await Invite.find({ email }).select('email'));
});

router.post('/invites/accept', async (req, res) => {
  const invite = await Invite.findOne({ token: req.body.token });
  res.json({ accepted: Boolean(invite) });
});

router.get('/invites/search', async (req, res) => {
  res.json(await Invite.find(req.query).select('email'));
});

router.get('/invites/like', async (req, res) => {
  res.json(await Invite.find({ email: { $regex: req.query.q } }).select('email'));
});
`;

const app = (extra = ''): string => `import express from 'express';
import { router } from './invites.routes.js';

const app = express();
${extra}
app.use(express.json());
app.use(router);
app.listen(3000);
`;

const manifest = (dependencies: Record<string, string>) => ({ name: 'invites', type: 'module', dependencies: { mongoose: '^8.0.0', ...dependencies } });

async function lines(dir: string, file = 'src/invites.routes.js'): Promise<number[]> {
  return (await lintProjectFile(dir, file, rules)).map((message) => message.line);
}

/** Query fields (7, 13), body field (17), whole query (22), `$regex` (26). */
const ALL = [7, 13, 17, 22, 26];
const WITHOUT_QUERY_FIELDS = [17, 22, 26];

describe('no-nosql-injection: Express 5 query strings', () => {
  it('does not report query fields under Express 5 with the default parser', async () => {
    const dir = writeProject({ 'src/invite.model.js': model, 'src/invites.routes.js': routes, 'src/app.js': app() }, manifest({ express: '^5.1.0' }));
    expect(await lines(dir)).toEqual(WITHOUT_QUERY_FIELDS);
  });

  it('reports them under Express 4', async () => {
    const dir = writeProject({ 'src/invite.model.js': model, 'src/invites.routes.js': routes, 'src/app.js': app() }, manifest({ express: '~4.21.2' }));
    expect(await lines(dir)).toEqual(ALL);
  });

  it('reports them when the declared range names no single major', async () => {
    const dir = writeProject({ 'src/invite.model.js': model, 'src/invites.routes.js': routes, 'src/app.js': app() }, manifest({ express: '>=4' }));
    expect(await lines(dir)).toEqual(ALL);
  });

  it('reports them when another file sets the extended parser, and sees that edit', async () => {
    const dir = writeProject(
      { 'src/invite.model.js': model, 'src/invites.routes.js': routes, 'src/app.js': app("app.set('query parser', 'extended');") },
      manifest({ express: '5.1.0' }),
    );
    expect(await lines(dir)).toEqual(ALL);
    writeFileSync(path.join(dir, 'src/app.js'), app());
    // The project's files are checked again after a second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await lines(dir)).toEqual(WITHOUT_QUERY_FIELDS);
  });

  it('reports them when the app installs its own parser function', async () => {
    const dir = writeProject(
      { 'src/invite.model.js': model, 'src/invites.routes.js': routes, 'src/app.js': app("import qs from 'qs';\napp.set(\"query parser\", (text) => qs.parse(text));") },
      manifest({ express: '5.1.0' }),
    );
    expect(await lines(dir)).toEqual(ALL);
  });
});

const controller = `import { Controller, Get, Query } from '@nestjs/common';
import { InvitesService } from './invites.service';

@Controller('invites')
export class InvitesController {
  constructor(private readonly invites: InvitesService) {}

  @Get('check')
  check(@Query('token') token: string) {
    return this.invites.isValid(token);
  }

  @Get('search')
  search(@Query() filter: Record<string, unknown>) {
    return this.invites.search(filter);
  }
}
`;

const service = `import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';

@Injectable()
export class InvitesService {
  constructor(@InjectModel('Invite') private readonly inviteModel: Model<unknown>) {}

  async isValid(token: string) {
    return Boolean(await this.inviteModel.findOne({ token }));
  }

  search(filter: Record<string, unknown>) {
    return this.inviteModel.find(filter);
  }
}
`;

describe('no-nosql-injection: NestJS on @nestjs/platform-express', () => {
  const nest = (platform: string) =>
    writeProject(
      { 'src/invites.controller.ts': controller, 'src/invites.service.ts': service },
      manifest({ '@nestjs/common': platform, '@nestjs/platform-express': platform, '@nestjs/mongoose': platform }),
    );

  it('does not report a @Query field under platform-express 11 (Express 5)', async () => {
    expect(await lines(nest('^11.0.0'), 'src/invites.service.ts')).toEqual([14]);
  });

  it('reports it under platform-express 10 (Express 4)', async () => {
    expect(await lines(nest('^10.4.0'), 'src/invites.service.ts')).toEqual([10, 14]);
  });
});

describe('majorOf', () => {
  it('reads the single major of a version or a simple range', () => {
    expect(['5.2.1', '^5.0.0', '~5.1', '5.x', 'v5', '=5.0.0-beta.1'].map(majorOf)).toEqual([5, 5, 5, 5, 5, 5]);
    expect(['>=4', '4 || 5', '*', 'latest', 'workspace:^', '^4.0.0 <6'].map(majorOf)).toEqual([null, null, null, null, null, null]);
  });
});
