import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-reflected-xss.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Helpers that shape a record before it is sent (`ctx.body = withoutSecrets(toView(record))`)
 * return an object, sent as JSON, whether they are in the same file or in another file of the
 * project: the rest of a destructured object, a spread copy, the parameter itself after a
 * mutation. A helper of either file that returns text built from its parameter (a template kept in
 * a variable, a concatenation, `.join('')`) is still HTML. A helper of another file is judged in its
 * file, by that file's engine, as one of this file is here.
 */
const ruleTester = new RuleTester();

const koa = `import Koa from 'koa';
import Router from '@koa/router';
import { saveProject } from './projects';
const app = new Koa();
const router = new Router();
app.use(router.routes());
`;

ruleTester.run('no-reflected-xss: same-file helpers returning records', rule, {
  valid: [
    {
      name: 'koa: the rest of the record after removing secret fields',
      code: `${koa}
const withoutCredentials = (project) => {
  const { deployKey, webhookSecret, ...visible } = project;
  return visible;
};
router.post('/projects', async (ctx) => {
  const input = ctx.request.body;
  const project = await saveProject({ name: input.name, repo: input.repo });
  ctx.body = withoutCredentials({ ...project, name: input.name });
});`,
    },
  ],
  invalid: [
    {
      name: 'koa: a helper that renders the record as a card',
      code: `${koa}
const card = (project) => {
  const markup = '<article>' + project.name + '</article>';
  return markup;
};
router.post('/projects', async (ctx) => {
  const input = ctx.request.body;
  ctx.body = card({ name: input.name });
});`,
      errors: [{ messageId: 'reflectedXss', line: 14, column: 14, endColumn: 40 }],
    },
  ],
});

const rules = { 'api-security/no-reflected-xss': 'error' } as const;

const presenters = `export function withoutCredentials(project) {
  const { deployKey, webhookSecret, ...visible } = project;
  return visible;
}

export const withLinks = (project) => ({ ...project, links: { self: '/projects/' + project.id } });

export function redact(project) {
  project.deployKey = undefined;
  return project;
}

export function masked(project) {
  return { ...project, webhookSecret: project.webhookSecret ? '***' : null };
}

export function card(project) {
  const markup = \`<article><h2>\${project.name}</h2></article>\`;
  return markup;
}

export async function findProject(id) {
  const rows = await Promise.resolve([{ id, name: 'demo' }]);
  if (rows.length === 0) return null;
  return { id, name: rows[0].name, openedBy: id };
}

export function tagList(project) {
  return project.tags.map((tag) => '<li>' + tag + '</li>').join('');
}
`;

const store = `export function saveProject(input) {
  return { id: String(Date.now()), ...input };
}
`;

const controller = (body: string): string => `import express from 'express';
import { card, findProject, masked, redact, tagList, withLinks, withoutCredentials } from './presenters';
import { saveProject } from './store';

const app = express();
app.use(express.json());

app.post('/projects', async (req, res) => {
  const project = saveProject({ name: req.body.name, tags: req.body.tags });
  res.send(${body});
});
`;

describe('no-reflected-xss: helpers of another file', () => {
  const lint = async (body: string) => {
    const dir = writeProject({ 'presenters.ts': presenters, 'store.ts': store, 'routes.ts': controller(body) });
    return (await lintProjectFile(dir, 'routes.ts', rules)).map((message) => [message.ruleId, message.line]);
  };

  it('sends records shaped by helpers of another file as JSON', async () => {
    expect(await lint('withoutCredentials(withLinks(project))')).toEqual([]);
    expect(await lint('redact(masked(project))')).toEqual([]);
    expect(await lint('withoutCredentials(project)')).toEqual([]);
    // An object or null: no text either way.
    expect(await lint('await findProject(req.query.id)')).toEqual([]);
  });

  it('reports text built by a helper of another file', async () => {
    expect(await lint('card(project)')).toEqual([['api-security/no-reflected-xss', 10]]);
    expect(await lint('tagList(project)')).toEqual([['api-security/no-reflected-xss', 10]]);
    expect(await lint('card(withoutCredentials(project))')).toEqual([['api-security/no-reflected-xss', 10]]);
  });
});
