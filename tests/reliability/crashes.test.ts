import { Linter } from 'eslint';
import { expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { espree } from '../helpers/espree.js';

/*
 * Code on which an analysis used to throw; the error was swallowed, so the rules silently found
 * nothing. Now an internal error would be reported, so each must lint with no `internalError`.
 */

const allRules = Object.fromEntries(Object.keys(plugin.rules).map((name) => [`api-security/${name}`, 'error' as const]));

const cases: Record<string, string> = {
  // A method named like an Object.prototype member is not a record write of the exposure model.
  'x.constructor(...) in a handler': `import express from 'express';
const app = express();
app.post('/u', (req, res) => { const User = req.app.locals.User; User.constructor(req.body); User.toString(req.body); res.end(); });`,
  // Compiled NestJS: classes without decorators, which espree leaves out of the AST entirely.
  'a class under espree': `import { Module } from '@nestjs/common';
export class DiscoveryModule { static forRoot() { return { module: DiscoveryModule }; } }`,
};

it.each(Object.entries(cases))('%s lints without an internal error', (_name, code) => {
  const messages = new Linter().verify(
    code,
    [{ files: ['**/*.js'], plugins: { 'api-security': plugin as never }, languageOptions: { parser: espree }, rules: allRules }],
    'src/app.js',
  );
  expect(messages.filter((message) => message.messageId === 'internalError' || message.fatal).map((message) => message.message)).toEqual([]);
});
