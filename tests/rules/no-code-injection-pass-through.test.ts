import { RuleTester } from '@typescript-eslint/rule-tester';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-code-injection.js';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * A helper that hands back the object it was given (a filter registry, a hook runner, `return obj`)
 * keeps the object's fields apart: a template written at the call stays a constant although
 * another field of the same object came from the request.
 */

const ruleTester = new RuleTester();

const head = `import express from 'express';
import Handlebars from 'handlebars';
const app = express();
const LAYOUT = '<p>Hello {{name}}</p>';
`;

ruleTester.run('no-code-injection (fields of an object a helper hands back)', rule, {
  valid: [
    {
      name: 'the constant template of an object returned by an identity helper or a hook runner',
      code: `${head}const hooks: Record<string, ((value: any) => any)[]> = {};
function same<T>(value: T): T { return value; }
async function applyHooks<T>(name: string, value: T): Promise<T> {
  let current = value;
  for (const hook of hooks[name] ?? []) current = await hook(current);
  return current;
}
async function render(mail: { template: string; to: string }) {
  return Handlebars.compile(mail.template)({ name: mail.to });
}
app.post('/invite', async (req, res) => {
  const mail = same({ to: req.body.email, template: LAYOUT });
  res.send(Handlebars.compile(mail.template)({}));
  const hooked = await applyHooks('mail', { to: req.body.email, template: LAYOUT });
  res.send(await render(hooked));
});`,
    },
  ],
  invalid: [
    {
      name: 'stays reported: the request field itself, or a template the client sent in the same object',
      code: `${head}function same<T>(value: T): T { return value; }
app.post('/a', (req, res) => {
  const mail = same({ to: req.body.email, template: LAYOUT });
  res.send(Handlebars.compile(mail.to)({}));
  const own = same({ to: 'x', template: req.body.layout });
  res.send(Handlebars.compile(own.template)({}));
});`,
      errors: [
        { messageId: 'codeInjection', line: 8, data: { source: '`req.body.email`', sourceLine: 7, sink: 'Handlebars.compile', sinkLine: 8, via: '' } },
        { messageId: 'codeInjection', line: 10, data: { source: '`req.body.layout`', sourceLine: 9, sink: 'Handlebars.compile', sinkLine: 10, via: '' } },
      ],
    },
    {
      name: 'stays reported: a helper that merges the request body into the object it returns',
      code: `${head}function withBody(value: object, body: object) { return { ...value, ...body }; }
function assignBody(value: object, req: express.Request) { return Object.assign(value, req.body); }
app.post('/b', (req, res) => {
  const spread = withBody({ template: LAYOUT }, req.body) as { template: string };
  res.send(Handlebars.compile(spread.template)({}));
  const assigned = assignBody({ template: LAYOUT }, req) as { template: string };
  res.send(Handlebars.compile(assigned.template)({}));
});`,
      errors: [
        { messageId: 'codeInjection', line: 9 },
        { messageId: 'codeInjection', line: 11 },
      ],
    },
  ],
});

const rules: Linter.RulesRecord = { 'api-security/no-code-injection': 'error' };

describe('no-code-injection across files: a helper of another file that hands back its argument', () => {
  const files = {
    'src/filters.ts': `const filters: Record<string, ((value: any) => Promise<any>)[]> = {};
export async function runFilters<T>(name: string, value: T): Promise<T> {
  let current = value;
  for (const filter of filters[name] ?? []) current = await filter(current);
  return current;
}
`,
    'src/mailer.ts': `import Handlebars from 'handlebars';
import { runFilters } from './filters.js';
export async function sendMail(mail: { to: string; template: string }) {
  const final = await runFilters('mail', mail);
  return Handlebars.compile(final.template)({ to: final.to });
}
export async function sendRaw(mail: { to: string; template: string }) {
  const final = await runFilters('mail', mail);
  return Handlebars.compile(final.to)({});
}
`,
    'src/routes.ts': `import express from 'express';
import { sendMail, sendRaw } from './mailer.js';
import { runFilters } from './filters.js';
const LAYOUT = '<p>{{to}}</p>';
const app = express();
app.post('/reset', async (req, res) => {
  const mail = await runFilters('reset', { to: req.body.email, template: LAYOUT });
  await sendMail(mail);
  res.sendStatus(204);
});
app.post('/raw', async (req, res) => {
  await sendRaw({ to: req.body.email, template: LAYOUT });
  res.sendStatus(204);
});
`,
  };

  it('reads the template field alone (silent), and still reports the request field', async () => {
    const dir = writeProject(files);
    expect(summary(await lintProjectFile(dir, 'src/mailer.ts', rules))).toEqual(['9 api-security/no-code-injection']);
  });
});
