import { describe, expect, it } from 'vitest';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * Services a controller gets without a type annotation: a field initialized by a DI container's
 * lookup (`private readonly repos = container.resolve(RepoService)` of tsyringe,
 * `container.get(RepoService)` of an inversify `new Container()`), and a JavaScript constructor
 * whose parameter defaults to an instance it then stores (`constructor(service = new
 * PartnerService()) { this.service = service }`). A call through the field runs the service's
 * method in its file. A lookup on anything that is no container of those packages (a `Map` of
 * the application) is not followed.
 */

const manifest = { name: 'ops', dependencies: { express: '^4.21.0', tsyringe: '^4.8.0', inversify: '^6.0.0' } };
const rules = { 'api-security/no-command-injection': 'error' } as const;

const service = `import { exec } from 'node:child_process';
export class RepoService {
  log(branch: string) {
    return exec(\`git log \${branch} -n 20\`);
  }
}
`;

describe('services looked up in a DI container', () => {
  it.each([
    { name: 'tsyringe', imports: "import { container } from 'tsyringe';", lookup: 'container.resolve(RepoService)' },
    { name: 'typedi', imports: "import { Container } from 'typedi';", lookup: 'Container.get(RepoService)' },
  ])('a field initializer looked up in $name', async ({ imports, lookup }) => {
    const dir = writeProject(
      {
        'src/repo.service.ts': service,
        'src/repo.routes.ts': `import { Router } from 'express';
${imports}
import { RepoService } from './repo.service';
class RepoRoutes {
  private readonly repos = ${lookup};
  log = async (req, res) => res.json(await this.repos.log(String(req.query.branch)));
}
const routes = new RepoRoutes();
export const router = Router();
router.get('/log', routes.log);
`,
      },
      manifest,
    );
    const messages = await lintProjectFile(dir, 'src/repo.service.ts', rules);
    expect(summary(messages)).toEqual(['4 api-security/no-command-injection']);
    expect(messages[0]?.message).toContain('req.query.branch');
  });

  it('an inversify container built in the file, in the constructor', async () => {
    const dir = writeProject(
      {
        'src/repo.service.ts': service,
        'src/repo.routes.ts': `import { Router } from 'express';
import { Container } from 'inversify';
import { RepoService } from './repo.service';
const container = new Container();
container.bind(RepoService).toSelf();
class RepoRoutes {
  constructor() {
    this.repos = container.get(RepoService);
  }
  log = async (req, res) => res.json(await this.repos.log(String(req.query.branch)));
}
const routes = new RepoRoutes();
export const router = Router();
router.get('/log', routes.log);
`,
      },
      manifest,
    );
    expect(summary(await lintProjectFile(dir, 'src/repo.service.ts', rules))).toEqual(['4 api-security/no-command-injection']);
  });

  it('a lookup in a Map of the application is not followed', async () => {
    const dir = writeProject(
      {
        'src/repo.service.ts': service,
        'src/repo.routes.ts': `import { Router } from 'express';
import { RepoService } from './repo.service';
const container = new Map([[RepoService, { log: (branch: string) => branch }]]);
class RepoRoutes {
  private readonly repos = container.get(RepoService);
  log = async (req, res) => res.json(await this.repos.log(String(req.query.branch)));
}
const routes = new RepoRoutes();
export const router = Router();
router.get('/log', routes.log);
`,
      },
      manifest,
    );
    expect(summary(await lintProjectFile(dir, 'src/repo.service.ts', rules))).toEqual([]);
  });
});

describe('a JavaScript constructor that stores its defaulted dependency', () => {
  const files = (constructor: string): Record<string, string> => ({
    'src/partner.service.js': `const { exec } = require('node:child_process');
class PartnerService {
  export(region) {
    return exec('report --region ' + region);
  }
}
module.exports = PartnerService;
`,
    'src/reports.controller.js': `const PartnerService = require('./partner.service');
class ReportsController {
${constructor}
  async exportRegion({ query }, res) {
    res.json(await this.service.export(query.region));
  }
}
module.exports = ReportsController;
`,
    'src/app.js': `const express = require('express');
const ReportsController = require('./reports.controller');
const reports = new ReportsController();
const app = express();
app.get('/reports/export', reports.exportRegion.bind(reports));
app.listen(3000);
`,
  });

  it('the default instance is the field', async () => {
    const dir = writeProject(files('  constructor(service = new PartnerService()) {\n    this.service = service;\n  }'), { name: 'partners', dependencies: { express: '^4.21.0' } });
    const messages = await lintProjectFile(dir, 'src/partner.service.js', rules);
    expect(summary(messages)).toEqual(['4 api-security/no-command-injection']);
    expect(messages[0]?.message).toContain('query.region');
  });

  it('a field assigned some other parameter is not the default\'s class', async () => {
    const dir = writeProject(files('  constructor(service = new PartnerService(), other) {\n    this.service = other;\n  }'), { name: 'partners', dependencies: { express: '^4.21.0' } });
    expect(summary(await lintProjectFile(dir, 'src/partner.service.js', rules))).toEqual([]);
  });
});
