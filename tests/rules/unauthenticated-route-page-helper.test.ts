import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * The page shell of a single-page app read once at start-up by a helper of another file
 * (`const html = await loadShell()` in the app's setup, then `res.send(html)`): when that helper only
 * reads a file from disk (maybe filling in configuration values) and returns the text, the route
 * serves a static page, public by nature, as it does when the `readFile` is written in the route's
 * own file. A helper that also reads the database, the request, a user's data or a secret, or a
 * route that does more than send the page, stays a route like any other.
 */

const rules: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': ['error', { reportRoutes: 'all' }] };

const server = (importLine: string, load: string): string => `import express from 'express';
${importLine}

export async function createApp(config: { basePath: string }) {
  const app = express();
  const shell = await ${load};
  app.get('/app', (_req, res) => {
    res.set('Content-Type', 'text/html');
    res.send(shell);
  });
  return app;
}
`;

async function routeFindings(files: Record<string, string>, file = 'src/server.ts'): Promise<number> {
  const dir = writeProject(files);
  const messages = await lintProjectFile(dir, file, rules);
  return messages.filter((message) => message.ruleId === 'api-security/no-unauthenticated-route').length;
}

describe('no-unauthenticated-route: a page read at start-up by a helper of another file', () => {
  it('is public when the helper only reads a file and fills in configuration values', async () => {
    expect(
      await routeFindings({
        'src/server.ts': server(`import { loadShell } from './shell.js';`, 'loadShell(config.basePath)'),
        'src/shell.ts': `import { readFile } from 'node:fs/promises';
import path from 'node:path';

export async function loadShell(basePath: string): Promise<string> {
  const file = path.join(process.cwd(), 'public', 'index.html');
  const html = await readFile(file, 'utf8');
  return html.replace('<base href="/">', \`<base href="\${basePath}/">\`).replaceAll('%APP_NAME%', process.env.APP_NAME ?? 'App');
}
`,
      }),
    ).toBe(0);
  });

  it('is public through a re-exporting index, with a synchronous read in an arrow function (JavaScript)', async () => {
    expect(
      await routeFindings(
        {
          'lib/app.js': `import express from 'express';
import { readShell } from './util/index.js';

const page = readShell();
const app = express();
app.get('/app', (req, res) => res.send(page));
export default app;
`,
          'lib/util/index.js': `export * from './shell.js';
export * from './strings.js';
`,
          'lib/util/strings.js': `export const upper = (text) => text.toUpperCase();
`,
          'lib/util/shell.js': `import fs from 'fs';
import path from 'path';
export const readShell = () => fs.readFileSync(path.join(process.cwd(), 'public', 'index.html')).toString();
`,
        },
        'lib/app.js',
      ),
    ).toBe(0);
  });

  it('stays reported when the helper reads the database', async () => {
    expect(
      await routeFindings({
        'src/server.ts': server(`import { loadShell } from './shell.js';`, 'loadShell(config.basePath)'),
        'src/shell.ts': `import { readFile } from 'node:fs/promises';
import { db } from './db.js';

export async function loadShell(basePath: string): Promise<string> {
  const html = await readFile('public/index.html', 'utf8');
  const users = await db.users.findMany();
  return html.replace('%USERS%', JSON.stringify(users));
}
`,
        'src/db.ts': `export const db: any = {};\n`,
      }),
    ).toBe(1);
  });

  it('stays reported when the helper puts a secret into the page', async () => {
    expect(
      await routeFindings({
        'src/server.ts': server(`import { loadShell } from './shell.js';`, 'loadShell(config.basePath)'),
        'src/shell.ts': `import { readFileSync } from 'node:fs';

export function loadShell(basePath: string): string {
  return readFileSync('public/index.html', 'utf8').replace('%KEY%', process.env.ADMIN_API_SECRET ?? '');
}
`,
      }),
    ).toBe(1);
  });

  it('stays reported when the helper returns something other than the file text', async () => {
    expect(
      await routeFindings({
        'src/server.ts': server(`import { loadShell } from './shell.js';`, 'loadShell(config.basePath)'),
        'src/shell.ts': `import { readFileSync } from 'node:fs';
import { settings } from './settings.js';

export function loadShell(basePath: string): string {
  readFileSync('public/index.html', 'utf8');
  return settings.render(basePath);
}
`,
        'src/settings.ts': `export const settings: any = {};\n`,
      }),
    ).toBe(1);
  });

  it('stays reported when the route does something else besides sending the page', async () => {
    expect(
      await routeFindings({
        'src/server.ts': `import express from 'express';
import { loadShell } from './shell.js';
import { audit } from './audit.js';

export async function createApp() {
  const app = express();
  const shell = await loadShell();
  app.get('/app', (req, res) => {
    audit.record(req.ip);
    res.send(shell);
  });
  return app;
}
`,
        'src/shell.ts': `import { readFile } from 'node:fs/promises';
export const loadShell = async () => readFile('public/index.html', 'utf8');
`,
        'src/audit.ts': `export const audit: any = {};\n`,
      }),
    ).toBe(1);
  });

  it('stays reported when the helper is not in view', async () => {
    expect(
      await routeFindings({
        'src/server.ts': server(`import { loadShell } from 'shell-loader';`, 'loadShell(config.basePath)'),
      }),
    ).toBe(1);
  });

  it('sees an edit of the helper on the next lint in the same process', async () => {
    const dir = writeProject({
      'src/server.ts': server(`import { loadShell } from './shell.js';`, 'loadShell(config.basePath)'),
      'src/shell.ts': `import { readFile } from 'node:fs/promises';
export async function loadShell(basePath: string) {
  return (await readFile('public/index.html', 'utf8')).replace('%BASE%', basePath);
}
`,
    });
    const count = async (): Promise<number> =>
      (await lintProjectFile(dir, 'src/server.ts', rules)).filter((message) => message.ruleId === 'api-security/no-unauthenticated-route').length;
    expect(await count()).toBe(0);
    const helper = path.join(dir, 'src/shell.ts');
    writeFileSync(
      helper,
      `import { readFile } from 'node:fs/promises';
import { sessions } from './sessions.js';
export async function loadShell(basePath: string) {
  return (await readFile('public/index.html', 'utf8')).replace('%BASE%', basePath).replace('%ACTIVE%', String(await sessions.count()));
}
`,
    );
    // A later modification time, as an editor's save gives (the parse is revalidated by size and mtime).
    const later = new Date(Date.now() + 5_000);
    utimesSync(helper, later, later);
    expect(await count()).toBe(1);
  });
});
