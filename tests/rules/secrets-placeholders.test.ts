import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-hardcoded-secrets.js';

/*
 * Placeholders written with underscores. A credential a provider issues (an OAuth client secret) is
 * checked by the provider: a stand-in such as `your_client_secret` can never sign anyone in, so it
 * is an unfilled slot. A key the application itself checks with (a session secret) is a working
 * key whatever it reads like, and stays reported.
 */

const ruleTester = new RuleTester();

ruleTester.run('no-hardcoded-secrets: placeholders with underscores', rule, {
  valid: [
    {
      name: 'an OAuth client secret falling back to an underscore placeholder',
      code: [
        "import { Strategy } from 'passport-github2';",
        'export function githubStrategy(settings) {',
        "  return new Strategy({ clientID: settings.id || 'your_client_id', clientSecret: settings.secret || 'your_github_client_secret' }, verify);",
        '}',
      ].join('\n'),
    },
    {
      name: 'a provider API key left as an underscore placeholder',
      code: "import OpenAI from 'openai';\nnew OpenAI({ apiKey: 'your_openai_api_key' });",
    },
  ],
  invalid: [
    {
      name: 'a session secret that reads like a placeholder is still the key the app signs with',
      code: "import session from 'express-session';\napp.use(session({ secret: 'your_session_secret' }));",
      errors: [
        {
          messageId: 'secretSink',
          line: 2,
          column: 27,
          endColumn: 48,
          data: { sink: 'the session secret of `session` (express-session)', preview: 'your****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'SESSION_SECRET' },
              output: "import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRET }));",
            },
          ],
        },
      ],
    },
    {
      name: 'a client secret that only starts with the letters y-o-u-r',
      code: "import { Strategy } from 'passport-github2';\nnew Strategy({ clientID: 'abc', clientSecret: 'yourtown9f8e7d6c5b4a3928171615141312' }, verify);",
      errors: [
        {
          messageId: 'secretSink',
          line: 2,
          column: 47,
          endColumn: 85,
          data: { sink: 'the OAuth client secret of `Strategy` (passport-github2)', preview: 'your****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'OAUTH_CLIENT_SECRET' },
              output: "import { Strategy } from 'passport-github2';\nnew Strategy({ clientID: 'abc', clientSecret: process.env.OAUTH_CLIENT_SECRET }, verify);",
            },
          ],
        },
      ],
    },
  ],
});
