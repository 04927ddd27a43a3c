import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A handler stored in a member of an object (`site.jumpTo = function (req, res) …`) travels with
 * the object: a factory returns it, another file reaches it through a chain the import graph does
 * not show (`services.site.jumpTo`). Its body counts as no input of another site only when every
 * read of the member's name in the whole project is a handler argument of a GET or HEAD
 * registration; one POST registration, one direct call, in any file, keeps it reported.
 */

const rules: Linter.RulesRecord = { 'api-security/no-open-redirect': 'error' };

const site = `import express from 'express';
export const app = express();
const base = process.env.BASE_PATH || '/';
export function createSite(pages) {
  const site = {};
  site.jumpTo = function (req, res) {
    res.redirect(pages.home + (req.body.extra || ''));
  };
  app.get(base + 'jump', site.jumpTo);
  return site;
}
`;

async function findings(other: string): Promise<string[]> {
  const dir = writeProject({ 'src/site.js': site, 'src/mount.js': other });
  return (await lintProjectFile(dir, 'src/site.js', rules)).map((message) => `${String(message.line)} ${message.messageId ?? ''}`);
}

describe('a member handler registered in several files', () => {
  it('another file registers it by GET too: silent', async () => {
    expect(await findings(`export function mountMore(server, services) {
  for (const key of services.keys) server.get(services.prefix + key, services.site.jumpTo);
}
`)).toEqual([]);
  });

  it('look-alike: another file, which does not import it, registers it by POST: reported', async () => {
    expect(await findings(`export function mountMore(server, services) {
  server.post(services.prefix + 'jump', services.site.jumpTo);
}
`)).toEqual(['7 openRedirect']);
  });

  it('look-alike: another file calls it with its own request: reported', async () => {
    expect(await findings(`export function mountMore(server, services) {
  server.post('/login', (req, res) => services.site.jumpTo(req, res));
}
`)).toEqual(['7 openRedirect']);
  });

  it('look-alike: another file copies it out under another name: reported', async () => {
    expect(await findings(`export function mountMore(server, services) {
  const { jumpTo } = services.site;
  server.post('/again', jumpTo);
}
`)).toEqual(['7 openRedirect']);
  });
});
