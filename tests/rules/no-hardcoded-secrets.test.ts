import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { RuleTester, type InvalidTestCase, type ValidTestCase } from '@typescript-eslint/rule-tester';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { shannonEntropy } from '../../src/analysis/secrets/entropy.js';
import { matchesGlob } from '../../src/utils/glob.js';
import { maskSecret } from '../../src/utils/mask.js';
import { chooseEnvName, isSecretName, splitWords } from '../../src/analysis/secrets/names.js';
import { unparsedSinkPaths } from '../../src/analysis/secrets/sinks.js';
import { secretPatterns, secretSinks, type SecretPattern, type SinkProof } from '../../src/models/secrets.js';
import { isPlaceholder } from '../../src/analysis/secrets/values.js';
import rule, { type MessageIds, type Options } from '../../src/rules/no-hardcoded-secrets.js';

/*
 * Every credential in this file is generated at run time from a seeded generator and split into pieces,
 * so the file itself holds no well-formed key for secret scanners or push protection to trip on.
 */

type Invalid = InvalidTestCase<MessageIds, Options>;
type Valid = ValidTestCase<Options>;

const ruleTester = new RuleTester();

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';
const DIGITS = '0123456789';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64 = `${ALNUM}+/`;
const URLSAFE = `${ALNUM}_-`;
const BECH32 = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';

let seed = 20_240_601;
/** mulberry32: a small seeded generator, so the fake keys are the same on every run. */
function random(): number {
  seed = (seed + 0x6d_2b_79_f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
/** Deterministic filler from an alphabet. */
function fill(alphabet: string, length: number): string {
  let out = '';
  while (out.length < length) {
    const char = alphabet.charAt(Math.floor(random() * alphabet.length));
    // Keep clear of placeholder markers (`xxxx`) and of an accidental trailing `-`.
    if (out.toLowerCase().endsWith('xxx') && char.toLowerCase() === 'x') continue;
    out += char;
  }
  return out.endsWith('-') ? `${out.slice(0, -1)}q` : out;
}
const alnum = (n: number): string => fill(ALNUM, n);
const hex = (n: number): string => fill(HEX, n);
const digits = (n: number): string => `${fill('123456789', 1)}${fill(DIGITS, n - 1)}`;
const urlsafe = (n: number): string => `${fill(ALNUM, 1)}${fill(URLSAFE, n - 1)}`;

/** Line and columns of the first occurrence of `needle` in `code`. */
function at(code: string, needle: string): { line: number; column: number; endColumn: number } {
  const index = code.indexOf(needle);
  if (index === -1) throw new Error(`${needle} not in ${code}`);
  const before = code.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return { line, column, endColumn: column + needle.length };
}

const preview = (secret: string): string => maskSecret(secret);

// ---------------------------------------------------------------------------------------------------------
// Provider formats: one well-formed fake per pattern, and a near miss that is not reported.
// ---------------------------------------------------------------------------------------------------------

interface ProviderCase {
  readonly id: string;
  readonly kind: string;
  readonly key: string;
  readonly nearMiss: string;
  readonly env: string;
  /** `testModeKey` for test-mode keys. */
  readonly messageId?: MessageIds;
  /** The part shown in the preview (the password of a URL). */
  readonly secret?: string;
  /** The variable name to use (formats that need a name). */
  readonly variable?: string;
}

const PEM_BODY = `MIIEow${fill(BASE64, 58)}`;
const AWS_SECRET = fill(BASE64, 40);
const TWILIO_TOKEN = hex(32);
const DB_PASSWORD = alnum(16);
const REDIS_PASSWORD = alnum(16);
const AMQP_PASSWORD = alnum(14);
const URL_PASSWORD = alnum(16);

const providerCases: readonly ProviderCase[] = [
  { id: 'aws-access-key-id', kind: 'AWS access key ID', key: 'AK' + 'IA' + fill(BASE32, 16), nearMiss: 'AK' + 'IA' + fill(BASE32, 15), env: 'AWS_ACCESS_KEY_ID' },
  { id: 'aws-secret-access-key', kind: 'AWS secret access key', key: AWS_SECRET, nearMiss: AWS_SECRET, env: 'AWS_SECRET_ACCESS_KEY', variable: 'awsSecretAccessKey' },
  { id: 'github-classic-token', kind: 'GitHub personal access token (classic)', key: 'gh' + 'p_' + alnum(36), nearMiss: 'gh' + 'p_' + alnum(35), env: 'GITHUB_TOKEN' },
  {
    id: 'github-fine-grained-token',
    kind: 'GitHub fine-grained personal access token',
    key: 'github' + '_pat_' + alnum(22) + '_' + alnum(59),
    nearMiss: 'github' + '_pat_' + alnum(40),
    env: 'GITHUB_TOKEN',
  },
  { id: 'github-oauth-token', kind: 'GitHub OAuth access token', key: 'gh' + 'o_' + alnum(36), nearMiss: 'gh' + 'o_' + alnum(30), env: 'GITHUB_TOKEN' },
  { id: 'github-app-token', kind: 'GitHub App token', key: 'gh' + 's_' + alnum(36), nearMiss: 'gh' + 'x_' + alnum(36), env: 'GITHUB_TOKEN' },
  { id: 'github-refresh-token', kind: 'GitHub refresh token', key: 'gh' + 'r_' + alnum(36), nearMiss: 'gh' + 'r_' + alnum(20), env: 'GITHUB_REFRESH_TOKEN' },
  { id: 'gitlab-personal-token', kind: 'GitLab personal access token', key: 'glpat' + '-' + urlsafe(20), nearMiss: 'glpat' + '-' + urlsafe(19), env: 'GITLAB_TOKEN' },
  { id: 'gitlab-deploy-token', kind: 'GitLab deploy token', key: 'gldt' + '-' + urlsafe(24), nearMiss: 'gldt' + '-' + urlsafe(12), env: 'GITLAB_DEPLOY_TOKEN' },
  { id: 'gitlab-runner-token', kind: 'GitLab runner token', key: 'glrt' + '-' + urlsafe(24), nearMiss: 'glrt' + '_' + urlsafe(24), env: 'GITLAB_RUNNER_TOKEN' },
  {
    id: 'gitlab-pipeline-trigger-token',
    kind: 'GitLab pipeline trigger token',
    key: 'glptt' + '-' + hex(40),
    nearMiss: 'glptt' + '-' + hex(39),
    env: 'GITLAB_TRIGGER_TOKEN',
  },
  {
    id: 'gitlab-runner-registration-token',
    kind: 'GitLab runner registration token',
    key: 'GR134' + '8941' + urlsafe(20),
    nearMiss: 'GR134' + '8941' + urlsafe(19),
    env: 'GITLAB_RUNNER_REGISTRATION_TOKEN',
  },
  {
    id: 'slack-bot-token',
    kind: 'Slack bot token',
    key: 'xo' + 'xb-' + digits(11) + '-' + digits(13) + '-' + alnum(24),
    nearMiss: 'xo' + 'xb-' + digits(11) + '-' + alnum(24),
    env: 'SLACK_BOT_TOKEN',
  },
  {
    id: 'slack-user-token',
    kind: 'Slack user token',
    key: 'xo' + 'xp-' + digits(11) + '-' + digits(11) + '-' + digits(13) + '-' + hex(32),
    nearMiss: 'xo' + 'xp-' + digits(11) + '-' + digits(11) + '-' + hex(32),
    env: 'SLACK_USER_TOKEN',
  },
  {
    id: 'slack-app-token',
    kind: 'Slack app-level token',
    key: 'xa' + 'pp-1-' + fill(UPPER_ALNUM, 11) + '-' + digits(13) + '-' + hex(64),
    nearMiss: 'xa' + 'pp-1-' + fill(UPPER_ALNUM, 11) + '-' + digits(13) + '-' + hex(63),
    env: 'SLACK_APP_TOKEN',
  },
  {
    id: 'slack-webhook-url',
    kind: 'Slack incoming webhook URL',
    key: 'https://hooks.slack' + '.com/services/T' + fill(UPPER_ALNUM, 10) + '/B' + fill(UPPER_ALNUM, 10) + '/' + alnum(24),
    nearMiss: 'https://hooks.slack' + '.com/services/T' + fill(UPPER_ALNUM, 10) + '/B' + fill(UPPER_ALNUM, 10) + '/' + alnum(23),
    env: 'SLACK_WEBHOOK_URL',
  },
  { id: 'stripe-live-secret-key', kind: 'Stripe live secret key', key: 'sk_' + 'live_' + alnum(24), nearMiss: 'sk_' + 'live_' + alnum(23), env: 'STRIPE_SECRET_KEY' },
  {
    id: 'stripe-test-secret-key',
    kind: 'Stripe test secret key',
    key: 'sk_' + 'test_' + alnum(24),
    nearMiss: 'sk_' + 'tset_' + alnum(24),
    env: 'STRIPE_SECRET_KEY',
    messageId: 'testModeKey',
  },
  {
    id: 'stripe-live-restricted-key',
    kind: 'Stripe live restricted key',
    key: 'rk_' + 'live_' + alnum(24),
    nearMiss: 'rk_' + 'live_' + alnum(10),
    env: 'STRIPE_RESTRICTED_KEY',
  },
  {
    id: 'stripe-test-restricted-key',
    kind: 'Stripe test restricted key',
    key: 'rk_' + 'test_' + alnum(24),
    nearMiss: 'rk_' + 'test_' + alnum(10),
    env: 'STRIPE_RESTRICTED_KEY',
    messageId: 'testModeKey',
  },
  { id: 'stripe-webhook-secret', kind: 'Stripe webhook signing secret', key: 'wh' + 'sec_' + alnum(32), nearMiss: 'wh' + 'sec_' + alnum(31), env: 'STRIPE_WEBHOOK_SECRET' },
  { id: 'google-api-key', kind: 'Google API key', key: 'AI' + 'za' + urlsafe(35), nearMiss: 'AI' + 'za' + urlsafe(34), env: 'GOOGLE_API_KEY' },
  {
    id: 'google-oauth-client-secret',
    kind: 'Google OAuth client secret',
    key: 'GOC' + 'SPX-' + urlsafe(28),
    nearMiss: 'GOC' + 'SPX-' + urlsafe(27),
    env: 'GOOGLE_CLIENT_SECRET',
  },
  {
    id: 'openai-api-key',
    kind: 'OpenAI API key',
    key: 'sk-' + 'proj-' + urlsafe(24) + 'T3Blbk' + 'FJ' + urlsafe(24),
    nearMiss: 'sk-' + 'proj-' + urlsafe(56),
    env: 'OPENAI_API_KEY',
  },
  {
    id: 'anthropic-api-key',
    kind: 'Anthropic API key',
    key: 'sk-' + 'ant-api03-' + urlsafe(93) + 'AA',
    nearMiss: 'sk-' + 'ant-api03-' + urlsafe(40),
    env: 'ANTHROPIC_API_KEY',
  },
  { id: 'huggingface-token', kind: 'Hugging Face access token', key: 'hf' + '_' + fill(LETTERS, 34), nearMiss: 'hf' + '_' + fill(LETTERS, 33), env: 'HF_TOKEN' },
  { id: 'groq-api-key', kind: 'Groq API key', key: 'gs' + 'k_' + alnum(52), nearMiss: 'gs' + 'k_' + alnum(51), env: 'GROQ_API_KEY' },
  { id: 'twilio-api-key', kind: 'Twilio API key', key: 'S' + 'K' + hex(32), nearMiss: 'S' + 'K' + hex(31), env: 'TWILIO_API_KEY' },
  { id: 'twilio-auth-token', kind: 'Twilio auth token', key: TWILIO_TOKEN, nearMiss: TWILIO_TOKEN, env: 'TWILIO_AUTH_TOKEN', variable: 'twilioAuthToken' },
  {
    id: 'sendgrid-api-key',
    kind: 'SendGrid API key',
    key: 'S' + 'G.' + urlsafe(22) + '.' + urlsafe(43),
    nearMiss: 'S' + 'G.' + urlsafe(22) + '.' + urlsafe(42),
    env: 'SENDGRID_API_KEY',
  },
  { id: 'mailgun-api-key', kind: 'Mailgun API key', key: 'ke' + 'y-' + hex(32), nearMiss: 'ke' + 'y-' + hex(31), env: 'MAILGUN_API_KEY' },
  {
    id: 'mailgun-private-key',
    kind: 'Mailgun API key',
    key: hex(32) + '-' + hex(8) + '-' + hex(8),
    nearMiss: hex(32) + '-' + hex(8),
    env: 'MAILGUN_API_KEY',
  },
  { id: 'mailchimp-api-key', kind: 'Mailchimp API key', key: hex(32) + '-us' + '14', nearMiss: hex(31) + '-us' + '14', env: 'MAILCHIMP_API_KEY' },
  {
    id: 'discord-bot-token',
    kind: 'Discord bot token',
    key: 'M' + alnum(25) + '.' + urlsafe(6) + '.' + urlsafe(27),
    nearMiss: 'M' + alnum(25) + '.' + urlsafe(5) + '.' + urlsafe(27),
    env: 'DISCORD_BOT_TOKEN',
  },
  {
    id: 'discord-webhook-url',
    kind: 'Discord webhook URL',
    key: 'https://discord' + '.com/api/webhooks/' + digits(18) + '/' + urlsafe(68),
    nearMiss: 'https://discord' + '.com/api/webhooks/' + digits(18) + '/' + urlsafe(40),
    env: 'DISCORD_WEBHOOK_URL',
  },
  {
    id: 'telegram-bot-token',
    kind: 'Telegram bot token',
    key: digits(10) + ':A' + 'A' + urlsafe(33),
    nearMiss: digits(10) + ':A' + 'B' + urlsafe(33),
    env: 'TELEGRAM_BOT_TOKEN',
  },
  { id: 'npm-access-token', kind: 'npm access token', key: 'np' + 'm_' + alnum(36), nearMiss: 'np' + 'm_' + alnum(35), env: 'NPM_TOKEN' },
  {
    id: 'pypi-token',
    kind: 'PyPI upload token',
    key: 'pypi-' + 'AgEIcHlwaS5vcmc' + urlsafe(60),
    nearMiss: 'pypi-' + 'AgEIcHlwaS5vcmc' + urlsafe(30),
    env: 'PYPI_TOKEN',
  },
  { id: 'digitalocean-token', kind: 'DigitalOcean token', key: 'do' + 'p_v1_' + hex(64), nearMiss: 'do' + 'p_v1_' + hex(63), env: 'DIGITALOCEAN_TOKEN' },
  { id: 'doppler-token', kind: 'Doppler token', key: 'dp' + '.pt.' + alnum(43), nearMiss: 'dp' + '.pt.' + alnum(30), env: 'DOPPLER_TOKEN' },
  { id: 'linear-api-key', kind: 'Linear API key', key: 'lin' + '_api_' + alnum(40), nearMiss: 'lin' + '_api_' + alnum(39), env: 'LINEAR_API_KEY' },
  {
    id: 'postman-api-key',
    kind: 'Postman API key',
    key: 'PM' + 'AK-' + hex(24) + '-' + hex(34),
    nearMiss: 'PM' + 'AK-' + hex(24) + '-' + hex(33),
    env: 'POSTMAN_API_KEY',
  },
  {
    id: 'new-relic-user-key',
    kind: 'New Relic user API key',
    key: 'NR' + 'AK-' + fill(UPPER_ALNUM, 27),
    nearMiss: 'NR' + 'AK-' + fill(UPPER_ALNUM, 26),
    env: 'NEW_RELIC_API_KEY',
  },
  { id: 'vault-token', kind: 'HashiCorp Vault token', key: 'hv' + 's.' + urlsafe(95), nearMiss: 'hv' + 's.' + urlsafe(60), env: 'VAULT_TOKEN' },
  { id: 'databricks-token', kind: 'Databricks access token', key: 'da' + 'pi' + hex(32), nearMiss: 'da' + 'pi' + hex(31), env: 'DATABRICKS_TOKEN' },
  {
    id: 'grafana-service-account-token',
    kind: 'Grafana service account token',
    key: 'gl' + 'sa_' + alnum(32) + '_' + hex(8),
    nearMiss: 'gl' + 'sa_' + alnum(32) + '_' + hex(7),
    env: 'GRAFANA_TOKEN',
  },
  { id: 'sentry-user-token', kind: 'Sentry user auth token', key: 'sntr' + 'yu_' + hex(64), nearMiss: 'sntr' + 'yu_' + hex(63), env: 'SENTRY_AUTH_TOKEN' },
  { id: 'supabase-access-token', kind: 'Supabase access token', key: 'sb' + 'p_' + hex(40), nearMiss: 'sb' + 'p_' + hex(39), env: 'SUPABASE_ACCESS_TOKEN' },
  { id: 'planetscale-token', kind: 'PlanetScale token', key: 'pscale' + '_tkn_' + urlsafe(43), nearMiss: 'pscale' + '_tkn_' + urlsafe(20), env: 'PLANETSCALE_TOKEN' },
  { id: 'pulumi-access-token', kind: 'Pulumi access token', key: 'pu' + 'l-' + hex(40), nearMiss: 'pu' + 'l-' + hex(39), env: 'PULUMI_ACCESS_TOKEN' },
  {
    id: 'age-secret-key',
    kind: 'age secret key',
    key: 'AGE-SECRET' + '-KEY-1' + fill(BECH32, 58),
    nearMiss: 'AGE-SECRET' + '-KEY-1' + fill(BECH32, 50),
    env: 'AGE_SECRET_KEY',
  },
  { id: 'shopify-access-token', kind: 'Shopify access token', key: 'sh' + 'pat_' + hex(32), nearMiss: 'sh' + 'pat_' + hex(31), env: 'SHOPIFY_ACCESS_TOKEN' },
  {
    id: 'shopify-custom-app-token',
    kind: 'Shopify custom app access token',
    key: 'sh' + 'pca_' + hex(32),
    nearMiss: 'sh' + 'pca_' + hex(31),
    env: 'SHOPIFY_ACCESS_TOKEN',
  },
  {
    id: 'shopify-private-app-token',
    kind: 'Shopify private app access token',
    key: 'sh' + 'ppa_' + hex(32),
    nearMiss: 'sh' + 'ppa_' + hex(31),
    env: 'SHOPIFY_ACCESS_TOKEN',
  },
  { id: 'shopify-shared-secret', kind: 'Shopify shared secret', key: 'sh' + 'pss_' + hex(32), nearMiss: 'sh' + 'pss_' + hex(31), env: 'SHOPIFY_API_SECRET' },
  { id: 'square-access-token', kind: 'Square access token', key: 'EA' + 'AA' + urlsafe(60), nearMiss: 'EA' + 'AA' + urlsafe(59), env: 'SQUARE_ACCESS_TOKEN' },
  { id: 'square-legacy-access-token', kind: 'Square access token', key: 'sq0' + 'atp-' + urlsafe(22), nearMiss: 'sq0' + 'atp-' + urlsafe(21), env: 'SQUARE_ACCESS_TOKEN' },
  { id: 'square-oauth-secret', kind: 'Square OAuth secret', key: 'sq0' + 'csp-' + urlsafe(43), nearMiss: 'sq0' + 'csp-' + urlsafe(42), env: 'SQUARE_OAUTH_SECRET' },
  {
    id: 'azure-storage-connection-string',
    kind: 'Azure storage account key',
    key: 'DefaultEndpointsProtocol=https;AccountName=orders;Account' + 'Key=' + fill(BASE64, 86) + '==;EndpointSuffix=core.windows.net',
    nearMiss: 'DefaultEndpointsProtocol=https;AccountName=orders;Account' + 'Key=' + fill(BASE64, 40) + ';EndpointSuffix=core.windows.net',
    env: 'AZURE_STORAGE_CONNECTION_STRING',
    secret: 'Acco',
  },
  {
    id: 'azure-client-secret',
    kind: 'Azure AD client secret',
    key: alnum(3) + '8Q' + '~' + urlsafe(34),
    nearMiss: alnum(3) + '8Q' + '-' + urlsafe(34),
    env: 'AZURE_CLIENT_SECRET',
  },
  {
    id: 'private-key-pem',
    kind: 'private key (PEM)',
    key: '-----BEGIN RSA PRIVATE' + ' KEY-----\\n' + PEM_BODY + '\\n-----END RSA PRIVATE KEY-----',
    nearMiss: '-----BEGIN RSA PRIVATE' + ' KEY-----\\n...\\n-----END RSA PRIVATE KEY-----',
    env: 'PRIVATE_KEY',
    secret: '----',
  },
  {
    id: 'jwt',
    kind: 'JSON Web Token',
    key: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9' + '.' + 'eyJzdWIiOiIxMjM0NTY3ODkwIn0' + '.' + urlsafe(43),
    nearMiss: 'eyJhbGciOiJIUzI1NiJ9' + '.' + 'e30' + '.',
    env: 'API_TOKEN',
  },
  {
    id: 'database-url',
    kind: 'database URL with an embedded password',
    key: 'postgres://app:' + DB_PASSWORD + '@db.internal:5432/orders',
    nearMiss: 'postgres://app@db.internal:5432/orders',
    env: 'DATABASE_URL',
    secret: DB_PASSWORD,
  },
  {
    id: 'sql-connection-string',
    kind: 'database connection string with an embedded password',
    key: 'Server=tcp:ledger-sql.internal,1433;Initial Catalog=ledger;User ID=ledger_app;Password=' + DB_PASSWORD + ';Encrypt=true;',
    nearMiss: 'Server=tcp:ledger-sql.internal,1433;Initial Catalog=ledger;Authentication=Active Directory Default;Encrypt=true;',
    env: 'DATABASE_CONNECTION_STRING',
    secret: DB_PASSWORD,
  },
  {
    id: 'redis-url',
    kind: 'Redis URL with an embedded password',
    key: 'redis://:' + REDIS_PASSWORD + '@cache.internal:6379/0',
    nearMiss: 'redis://cache.internal:6379/0',
    env: 'REDIS_URL',
    secret: REDIS_PASSWORD,
  },
  {
    id: 'amqp-url',
    kind: 'AMQP broker URL with an embedded password',
    key: 'amqp://orders:' + AMQP_PASSWORD + '@broker.internal:5672',
    nearMiss: 'amqp://orders:@broker.internal:5672',
    env: 'AMQP_URL',
    secret: AMQP_PASSWORD,
  },
  {
    id: 'url-credentials',
    kind: 'URL with embedded credentials',
    key: 'https://deploy:' + URL_PASSWORD + '@git.internal/orders.git',
    nearMiss: 'https://deploy@git.internal/orders.git',
    env: 'SERVICE_URL',
    secret: URL_PASSWORD,
  },
];

function providerInvalid(entry: ProviderCase): Invalid {
  const variable = entry.variable ?? 'value';
  const literal = `'${entry.key}'`;
  const code = `const ${variable} = ${literal};`;
  const shown = entry.secret === undefined ? preview(entry.key) : entry.secret.length === 4 ? `${entry.secret}****` : preview(entry.secret);
  return {
    name: `provider format: ${entry.id}`,
    code,
    errors: [
      {
        messageId: entry.messageId ?? 'providerKey',
        ...at(code, literal),
        data: { kind: entry.kind, preview: shown },
        suggestions: [{ messageId: 'useEnv', data: { env: entry.env }, output: `const ${variable} = process.env.${entry.env};` }],
      },
    ],
  };
}

function providerNearMiss(entry: ProviderCase): Valid {
  return { name: `near miss: ${entry.id}`, code: `const value = '${entry.nearMiss}';` };
}

// The Google service-account formats depend on their surroundings, so they get hand-written cases.
const SERVICE_ACCOUNT_PEM = '-----BEGIN PRIVATE' + ' KEY-----\\n' + PEM_BODY + '\\n-----END PRIVATE KEY-----\\n';
const serviceAccountCases: Invalid[] = (() => {
  const jsonLiteral = `'{"type":"service_account","project_id":"orders","private_key":"${SERVICE_ACCOUNT_PEM.replaceAll('\\n', '\\\\n')}"}'`;
  const jsonCode = `const credentials = JSON.parse(${jsonLiteral});`;
  const objectLiteral = `'${SERVICE_ACCOUNT_PEM}'`;
  const objectCode = `const sa = { type: 'service_account', client_email: 'svc@orders.iam.gserviceaccount.com', private_key: ${objectLiteral} };`;
  const userCode = `const sa = { type: 'authorized_user', private_key: ${objectLiteral} };`;
  return [
    {
      name: 'provider format: google-service-account-json',
      code: jsonCode,
      errors: [
        {
          messageId: 'providerKey',
          ...at(jsonCode, jsonLiteral),
          data: { kind: 'Google service-account private key', preview: '"pri****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'GOOGLE_SERVICE_ACCOUNT_KEY' },
              output: 'const credentials = JSON.parse(process.env.GOOGLE_SERVICE_ACCOUNT_KEY);',
            },
          ],
        },
      ],
    },
    {
      name: 'provider format: google-service-account-private-key (object form)',
      code: objectCode,
      errors: [
        {
          messageId: 'providerKey',
          ...at(objectCode, objectLiteral),
          data: { kind: 'Google service-account private key', preview: '----****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'GOOGLE_PRIVATE_KEY' },
              output: objectCode.replace(objectLiteral, 'process.env.GOOGLE_PRIVATE_KEY'),
            },
          ],
        },
      ],
    },
    {
      name: 'near miss: a private key outside a service account is a plain PEM key',
      code: userCode,
      errors: [
        {
          messageId: 'providerKey',
          ...at(userCode, objectLiteral),
          data: { kind: 'private key (PEM)', preview: '----****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'PRIVATE_KEY' }, output: userCode.replace(objectLiteral, 'process.env.PRIVATE_KEY') }],
        },
      ],
    },
  ];
})();

describe('provider table', () => {
  it('covers every built-in pattern', () => {
    const covered = new Set([
      ...providerCases.map((entry) => entry.id),
      'google-service-account-json',
      'google-service-account-private-key',
    ]);
    expect(secretPatterns.map((pattern) => pattern.id).filter((id) => !covered.has(id))).toEqual([]);
  });
  it('declares a prefilter or a name gate on every pattern', () => {
    const unguarded = secretPatterns.filter((pattern: SecretPattern) => pattern.keywords === undefined && pattern.names === undefined);
    expect(unguarded.map((pattern) => pattern.id)).toEqual([]);
  });
});

ruleTester.run('no-hardcoded-secrets: provider formats', rule, {
  valid: providerCases.map(providerNearMiss),
  invalid: [
    ...providerCases.map(providerInvalid),
    ...serviceAccountCases,
    {
      ...providerInvalid({
        id: 'database-url',
        kind: 'database URL with an embedded password',
        key: 'postgres://app:' + DB_PASSWORD + '@localhost:5432/orders',
        nearMiss: '',
        env: 'DATABASE_URL',
        secret: DB_PASSWORD,
      }),
      name: 'a real password on localhost is still a secret',
    },
  ],
});

// ---------------------------------------------------------------------------------------------------------
// Secret sinks: one case per model entry.
// ---------------------------------------------------------------------------------------------------------

const SINK_VALUE = `'Zq8-${'hunter'}2-Lm4'`;

interface SinkCase {
  readonly module: string;
  readonly path: string;
  /** `$S` marks the secret. */
  readonly code: string;
  readonly sink: string;
  readonly env: string;
  /** The string put at `$S` when `SINK_VALUE` does not fit the slot (a `user:password` pair), and its preview. */
  readonly value?: { readonly text: string; readonly preview: string };
}

const sinkCases: readonly SinkCase[] = [
  { module: 'jsonwebtoken', path: 'Member[sign].Argument[1]', code: "import jwt from 'jsonwebtoken';\njwt.sign({ sub: 1 }, $S);", sink: 'the signing key of `jwt.sign` (jsonwebtoken)', env: 'JWT_SECRET' },
  { module: 'jsonwebtoken', path: 'Member[verify].Argument[1]', code: "import { verify } from 'jsonwebtoken';\nverify(token, $S);", sink: 'the verification key of `verify` (jsonwebtoken)', env: 'JWT_SECRET' },
  { module: 'hono/jwt', path: 'Member[sign].Argument[1]', code: "import { sign } from 'hono/jwt';\nawait sign({ sub: 'u1' }, $S);", sink: 'the signing key of `sign` (hono/jwt)', env: 'JWT_SECRET' },
  { module: 'hono/jwt', path: 'Member[verify].Argument[1]', code: "import { verify } from 'hono/jwt';\nawait verify(token, $S, 'HS256');", sink: 'the verification key of `verify` (hono/jwt)', env: 'JWT_SECRET' },
  { module: 'hono/jwt', path: 'Member[jwt].Argument[0].Member[secret]', code: "import { jwt } from 'hono/jwt';\napp.use('/api/*', jwt({ secret: $S, alg: 'HS256' }));", sink: 'the JWT secret of `jwt` (hono/jwt)', env: 'JWT_SECRET' },
  { module: 'express-jwt', path: 'Argument[0].Member[secret]', code: "const jwt = require('express-jwt');\napp.use(jwt({ secret: $S }));", sink: 'the JWT secret of `jwt` (express-jwt)', env: 'JWT_SECRET' },
  {
    module: 'express-jwt',
    path: 'Member[expressjwt].Argument[0].Member[secret]',
    code: "import { expressjwt } from 'express-jwt';\napp.use(expressjwt({ secret: $S, algorithms: ['HS256'] }));",
    sink: 'the JWT secret of `expressjwt` (express-jwt)',
    env: 'JWT_SECRET',
  },
  { module: 'koa-jwt', path: 'Argument[0].Member[secret]', code: "import koaJwt from 'koa-jwt';\napp.use(koaJwt({ secret: $S }));", sink: 'the JWT secret of `koaJwt` (koa-jwt)', env: 'JWT_SECRET' },
  {
    module: '@nestjs/jwt',
    path: 'Member[JwtModule].Member[register].Argument[0].Member[secret,privateKey]',
    code: "import { JwtModule } from '@nestjs/jwt';\nJwtModule.register({ secret: $S });",
    sink: 'the JWT secret of `JwtModule.register` (@nestjs/jwt)',
    env: 'JWT_SECRET',
  },
  {
    module: '@nestjs/jwt',
    path: 'Member[JwtService].Argument[0].Member[secret,privateKey]',
    code: "import { JwtService } from '@nestjs/jwt';\nnew JwtService({ privateKey: $S });",
    sink: 'the JWT secret of `JwtService` (@nestjs/jwt)',
    env: 'JWT_SECRET',
  },
  { module: 'crypto', path: 'Member[createHmac].Argument[1]', code: "import crypto from 'crypto';\ncrypto.createHmac('sha256', $S);", sink: 'the HMAC key of `crypto.createHmac`', env: 'HMAC_SECRET' },
  { module: 'node:crypto', path: 'Member[createHmac].Argument[1]', code: "import { createHmac } from 'node:crypto';\ncreateHmac('sha256', $S);", sink: 'the HMAC key of `createHmac` (node:crypto)', env: 'HMAC_SECRET' },
  {
    module: 'crypto',
    path: 'Member[createCipheriv,createDecipheriv].Argument[1]',
    code: "import * as crypto from 'crypto';\ncrypto.createCipheriv('aes-256-gcm', $S, iv);",
    sink: 'the cipher key of `crypto.createCipheriv`',
    env: 'ENCRYPTION_KEY',
  },
  {
    module: 'node:crypto',
    path: 'Member[createCipheriv,createDecipheriv].Argument[1]',
    code: "import { createDecipheriv } from 'node:crypto';\ncreateDecipheriv('aes-256-gcm', Buffer.from($S), iv);",
    sink: 'the cipher key of `createDecipheriv` (node:crypto)',
    env: 'ENCRYPTION_KEY',
  },
  { module: 'crypto', path: 'Member[createSecretKey].Argument[0]', code: "const crypto = require('crypto');\ncrypto.createSecretKey(Buffer.from($S, 'utf8'));", sink: 'the secret key of `crypto.createSecretKey`', env: 'ENCRYPTION_KEY' },
  { module: 'node:crypto', path: 'Member[createSecretKey].Argument[0]', code: "const { createSecretKey } = require('node:crypto');\ncreateSecretKey($S);", sink: 'the secret key of `createSecretKey` (node:crypto)', env: 'ENCRYPTION_KEY' },
  {
    module: 'crypto',
    path: 'Member[pbkdf2,pbkdf2Sync,scrypt,scryptSync].Argument[0]',
    code: "import crypto from 'crypto';\ncrypto.pbkdf2Sync($S, salt, 100000, 32, 'sha256');",
    sink: 'the key-derivation password of `crypto.pbkdf2Sync`',
    env: 'ENCRYPTION_PASSWORD',
  },
  {
    module: 'node:crypto',
    path: 'Member[pbkdf2,pbkdf2Sync,scrypt,scryptSync].Argument[0]',
    code: "import { scryptSync } from 'node:crypto';\nscryptSync($S, salt, 32);",
    sink: 'the key-derivation password of `scryptSync` (node:crypto)',
    env: 'ENCRYPTION_PASSWORD',
  },
  {
    module: 'express-session',
    path: 'Argument[0].Member[secret]',
    code: "import session from 'express-session';\napp.use(session({ secret: $S, resave: false }));",
    sink: 'the session secret of `session` (express-session)',
    env: 'SESSION_SECRET',
  },
  {
    module: 'cookie-session',
    path: 'Argument[0].Member[secret,keys]',
    code: "import cookieSession from 'cookie-session';\napp.use(cookieSession({ name: 'sid', keys: [$S] }));",
    sink: 'the cookie signing key of `cookieSession` (cookie-session)',
    env: 'SESSION_SECRET',
  },
  { module: 'cookie-parser', path: 'Argument[0]', code: "import cookieParser from 'cookie-parser';\napp.use(cookieParser($S));", sink: 'the cookie signing secret of `cookieParser` (cookie-parser)', env: 'COOKIE_SECRET' },
  { module: 'next-auth', path: 'Argument[0].Member[secret]', code: "import NextAuth from 'next-auth';\nexport default NextAuth({ providers: [], secret: $S });", sink: 'the NextAuth secret of `NextAuth` (next-auth)', env: 'NEXTAUTH_SECRET' },
  {
    module: 'next-auth/providers/*',
    path: 'Argument[0].Member[clientSecret]',
    code: "import GitHub from 'next-auth/providers/github';\nGitHub({ clientId: 'orders', clientSecret: $S });",
    sink: 'the OAuth client secret of `GitHub` (next-auth/providers/github)',
    env: 'OAUTH_CLIENT_SECRET',
  },
  {
    module: 'passport-jwt',
    path: 'Member[Strategy].Argument[0].Member[secretOrKey]',
    code: "import { Strategy } from 'passport-jwt';\nnew Strategy({ jwtFromRequest, secretOrKey: $S }, verify);",
    sink: 'the JWT strategy key of `Strategy` (passport-jwt)',
    env: 'JWT_SECRET',
  },
  {
    module: 'passport-*',
    path: 'Argument[0].Member[clientSecret,consumerSecret]',
    code: "import GoogleStrategy from 'passport-google-oauth20';\npassport.use(new GoogleStrategy({ clientID: 'orders', clientSecret: $S }, verify));",
    sink: 'the OAuth client secret of `GoogleStrategy` (passport-google-oauth20)',
    env: 'OAUTH_CLIENT_SECRET',
  },
  {
    module: 'passport-*',
    path: 'Member[Strategy,OAuth2Strategy,OAuthStrategy].Argument[0].Member[clientSecret,consumerSecret]',
    code: "const { Strategy } = require('passport-github2');\nnew Strategy({ clientID: 'orders', clientSecret: $S }, verify);",
    sink: 'the OAuth client secret of `Strategy` (passport-github2)',
    env: 'OAUTH_CLIENT_SECRET',
  },
  { module: 'stripe', path: 'Argument[0]', code: "import Stripe from 'stripe';\nconst stripe = new Stripe($S);", sink: 'the API key of `Stripe` (stripe)', env: 'STRIPE_SECRET_KEY' },
  { module: 'stripe', path: 'Member[Stripe].Argument[0]', code: "import { Stripe } from 'stripe';\nnew Stripe($S, { maxNetworkRetries: 2 });", sink: 'the API key of `Stripe` (stripe)', env: 'STRIPE_SECRET_KEY' },
  { module: 'openai', path: 'Argument[0].Member[apiKey]', code: "import OpenAI from 'openai';\nconst openai = new OpenAI({ apiKey: $S });", sink: 'the API key of `OpenAI` (openai)', env: 'OPENAI_API_KEY' },
  {
    module: 'openai',
    path: 'Member[OpenAI,AzureOpenAI].Argument[0].Member[apiKey]',
    code: "import { AzureOpenAI } from 'openai';\nnew AzureOpenAI({ apiKey: $S });",
    sink: 'the API key of `AzureOpenAI` (openai)',
    env: 'OPENAI_API_KEY',
  },
  { module: '@anthropic-ai/sdk', path: 'Argument[0].Member[apiKey,authToken]', code: "import Anthropic from '@anthropic-ai/sdk';\nnew Anthropic({ apiKey: $S });", sink: 'the API key of `Anthropic` (@anthropic-ai/sdk)', env: 'ANTHROPIC_API_KEY' },
  {
    module: '@anthropic-ai/sdk',
    path: 'Member[Anthropic].Argument[0].Member[apiKey,authToken]',
    code: "import { Anthropic } from '@anthropic-ai/sdk';\nnew Anthropic({ authToken: $S });",
    sink: 'the API key of `Anthropic` (@anthropic-ai/sdk)',
    env: 'ANTHROPIC_API_KEY',
  },
  {
    module: '@google/generative-ai',
    path: 'Member[GoogleGenerativeAI].Argument[0]',
    code: "import { GoogleGenerativeAI } from '@google/generative-ai';\nnew GoogleGenerativeAI($S);",
    sink: 'the API key of `GoogleGenerativeAI` (@google/generative-ai)',
    env: 'GOOGLE_API_KEY',
  },
  { module: '@google/genai', path: 'Member[GoogleGenAI].Argument[0].Member[apiKey]', code: "import { GoogleGenAI } from '@google/genai';\nnew GoogleGenAI({ apiKey: $S });", sink: 'the API key of `GoogleGenAI` (@google/genai)', env: 'GOOGLE_API_KEY' },
  {
    module: '@aws-sdk/client-*',
    path: 'Member[*].Argument[0].Member[credentials].Member[secretAccessKey,sessionToken]',
    code: "import { S3Client } from '@aws-sdk/client-s3';\nnew S3Client({ region: 'eu-west-1', credentials: { accessKeyId: 'orders', secretAccessKey: $S } });",
    sink: 'the AWS credentials of `S3Client` (@aws-sdk/client-s3)',
    env: 'AWS_SECRET_ACCESS_KEY',
  },
  {
    module: 'aws-sdk',
    path: 'Member[config].Member[update].Argument[0].Member[secretAccessKey,sessionToken]',
    code: "import AWS from 'aws-sdk';\nAWS.config.update({ accessKeyId: 'orders', secretAccessKey: $S });",
    sink: 'the AWS credentials of `AWS.config.update` (aws-sdk)',
    env: 'AWS_SECRET_ACCESS_KEY',
  },
  { module: 'aws-sdk', path: 'Member[Credentials].Argument[1]', code: "const AWS = require('aws-sdk');\nnew AWS.Credentials('orders', $S);", sink: 'the AWS credentials of `AWS.Credentials` (aws-sdk)', env: 'AWS_SECRET_ACCESS_KEY' },
  {
    module: 'aws-sdk',
    path: 'Member[*].Argument[0].Member[secretAccessKey,sessionToken]',
    code: "import AWS from 'aws-sdk';\nnew AWS.S3({ accessKeyId: 'orders', secretAccessKey: $S });",
    sink: 'the AWS credentials of `AWS.S3` (aws-sdk)',
    env: 'AWS_SECRET_ACCESS_KEY',
  },
  { module: 'twilio', path: 'Member[Twilio].Argument[1]', code: "import { Twilio } from 'twilio';\nconst client = new Twilio(accountSid, $S);", sink: 'the auth token of `Twilio` (twilio)', env: 'TWILIO_AUTH_TOKEN' },
  {
    module: 'mailgun.js',
    path: 'Instance.Member[client].Argument[0].Member[key]',
    code: "import Mailgun from 'mailgun.js';\nconst mailgun = new Mailgun(FormData);\nconst mg = mailgun.client({ username: 'api', key: $S });",
    sink: 'the API key of `mailgun.client` (mailgun.js)',
    env: 'MAILGUN_API_KEY',
  },
  { module: 'mailgun-js', path: 'Argument[0].Member[apiKey]', code: "const mailgun = require('mailgun-js');\nconst mg = mailgun({ apiKey: $S, domain: 'mg.shop.internal' });", sink: 'the API key of `mailgun` (mailgun-js)', env: 'MAILGUN_API_KEY' },
  { module: 'axios', path: 'Argument[0].Member[auth].Member[password]', code: "import axios from 'axios';\nawait axios({ url, auth: { username: 'orders', password: $S } });", sink: 'the Basic auth password of `axios`', env: 'API_PASSWORD' },
  { module: 'axios', path: 'Argument[1].Member[auth].Member[password]', code: "import axios from 'axios';\nawait axios(url, { auth: { username: 'orders', password: $S } });", sink: 'the Basic auth password of `axios`', env: 'API_PASSWORD' },
  {
    module: 'axios',
    path: 'Member[create,request].Argument[0].Member[auth].Member[password]',
    code: "import axios from 'axios';\nexport const api = axios.create({ baseURL, auth: { username: 'orders', password: $S } });",
    sink: 'the Basic auth password of `axios.create`',
    env: 'API_PASSWORD',
  },
  {
    module: 'axios',
    path: 'Member[get,delete,head,options].Argument[1].Member[auth].Member[password]',
    code: "const axios = require('axios');\nawait axios.delete(url, { auth: { username: 'orders', password: $S } });",
    sink: 'the Basic auth password of `axios.delete`',
    env: 'API_PASSWORD',
  },
  {
    module: 'axios',
    path: 'Member[post,put,patch].Argument[2].Member[auth].Member[password]',
    code: "import axios from 'axios';\nawait axios.post(url, body, { auth: { username: 'orders', password: $S } });",
    sink: 'the Basic auth password of `axios.post`',
    env: 'API_PASSWORD',
  },
  ...(['http', 'https', 'node:http', 'node:https'] as const).flatMap((module): SinkCase[] => [
    {
      module,
      path: 'Member[request,get].Argument[0].Member[auth]',
      code: `import client from '${module}';\nclient.request({ host: 'reports.internal', auth: $S });`,
      sink: `the Basic auth credentials of \`client.request\` (${module})`,
      env: 'API_BASIC_AUTH',
      value: { text: `'orders:Zq8-${'hunter'}2-Lm4'`, preview: 'orde****' },
    },
    {
      module,
      path: 'Member[request,get].Argument[1].Member[auth]',
      code: `import { get } from '${module}';\nget('https://reports.internal/daily', { auth: $S }, onResponse);`,
      sink: `the Basic auth credentials of \`get\` (${module})`,
      env: 'API_BASIC_AUTH',
      value: { text: `'orders:Zq8-${'hunter'}2-Lm4'`, preview: 'orde****' },
    },
  ]),
  { module: 'twilio', path: 'Argument[1]', code: "import twilio from 'twilio';\nconst client = twilio(accountSid, $S);", sink: 'the auth token of `twilio`', env: 'TWILIO_AUTH_TOKEN' },
  { module: '@sendgrid/mail', path: 'Member[setApiKey].Argument[0]', code: "import sgMail from '@sendgrid/mail';\nsgMail.setApiKey($S);", sink: 'the API key of `sgMail.setApiKey` (@sendgrid/mail)', env: 'SENDGRID_API_KEY' },
  { module: '@slack/web-api', path: 'Member[WebClient].Argument[0]', code: "import { WebClient } from '@slack/web-api';\nnew WebClient($S);", sink: 'the token of `WebClient` (@slack/web-api)', env: 'SLACK_BOT_TOKEN' },
  {
    module: '@slack/bolt',
    path: 'Member[App].Argument[0].Member[token,signingSecret,clientSecret]',
    code: "import { App } from '@slack/bolt';\nnew App({ token: $S, signingSecret });",
    sink: 'the token of `App` (@slack/bolt)',
    env: 'SLACK_BOT_TOKEN',
  },
  { module: '@octokit/rest', path: 'Member[Octokit].Argument[0].Member[auth]', code: "import { Octokit } from '@octokit/rest';\nnew Octokit({ auth: $S });", sink: 'the token of `Octokit` (@octokit/rest)', env: 'GITHUB_TOKEN' },
  { module: 'octokit', path: 'Member[Octokit].Argument[0].Member[auth]', code: "import { Octokit } from 'octokit';\nnew Octokit({ auth: $S });", sink: 'the token of `Octokit` (octokit)', env: 'GITHUB_TOKEN' },
  { module: 'telegraf', path: 'Member[Telegraf].Argument[0]', code: "import { Telegraf } from 'telegraf';\nnew Telegraf($S);", sink: 'the bot token of `Telegraf` (telegraf)', env: 'TELEGRAM_BOT_TOKEN' },
  {
    module: 'node-telegram-bot-api',
    path: 'Argument[0]',
    code: "import TelegramBot from 'node-telegram-bot-api';\nnew TelegramBot($S, { polling: true });",
    sink: 'the bot token of `TelegramBot` (node-telegram-bot-api)',
    env: 'TELEGRAM_BOT_TOKEN',
  },
  {
    module: 'firebase-admin',
    path: 'Member[credential].Member[cert].Argument[0].Member[privateKey,private_key]',
    code: "import admin from 'firebase-admin';\nadmin.initializeApp({ credential: admin.credential.cert({ projectId: 'orders', privateKey: $S }) });",
    sink: 'the service-account key of `admin.credential.cert` (firebase-admin)',
    env: 'FIREBASE_PRIVATE_KEY',
  },
  { module: 'pg', path: 'Member[Client,Pool].Argument[0].Member[password]', code: "import { Pool } from 'pg';\nconst pool = new Pool({ user: 'orders', password: $S });", sink: 'the database password of `Pool` (pg)', env: 'PGPASSWORD' },
  {
    module: 'mysql2',
    path: 'Member[createConnection,createPool,createPoolCluster].Argument[0].Member[password]',
    code: "import mysql from 'mysql2';\nmysql.createPool({ user: 'orders', password: $S });",
    sink: 'the database password of `mysql.createPool` (mysql2)',
    env: 'MYSQL_PASSWORD',
  },
  {
    module: 'mysql2/promise',
    path: 'Member[createConnection,createPool].Argument[0].Member[password]',
    code: "import mysql from 'mysql2/promise';\nawait mysql.createConnection({ password: $S });",
    sink: 'the database password of `mysql.createConnection` (mysql2/promise)',
    env: 'MYSQL_PASSWORD',
  },
  {
    module: 'mysql',
    path: 'Member[createConnection,createPool].Argument[0].Member[password]',
    code: "const mysql = require('mysql');\nmysql.createConnection({ password: $S });",
    sink: 'the database password of `mysql.createConnection`',
    env: 'MYSQL_PASSWORD',
  },
  {
    module: 'mongoose',
    path: 'Member[connect,createConnection].Argument[1].Member[pass]',
    code: "import mongoose from 'mongoose';\nawait mongoose.connect(uri, { user: 'orders', pass: $S });",
    sink: 'the database password of `mongoose.connect`',
    env: 'MONGODB_PASSWORD',
  },
  {
    module: 'mongodb',
    path: 'Member[MongoClient].Argument[1].Member[auth].Member[password]',
    code: "import { MongoClient } from 'mongodb';\nnew MongoClient(uri, { auth: { username: 'orders', password: $S } });",
    sink: 'the database password of `MongoClient` (mongodb)',
    env: 'MONGODB_PASSWORD',
  },
  { module: 'sequelize', path: 'Argument[2]', code: "const Sequelize = require('sequelize');\nnew Sequelize('orders', 'app', $S, { dialect: 'postgres' });", sink: 'the database password of `Sequelize` (sequelize)', env: 'DB_PASSWORD' },
  {
    module: 'sequelize',
    path: 'Argument[0].Member[password]',
    code: "const Sequelize = require('sequelize');\nnew Sequelize({ dialect: 'postgres', password: $S });",
    sink: 'the database password of `Sequelize` (sequelize)',
    env: 'DB_PASSWORD',
  },
  { module: 'sequelize', path: 'Member[Sequelize].Argument[2]', code: "import { Sequelize } from 'sequelize';\nnew Sequelize('orders', 'app', $S);", sink: 'the database password of `Sequelize` (sequelize)', env: 'DB_PASSWORD' },
  {
    module: 'sequelize',
    path: 'Member[Sequelize].Argument[0].Member[password]',
    code: "import { Sequelize } from 'sequelize';\nnew Sequelize({ password: $S });",
    sink: 'the database password of `Sequelize` (sequelize)',
    env: 'DB_PASSWORD',
  },
  {
    module: 'knex',
    path: 'Argument[0].Member[connection].Member[password]',
    code: "import knex from 'knex';\nknex({ client: 'pg', connection: { host: 'db', password: $S } });",
    sink: 'the database password of `knex`',
    env: 'DB_PASSWORD',
  },
  {
    module: 'typeorm',
    path: 'Member[DataSource,createConnection].Argument[0].Member[password]',
    code: "import { DataSource } from 'typeorm';\nnew DataSource({ type: 'postgres', password: $S });",
    sink: 'the database password of `DataSource` (typeorm)',
    env: 'DB_PASSWORD',
  },
  {
    module: 'mssql',
    path: 'Member[connect,ConnectionPool].Argument[0].Member[password]',
    code: "import sql from 'mssql';\nawait sql.connect({ user: 'orders', password: $S });",
    sink: 'the database password of `sql.connect` (mssql)',
    env: 'MSSQL_PASSWORD',
  },
  { module: 'ioredis', path: 'Argument[0].Member[password]', code: "import Redis from 'ioredis';\nnew Redis({ password: $S });", sink: 'the Redis password of `Redis` (ioredis)', env: 'REDIS_PASSWORD' },
  { module: 'ioredis', path: 'Member[Redis].Argument[0].Member[password]', code: "import { Redis } from 'ioredis';\nnew Redis({ port: 6379, password: $S });", sink: 'the Redis password of `Redis` (ioredis)', env: 'REDIS_PASSWORD' },
  {
    module: 'redis',
    path: 'Member[createClient].Argument[0].Member[password]',
    code: "import { createClient } from 'redis';\ncreateClient({ password: $S });",
    sink: 'the Redis password of `createClient` (redis)',
    env: 'REDIS_PASSWORD',
  },
  {
    module: 'nodemailer',
    path: 'Member[createTransport].Argument[0].Member[auth].Member[pass]',
    code: "import nodemailer from 'nodemailer';\nnodemailer.createTransport({ host: 'smtp', auth: { user: 'orders', pass: $S } });",
    sink: 'the SMTP password of `nodemailer.createTransport`',
    env: 'SMTP_PASSWORD',
  },
  {
    module: 'jose',
    path: 'Member[SignJWT,CompactSign,FlattenedSign].Instance.Fluent.Member[sign].Argument[0]',
    code: "import { SignJWT } from 'jose';\nconst token = await new SignJWT({ sub: 'u1' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().sign(new TextEncoder().encode($S));",
    sink: 'the signing key of `sign` (jose)',
    env: 'JWT_SECRET',
  },
  {
    module: 'jose',
    path: 'Member[EncryptJWT,CompactEncrypt,FlattenedEncrypt].Instance.Fluent.Member[encrypt].Argument[0]',
    code: "import * as jose from 'jose';\nconst jwe = new jose.EncryptJWT(claims);\nawait jwe.setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(Buffer.from($S, 'base64'));",
    sink: 'the encryption key of `encrypt` (jose)',
    env: 'JWT_SECRET',
  },
  {
    module: 'jose',
    path: 'Member[jwtVerify,compactVerify,flattenedVerify].Argument[1]',
    code: "import { jwtVerify } from 'jose';\nawait jwtVerify(token, new TextEncoder().encode($S));",
    sink: 'the verification key of `jwtVerify` (jose)',
    env: 'JWT_SECRET',
  },
  {
    module: 'jose',
    path: 'Member[jwtDecrypt,compactDecrypt,flattenedDecrypt].Argument[1]',
    code: "const { jwtDecrypt } = require('jose');\nawait jwtDecrypt(token, Buffer.from($S));",
    sink: 'the decryption key of `jwtDecrypt` (jose)',
    env: 'JWT_SECRET',
  },
  {
    module: '@fastify/jwt',
    path: 'Plugin.Argument[1].Member[secret]',
    code: "import Fastify from 'fastify';\nimport fastifyJwt from '@fastify/jwt';\nconst app = Fastify();\napp.register(fastifyJwt, { secret: $S });",
    sink: 'the JWT secret of `app.register` (@fastify/jwt)',
    env: 'JWT_SECRET',
  },
  {
    module: '@hapi/jwt',
    path: 'Strategy[jwt].Argument[2].Member[keys]',
    code: "const Hapi = require('@hapi/hapi');\nconst Jwt = require('@hapi/jwt');\nconst server = Hapi.server();\nawait server.register(Jwt);\nserver.auth.strategy('token', 'jwt', { keys: $S, verify: { aud: false, iss: false, sub: false }, validate: () => ({ isValid: true }) });",
    sink: 'the JWT key of `server.auth.strategy` (@hapi/jwt)',
    env: 'JWT_SECRET',
  },
  {
    module: '@hapi/jwt',
    path: 'Strategy[jwt].Argument[2].Member[keys].Member[key]',
    code: "import Jwt from '@hapi/jwt';\nawait server.register(Jwt);\nserver.auth.strategy('token', 'jwt', { keys: { key: $S, algorithms: ['HS256'] }, verify: false });",
    sink: 'the JWT key of `server.auth.strategy` (@hapi/jwt)',
    env: 'JWT_SECRET',
  },
  {
    module: '@hapi/jwt',
    path: 'Member[token].Member[generate].Argument[1]',
    code: "import Jwt from '@hapi/jwt';\nconst token = Jwt.token.generate({ sub: 'u1' }, $S);",
    sink: 'the signing key of `Jwt.token.generate` (@hapi/jwt)',
    env: 'JWT_SECRET',
  },
  {
    module: '@hapi/jwt',
    path: 'Member[token].Member[generate].Argument[1].Member[key]',
    code: "const Jwt = require('@hapi/jwt');\nconst token = Jwt.token.generate({ sub: 'u1' }, { key: $S, algorithm: 'HS512' }, { ttlSec: 600 });",
    sink: 'the signing key of `Jwt.token.generate` (@hapi/jwt)',
    env: 'JWT_SECRET',
  },
  {
    module: 'hapi-auth-jwt2',
    path: 'Strategy[jwt].Argument[2].Member[key]',
    code: "const HapiJwt = require('hapi-auth-jwt2');\nawait server.register(HapiJwt);\nserver.auth.strategy('jwt', 'jwt', { key: $S, validate: async () => ({ isValid: true }) });",
    sink: 'the JWT key of `server.auth.strategy` (hapi-auth-jwt2)',
    env: 'JWT_SECRET',
  },
  {
    module: '@hapi/cookie',
    path: 'Strategy[cookie].Argument[2].Member[cookie].Member[password]',
    code: "import Cookie from '@hapi/cookie';\nawait server.register(Cookie);\nserver.auth.strategy('session', 'cookie', { cookie: { name: 'sid', password: $S, isSecure: true } });",
    sink: 'the cookie password of `server.auth.strategy` (@hapi/cookie)',
    env: 'COOKIE_PASSWORD',
  },
  {
    module: 'cookie-signature',
    path: 'Member[sign,unsign].Argument[1]',
    code: "import signature from 'cookie-signature';\nsignature.sign(value, $S);",
    sink: 'the cookie signing secret of `signature.sign` (cookie-signature)',
    env: 'COOKIE_SECRET',
  },
  {
    module: '@fastify/cookie',
    path: 'Plugin.Argument[1].Member[secret]',
    code: "fastify.register(require('@fastify/cookie'), { secret: $S });",
    sink: 'the cookie signing secret of `fastify.register` (@fastify/cookie)',
    env: 'COOKIE_SECRET',
  },
  {
    module: '@fastify/session',
    path: 'Plugin.Argument[1].Member[secret]',
    code: "const fastifySession = require('@fastify/session');\nfastify.register(fastifySession, { secret: $S, cookie: { secure: true } });",
    sink: 'the session secret of `fastify.register` (@fastify/session)',
    env: 'SESSION_SECRET',
  },
  {
    module: '@fastify/secure-session',
    path: 'Plugin.Argument[1].Member[secret,key]',
    code: "import secureSession from '@fastify/secure-session';\nawait app.register(secureSession, { key: Buffer.from($S, 'hex') });",
    sink: 'the session key of `app.register` (@fastify/secure-session)',
    env: 'SESSION_SECRET',
  },
  {
    module: 'koa',
    path: 'Instance.Member[keys].Assigned',
    code: "import Koa from 'koa';\nconst app = new Koa();\napp.keys = [$S];",
    sink: 'the cookie signing keys of `app.keys` (koa)',
    env: 'COOKIE_SECRET',
  },
  {
    module: 'koa',
    path: 'Argument[0].Member[keys]',
    code: "const Koa = require('koa');\nconst app = new Koa({ keys: [$S], proxy: true });",
    sink: 'the cookie signing keys of `Koa` (koa)',
    env: 'COOKIE_SECRET',
  },
  {
    module: 'next-auth/jwt',
    path: 'Member[getToken,encode,decode].Argument[0].Member[secret]',
    code: "import { getToken } from 'next-auth/jwt';\nconst token = await getToken({ req, secret: $S });",
    sink: 'the NextAuth secret of `getToken` (next-auth/jwt)',
    env: 'NEXTAUTH_SECRET',
  },
  {
    module: '@auth/core',
    path: 'Member[Auth].Argument[1].Member[secret]',
    code: "import { Auth } from '@auth/core';\nconst response = await Auth(request, { providers: [], secret: $S });",
    sink: 'the Auth.js secret of `Auth` (@auth/core)',
    env: 'AUTH_SECRET',
  },
  {
    module: '@auth/express',
    path: 'Member[ExpressAuth].Argument[0].Member[secret]',
    code: "import { ExpressAuth } from '@auth/express';\napp.use('/auth/*', ExpressAuth({ providers: [], secret: $S }));",
    sink: 'the Auth.js secret of `ExpressAuth` (@auth/express)',
    env: 'AUTH_SECRET',
  },
  {
    module: 'iron-session',
    path: 'Member[getIronSession].Argument[1].Member[password]',
    code: "import { getIronSession } from 'iron-session';\nconst session = await getIronSession(await cookies(), { cookieName: 'sid', password: $S });",
    sink: 'the session password of `getIronSession` (iron-session)',
    env: 'SESSION_PASSWORD',
  },
  {
    module: 'iron-session',
    path: 'Member[getIronSession].Argument[2].Member[password]',
    code: "import { getIronSession } from 'iron-session';\nconst session = await getIronSession(req, res, { password: $S, cookieName: 'sid' });",
    sink: 'the session password of `getIronSession` (iron-session)',
    env: 'SESSION_PASSWORD',
  },
  {
    module: 'iron-session',
    path: 'Member[sealData,unsealData].Argument[1].Member[password]',
    code: "import { sealData } from 'iron-session';\nconst seal = await sealData({ id: 1 }, { password: $S });",
    sink: 'the session password of `sealData` (iron-session)',
    env: 'SESSION_PASSWORD',
  },
  {
    module: 'iron-session/express',
    path: 'Member[ironSession].Argument[0].Member[password]',
    code: "import { ironSession } from 'iron-session/express';\napp.use(ironSession({ cookieName: 'sid', password: $S }));",
    sink: 'the session password of `ironSession` (iron-session/express)',
    env: 'SESSION_PASSWORD',
  },
];

function sinkInvalid(entry: SinkCase): Invalid {
  const value = entry.value?.text ?? SINK_VALUE;
  const code = entry.code.replace('$S', value);
  return {
    name: `sink: ${entry.module} ${entry.path}`,
    code,
    errors: [
      {
        messageId: 'secretSink',
        ...at(code, value),
        data: { sink: entry.sink, preview: entry.value?.preview ?? 'Zq8****' },
        suggestions: [{ messageId: 'useEnv', data: { env: entry.env }, output: entry.code.replace('$S', `process.env.${entry.env}`) }],
      },
    ],
  };
}

/** Reads like a placeholder (`isPlaceholder` says so), and is still the secret the sink uses. */
const PLACEHOLDER_VALUE = 'your-secret-here';

function proofOf(entry: SinkCase): SinkProof {
  const model = secretSinks.find((sink) => sink.module === entry.module && sink.path === entry.path);
  if (model === undefined) throw new Error(`no sink model for ${entry.module} ${entry.path}`);
  return model.proves;
}

/** A placeholder at a sink the application defines (`key`) or runs (`password`) is reported; at a provider credential it is not. */
function sinkPlaceholderInvalid(entry: SinkCase): Invalid {
  const code = entry.code.replace('$S', `'${PLACEHOLDER_VALUE}'`);
  return {
    name: `placeholder at ${entry.module} ${entry.path}`,
    code,
    errors: [
      {
        messageId: 'secretSink',
        ...at(code, `'${PLACEHOLDER_VALUE}'`),
        data: { sink: entry.sink, preview: 'your****' },
        suggestions: [{ messageId: 'useEnv', data: { env: entry.env }, output: entry.code.replace('$S', `process.env.${entry.env}`) }],
      },
    ],
  };
}

function sinkPlaceholderValid(entry: SinkCase): Valid {
  return { name: `placeholder at ${entry.module} ${entry.path}`, code: entry.code.replace('$S', `'${PLACEHOLDER_VALUE}'`) };
}

ruleTester.run('no-hardcoded-secrets: placeholders where the sink proves the secret', rule, {
  valid: sinkCases.filter((entry) => proofOf(entry) === 'credential').map(sinkPlaceholderValid),
  invalid: sinkCases.filter((entry) => proofOf(entry) !== 'credential').map(sinkPlaceholderInvalid),
});

describe('sink table', () => {
  it('covers every built-in sink', () => {
    const covered = new Set(sinkCases.map((entry) => `${entry.module} ${entry.path}`));
    expect(secretSinks.map((sink) => `${sink.module} ${sink.path}`).filter((key) => !covered.has(key))).toEqual([]);
  });
  it('tests a placeholder at every sink, reported where the sink proves the secret', () => {
    expect(isPlaceholder(PLACEHOLDER_VALUE)).toBe(true);
    const proofs = new Set(sinkCases.map(proofOf));
    expect([...proofs].sort()).toEqual(['credential', 'key', 'password']);
  });
  it('parses every sink path', () => {
    expect(unparsedSinkPaths()).toEqual([]);
  });
});

ruleTester.run('no-hardcoded-secrets: secret sinks', rule, {
  valid: [
    { name: 'environment read', code: "import jwt from 'jsonwebtoken';\njwt.sign(payload, process.env.JWT_SECRET);" },
    { name: 'a placeholder for a provider key is an unfilled slot', code: "import Stripe from 'stripe';\nnew Stripe('changeme');" },
    { name: 'empty string', code: "import session from 'express-session';\napp.use(session({ secret: '' }));" },
    { name: 'a `sign` that is not jsonwebtoken', code: "const jwt = { sign: (a, b) => b };\njwt.sign(payload, 'Zq8-hunter2-Lm4');" },
    { name: 'a local module', code: "import { sign } from './jwt';\nsign(payload, 'Zq8-hunter2-Lm4');" },
    { name: 'the algorithm argument is not the key', code: "import crypto from 'node:crypto';\ncrypto.createHmac('sha256', key);" },
    { name: 'a `let` that is reassigned', code: "import jwt from 'jsonwebtoken';\nlet key = 'Zq8-hunter2-Lm4';\nkey = load();\njwt.sign(payload, key);" },
    { name: 'the user name is not a secret', code: "import { Pool } from 'pg';\nnew Pool({ user: 'orders', password: process.env.PGPASSWORD });" },
    { name: 'bearer token from a variable', code: "fetch(url, { headers: { Authorization: `Bearer ${token}` } });" },
    { name: 'bearer placeholder', code: "fetch(url, { headers: { Authorization: 'Bearer <token>' } });" },
    { name: 'bearer scheme concatenated with a variable', code: "fetch(url, { headers: { Authorization: 'Bearer ' + token } });" },
    { name: 'bearer scheme alone', code: "const headers = { Authorization: 'Bearer' };" },
    { name: 'other headers', code: "fetch(url, { headers: { 'Content-Type': 'application/json', Accept: 'text/plain; q=0.5' } });" },
  ],
  invalid: [
    ...sinkCases.map(sinkInvalid),
    {
      name: 'a const resolved to the sink',
      code: "import jwt from 'jsonwebtoken';\nconst KEY = 'Zq8-hunter2-Lm4';\nexport const token = jwt.sign(payload, KEY);",
      errors: [
        {
          messageId: 'secretSink',
          line: 2,
          column: 13,
          endColumn: 30,
          data: { sink: 'the signing key of `jwt.sign` (jsonwebtoken)', preview: 'Zq8****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'JWT_SECRET' },
              output: "import jwt from 'jsonwebtoken';\nconst KEY = process.env.JWT_SECRET;\nexport const token = jwt.sign(payload, KEY);",
            },
          ],
        },
      ],
    },
    {
      name: 'a const with a specific name keeps it',
      code: "import jwt from 'jsonwebtoken';\nconst ORDERS_SIGNING_KEY = 'Zq8-hunter2-Lm4';\njwt.verify(token, ORDERS_SIGNING_KEY);",
      errors: [
        {
          messageId: 'secretSink',
          line: 2,
          column: 28,
          endColumn: 45,
          data: { sink: 'the verification key of `jwt.verify` (jsonwebtoken)', preview: 'Zq8****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'ORDERS_SIGNING_KEY' },
              output: "import jwt from 'jsonwebtoken';\nconst ORDERS_SIGNING_KEY = process.env.ORDERS_SIGNING_KEY;\njwt.verify(token, ORDERS_SIGNING_KEY);",
            },
          ],
        },
      ],
    },
    {
      name: 'a config object resolved to the sink',
      code: "import jwt from 'jsonwebtoken';\nconst config = { jwt: { secret: 'Zq8-hunter2-Lm4' } };\njwt.sign(payload, config.jwt.secret);",
      errors: [
        {
          messageId: 'secretSink',
          line: 2,
          column: 33,
          endColumn: 50,
          data: { sink: 'the signing key of `jwt.sign` (jsonwebtoken)', preview: 'Zq8****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'JWT_SECRET' },
              output: "import jwt from 'jsonwebtoken';\nconst config = { jwt: { secret: process.env.JWT_SECRET } };\njwt.sign(payload, config.jwt.secret);",
            },
          ],
        },
      ],
    },
    {
      name: 'an options object held in a const and spread',
      code: "import session from 'express-session';\nconst base = { secret: 'Zq8-hunter2-Lm4' };\napp.use(session({ ...base, resave: false }));",
      errors: [
        {
          messageId: 'secretSink',
          line: 2,
          column: 24,
          endColumn: 41,
          data: { sink: 'the session secret of `session` (express-session)', preview: 'Zq8****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'SESSION_SECRET' },
              output: "import session from 'express-session';\nconst base = { secret: process.env.SESSION_SECRET };\napp.use(session({ ...base, resave: false }));",
            },
          ],
        },
      ],
    },
    {
      name: 'destructured from the default import',
      code: "import jwt from 'jsonwebtoken';\nconst { sign } = jwt;\nsign(payload, 'short');",
      errors: [
        {
          messageId: 'secretSink',
          line: 3,
          column: 15,
          endColumn: 22,
          data: { sink: 'the signing key of `sign` (jsonwebtoken)', preview: 's****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'JWT_SECRET' }, output: "import jwt from 'jsonwebtoken';\nconst { sign } = jwt;\nsign(payload, process.env.JWT_SECRET);" }],
        },
      ],
    },
    {
      name: 'require and call in one expression',
      code: "const stripe = require('stripe')('Zq8-hunter2-Lm4');",
      errors: [
        {
          messageId: 'secretSink',
          line: 1,
          column: 34,
          endColumn: 51,
          data: { sink: "the API key of `require('stripe')`", preview: 'Zq8****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'STRIPE_SECRET_KEY' }, output: "const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);" }],
        },
      ],
    },
    {
      name: 'a secret fallback in a sink, whatever its entropy',
      code: "import jwt from 'jsonwebtoken';\njwt.sign(payload, process.env.JWT_SECRET || 'dev');",
      errors: [
        {
          messageId: 'sinkFallback',
          line: 2,
          column: 45,
          endColumn: 50,
          data: { sink: 'the signing key of `jwt.sign` (jsonwebtoken)', name: 'process.env.JWT_SECRET', preview: '****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'JWT_SECRET' }, output: "import jwt from 'jsonwebtoken';\njwt.sign(payload, process.env.JWT_SECRET);" }],
        },
      ],
    },
    {
      name: 'both branches of a conditional',
      code: "import Stripe from 'stripe';\nnew Stripe(live ? 'Zq8-hunter2-Lm4' : 'Kp2-hunter3-Wx9');",
      errors: [
        {
          messageId: 'secretSink',
          line: 2,
          column: 19,
          endColumn: 36,
          data: { sink: 'the API key of `Stripe` (stripe)', preview: 'Zq8****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'STRIPE_SECRET_KEY' }, output: "import Stripe from 'stripe';\nnew Stripe(live ? process.env.STRIPE_SECRET_KEY : 'Kp2-hunter3-Wx9');" }],
        },
        {
          messageId: 'secretSink',
          line: 2,
          column: 39,
          endColumn: 56,
          data: { sink: 'the API key of `Stripe` (stripe)', preview: 'Kp2****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'STRIPE_SECRET_KEY' }, output: "import Stripe from 'stripe';\nnew Stripe(live ? 'Zq8-hunter2-Lm4' : process.env.STRIPE_SECRET_KEY);" }],
        },
      ],
    },
    {
      name: 'a provider key in a sink is named by its format',
      code: `import Stripe from 'stripe';\nnew Stripe('${'sk_' + 'live_'}${'4eC39HqLyjWDarjt' + 'T1zdp7dc'}');`,
      errors: [
        {
          messageId: 'providerKey',
          line: 2,
          column: 12,
          endColumn: 46,
          data: { kind: 'Stripe live secret key', preview: 'sk_l****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'STRIPE_SECRET_KEY' }, output: "import Stripe from 'stripe';\nnew Stripe(process.env.STRIPE_SECRET_KEY);" }],
        },
      ],
    },
    {
      name: 'Authorization header with a bearer token',
      code: "await fetch(url, { headers: { Authorization: 'Bearer 9f8e7d6c5b4a3210' } });",
      errors: [
        {
          messageId: 'secretSink',
          line: 1,
          column: 46,
          endColumn: 71,
          data: { sink: 'the `Authorization` header of `fetch`', preview: '9f8e****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'API_TOKEN' },
              output: 'await fetch(url, { headers: { Authorization: `Bearer ${process.env.API_TOKEN}` } });',
            },
          ],
        },
      ],
    },
    {
      name: 'Authorization header set with Basic credentials',
      code: "req.setHeader('authorization', 'Basic b3JkZXJzOmh1bnRlcjI=');",
      errors: [
        {
          messageId: 'secretSink',
          line: 1,
          column: 32,
          endColumn: 60,
          data: { sink: 'the `authorization` header of `req.setHeader`', preview: 'b3Jk****' },
          suggestions: [
            { messageId: 'useEnv', data: { env: 'API_TOKEN' }, output: 'req.setHeader(\'authorization\', `Basic ${process.env.API_TOKEN}`);' },
          ],
        },
      ],
    },
    {
      name: 'Authorization header in a static concatenation',
      code: "headers.set('Authorization', 'Bearer ' + '9f8e7d6c5b4a3210');",
      errors: [
        {
          messageId: 'secretSink',
          line: 1,
          column: 30,
          endColumn: 60,
          data: { sink: 'the `Authorization` header of `headers.set`', preview: '9f8e****' },
          suggestions: [],
        },
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------------------
// Names, fallbacks, templates, concatenation, placeholders and public values.
// ---------------------------------------------------------------------------------------------------------

const STRIPE_KEY = 'sk_' + 'live_' + '4eC39HqLyjWDarjt' + 'T1zdp7dc';
const GOOGLE_KEY = 'AI' + 'za' + 'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q';

ruleTester.run('no-hardcoded-secrets: names and values', rule, {
  valid: [
    { name: 'environment reads', code: 'const apiKey = process.env.API_KEY;\nconst secret = import.meta.env.VITE_SECRET;' },
    { name: 'low entropy under a secret name', code: "const password = 'aaaabbbb1';" },
    { name: 'short value under a secret name', code: "const apiKey = 'k8#Lq';" },
    { name: 'a lone word', code: "const labels = { password: 'Password', token: 'Token' };" },
    { name: 'i18n text with the word password', code: "const fr = { password: 'Mot de passe', passwordHint: 'Entrez votre mot de passe', forgotPassword: 'Mot de passe oublié ?' };" },
    { name: 'i18n single word in another language', code: "const es = { password: 'Contraseña' };" },
    { name: 'field names and header names', code: "const fields = { token: 'access_token', apiKey: 'x-api-key', password: 'new-password' };" },
    { name: 'names that are not secrets', code: "const tokenUrl = 'https://auth.orders.dev/oauth/token';\nconst passwordHash = '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy';\nconst cacheKey = 'Zq8-hunter2-Lm4-Rt5';" },
    { name: 'empty string', code: "const apiKey = '';" },
    { name: 'placeholders', code: "const a = { apiKey: 'your-api-key', token: '<token>', secret: 'changeme', password: '********', clientSecret: 'xxxxxxxxxxxxxxxx', key: '${API_KEY}' };" },
    { name: 'one repeated character', code: "const apiKey = 'aaaaaaaaaaaaaaaaaaaa';\nconst value = '" + 'sk_' + 'live_' + "000000000000000000000000';" },
    { name: 'example keys', code: "const awsAccessKeyId = 'AK" + 'IAIOSFODNN7EXAMPLE' + "';" },
    { name: 'a UUID under a secret name', code: "const token = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';" },
    { name: 'a hash under a hash name', code: "const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';" },
    { name: 'a file path and an env var name', code: "const privateKey = './keys/private.pem';\nconst apiKey = 'OPENAI_API_KEY';" },
    {
      name: 'dotted config keys whose parts are names (short, or long with few digits)',
      code: "const keys = { mailApiKey: 'services.mail.apiKey', jwtSecret: 'auth:jwt:secret2', token: 'settings.notificationsProviderToken.v2' };",
    },
    { name: 'publishable keys are public', code: `const stripePublishableKey = '${'pk_' + 'live_'}51H8fKlAbCdEfGhIjKlMnOpQr';\nconst apiKey = '${'pk_' + 'test_'}51H8fKlAbCdEfGhIjKlMnOpQr';` },
    {
      name: 'Firebase web config is public',
      code: `initializeApp({ apiKey: '${GOOGLE_KEY}', authDomain: 'orders.firebaseapp.com', projectId: 'orders' });`,
    },
    { name: 'public key and certificate', code: "const publicKey = '-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\\n-----END PUBLIC KEY-----';" },
    { name: 'Google OAuth client ID', code: "const clientId = '123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com';" },
    { name: 'cursor tokens', code: "const nextPageToken = 'CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA';" },
    { name: 'a template with an interpolated password', code: 'const url = `postgres://app:${password}@db.internal:5432/orders`;' },
    {
      name: 'default passwords of databases on the local machine',
      code: "const url = 'postgres://postgres:postgres@localhost:5432/app';\nconst mongo = 'mongodb://root:example@127.0.0.1:27017';\nconst amqp = 'amqp://guest:guest@localhost:5672';",
    },
    { name: 'fallback that is empty', code: "const token = process.env.TOKEN || '';" },
    { name: 'fallback of a setting that is not a secret', code: "const region = process.env.AWS_REGION || 'eu-west-1';" },
    { name: 'type positions', code: "type Field = 'password' | 'apiKey';\ninterface Creds { 'x-api-key': string }" },
    { name: 'keys and module names', code: "import secrets from './secrets';\nconst m = { 'Zq8-hunter2-Lm4': 1 };\nconst v = m['sk-hunter2-Lm4'];" },
    { name: 'an enum member named like a secret with a word value', code: "enum Field { Password = 'password' }" },
    {
      name: 'names of secrets mapped to themselves (the keys a secret store is read with)',
      code: "const SecretName = {\n  billing_secretKey: 'billing_secretKey',\n  sync_accessToken: 'sync_accessToken',\n  BANK_CLIENT_SECRET: 'bank-client-secret',\n};",
    },
    {
      name: 'a list of weak passwords the app refuses',
      code: "const badPasswords = ['1234567890', 'qwertyuiop', 'asdfghjkl1', '1qaz2wsx3edc'];\nconst bannedPasswords = new Set(['password123!', 'letmein2024']);",
    },
  ],
  invalid: [
    {
      name: 'a token with dots between random parts is not a dotted config key',
      code: "const mail = { mailerApiKey: 'MK.x7Rq2Wd9LpZ3vB8nK4sT1y.Hc5Fj0Qm6Ne2Ra8Uw3Zk7Lp1Vd4Gs9Tb2Xy6Jq0' };",
      errors: [
        {
          messageId: 'namedSecret',
          line: 1,
          data: { name: 'mailerApiKey', preview: 'MK.x****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'MAILER_API_KEY' }, output: 'const mail = { mailerApiKey: process.env.MAILER_API_KEY };' }],
        },
      ],
    },
    {
      name: 'a value that only starts like its name is still a secret',
      code: "const billing = { secretKey: 'secretKey-9fQ2xLm7Vb' };",
      errors: [
        {
          messageId: 'namedSecret',
          line: 1,
          data: { name: 'secretKey', preview: 'secr****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'SECRET_KEY' }, output: 'const billing = { secretKey: process.env.SECRET_KEY };' }],
        },
      ],
    },
    {
      name: 'a list of accepted API keys is a list of credentials, each read from its own variable',
      code: "const validApiKeys = ['kJ8s7dF6gH5jK4lZ', 'Qm3nB8vC1xZ7aS2d'];",
      errors: [
        {
          messageId: 'namedSecret',
          line: 1,
          column: 23,
          data: { name: 'validApiKeys', preview: 'kJ8s****' },
          suggestions: [
            { messageId: 'useEnv', data: { env: 'VALID_API_KEYS_1' }, output: "const validApiKeys = [process.env.VALID_API_KEYS_1, 'Qm3nB8vC1xZ7aS2d'];" },
          ],
        },
        {
          messageId: 'namedSecret',
          line: 1,
          column: 43,
          data: { name: 'validApiKeys', preview: 'Qm3n****' },
          suggestions: [
            { messageId: 'useEnv', data: { env: 'VALID_API_KEYS_2' }, output: "const validApiKeys = ['kJ8s7dF6gH5jK4lZ', process.env.VALID_API_KEYS_2];" },
          ],
        },
      ],
    },
    {
      name: 'high-entropy value under a secret name',
      code: "const clientSecret = 'kJ8s7dF6gH5jK4lZ';",
      errors: [
        {
          messageId: 'namedSecret',
          line: 1,
          column: 22,
          endColumn: 40,
          data: { name: 'clientSecret', preview: 'kJ8s****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'CLIENT_SECRET' }, output: 'const clientSecret = process.env.CLIENT_SECRET;' }],
        },
      ],
    },
    {
      name: 'an ordinary password that is not a word',
      code: "const config = { db: { password: 'orders2024!' } };",
      errors: [
        {
          messageId: 'namedSecret',
          line: 1,
          column: 34,
          endColumn: 47,
          data: { name: 'password', preview: 'or****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'PASSWORD' }, output: 'const config = { db: { password: process.env.PASSWORD } };' }],
        },
      ],
    },
    {
      name: 'header-style property name',
      code: "const headers = { 'x-api-key': 'a8f5f167f44f4964e6c998dee827110c' };",
      errors: [
        {
          messageId: 'namedSecret',
          line: 1,
          column: 32,
          endColumn: 66,
          data: { name: 'x-api-key', preview: 'a8f5****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'X_API_KEY' }, output: 'const headers = { \'x-api-key\': process.env.X_API_KEY };' }],
        },
      ],
    },
    {
      name: 'class field, default parameter, comparison, setter and assignment',
      code: [
        "class Client { private apiSecret = 'q8Z!vR2#pL9@wX4$'; }",
        "function connect(dbPassword = 'S3cure!Pass#2024') {}",
        "if (input.password === 'Hunt3r2!Xq9#') {}",
        "client.setAuthToken('A1b2C3d4E5f6G7h8');",
        "config.signingKey = 'p0O9i8U7y6T5r4E3';",
      ].join('\n'),
      errors: [
        {
          messageId: 'namedSecret',
          line: 1,
          column: 36,
          endColumn: 54,
          data: { name: 'apiSecret', preview: 'q8Z!****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'API_SECRET' },
              output: [
                'class Client { private apiSecret = process.env.API_SECRET; }',
                "function connect(dbPassword = 'S3cure!Pass#2024') {}",
                "if (input.password === 'Hunt3r2!Xq9#') {}",
                "client.setAuthToken('A1b2C3d4E5f6G7h8');",
                "config.signingKey = 'p0O9i8U7y6T5r4E3';",
              ].join('\n'),
            },
          ],
        },
        {
          messageId: 'namedSecret',
          line: 2,
          column: 31,
          endColumn: 49,
          data: { name: 'dbPassword', preview: 'S3cu****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'DB_PASSWORD' },
              output: [
                "class Client { private apiSecret = 'q8Z!vR2#pL9@wX4$'; }",
                'function connect(dbPassword = process.env.DB_PASSWORD) {}',
                "if (input.password === 'Hunt3r2!Xq9#') {}",
                "client.setAuthToken('A1b2C3d4E5f6G7h8');",
                "config.signingKey = 'p0O9i8U7y6T5r4E3';",
              ].join('\n'),
            },
          ],
        },
        {
          messageId: 'namedSecret',
          line: 3,
          column: 24,
          endColumn: 38,
          data: { name: 'password', preview: 'Hun****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'PASSWORD' },
              output: [
                "class Client { private apiSecret = 'q8Z!vR2#pL9@wX4$'; }",
                "function connect(dbPassword = 'S3cure!Pass#2024') {}",
                'if (input.password === process.env.PASSWORD) {}',
                "client.setAuthToken('A1b2C3d4E5f6G7h8');",
                "config.signingKey = 'p0O9i8U7y6T5r4E3';",
              ].join('\n'),
            },
          ],
        },
        {
          messageId: 'namedSecret',
          line: 4,
          column: 21,
          endColumn: 39,
          data: { name: 'authToken', preview: 'A1b2****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'AUTH_TOKEN' },
              output: [
                "class Client { private apiSecret = 'q8Z!vR2#pL9@wX4$'; }",
                "function connect(dbPassword = 'S3cure!Pass#2024') {}",
                "if (input.password === 'Hunt3r2!Xq9#') {}",
                'client.setAuthToken(process.env.AUTH_TOKEN);',
                "config.signingKey = 'p0O9i8U7y6T5r4E3';",
              ].join('\n'),
            },
          ],
        },
        {
          messageId: 'namedSecret',
          line: 5,
          column: 21,
          endColumn: 39,
          data: { name: 'signingKey', preview: 'p0O9****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'SIGNING_KEY' },
              output: [
                "class Client { private apiSecret = 'q8Z!vR2#pL9@wX4$'; }",
                "function connect(dbPassword = 'S3cure!Pass#2024') {}",
                "if (input.password === 'Hunt3r2!Xq9#') {}",
                "client.setAuthToken('A1b2C3d4E5f6G7h8');",
                'config.signingKey = process.env.SIGNING_KEY;',
              ].join('\n'),
            },
          ],
        },
      ],
    },
    {
      name: 'secret fallback of an environment read, whatever its entropy',
      code: "const jwtSecret = process.env.JWT_SECRET || 'dev-secret';",
      errors: [
        {
          messageId: 'envFallback',
          line: 1,
          column: 45,
          endColumn: 57,
          data: { name: 'process.env.JWT_SECRET', preview: 'de****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'JWT_SECRET' }, output: 'const jwtSecret = process.env.JWT_SECRET;' }],
        },
      ],
    },
    {
      name: 'default database password with ??',
      code: "export const db = { password: process.env['DB_PASSWORD'] ?? 'postgres' };",
      errors: [
        {
          messageId: 'envFallback',
          line: 1,
          column: 61,
          endColumn: 71,
          data: { name: 'process.env.DB_PASSWORD', preview: 'po****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'DB_PASSWORD' }, output: "export const db = { password: process.env['DB_PASSWORD'] };" }],
        },
      ],
    },
    {
      name: 'fallback under a secret variable name',
      code: "const apiKey = process.env.ORDERS_KEY || 'k8#Lq-2';",
      errors: [
        {
          messageId: 'envFallback',
          line: 1,
          column: 42,
          endColumn: 51,
          data: { name: 'process.env.ORDERS_KEY', preview: 'k****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'ORDERS_KEY' }, output: 'const apiKey = process.env.ORDERS_KEY;' }],
        },
      ],
    },
    {
      name: 'provider key from the suggestion keeps a specific variable name',
      code: `const stripeSecretKey = '${STRIPE_KEY}';`,
      errors: [
        {
          messageId: 'providerKey',
          line: 1,
          column: 25,
          endColumn: 59,
          data: { kind: 'Stripe live secret key', preview: 'sk_l****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'STRIPE_SECRET_KEY' }, output: 'const stripeSecretKey = process.env.STRIPE_SECRET_KEY;' }],
        },
      ],
    },
    {
      name: 'provider key under a generic name gets the provider variable',
      code: `const key = '${STRIPE_KEY}';\nconst ordersStripeKey = '${STRIPE_KEY}';`,
      errors: [
        {
          messageId: 'providerKey',
          line: 1,
          column: 13,
          endColumn: 47,
          data: { kind: 'Stripe live secret key', preview: 'sk_l****' },
          suggestions: [
            { messageId: 'useEnv', data: { env: 'STRIPE_SECRET_KEY' }, output: `const key = process.env.STRIPE_SECRET_KEY;\nconst ordersStripeKey = '${STRIPE_KEY}';` },
          ],
        },
        {
          messageId: 'providerKey',
          line: 2,
          column: 25,
          endColumn: 59,
          data: { kind: 'Stripe live secret key', preview: 'sk_l****' },
          suggestions: [
            { messageId: 'useEnv', data: { env: 'ORDERS_STRIPE_KEY' }, output: `const key = '${STRIPE_KEY}';\nconst ordersStripeKey = process.env.ORDERS_STRIPE_KEY;` },
          ],
        },
      ],
    },
    {
      name: 'concatenated key',
      code: `const stripeKey = '${STRIPE_KEY.slice(0, 8)}' + '${STRIPE_KEY.slice(8, 20)}' + '${STRIPE_KEY.slice(20)}';`,
      errors: [
        {
          messageId: 'providerKey',
          line: 1,
          column: 19,
          endColumn: 63,
          data: { kind: 'Stripe live secret key', preview: 'sk_l****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'STRIPE_KEY' }, output: 'const stripeKey = process.env.STRIPE_KEY;' }],
        },
      ],
    },
    {
      name: 'static template literal',
      code: `const stripeKey = \`${STRIPE_KEY}\`;`,
      errors: [
        {
          messageId: 'providerKey',
          line: 1,
          column: 19,
          endColumn: 53,
          data: { kind: 'Stripe live secret key', preview: 'sk_l****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'STRIPE_KEY' }, output: 'const stripeKey = process.env.STRIPE_KEY;' }],
        },
      ],
    },
    {
      name: 'template literal with expressions: the fixed parts are scanned, no suggestion',
      code: 'const url = `mongodb+srv://orders:Qm7vR2pL9wX4@${host}/orders?retryWrites=true`;',
      errors: [
        {
          messageId: 'providerKey',
          line: 1,
          column: 13,
          endColumn: 80,
          data: { kind: 'database URL with an embedded password', preview: 'Qm7****' },
          suggestions: [],
        },
      ],
    },
    {
      name: 'key inside a longer string is spliced into a template',
      code: `const query = 'token=${STRIPE_KEY}&mode=live';`,
      errors: [
        {
          messageId: 'providerKey',
          line: 1,
          column: 15,
          endColumn: 65,
          data: { kind: 'Stripe live secret key', preview: 'sk_l****' },
          suggestions: [
            { messageId: 'useEnv', data: { env: 'STRIPE_SECRET_KEY' }, output: 'const query = `token=${process.env.STRIPE_SECRET_KEY}&mode=live`;' },
          ],
        },
      ],
    },
    {
      name: 'JSX attribute',
      code: `const el = <Checkout apiKey="${STRIPE_KEY}" />;`,
      filename: 'checkout.tsx',
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
      errors: [
        {
          messageId: 'providerKey',
          line: 1,
          column: 29,
          endColumn: 63,
          data: { kind: 'Stripe live secret key', preview: 'sk_l****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'STRIPE_SECRET_KEY' }, output: 'const el = <Checkout apiKey={process.env.STRIPE_SECRET_KEY} />;' }],
        },
      ],
    },
    {
      name: '`as const` is replaced with the literal',
      code: `export const KEYS = { orders: '${STRIPE_KEY}' as const };`,
      errors: [
        {
          messageId: 'providerKey',
          line: 1,
          column: 31,
          endColumn: 65,
          data: { kind: 'Stripe live secret key', preview: 'sk_l****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'STRIPE_SECRET_KEY' }, output: 'export const KEYS = { orders: process.env.STRIPE_SECRET_KEY };' }],
        },
      ],
    },
    {
      name: 'enum member: reported without a suggestion',
      code: `enum Keys { Orders = '${STRIPE_KEY}' }`,
      errors: [{ messageId: 'providerKey', line: 1, column: 22, endColumn: 56, data: { kind: 'Stripe live secret key', preview: 'sk_l****' }, suggestions: [] }],
    },
    {
      name: 'Google API key outside a Firebase config',
      code: `const maps = { key: '${GOOGLE_KEY}' };`,
      errors: [
        {
          messageId: 'providerKey',
          line: 1,
          column: 21,
          endColumn: 62,
          data: { kind: 'Google API key', preview: 'AIza****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'GOOGLE_API_KEY' }, output: 'const maps = { key: process.env.GOOGLE_API_KEY };' }],
        },
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------------------
// Options and test files.
// ---------------------------------------------------------------------------------------------------------

const TEST_KEY = 'sk_' + 'test_' + '4eC39HqLyjWDarjt' + 'T1zdp7dc';
const NAMED = "const clientSecret = 'kJ8s7dF6gH5jK4lZ';";
const DEFAULTS = {
  checks: ['providerKeys', 'testModeKeys', 'sinks', 'names'],
  additionalPatterns: [],
  allowlist: [],
  minEntropy: 3,
  minLength: 8,
  testFiles: ['**/*.test.*', '**/*.spec.*', '**/__tests__/**', '**/__mocks__/**', '**/test/**', '**/tests/**', '**/fixtures/**'],
  testFileChecks: ['providerKeys'],
} satisfies Options[0];

ruleTester.run('no-hardcoded-secrets: options and test files', rule, {
  valid: [
    { name: 'names skipped in test files', code: NAMED, filename: 'src/orders/client.test.ts' },
    { name: 'test-mode keys skipped in test files', code: `const value = '${TEST_KEY}';`, filename: 'tests/orders.ts' },
    { name: 'sinks skipped in test files', code: "import jwt from 'jsonwebtoken';\njwt.sign(p, 'Zq8-hunter2-Lm4');", filename: 'src/__tests__/auth.ts' },
    { name: 'nothing in test files', code: `const value = '${STRIPE_KEY}';`, filename: 'test/fixtures/keys.ts', options: [{ ...DEFAULTS, testFileChecks: [] }] },
    { name: 'allowlist: exact value', code: `const value = '${STRIPE_KEY}';`, options: [{ ...DEFAULTS, allowlist: [STRIPE_KEY] }] },
    { name: 'allowlist: regex', code: NAMED, options: [{ ...DEFAULTS, allowlist: ['/^kJ8s/'] }] },
    { name: 'checks: names off', code: NAMED, options: [{ ...DEFAULTS, checks: ['providerKeys', 'sinks'] }] },
    { name: 'checks: test-mode keys off', code: `const stripeKey = '${TEST_KEY}';`, options: [{ ...DEFAULTS, checks: ['providerKeys', 'sinks', 'names'] }] },
    { name: 'minEntropy raised', code: NAMED, options: [{ ...DEFAULTS, minEntropy: 4.5 }] },
    { name: 'minLength raised', code: NAMED, options: [{ ...DEFAULTS, minLength: 20 }] },
  ],
  invalid: [
    {
      name: 'provider formats still checked in test files',
      code: `const value = '${STRIPE_KEY}';`,
      filename: 'src/orders/client.spec.ts',
      errors: [
        {
          messageId: 'providerKey',
          line: 1,
          column: 15,
          endColumn: 49,
          data: { kind: 'Stripe live secret key', preview: 'sk_l****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'STRIPE_SECRET_KEY' }, output: 'const value = process.env.STRIPE_SECRET_KEY;' }],
        },
      ],
    },
    {
      name: 'testFiles: [] checks test files like any file',
      code: NAMED,
      filename: 'src/orders/client.test.ts',
      options: [{ ...DEFAULTS, testFiles: [] }],
      errors: [
        {
          messageId: 'namedSecret',
          line: 1,
          column: 22,
          endColumn: 40,
          data: { name: 'clientSecret', preview: 'kJ8s****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'CLIENT_SECRET' }, output: 'const clientSecret = process.env.CLIENT_SECRET;' }],
        },
      ],
    },
    {
      name: 'additional pattern',
      code: "const value = 'acme_live_7Hq2Lm9Zx4Rt';",
      options: [{ ...DEFAULTS, additionalPatterns: [{ name: 'Acme live key', pattern: String.raw`\bacme_live_[A-Za-z0-9]{12}\b`, env: 'ACME_KEY' }] }],
      errors: [
        {
          messageId: 'providerKey',
          line: 1,
          column: 15,
          endColumn: 39,
          data: { kind: 'Acme live key', preview: 'acme****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'ACME_KEY' }, output: 'const value = process.env.ACME_KEY;' }],
        },
      ],
    },
    {
      name: 'minEntropy lowered flags weaker values',
      code: "const password = 'aaaabbbb1';",
      options: [{ ...DEFAULTS, minEntropy: 1 }],
      errors: [
        {
          messageId: 'namedSecret',
          line: 1,
          column: 18,
          endColumn: 29,
          data: { name: 'password', preview: 'aa****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'PASSWORD' }, output: 'const password = process.env.PASSWORD;' }],
        },
      ],
    },
    {
      name: 'checks: only names',
      code: `const value = '${STRIPE_KEY}';\n${NAMED}`,
      options: [{ ...DEFAULTS, checks: ['names'] }],
      errors: [
        {
          messageId: 'namedSecret',
          line: 2,
          column: 22,
          endColumn: 40,
          data: { name: 'clientSecret', preview: 'kJ8s****' },
          suggestions: [{ messageId: 'useEnv', data: { env: 'CLIENT_SECRET' }, output: `const value = '${STRIPE_KEY}';\nconst clientSecret = process.env.CLIENT_SECRET;` }],
        },
      ],
    },
  ],
});

// The test-file recogniser is the one every rule uses (`utils/test-files.ts`): with `testFiles`
// unset, `e2e/`, `cypress/`, `__fixtures__/`, `*.e2e-spec.*` and the like are tests here too.
// `testFiles` globs replace it, matched below the working directory.
/** Every option but `testFiles`: test files recognised as by the other rules. */
const SHARED_RECOGNISER: Options[0] = {
  checks: DEFAULTS.checks,
  additionalPatterns: DEFAULTS.additionalPatterns,
  allowlist: DEFAULTS.allowlist,
  minEntropy: DEFAULTS.minEntropy,
  minLength: DEFAULTS.minLength,
  testFileChecks: DEFAULTS.testFileChecks,
};

ruleTester.run('no-hardcoded-secrets: the shared test-file recogniser', rule, {
  valid: [
    { name: 'e2e directory', code: NAMED, filename: 'e2e/login.ts' },
    { name: 'e2e directory, every other option given', code: NAMED, filename: 'e2e/login.ts', options: [SHARED_RECOGNISER] },
    { name: 'cypress spec', code: NAMED, filename: 'cypress/support/login.cy.ts' },
    { name: 'fixtures with underscores', code: NAMED, filename: 'src/__fixtures__/keys.ts' },
    { name: 'e2e-spec file', code: NAMED, filename: 'src/orders/orders.e2e-spec.ts' },
    { name: 'test directory in another case', code: NAMED, filename: 'Tests/orders.ts' },
    { name: 'testFiles glob of its own', code: NAMED, filename: 'qa/login.ts', options: [{ ...SHARED_RECOGNISER, testFiles: ['qa/**'] }] },
  ],
  invalid: [
    {
      name: 'a directory that only starts like a test one',
      code: NAMED,
      filename: 'src/testing/client.ts',
      errors: [{ messageId: 'namedSecret', line: 1, column: 22, endColumn: 40, data: { name: 'clientSecret', preview: 'kJ8s****' }, suggestions: [{ messageId: 'useEnv', data: { env: 'CLIENT_SECRET' }, output: 'const clientSecret = process.env.CLIENT_SECRET;' }] }],
    },
    {
      name: 'testFiles globs replace the default recognition',
      code: NAMED,
      filename: 'src/orders/client.test.ts',
      options: [{ ...SHARED_RECOGNISER, testFiles: ['qa/**'] }],
      errors: [{ messageId: 'namedSecret', line: 1, column: 22, endColumn: 40, data: { name: 'clientSecret', preview: 'kJ8s****' }, suggestions: [{ messageId: 'useEnv', data: { env: 'CLIENT_SECRET' }, output: 'const clientSecret = process.env.CLIENT_SECRET;' }] }],
    },
  ],
});

// ---------------------------------------------------------------------------------------------------------
// Helpers, masking and performance.
// ---------------------------------------------------------------------------------------------------------

describe('analysis helpers', () => {
  it('masks to at most four characters and at most a quarter of the secret', () => {
    expect(maskSecret('abcdefghijklmnopqrstuvwxyz')).toBe('abcd****');
    expect(maskSecret('abcdefgh')).toBe('ab****');
    expect(maskSecret('abc')).toBe('****');
    expect(maskSecret('a`b\ncdefghijklmnop')).toBe('a?b?****');
  });

  it('computes Shannon entropy', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });

  it('splits names and derives environment variables', () => {
    expect(splitWords('stripeSecretKey')).toEqual(['stripe', 'secret', 'key']);
    expect(splitWords('STRIPE_SECRET_KEY')).toEqual(['stripe', 'secret', 'key']);
    expect(splitWords('APIKey')).toEqual(['api', 'key']);
    expect(splitWords('x-api-key')).toEqual(['x', 'api', 'key']);
    expect(splitWords('oauth2Token')).toEqual(['oauth2', 'token']);
    expect(chooseEnvName('stripeSecretKey', 'STRIPE_KEY')).toBe('STRIPE_SECRET_KEY');
    expect(chooseEnvName('apiKey', 'OPENAI_API_KEY')).toBe('OPENAI_API_KEY');
    expect(chooseEnvName('apiKey', undefined)).toBe('API_KEY');
    expect(chooseEnvName(undefined, undefined)).toBe('SECRET');
  });

  it('tells secret-ish names from look-alikes', () => {
    const secretish = ['apiKey', 'dbPassword', 'JWT_SECRET', 'secretOrKey', 'secret2', 'accessToken', 'privateKey', 'clientSecret', 'pass', 'apiKeys'];
    const not = ['apiKeyHeader', 'passwordHash', 'tokenUrl', 'cacheKey', 'publicKey', 'publishableKey', 'nextPageToken', 'accessKeyId', 'secretName', 'key'];
    expect(secretish.filter((name) => !isSecretName(splitWords(name)))).toEqual([]);
    expect(not.filter((name) => isSecretName(splitWords(name)))).toEqual([]);
  });

  it('matches globs', () => {
    expect(matchesGlob('src/a.test.ts', '**/*.test.*')).toBe(true);
    expect(matchesGlob('a.test.ts', '**/*.test.*')).toBe(true);
    expect(matchesGlob('src/tests/deep/a.ts', '**/tests/**')).toBe(true);
    expect(matchesGlob('src/testsuite/a.ts', '**/tests/**')).toBe(false);
    expect(matchesGlob('src/a.ts', 'src/*.ts')).toBe(true);
    expect(matchesGlob('src/x/a.ts', 'src/*.ts')).toBe(false);
    expect(matchesGlob('src/x/a.ts', 'src/?/a.ts')).toBe(true);
    expect(matchesGlob('deep/dir/file.fixture.ts', '*.fixture.ts')).toBe(true);
    expect(matchesGlob(`${'a/'.repeat(200)}b`, `${'**/'.repeat(20)}c`)).toBe(false);
  });
});

function lint(code: string, filename = path.join(process.cwd(), 'src/app.ts')): Linter.LintMessage[] {
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
    { filename },
  );
}

describe('messages never leak the secret', () => {
  it('shows at most the first four characters of any provider key', () => {
    const code = providerCases.map((entry, index) => `const v${index} = '${entry.key}';`).join('\n');
    const named = providerCases.filter((entry) => entry.variable !== undefined);
    const codeWithNames = `${code}\n${named.map((entry, index) => `const ${entry.variable ?? 'x'}${index} = '${entry.key}';`).join('\n')}`;
    const messages = lint(codeWithNames);
    expect(messages.length).toBe(providerCases.length);
    for (const message of messages) {
      expect(message.fatal).toBeUndefined();
      for (const entry of providerCases) {
        const secret = entry.secret ?? entry.key;
        if (secret.length > 8) expect(message.message).not.toContain(secret.slice(0, 5));
      }
    }
  });
});

describe('performance', () => {
  it('lints a file with 5,000 string literals', () => {
    const lines: string[] = [];
    for (let index = 0; index < 1000; index += 1) {
      lines.push(
        `const label${index} = 'Order ${index} has shipped';`,
        `const row${index} = { id: 'ord_${index}', status: 'paid', password: 'Password' };`,
        `const part${index} = 'prefix-' + '${index}' + \`-suffix\`;`,
        `const opaque${index} = '${alnum(40)}';`,
      );
    }
    lines.push(`const stripeKey = '${STRIPE_KEY}';`, "const clientSecret = 'kJ8s7dF6gH5jK4lZ';");
    const code = lines.join('\n');
    expect(code.match(/'/g)?.length).toBeGreaterThan(10_000);
    const messages = lint(code);
    expect(messages.map((message) => message.messageId)).toEqual(['providerKey', 'namedSecret']);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The suggestion reads every credential of a string from the environment, not only the first.
// ---------------------------------------------------------------------------------------------------------

const GITHUB_ONE = 'gh' + 'p_' + alnum(36);
const GITHUB_TWO = 'gh' + 'p_' + alnum(36);
const AWS_KEY_ID = 'AK' + 'IA' + fill(BASE32, 16);
const repeated = `const headers = 'token=${GITHUB_ONE} retry=${GITHUB_ONE}';`;
const twoKinds = `const config = 'gh=${GITHUB_ONE} stripe=${STRIPE_KEY} gh-again=${GITHUB_ONE}';`;
const twoOfAKind = `const config = 'primary=${GITHUB_ONE} fallback=${GITHUB_TWO}';`;

ruleTester.run('no-hardcoded-secrets: several credentials in one string', rule, {
  valid: [],
  invalid: [
    {
      name: 'the same credential twice',
      code: repeated,
      errors: [
        {
          messageId: 'providerKey',
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'GITHUB_TOKEN' },
              output: 'const headers = `token=${process.env.GITHUB_TOKEN} retry=${process.env.GITHUB_TOKEN}`;',
            },
          ],
        },
      ],
    },
    {
      name: 'two kinds of credential, one of them twice',
      code: twoKinds,
      errors: [
        {
          messageId: 'providerKey',
          suggestions: [
            {
              messageId: 'useEnvs',
              data: { envs: '`process.env.GITHUB_TOKEN`, `process.env.STRIPE_SECRET_KEY`' },
              output:
                'const config = `gh=${process.env.GITHUB_TOKEN} stripe=${process.env.STRIPE_SECRET_KEY} gh-again=${process.env.GITHUB_TOKEN}`;',
            },
          ],
        },
      ],
    },
    {
      name: 'two different credentials of one kind get two variables',
      code: twoOfAKind,
      errors: [
        {
          messageId: 'providerKey',
          suggestions: [
            {
              messageId: 'useEnvs',
              data: { envs: '`process.env.GITHUB_TOKEN`, `process.env.GITHUB_TOKEN_2`' },
              output: 'const config = `primary=${process.env.GITHUB_TOKEN} fallback=${process.env.GITHUB_TOKEN_2}`;',
            },
          ],
        },
      ],
    },
    {
      name: 'no suggestion when another credential is a whole URL a variable for a part cannot replace',
      code: `const line = 'key=${AWS_KEY_ID} db=postgres://app:Xv9qT2mLr8Wz4Kp@db.internal/shop';`,
      errors: [{ messageId: 'providerKey', suggestions: [] }],
    },
  ],
});

describe('the suggested string is the original one, read from the environment', () => {
  it.each([
    ['headers', repeated, { GITHUB_TOKEN: GITHUB_ONE }],
    ['config', twoKinds, { GITHUB_TOKEN: GITHUB_ONE, STRIPE_SECRET_KEY: STRIPE_KEY }],
    ['config', twoOfAKind, { GITHUB_TOKEN: GITHUB_ONE, GITHUB_TOKEN_2: GITHUB_TWO }],
  ])('%s', (variable, code, env) => {
    const [message] = lint(code);
    const fix = message?.suggestions?.[0]?.fix;
    expect(fix).toBeDefined();
    const fixed = code.slice(0, fix!.range[0]) + fix!.text + code.slice(fix!.range[1]);
    for (const credential of Object.values(env)) expect(fixed).not.toContain(credential);
    const evaluate = (source: string, processEnv: Record<string, string>): unknown =>
      new Function('process', `${source}\nreturn ${variable};`)({ env: processEnv });
    expect(evaluate(fixed, env)).toBe(evaluate(code, {}));
  });
});
