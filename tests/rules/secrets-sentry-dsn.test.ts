import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-hardcoded-secrets.js';

/*
 * A Sentry DSN is written into every browser and mobile client that reports errors: its public key
 * only lets one send events to that project, and Sentry ignores the legacy secret part of an old
 * `https://<key>:<secret>@app.getsentry.com/<id>` DSN. It is no hardcoded secret. The exemption
 * holds for the exact DSN shape on Sentry's own hosts only: other hosts (a self-hosted Sentry, a
 * look-alike domain), a user name and password instead of hex keys, or a DSN inside other text stay
 * URLs with embedded credentials.
 *
 * The keys are built at run time, so this file holds no well-formed DSN.
 */

const ruleTester = new RuleTester();

const hexKey = (seed: number): string => Array.from({ length: 32 }, (_, index) => '0123456789abcdef'[(seed * 7 + index * 11) % 16]).join('');
const publicKey = hexKey(3);
const legacySecret = hexKey(5);

ruleTester.run('no-hardcoded-secrets (Sentry DSNs are public)', rule, {
  valid: [
    {
      name: 'a modern DSN on an ingest host',
      code: `import * as Sentry from '@sentry/node';
Sentry.init({ dsn: 'https://${publicKey}@o4501234.ingest.us.sentry.io/4507654321' });`,
    },
    {
      name: 'a legacy DSN with its secret part, for raven',
      code: `const Raven = require('raven');
const reporter = new Raven.Client('https://${publicKey}:${legacySecret}@app.getsentry.com/98765');`,
    },
    {
      name: 'under a secret-sounding name, on sentry.io',
      code: `const sentrySecretDsn = 'https://${publicKey}:${legacySecret}@sentry.io/1234';`,
    },
  ],
  invalid: [],
});

function lint(code: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser as Linter.Parser },
        plugins: { 'api-security': { rules: { 'no-hardcoded-secrets': rule as never } } },
        rules: { 'api-security/no-hardcoded-secrets': 'error' },
      },
    ],
    { filename: path.join(process.cwd(), 'src/app.ts') },
  );
}

describe('no-hardcoded-secrets: URL credentials that are not a Sentry DSN stay reported', () => {
  it.each([
    ['a self-hosted Sentry (not one of its public hosts)', `const reporter = new Raven.Client('https://${publicKey}:${legacySecret}@sentry.acme-corp.net/12');`],
    ['a look-alike host that only starts with sentry.io', `const reporter = new Raven.Client('https://${publicKey}:${legacySecret}@sentry.io.reports.net/12');`],
    ['a user name and password on a sentry.io host', `const feed = 'https://admin:Tr0ub4dor-${legacySecret.slice(0, 8)}@status.sentry.io/7';`],
    ['a DSN-shaped key on a sentry.io host, with a path that is not a project', `const feed = 'https://${publicKey}:${legacySecret}@sentry.io/api/0/projects/';`],
    ['a URL with credentials to another service', `const mirror = 'https://ci:${legacySecret}@git.recipes.internal/pantry.git';`],
  ])('%s', (_name, code) => {
    expect(lint(code).map((message) => message.messageId)).toEqual(['providerKey']);
  });
});
