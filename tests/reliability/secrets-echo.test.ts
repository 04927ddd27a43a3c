import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter, type ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/command.js';
import { containsSecret, maskDeep, maskSecrets } from '../../src/utils/mask.js';
import plugin from '../../src/index.js';
import { allRulesAtDefaults, configWith } from '../robustness/harness.js';

/*
 * Lint output and inventories land in CI logs, PR comments and SARIF uploads. Credentials written in
 * the code must never come out whole: not in a message, its data, a suggestion's description or
 * fix text, nor in any inventory format. Each credential below is planted where some rule quotes
 * code (route paths, response expressions, SQL text, shell commands, URLs), and every 5-character
 * window of it is searched for in everything the plugin produces.
 */

// Written in pieces, so this file holds no well-formed key for secret scanners or push protection.
const CREDENTIALS = {
  awsAccessKeyId: 'AKIA' + 'Q3EGRQ7VWZ4KX2PN',
  githubToken: 'gh' + 'p_' + '8fK2mQ9xLp4Rt7Vw1Yz3Bc6Dn0Hj5Gs2Ae9U',
  stripeKey: 'sk_' + 'live_' + '51HqT8rK2mX9pL4vN7wQ3zY6b',
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.' + 'eyJzdWIiOiIxMjM0NTY3ODkwIiwicm9sZSI6ImFkbWluIn0.' + 'Xk2Lp9Qw7Rt4Vn8Bc3Md6Hj1Fg5Sa0Ze2Yu7Io4',
  slackToken: 'xo' + 'xb-' + '2847561930-4829175036482-Tq7Zk3Wm9Rp2Lx5Vn8Bd4Hs1',
  telegramBotToken: '847291635:' + 'AAHf3kLm9Qw2Xr7Tz5Vb8Nc1Yd4Pj6Gs0Ku',
  databasePassword: 'Xv9qT2mLr8Wz4Kp',
  namedSecret: 'q7Zr2Lk9Xw4Tm8Vp3Nb6Hd1',
};
const { awsAccessKeyId: AWS, githubToken: GH, stripeKey: STRIPE, jwt: JWT, slackToken: SLACK, telegramBotToken: TG } = CREDENTIALS;
const { databasePassword: DB_PASSWORD, namedSecret: SECRET } = CREDENTIALS;

const FILES: Record<string, string> = {
  'src/app.ts': `import express from 'express';
import { Pool } from 'pg';
import { exec } from 'node:child_process';
import fs from 'node:fs';
import { User } from './models';

const app = express();
const pool = new Pool({ connectionString: 'postgres://app:${DB_PASSWORD}@db.internal:5432/shop' });
const secret = '${SECRET}';
const keys = 'k1=${GH} k2=${STRIPE} again=${GH}';

app.post('/bot${TG}/webhook/${AWS}', async (req, res) => {
  await pool.query(\`SELECT * FROM t WHERE secret = '${SECRET}' AND k = '${AWS}' AND g = '${GH}' AND id = \${req.body.id}\`);
  exec(\`curl -H "Authorization: Bearer ${SLACK}" https://api.partner.io/x?key=${STRIPE}&q=\${req.query.q}\`);
  await fetch(\`https://admin:${DB_PASSWORD}@internal.partner.io/\${req.query.host}?jwt=${JWT}\`);
  fs.readFileSync('/data/${GH}/' + req.query.file);
  eval('var t = "${STRIPE}";' + req.query.code);
  await User.find({ name: req.query.name, token: '${GH}' });
  await User.create(req.body);
  res.send('<p>${SLACK}</p>' + req.query.msg);
  res.redirect(\`\${req.query.next}?token=${JWT}\`);
});

app.get('/keys/${STRIPE}', async (req, res) => {
  const user = await User.findById(req.params.id);
  res.json({ info: '${GH}/${AWS}', secret: '${SECRET}', ...user });
});

app.get('/lookup/${JWT}', async (req, res) => {
  res.json(await User.findOne({ apiKey: '${STRIPE}', secret: '${SECRET}', slack: '${SLACK}' }));
});

app.get('/slack/${SLACK}', async (req, res) => {
  res.json(await User.findOne({ token: '${GH}' }));
});
`,
  'src/orders.ts': `import express from 'express';
import mongoose, { Schema } from 'mongoose';

const Order = mongoose.model('Order', new Schema({ total: Number, owner: { type: Schema.Types.ObjectId, ref: 'User' } }));
const app = express();
function requireAuth(req, res, next) {
  if (!req.session.userId) return res.status(401).end();
  next();
}

app.get('/orders/${GH}', requireAuth, async (req, res) => res.json(await Order.find({ owner: req.user._id })));
app.get('/orders/${AWS}/:id', requireAuth, async (req, res) => res.json(await Order.findById(req.params.id)));
app.delete('/admin/${STRIPE}/users/:id', requireAuth, (req, res) => res.status(204).end());
`,
  'src/bot.controller.ts': `import { Controller, Get } from '@nestjs/common';

@Controller('bot${TG}')
export class BotController {
  @Get('hook/${GH}/${AWS}')
  hook() {
    return 'ok';
  }
}
`,
};

/** Every 5-character window of every credential found in `output`. */
function leaks(output: string): string[] {
  const found: string[] = [];
  for (const [name, credential] of Object.entries(CREDENTIALS)) {
    for (let start = 0; start + 5 <= credential.length; start++) {
      const window = credential.slice(start, start + 5);
      if (output.includes(window)) {
        found.push(`${name} (${window})`);
        break;
      }
    }
  }
  return found;
}

interface Output {
  where: string;
  text: string;
}

/** What the rules hand to ESLint, recorded outside the rules: the plugin's rules behind a recording context. */
function recordingPlugin(recorded: Output[]): ESLint.Plugin {
  const rules = Object.fromEntries(
    Object.entries(plugin.rules).map(([name, rule]) => {
      const module = rule as unknown as TSESLint.RuleModule<string, unknown[]>;
      return [
        name,
        {
          ...module,
          create(context: TSESLint.RuleContext<string, unknown[]>) {
            const report = (descriptor: TSESLint.ReportDescriptor<string>): void => {
              recorded.push({ where: `${name} data`, text: JSON.stringify(descriptor.data ?? {}) });
              for (const suggestion of descriptor.suggest ?? []) {
                recorded.push({ where: `${name} suggestion data`, text: JSON.stringify(suggestion.data ?? {}) });
              }
              context.report(descriptor);
            };
            return module.create(Object.create(context, { report: { value: report } }) as typeof context);
          },
        },
      ];
    }),
  );
  return { ...plugin, rules } as unknown as ESLint.Plugin;
}

describe('no output repeats a credential written in the code', () => {
  const outputs: Output[] = [];
  const reportingRules = new Set<string>();
  const suggestionsByRule = new Map<string, number>();
  const fixedCode: Output[] = [];

  beforeAll(() => {
    const linter = new Linter();
    const [config] = configWith(allRulesAtDefaults);
    const recordingConfig: Linter.Config[] = [{ ...config, plugins: { 'api-security': recordingPlugin(outputs) } }];
    for (const [file, code] of Object.entries(FILES)) {
      const messages = linter.verify(code, recordingConfig, file);
      expect(messages.filter((message) => message.fatal || message.ruleId === null)).toEqual([]);
      for (const message of messages) {
        const rule = message.ruleId ?? '';
        reportingRules.add(rule);
        outputs.push({ where: `${rule} message (${file}:${message.line})`, text: message.message });
        if (message.fix) outputs.push({ where: `${rule} fix text (${file}:${message.line})`, text: message.fix.text });
        for (const suggestion of message.suggestions ?? []) {
          suggestionsByRule.set(rule, (suggestionsByRule.get(rule) ?? 0) + 1);
          outputs.push({ where: `${rule} suggestion (${file}:${message.line})`, text: suggestion.desc });
          outputs.push({ where: `${rule} suggestion fix text (${file}:${message.line})`, text: suggestion.fix.text });
          const fixed = code.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + code.slice(suggestion.fix.range[1]);
          fixedCode.push({ where: `${rule}: ${suggestion.desc} (${file}:${message.line})`, text: fixed });
        }
      }
    }
  });

  it('makes every rule report, so every rule is checked', () => {
    expect([...reportingRules].sort()).toEqual(Object.keys(plugin.rules).map((name) => `api-security/${name}`).sort());
  });

  it('keeps credentials out of messages, data, suggestion descriptions and fix text', () => {
    const leaked = outputs.flatMap((output) => leaks(output.text).map((credential) => `${output.where}: ${credential} in ${output.text}`));
    expect(leaked).toEqual([]);
  });

  it('keeps the suggestions that do not echo a credential, and they still parse', () => {
    // The suggestions whose changed text holds no credential stay offered.
    expect(suggestionsByRule.get('api-security/no-hardcoded-secrets')).toBeGreaterThanOrEqual(8);
    expect(suggestionsByRule.get('api-security/no-sql-injection')).toBe(1);
    expect(suggestionsByRule.get('api-security/no-nosql-injection')).toBe(2);
    const linter = new Linter();
    const parseOnly = configWith({});
    const broken = fixedCode.flatMap((fixed) => {
      const fatal = linter.verify(fixed.text, parseOnly, 'src/fixed.ts').find((message) => message.fatal);
      return fatal ? [`${fixed.where}: ${fatal.message}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it('trims a fix around a credential it keeps instead of dropping it: the SQL rewrite still binds the value', () => {
    const sql = fixedCode.filter((fixed) => fixed.where.startsWith('api-security/no-sql-injection'));
    expect(sql).toHaveLength(1);
    expect(sql[0]!.text).toContain(
      `await pool.query(\`SELECT * FROM t WHERE secret = '${SECRET}' AND k = '${AWS}' AND g = '${GH}' AND id = $1\`, [req.body.id]);`,
    );
  });

  it('moves every occurrence of the credentials of a string into the environment', () => {
    const fixes = fixedCode.filter((fixed) => fixed.where.startsWith('api-security/no-hardcoded-secrets') && fixed.text.includes('const keys = `'));
    expect(fixes).toHaveLength(1);
    const line = fixes[0]!.text.split('\n').find((text) => text.startsWith('const keys = '));
    expect(line).toBe('const keys = `k1=${process.env.GITHUB_TOKEN} k2=${process.env.STRIPE_SECRET_KEY} again=${process.env.GITHUB_TOKEN}`;');
  });
});

describe('no inventory format repeats a credential written in the code', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'secrets-echo-'));
    for (const [file, code] of Object.entries(FILES)) {
      mkdirSync(path.dirname(path.join(directory, file)), { recursive: true });
      writeFileSync(path.join(directory, file), code);
    }
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  for (const format of ['table', 'json', 'markdown', 'openapi']) {
    it(`--format ${format}`, async () => {
      let stdout = '';
      let stderr = '';
      const code = await runCli(['inventory', '.', '--format', format], {
        cwd: directory,
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
        stderrIsTty: false,
      });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      // The routes are listed, with their paths masked.
      expect(stdout).toContain('/bot8472****/webhook/AKIA****');
      expect(stdout).toContain('/slack/xoxb****');
      expect(leaks(stdout)).toEqual([]);
    });
  }
});

describe('maskSecrets', () => {
  it('masks each credential to at most its first four characters', () => {
    expect(maskSecrets(`/bot${TG}/webhook`)).toBe('/bot8472****/webhook');
    expect(maskSecrets(`${GH}/${AWS} and ${STRIPE}`)).toBe('ghp_****/AKIA**** and sk_l****');
    expect(maskSecrets(`postgres://app:${DB_PASSWORD}@db.internal/shop`)).toBe('postgres://app:Xv9****@db.internal/shop');
    expect(maskSecrets(`{ secret: '${SECRET}' }`)).toBe("{ secret: 'q7Zr****' }");
    expect(maskSecrets(`WHERE api_key = "${SECRET}"`)).toBe('WHERE api_key = "q7Zr****"');
    expect(maskSecrets(`Server=db;Password=${SECRET};`)).toBe('Server=db;Password=q7Zr****;');
    expect(maskSecrets(`Bearer ${JWT}`)).toBe('Bearer eyJh****');
  });

  it('is idempotent', () => {
    const once = maskSecrets(`${TG} ${SLACK} secret = '${SECRET}' https://u:${DB_PASSWORD}@h`);
    expect(maskSecrets(once)).toBe(once);
    expect(containsSecret(once)).toBe(false);
  });

  it('leaves code and text that hold no credential alone', () => {
    for (const text of [
      '/users/:id/orders',
      'token = jwtService.sign(payload)',
      "password: 'Enter your password'",
      "secret: process.env.SESSION_SECRET",
      "apiKey: 'your-api-key-here'",
      'postgres://postgres:postgres@localhost:5432/app',
      "const cacheKey = 'users:list:page:2'",
      `await User.findOne({ email: req.body.email })`,
    ]) {
      expect(maskSecrets(text)).toBe(text);
    }
  });

  it('masks keys and values of nested data', () => {
    expect(maskDeep({ paths: { [`/keys/${STRIPE}`]: [{ value: GH, line: 3 }] } })).toEqual({ paths: { '/keys/sk_l****': [{ value: 'ghp_****', line: 3 }] } });
  });
});

describe('maskSecrets stays linear', () => {
  it('in the number of credentials of one text', () => {
    const text = (count: number): string => Array.from({ length: count }, (_, index) => `k${index}=${GH} ${AWS},${STRIPE}`).join(' ');
    const time = (input: string): number => {
      const runs: number[] = [];
      for (let run = 0; run < 5; run++) {
        const start = performance.now();
        maskSecrets(input);
        runs.push(performance.now() - start);
      }
      return runs.sort((a, b) => a - b)[2]!;
    };
    const small = text(500);
    const large = text(4000);
    expect(maskSecrets(large).includes(GH.slice(4, 9))).toBe(false);
    time(small);
    // Eight times the input: about eight times the work when linear, sixty-four when quadratic.
    expect(time(large) / time(small)).toBeLessThan(24);
  });
});
