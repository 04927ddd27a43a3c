/**
 * Knowledge used by `no-hardcoded-secrets`: credential formats, the API slots that take a secret,
 * the words that make a name secret-ish, and the values that are placeholders or public by design.
 *
 * Every regular expression here runs in linear time: each one either starts with a literal prefix or
 * with a negative lookbehind on its own character class (so two attempts never scan the same run of
 * characters), and no two adjacent quantifiers can trade characters with each other.
 */

/** A credential format recognised by its shape. */
export interface SecretPattern {
  /** Stable id, used in tests and docs. */
  readonly id: string;
  /** What the message calls it, e.g. `Stripe live secret key`. */
  readonly kind: string;
  /** Finds the credential inside a string value. A named group `secret` narrows the part that is masked and checked for placeholders. */
  readonly regex: RegExp;
  /**
   * Substrings of which at least one must occur before the regex runs: a cheap prefilter that keeps
   * files with thousands of strings fast. Patterns without keywords must declare `names`.
   */
  readonly keywords?: readonly string[];
  /** The pattern only applies to a value assigned to a name that matches (formats with no prefix of their own). */
  readonly names?: RegExp;
  /** The pattern only applies inside an object literal that has this property with this value. */
  readonly sibling?: { readonly key: string; readonly value: string };
  /** `test`: a test-mode key (reported under its own message and check). Default `live`. */
  readonly mode?: 'live' | 'test';
  /** The match is a whole configuration value (a URL, a JSON document), not a token inside text. */
  readonly wholeValue?: boolean;
  /** Environment variable proposed by the suggestion when the context offers no better name. */
  readonly env: string;
}

/**
 * What a sink slot proves about the string passed to it.
 * - `key`: a key the application itself defines (a session secret, a cookie, JWT or HMAC signing key,
 *   a cipher key). Whatever string is there IS the production key, so a value that reads like a
 *   placeholder (`changeme`, `your-secret-here`) is reported too, and no local default is excused.
 * - `password`: the password of a service the application runs (a database, Redis, an SMTP relay).
 *   Reported even when it reads like a placeholder, except the well-known default password of a
 *   server on the developer's own machine (`host: 'localhost'`).
 * - `credential`: a credential issued by someone else (a provider API key). A placeholder there is an
 *   unfilled slot that authenticates nothing, so it is not reported.
 */
export type SinkProof = 'key' | 'password' | 'credential';

/** A place in a library API that takes a secret, whatever its format. */
export interface SecretSinkModel {
  /** Module name, or a glob (`@aws-sdk/client-*`, `passport-*`). */
  readonly module: string;
  /**
   * Access path from what `require(module)` returns (which is also what a default import gives):
   * - `Member[a,b]`: any of these properties (`*`: any property);
   * - `Argument[n]`: argument `n` of a call or `new` of the value so far; the `Member[...]` steps after
   *   it go into the object passed as that argument;
   * - `Instance`: what the call or `new` so far returns (followed through a `const`);
   * - `Fluent`: that value, or what any chain of method calls on it returns (`new SignJWT(p).setIssuedAt()`);
   * - `Assigned`: the value assigned to the property so far (`app.keys = [...]`), then `Member[...]` into it;
   * - `Plugin` (first step only): the module registered as a plugin, `x.register(module, options)`;
   *   the `Argument[n]` after it reads that `register` call;
   * - `Strategy[scheme]` (first step only): a Hapi `server.auth.strategy(name, 'scheme', options)`
   *   call in a file that imports the module, which registers that auth scheme; the `Argument[n]`
   *   after it reads that call.
   * A string, an array of strings, a conditional or an `env || 'fallback'` at the end are all checked.
   */
  readonly path: string;
  /** What the slot is, in the message: `the signing key of \`jwt.sign\``. */
  readonly role: string;
  /** What the slot proves about the string (see `SinkProof`). */
  readonly proves: SinkProof;
  /**
   * `userinfo`: the slot takes `user:password` (`http.request({ auth })`); the password after the
   * first colon is the secret, and a value without one (a user name alone) proves nothing.
   */
  readonly format?: 'userinfo';
  /** Environment variable proposed by the suggestion. */
  readonly env: string;
}

/**
 * A string value that looks like a credential but is public by design.
 * Matching values are never reported.
 */
export interface PublicValue {
  readonly id: string;
  readonly regex: RegExp;
}

/** A credential format that is public in a given object literal (a Firebase web config). */
export interface PublicContext {
  /** The pattern id whose matches are public here. */
  readonly pattern: string;
  /** The object literal holding the value has at least one of these properties. */
  readonly siblingKeys: readonly string[];
}

/** Credential formats, most specific first: the first pattern that matches names the finding. */
export const secretPatterns = [
  // AWS
  {
    id: 'aws-access-key-id',
    kind: 'AWS access key ID',
    regex: /(?<![\dA-Z])(?:A3T[\dA-Z]|AKIA|ASIA|ABIA|ACCA)[\dA-Z]{16}(?![\dA-Z])/,
    keywords: ['A3T', 'AKIA', 'ASIA', 'ABIA', 'ACCA'],
    env: 'AWS_ACCESS_KEY_ID',
  },
  {
    id: 'aws-secret-access-key',
    kind: 'AWS secret access key',
    regex: /^[\d+/A-Z]{40}$/i,
    names: /secret_?access_?key|aws_?secret/i,
    env: 'AWS_SECRET_ACCESS_KEY',
  },
  // GitHub
  {
    id: 'github-classic-token',
    kind: 'GitHub personal access token (classic)',
    regex: /\bghp_[\dA-Za-z]{36}\b/,
    keywords: ['ghp_'],
    env: 'GITHUB_TOKEN',
  },
  {
    id: 'github-fine-grained-token',
    kind: 'GitHub fine-grained personal access token',
    regex: /\bgithub_pat_\w{82}\b/,
    keywords: ['github_pat_'],
    env: 'GITHUB_TOKEN',
  },
  {
    id: 'github-oauth-token',
    kind: 'GitHub OAuth access token',
    regex: /\bgho_[\dA-Za-z]{36}\b/,
    keywords: ['gho_'],
    env: 'GITHUB_TOKEN',
  },
  {
    id: 'github-app-token',
    kind: 'GitHub App token',
    regex: /\bgh[su]_[\dA-Za-z]{36}\b/,
    keywords: ['ghs_', 'ghu_'],
    env: 'GITHUB_TOKEN',
  },
  {
    id: 'github-refresh-token',
    kind: 'GitHub refresh token',
    regex: /\bghr_[\dA-Za-z]{36,76}\b/,
    keywords: ['ghr_'],
    env: 'GITHUB_REFRESH_TOKEN',
  },
  // GitLab
  {
    id: 'gitlab-personal-token',
    kind: 'GitLab personal access token',
    regex: /(?<![\w-])glpat-[\w-]{20,}/,
    keywords: ['glpat-'],
    env: 'GITLAB_TOKEN',
  },
  {
    id: 'gitlab-deploy-token',
    kind: 'GitLab deploy token',
    regex: /(?<![\w-])gldt-[\w-]{20,}/,
    keywords: ['gldt-'],
    env: 'GITLAB_DEPLOY_TOKEN',
  },
  {
    id: 'gitlab-runner-token',
    kind: 'GitLab runner token',
    regex: /(?<![\w-])glrt-[\w-]{20,}/,
    keywords: ['glrt-'],
    env: 'GITLAB_RUNNER_TOKEN',
  },
  {
    id: 'gitlab-pipeline-trigger-token',
    kind: 'GitLab pipeline trigger token',
    regex: /(?<![\w-])glptt-[\da-f]{40}(?![\w-])/,
    keywords: ['glptt-'],
    env: 'GITLAB_TRIGGER_TOKEN',
  },
  {
    id: 'gitlab-runner-registration-token',
    kind: 'GitLab runner registration token',
    regex: /(?<![\w-])GR1348941[\w-]{20}(?![\w-])/,
    keywords: ['GR1348941'],
    env: 'GITLAB_RUNNER_REGISTRATION_TOKEN',
  },
  // Slack
  {
    id: 'slack-bot-token',
    kind: 'Slack bot token',
    regex: /(?<![\w-])xoxb-\d{10,13}-\d{10,13}-[\dA-Za-z]{24,34}(?![\w-])/,
    keywords: ['xoxb-'],
    env: 'SLACK_BOT_TOKEN',
  },
  {
    id: 'slack-user-token',
    kind: 'Slack user token',
    regex: /(?<![\w-])xox[ep](?:-\d{10,13}){3}-[\dA-Za-z]{28,34}(?![\w-])/,
    keywords: ['xoxp-', 'xoxe-'],
    env: 'SLACK_USER_TOKEN',
  },
  {
    id: 'slack-app-token',
    kind: 'Slack app-level token',
    regex: /(?<![\w-])xapp-\d-[\dA-Z]{9,12}-\d{10,13}-[\da-f]{64}(?![\w-])/,
    keywords: ['xapp-'],
    env: 'SLACK_APP_TOKEN',
  },
  {
    id: 'slack-webhook-url',
    kind: 'Slack incoming webhook URL',
    regex: /https:\/\/hooks\.slack\.com\/services\/T[\dA-Z]{8,12}\/B[\dA-Z]{8,12}\/[\dA-Za-z]{24}(?![\dA-Za-z])/,
    keywords: ['hooks.slack.com'],
    wholeValue: true,
    env: 'SLACK_WEBHOOK_URL',
  },
  // Stripe (publishable keys, `pk_`, are public: see `publicValues`)
  {
    id: 'stripe-live-secret-key',
    kind: 'Stripe live secret key',
    regex: /\bsk_live_[\dA-Za-z]{24,}\b/,
    keywords: ['sk_live_'],
    env: 'STRIPE_SECRET_KEY',
  },
  {
    id: 'stripe-test-secret-key',
    kind: 'Stripe test secret key',
    regex: /\bsk_test_[\dA-Za-z]{24,}\b/,
    keywords: ['sk_test_'],
    mode: 'test',
    env: 'STRIPE_SECRET_KEY',
  },
  {
    id: 'stripe-live-restricted-key',
    kind: 'Stripe live restricted key',
    regex: /\brk_live_[\dA-Za-z]{24,}\b/,
    keywords: ['rk_live_'],
    env: 'STRIPE_RESTRICTED_KEY',
  },
  {
    id: 'stripe-test-restricted-key',
    kind: 'Stripe test restricted key',
    regex: /\brk_test_[\dA-Za-z]{24,}\b/,
    keywords: ['rk_test_'],
    mode: 'test',
    env: 'STRIPE_RESTRICTED_KEY',
  },
  {
    id: 'stripe-webhook-secret',
    kind: 'Stripe webhook signing secret',
    regex: /\bwhsec_[\d+/A-Za-z]{32,}/,
    keywords: ['whsec_'],
    env: 'STRIPE_WEBHOOK_SECRET',
  },
  // Google
  {
    id: 'google-api-key',
    kind: 'Google API key',
    regex: /(?<![\w-])AIza[\w-]{35}(?![\w-])/,
    keywords: ['AIza'],
    env: 'GOOGLE_API_KEY',
  },
  {
    id: 'google-oauth-client-secret',
    kind: 'Google OAuth client secret',
    regex: /(?<![\w-])GOCSPX-[\w-]{28}(?![\w-])/,
    keywords: ['GOCSPX-'],
    env: 'GOOGLE_CLIENT_SECRET',
  },
  {
    id: 'google-service-account-json',
    kind: 'Google service-account private key',
    regex: /"private_key"\s*:\s*"-----BEGIN (?:RSA )?PRIVATE KEY-----/,
    keywords: ['"private_key"'],
    wholeValue: true,
    env: 'GOOGLE_SERVICE_ACCOUNT_KEY',
  },
  {
    id: 'google-service-account-private-key',
    kind: 'Google service-account private key',
    regex: /-----BEGIN (?:RSA )?PRIVATE KEY-----/,
    keywords: ['PRIVATE KEY'],
    sibling: { key: 'type', value: 'service_account' },
    wholeValue: true,
    env: 'GOOGLE_PRIVATE_KEY',
  },
  // AI providers
  {
    id: 'openai-api-key',
    kind: 'OpenAI API key',
    regex: /(?<![\w-])sk-[\w-]{16,}T3BlbkFJ[\w-]{16,}/,
    keywords: ['T3BlbkFJ'],
    env: 'OPENAI_API_KEY',
  },
  {
    id: 'anthropic-api-key',
    kind: 'Anthropic API key',
    regex: /(?<![\w-])sk-ant-(?:api|admin)\d{2}-[\w-]{80,120}(?![\w-])/,
    keywords: ['sk-ant-'],
    env: 'ANTHROPIC_API_KEY',
  },
  {
    id: 'huggingface-token',
    kind: 'Hugging Face access token',
    regex: /\bhf_[A-Za-z]{34}\b/,
    keywords: ['hf_'],
    env: 'HF_TOKEN',
  },
  {
    id: 'groq-api-key',
    kind: 'Groq API key',
    regex: /\bgsk_[\dA-Za-z]{52}\b/,
    keywords: ['gsk_'],
    env: 'GROQ_API_KEY',
  },
  // Messaging and email
  {
    id: 'twilio-api-key',
    kind: 'Twilio API key',
    regex: /\bSK[\da-f]{32}\b/,
    keywords: ['SK'],
    env: 'TWILIO_API_KEY',
  },
  {
    id: 'twilio-auth-token',
    kind: 'Twilio auth token',
    regex: /^[\da-f]{32}$/,
    names: /twilio|auth_?token/i,
    env: 'TWILIO_AUTH_TOKEN',
  },
  {
    id: 'sendgrid-api-key',
    kind: 'SendGrid API key',
    regex: /(?<![\w.-])SG\.[\w-]{22}\.[\w-]{43}(?![\w-])/,
    keywords: ['SG.'],
    env: 'SENDGRID_API_KEY',
  },
  {
    id: 'mailgun-api-key',
    kind: 'Mailgun API key',
    regex: /(?<![\w-])key-[\da-f]{32}(?![\w-])/,
    keywords: ['key-'],
    env: 'MAILGUN_API_KEY',
  },
  {
    id: 'mailgun-private-key',
    kind: 'Mailgun API key',
    regex: /(?<![\da-f-])[\da-f]{32}-[\da-f]{8}-[\da-f]{8}(?![\da-f-])/,
    keywords: ['-'],
    env: 'MAILGUN_API_KEY',
  },
  {
    id: 'mailchimp-api-key',
    kind: 'Mailchimp API key',
    regex: /(?<![\da-f])[\da-f]{32}-us\d{1,2}(?!\d)/,
    keywords: ['-us'],
    env: 'MAILCHIMP_API_KEY',
  },
  {
    id: 'discord-bot-token',
    kind: 'Discord bot token',
    regex: /(?<![\w-])[MNO][\w-]{23,27}\.[\w-]{6}\.[\w-]{27,38}(?![\w-])/,
    keywords: ['.'],
    env: 'DISCORD_BOT_TOKEN',
  },
  {
    id: 'discord-webhook-url',
    kind: 'Discord webhook URL',
    regex: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[\w-]{60,68}(?![\w-])/,
    keywords: ['/api/webhooks/'],
    wholeValue: true,
    env: 'DISCORD_WEBHOOK_URL',
  },
  {
    id: 'telegram-bot-token',
    kind: 'Telegram bot token',
    regex: /(?<!\d)\d{8,10}:AA[\w-]{33}(?![\w-])/,
    keywords: [':AA'],
    env: 'TELEGRAM_BOT_TOKEN',
  },
  // Package registries and developer platforms
  {
    id: 'npm-access-token',
    kind: 'npm access token',
    regex: /\bnpm_[\dA-Za-z]{36}\b/,
    keywords: ['npm_'],
    env: 'NPM_TOKEN',
  },
  {
    id: 'pypi-token',
    kind: 'PyPI upload token',
    regex: /(?<![\w-])pypi-AgEIcHlwaS5vcmc[\w-]{50,}/,
    keywords: ['pypi-AgEIcHlwaS5vcmc'],
    env: 'PYPI_TOKEN',
  },
  {
    id: 'digitalocean-token',
    kind: 'DigitalOcean token',
    regex: /\bdo[opr]_v1_[\da-f]{64}\b/,
    keywords: ['_v1_'],
    env: 'DIGITALOCEAN_TOKEN',
  },
  {
    id: 'doppler-token',
    kind: 'Doppler token',
    regex: /(?<![\w.])dp\.(?:pt|st|sa|ct|scim|audit)\.[\dA-Za-z]{40,44}(?![\dA-Za-z])/,
    keywords: ['dp.'],
    env: 'DOPPLER_TOKEN',
  },
  {
    id: 'linear-api-key',
    kind: 'Linear API key',
    regex: /\blin_api_[\dA-Za-z]{40}\b/,
    keywords: ['lin_api_'],
    env: 'LINEAR_API_KEY',
  },
  {
    id: 'postman-api-key',
    kind: 'Postman API key',
    regex: /(?<![\w-])PMAK-[\da-f]{24}-[\da-f]{34}(?![\w-])/,
    keywords: ['PMAK-'],
    env: 'POSTMAN_API_KEY',
  },
  {
    id: 'new-relic-user-key',
    kind: 'New Relic user API key',
    regex: /(?<![\w-])NRAK-[\dA-Z]{27}(?![\w-])/,
    keywords: ['NRAK-'],
    env: 'NEW_RELIC_API_KEY',
  },
  {
    id: 'vault-token',
    kind: 'HashiCorp Vault token',
    regex: /(?<![\w.])hvs\.[\w-]{90,}/,
    keywords: ['hvs.'],
    env: 'VAULT_TOKEN',
  },
  {
    id: 'databricks-token',
    kind: 'Databricks access token',
    regex: /\bdapi[\da-f]{32}(?:-\d)?(?![\w-])/,
    keywords: ['dapi'],
    env: 'DATABRICKS_TOKEN',
  },
  {
    id: 'grafana-service-account-token',
    kind: 'Grafana service account token',
    regex: /\bglsa_[\dA-Za-z]{32}_[\dA-Fa-f]{8}\b/,
    keywords: ['glsa_'],
    env: 'GRAFANA_TOKEN',
  },
  {
    id: 'sentry-user-token',
    kind: 'Sentry user auth token',
    regex: /\bsntryu_[\da-f]{64}\b/,
    keywords: ['sntryu_'],
    env: 'SENTRY_AUTH_TOKEN',
  },
  {
    id: 'supabase-access-token',
    kind: 'Supabase access token',
    regex: /\bsbp_[\da-f]{40}\b/,
    keywords: ['sbp_'],
    env: 'SUPABASE_ACCESS_TOKEN',
  },
  {
    id: 'planetscale-token',
    kind: 'PlanetScale token',
    regex: /\bpscale_(?:tkn|pw|oauth)_[\w.-]{32,64}/,
    keywords: ['pscale_'],
    env: 'PLANETSCALE_TOKEN',
  },
  {
    id: 'pulumi-access-token',
    kind: 'Pulumi access token',
    regex: /(?<![\w-])pul-[\da-f]{40}(?![\w-])/,
    keywords: ['pul-'],
    env: 'PULUMI_ACCESS_TOKEN',
  },
  {
    id: 'age-secret-key',
    kind: 'age secret key',
    regex: /AGE-SECRET-KEY-1[\dAC-HJ-NP-Z]{58}(?![\dA-Z])/,
    keywords: ['AGE-SECRET-KEY-1'],
    env: 'AGE_SECRET_KEY',
  },
  // Commerce
  {
    id: 'shopify-access-token',
    kind: 'Shopify access token',
    regex: /\bshpat_[\dA-Fa-f]{32}\b/,
    keywords: ['shpat_'],
    env: 'SHOPIFY_ACCESS_TOKEN',
  },
  {
    id: 'shopify-custom-app-token',
    kind: 'Shopify custom app access token',
    regex: /\bshpca_[\dA-Fa-f]{32}\b/,
    keywords: ['shpca_'],
    env: 'SHOPIFY_ACCESS_TOKEN',
  },
  {
    id: 'shopify-private-app-token',
    kind: 'Shopify private app access token',
    regex: /\bshppa_[\dA-Fa-f]{32}\b/,
    keywords: ['shppa_'],
    env: 'SHOPIFY_ACCESS_TOKEN',
  },
  {
    id: 'shopify-shared-secret',
    kind: 'Shopify shared secret',
    regex: /\bshpss_[\dA-Fa-f]{32}\b/,
    keywords: ['shpss_'],
    env: 'SHOPIFY_API_SECRET',
  },
  {
    id: 'square-access-token',
    kind: 'Square access token',
    regex: /(?<![\w-])EAAA[\w-]{60}(?![\w-])/,
    keywords: ['EAAA'],
    env: 'SQUARE_ACCESS_TOKEN',
  },
  {
    id: 'square-legacy-access-token',
    kind: 'Square access token',
    regex: /(?<![\w-])sq0atp-[\w-]{22}(?![\w-])/,
    keywords: ['sq0atp-'],
    env: 'SQUARE_ACCESS_TOKEN',
  },
  {
    id: 'square-oauth-secret',
    kind: 'Square OAuth secret',
    regex: /(?<![\w-])sq0csp-[\w-]{43}(?![\w-])/,
    keywords: ['sq0csp-'],
    env: 'SQUARE_OAUTH_SECRET',
  },
  // Azure
  {
    id: 'azure-storage-connection-string',
    kind: 'Azure storage account key',
    regex: /AccountKey=[\d+/A-Za-z]{86}={0,2}/,
    keywords: ['AccountKey='],
    wholeValue: true,
    env: 'AZURE_STORAGE_CONNECTION_STRING',
  },
  {
    id: 'azure-client-secret',
    kind: 'Azure AD client secret',
    regex: /(?<![\w.~-])[\w.~]{3}\dQ~[\w.~-]{31,34}(?![\w.~-])/,
    keywords: ['Q~'],
    env: 'AZURE_CLIENT_SECRET',
  },
  // Generic formats
  {
    id: 'private-key-pem',
    kind: 'private key (PEM)',
    regex: /-----BEGIN (?:(?:RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----(?:\s|\\n)*[\d+/A-Za-z]{20}/,
    keywords: ['PRIVATE KEY'],
    wholeValue: true,
    env: 'PRIVATE_KEY',
  },
  {
    id: 'jwt',
    kind: 'JSON Web Token',
    regex: /(?<![\w-])eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{10,}/,
    keywords: ['eyJ'],
    env: 'API_TOKEN',
  },
  {
    id: 'database-url',
    kind: 'database URL with an embedded password',
    regex:
      /(?<![\w+.-])(?:postgres(?:ql)?|mysql|mariadb|mongodb|mssql|sqlserver|cockroachdb|clickhouse|oracle)(?:\+[a-z]+)?:\/\/[^\s/:@]*:(?<secret>[^\s/:@]+)@/i,
    keywords: ['://'],
    wholeValue: true,
    env: 'DATABASE_URL',
  },
  {
    // SQL Server / ADO.NET / ODBC connection string: `Server=tcp:db,1433;User ID=app;Password=…;`
    // (`Data Source=`, `Host=`, `Address=` name the server; `Pwd=` is the ODBC spelling). The
    // password is only read after a server key, so a lone `password=` in text is not one.
    id: 'sql-connection-string',
    kind: 'database connection string with an embedded password',
    regex: /(?<![\w ])(?:server|data source|host|address|addr|network address)\s*=[^;]*;(?:[^;]*;)*?\s*(?:password|pwd)\s*=\s*(?<secret>[^\s;'"`]+)/i,
    keywords: ['Password=', 'password=', 'PASSWORD=', 'Pwd=', 'pwd=', 'PWD=', 'Password =', 'password ='],
    wholeValue: true,
    env: 'DATABASE_CONNECTION_STRING',
  },
  {
    id: 'redis-url',
    kind: 'Redis URL with an embedded password',
    regex: /(?<![\w+.-])rediss?:\/\/[^\s/:@]*:(?<secret>[^\s/:@]+)@/i,
    keywords: ['://'],
    wholeValue: true,
    env: 'REDIS_URL',
  },
  {
    id: 'amqp-url',
    kind: 'AMQP broker URL with an embedded password',
    regex: /(?<![\w+.-])amqps?:\/\/[^\s/:@]*:(?<secret>[^\s/:@]+)@/i,
    keywords: ['://'],
    wholeValue: true,
    env: 'AMQP_URL',
  },
  {
    id: 'url-credentials',
    kind: 'URL with embedded credentials',
    regex: /(?<![\w+.-])(?:https?|ftps?):\/\/[^\s/:@]+:(?<secret>[^\s/:@]+)@/i,
    keywords: ['://'],
    wholeValue: true,
    env: 'SERVICE_URL',
  },
] as const satisfies readonly SecretPattern[];

/** Credential-shaped values that are meant to be public. */
export const publicValues = [
  { id: 'stripe-publishable-key', regex: /^pk_(?:live|test)_[\dA-Za-z]+$/ },
  { id: 'mapbox-public-token', regex: /^pk\.eyJ[\w.-]+$/ },
  { id: 'google-oauth-client-id', regex: /^\d+-[\da-z]+\.apps\.googleusercontent\.com$/ },
  { id: 'public-key-pem', regex: /^-----BEGIN (?:RSA )?PUBLIC KEY-----/ },
  { id: 'certificate-pem', regex: /^-----BEGIN CERTIFICATE-----/ },
  { id: 'ssh-public-key', regex: /^(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp\d{3}) AAAA/ },
  // A Sentry DSN (`https://<public key>[:<legacy secret>]@o1.ingest.sentry.io/<project>`) is
  // embedded in every browser and mobile client by design: its key only lets one send events to that
  // project, and Sentry ignores the legacy secret part. Sentry's own hosts only: a self-hosted
  // Sentry, or any other host, stays a URL with embedded credentials.
  { id: 'sentry-dsn', regex: /^https?:\/\/[\da-f]{32}(?::[\da-f]{32})?@(?:(?:[\da-z-]+\.)*sentry\.io|app\.getsentry\.com)\/\d+$/ },
] as const satisfies readonly PublicValue[];

/** Firebase web configs carry a Google API key that the Firebase docs declare public. */
export const publicContexts = [
  {
    pattern: 'google-api-key',
    siblingKeys: ['authDomain', 'messagingSenderId', 'storageBucket', 'appId', 'databaseURL', 'measurementId'],
  },
] as const satisfies readonly PublicContext[];

/** Library slots that take a secret. Paths start from what `require(module)` returns. */
export const secretSinks = [
  // Tokens and signing
  { module: 'jsonwebtoken', path: 'Member[sign].Argument[1]', role: 'signing key', proves: 'key', env: 'JWT_SECRET' },
  { module: 'jsonwebtoken', path: 'Member[verify].Argument[1]', role: 'verification key', proves: 'key', env: 'JWT_SECRET' },
  { module: 'express-jwt', path: 'Argument[0].Member[secret]', role: 'JWT secret', proves: 'key', env: 'JWT_SECRET' },
  { module: 'express-jwt', path: 'Member[expressjwt].Argument[0].Member[secret]', role: 'JWT secret', proves: 'key', env: 'JWT_SECRET' },
  { module: 'koa-jwt', path: 'Argument[0].Member[secret]', role: 'JWT secret', proves: 'key', env: 'JWT_SECRET' },
  {
    module: '@nestjs/jwt',
    path: 'Member[JwtModule].Member[register].Argument[0].Member[secret,privateKey]',
    role: 'JWT secret', proves: 'key',
    env: 'JWT_SECRET',
  },
  { module: '@nestjs/jwt', path: 'Member[JwtService].Argument[0].Member[secret,privateKey]', role: 'JWT secret', proves: 'key', env: 'JWT_SECRET' },
  { module: 'crypto', path: 'Member[createHmac].Argument[1]', role: 'HMAC key', proves: 'key', env: 'HMAC_SECRET' },
  { module: 'node:crypto', path: 'Member[createHmac].Argument[1]', role: 'HMAC key', proves: 'key', env: 'HMAC_SECRET' },
  { module: 'crypto', path: 'Member[createCipheriv,createDecipheriv].Argument[1]', role: 'cipher key', proves: 'key', env: 'ENCRYPTION_KEY' },
  { module: 'node:crypto', path: 'Member[createCipheriv,createDecipheriv].Argument[1]', role: 'cipher key', proves: 'key', env: 'ENCRYPTION_KEY' },
  { module: 'crypto', path: 'Member[createSecretKey].Argument[0]', role: 'secret key', proves: 'key', env: 'ENCRYPTION_KEY' },
  { module: 'node:crypto', path: 'Member[createSecretKey].Argument[0]', role: 'secret key', proves: 'key', env: 'ENCRYPTION_KEY' },
  { module: 'crypto', path: 'Member[pbkdf2,pbkdf2Sync,scrypt,scryptSync].Argument[0]', role: 'key-derivation password', proves: 'key', env: 'ENCRYPTION_PASSWORD' },
  { module: 'node:crypto', path: 'Member[pbkdf2,pbkdf2Sync,scrypt,scryptSync].Argument[0]', role: 'key-derivation password', proves: 'key', env: 'ENCRYPTION_PASSWORD' },
  // jose: the key is often `new TextEncoder().encode('…')`, which the analysis sees through.
  { module: 'jose', path: 'Member[SignJWT,CompactSign,FlattenedSign].Instance.Fluent.Member[sign].Argument[0]', role: 'signing key', proves: 'key', env: 'JWT_SECRET' },
  { module: 'jose', path: 'Member[EncryptJWT,CompactEncrypt,FlattenedEncrypt].Instance.Fluent.Member[encrypt].Argument[0]', role: 'encryption key', proves: 'key', env: 'JWT_SECRET' },
  { module: 'jose', path: 'Member[jwtVerify,compactVerify,flattenedVerify].Argument[1]', role: 'verification key', proves: 'key', env: 'JWT_SECRET' },
  { module: 'jose', path: 'Member[jwtDecrypt,compactDecrypt,flattenedDecrypt].Argument[1]', role: 'decryption key', proves: 'key', env: 'JWT_SECRET' },
  { module: '@fastify/jwt', path: 'Plugin.Argument[1].Member[secret]', role: 'JWT secret', proves: 'key', env: 'JWT_SECRET' },
  // Hapi auth plugins register a scheme; `server.auth.strategy(name, 'jwt', options)` configures it.
  { module: '@hapi/jwt', path: 'Strategy[jwt].Argument[2].Member[keys]', role: 'JWT key', proves: 'key', env: 'JWT_SECRET' },
  { module: '@hapi/jwt', path: 'Strategy[jwt].Argument[2].Member[keys].Member[key]', role: 'JWT key', proves: 'key', env: 'JWT_SECRET' },
  { module: '@hapi/jwt', path: 'Member[token].Member[generate].Argument[1]', role: 'signing key', proves: 'key', env: 'JWT_SECRET' },
  { module: '@hapi/jwt', path: 'Member[token].Member[generate].Argument[1].Member[key]', role: 'signing key', proves: 'key', env: 'JWT_SECRET' },
  { module: 'hapi-auth-jwt2', path: 'Strategy[jwt].Argument[2].Member[key]', role: 'JWT key', proves: 'key', env: 'JWT_SECRET' },
  { module: '@hapi/cookie', path: 'Strategy[cookie].Argument[2].Member[cookie].Member[password]', role: 'cookie password', proves: 'key', env: 'COOKIE_PASSWORD' },
  // Hono's JWT helpers and middleware (`hono/jwt`): `sign(payload, key)`, `verify(token, key)`, `jwt({ secret })`.
  { module: 'hono/jwt', path: 'Member[sign].Argument[1]', role: 'signing key', proves: 'key', env: 'JWT_SECRET' },
  { module: 'hono/jwt', path: 'Member[verify].Argument[1]', role: 'verification key', proves: 'key', env: 'JWT_SECRET' },
  { module: 'hono/jwt', path: 'Member[jwt].Argument[0].Member[secret]', role: 'JWT secret', proves: 'key', env: 'JWT_SECRET' },
  { module: 'cookie-signature', path: 'Member[sign,unsign].Argument[1]', role: 'cookie signing secret', proves: 'key', env: 'COOKIE_SECRET' },
  // Sessions and cookies
  { module: 'express-session', path: 'Argument[0].Member[secret]', role: 'session secret', proves: 'key', env: 'SESSION_SECRET' },
  { module: 'cookie-session', path: 'Argument[0].Member[secret,keys]', role: 'cookie signing key', proves: 'key', env: 'SESSION_SECRET' },
  { module: 'cookie-parser', path: 'Argument[0]', role: 'cookie signing secret', proves: 'key', env: 'COOKIE_SECRET' },
  { module: 'next-auth', path: 'Argument[0].Member[secret]', role: 'NextAuth secret', proves: 'key', env: 'NEXTAUTH_SECRET' },
  { module: 'next-auth/providers/*', path: 'Argument[0].Member[clientSecret]', role: 'OAuth client secret', proves: 'credential', env: 'OAUTH_CLIENT_SECRET' },
  { module: '@fastify/cookie', path: 'Plugin.Argument[1].Member[secret]', role: 'cookie signing secret', proves: 'key', env: 'COOKIE_SECRET' },
  { module: '@fastify/session', path: 'Plugin.Argument[1].Member[secret]', role: 'session secret', proves: 'key', env: 'SESSION_SECRET' },
  { module: '@fastify/secure-session', path: 'Plugin.Argument[1].Member[secret,key]', role: 'session key', proves: 'key', env: 'SESSION_SECRET' },
  { module: 'koa', path: 'Instance.Member[keys].Assigned', role: 'cookie signing keys', proves: 'key', env: 'COOKIE_SECRET' },
  { module: 'koa', path: 'Argument[0].Member[keys]', role: 'cookie signing keys', proves: 'key', env: 'COOKIE_SECRET' },
  { module: 'next-auth/jwt', path: 'Member[getToken,encode,decode].Argument[0].Member[secret]', role: 'NextAuth secret', proves: 'key', env: 'NEXTAUTH_SECRET' },
  { module: '@auth/core', path: 'Member[Auth].Argument[1].Member[secret]', role: 'Auth.js secret', proves: 'key', env: 'AUTH_SECRET' },
  { module: '@auth/express', path: 'Member[ExpressAuth].Argument[0].Member[secret]', role: 'Auth.js secret', proves: 'key', env: 'AUTH_SECRET' },
  // iron-session takes `(req, res, options)` or `(cookieStore, options)`.
  { module: 'iron-session', path: 'Member[getIronSession].Argument[1].Member[password]', role: 'session password', proves: 'key', env: 'SESSION_PASSWORD' },
  { module: 'iron-session', path: 'Member[getIronSession].Argument[2].Member[password]', role: 'session password', proves: 'key', env: 'SESSION_PASSWORD' },
  { module: 'iron-session', path: 'Member[sealData,unsealData].Argument[1].Member[password]', role: 'session password', proves: 'key', env: 'SESSION_PASSWORD' },
  { module: 'iron-session/express', path: 'Member[ironSession].Argument[0].Member[password]', role: 'session password', proves: 'key', env: 'SESSION_PASSWORD' },
  // Passport strategies
  { module: 'passport-jwt', path: 'Member[Strategy].Argument[0].Member[secretOrKey]', role: 'JWT strategy key', proves: 'key', env: 'JWT_SECRET' },
  {
    module: 'passport-*',
    path: 'Argument[0].Member[clientSecret,consumerSecret]',
    role: 'OAuth client secret', proves: 'credential',
    env: 'OAUTH_CLIENT_SECRET',
  },
  {
    module: 'passport-*',
    path: 'Member[Strategy,OAuth2Strategy,OAuthStrategy].Argument[0].Member[clientSecret,consumerSecret]',
    role: 'OAuth client secret', proves: 'credential',
    env: 'OAUTH_CLIENT_SECRET',
  },
  // SDKs
  { module: 'stripe', path: 'Argument[0]', role: 'API key', proves: 'credential', env: 'STRIPE_SECRET_KEY' },
  { module: 'stripe', path: 'Member[Stripe].Argument[0]', role: 'API key', proves: 'credential', env: 'STRIPE_SECRET_KEY' },
  { module: 'openai', path: 'Argument[0].Member[apiKey]', role: 'API key', proves: 'credential', env: 'OPENAI_API_KEY' },
  { module: 'openai', path: 'Member[OpenAI,AzureOpenAI].Argument[0].Member[apiKey]', role: 'API key', proves: 'credential', env: 'OPENAI_API_KEY' },
  { module: '@anthropic-ai/sdk', path: 'Argument[0].Member[apiKey,authToken]', role: 'API key', proves: 'credential', env: 'ANTHROPIC_API_KEY' },
  { module: '@anthropic-ai/sdk', path: 'Member[Anthropic].Argument[0].Member[apiKey,authToken]', role: 'API key', proves: 'credential', env: 'ANTHROPIC_API_KEY' },
  { module: '@google/generative-ai', path: 'Member[GoogleGenerativeAI].Argument[0]', role: 'API key', proves: 'credential', env: 'GOOGLE_API_KEY' },
  { module: '@google/genai', path: 'Member[GoogleGenAI].Argument[0].Member[apiKey]', role: 'API key', proves: 'credential', env: 'GOOGLE_API_KEY' },
  {
    module: '@aws-sdk/client-*',
    path: 'Member[*].Argument[0].Member[credentials].Member[secretAccessKey,sessionToken]',
    role: 'AWS credentials', proves: 'credential',
    env: 'AWS_SECRET_ACCESS_KEY',
  },
  { module: 'aws-sdk', path: 'Member[config].Member[update].Argument[0].Member[secretAccessKey,sessionToken]', role: 'AWS credentials', proves: 'credential', env: 'AWS_SECRET_ACCESS_KEY' },
  { module: 'aws-sdk', path: 'Member[Credentials].Argument[1]', role: 'AWS credentials', proves: 'credential', env: 'AWS_SECRET_ACCESS_KEY' },
  { module: 'aws-sdk', path: 'Member[*].Argument[0].Member[secretAccessKey,sessionToken]', role: 'AWS credentials', proves: 'credential', env: 'AWS_SECRET_ACCESS_KEY' },
  { module: 'twilio', path: 'Argument[1]', role: 'auth token', proves: 'credential', env: 'TWILIO_AUTH_TOKEN' },
  { module: 'twilio', path: 'Member[Twilio].Argument[1]', role: 'auth token', proves: 'credential', env: 'TWILIO_AUTH_TOKEN' },
  // mailgun.js: `new Mailgun(FormData).client({ username: 'api', key })`; the older mailgun-js: `mailgun({ apiKey, domain })`.
  { module: 'mailgun.js', path: 'Instance.Member[client].Argument[0].Member[key]', role: 'API key', proves: 'credential', env: 'MAILGUN_API_KEY' },
  { module: 'mailgun-js', path: 'Argument[0].Member[apiKey]', role: 'API key', proves: 'credential', env: 'MAILGUN_API_KEY' },
  { module: '@sendgrid/mail', path: 'Member[setApiKey].Argument[0]', role: 'API key', proves: 'credential', env: 'SENDGRID_API_KEY' },
  { module: '@slack/web-api', path: 'Member[WebClient].Argument[0]', role: 'token', proves: 'credential', env: 'SLACK_BOT_TOKEN' },
  { module: '@slack/bolt', path: 'Member[App].Argument[0].Member[token,signingSecret,clientSecret]', role: 'token', proves: 'credential', env: 'SLACK_BOT_TOKEN' },
  { module: '@octokit/rest', path: 'Member[Octokit].Argument[0].Member[auth]', role: 'token', proves: 'credential', env: 'GITHUB_TOKEN' },
  { module: 'octokit', path: 'Member[Octokit].Argument[0].Member[auth]', role: 'token', proves: 'credential', env: 'GITHUB_TOKEN' },
  { module: 'telegraf', path: 'Member[Telegraf].Argument[0]', role: 'bot token', proves: 'credential', env: 'TELEGRAM_BOT_TOKEN' },
  { module: 'node-telegram-bot-api', path: 'Argument[0]', role: 'bot token', proves: 'credential', env: 'TELEGRAM_BOT_TOKEN' },
  { module: 'firebase-admin', path: 'Member[credential].Member[cert].Argument[0].Member[privateKey,private_key]', role: 'service-account key', proves: 'credential', env: 'FIREBASE_PRIVATE_KEY' },
  // Databases, brokers, mail
  { module: 'pg', path: 'Member[Client,Pool].Argument[0].Member[password]', role: 'database password', proves: 'password', env: 'PGPASSWORD' },
  { module: 'mysql2', path: 'Member[createConnection,createPool,createPoolCluster].Argument[0].Member[password]', role: 'database password', proves: 'password', env: 'MYSQL_PASSWORD' },
  { module: 'mysql2/promise', path: 'Member[createConnection,createPool].Argument[0].Member[password]', role: 'database password', proves: 'password', env: 'MYSQL_PASSWORD' },
  { module: 'mysql', path: 'Member[createConnection,createPool].Argument[0].Member[password]', role: 'database password', proves: 'password', env: 'MYSQL_PASSWORD' },
  { module: 'mongoose', path: 'Member[connect,createConnection].Argument[1].Member[pass]', role: 'database password', proves: 'password', env: 'MONGODB_PASSWORD' },
  { module: 'mongodb', path: 'Member[MongoClient].Argument[1].Member[auth].Member[password]', role: 'database password', proves: 'password', env: 'MONGODB_PASSWORD' },
  { module: 'sequelize', path: 'Argument[2]', role: 'database password', proves: 'password', env: 'DB_PASSWORD' },
  { module: 'sequelize', path: 'Argument[0].Member[password]', role: 'database password', proves: 'password', env: 'DB_PASSWORD' },
  { module: 'sequelize', path: 'Member[Sequelize].Argument[2]', role: 'database password', proves: 'password', env: 'DB_PASSWORD' },
  { module: 'sequelize', path: 'Member[Sequelize].Argument[0].Member[password]', role: 'database password', proves: 'password', env: 'DB_PASSWORD' },
  { module: 'knex', path: 'Argument[0].Member[connection].Member[password]', role: 'database password', proves: 'password', env: 'DB_PASSWORD' },
  { module: 'typeorm', path: 'Member[DataSource,createConnection].Argument[0].Member[password]', role: 'database password', proves: 'password', env: 'DB_PASSWORD' },
  { module: 'mssql', path: 'Member[connect,ConnectionPool].Argument[0].Member[password]', role: 'database password', proves: 'password', env: 'MSSQL_PASSWORD' },
  { module: 'ioredis', path: 'Argument[0].Member[password]', role: 'Redis password', proves: 'password', env: 'REDIS_PASSWORD' },
  { module: 'ioredis', path: 'Member[Redis].Argument[0].Member[password]', role: 'Redis password', proves: 'password', env: 'REDIS_PASSWORD' },
  { module: 'redis', path: 'Member[createClient].Argument[0].Member[password]', role: 'Redis password', proves: 'password', env: 'REDIS_PASSWORD' },
  { module: 'nodemailer', path: 'Member[createTransport].Argument[0].Member[auth].Member[pass]', role: 'SMTP password', proves: 'password', env: 'SMTP_PASSWORD' },
  // HTTP clients: Basic credentials given as request options (credential headers are read by `analysis/secrets/headers.ts`).
  // axios: `axios(config)`, `axios(url, config)`, `axios.create(config)`, `axios.request(config)`, `axios.get(url, config)`, `axios.post(url, data, config)`.
  { module: 'axios', path: 'Argument[0].Member[auth].Member[password]', role: 'Basic auth password', proves: 'credential', env: 'API_PASSWORD' },
  { module: 'axios', path: 'Argument[1].Member[auth].Member[password]', role: 'Basic auth password', proves: 'credential', env: 'API_PASSWORD' },
  { module: 'axios', path: 'Member[create,request].Argument[0].Member[auth].Member[password]', role: 'Basic auth password', proves: 'credential', env: 'API_PASSWORD' },
  { module: 'axios', path: 'Member[get,delete,head,options].Argument[1].Member[auth].Member[password]', role: 'Basic auth password', proves: 'credential', env: 'API_PASSWORD' },
  { module: 'axios', path: 'Member[post,put,patch].Argument[2].Member[auth].Member[password]', role: 'Basic auth password', proves: 'credential', env: 'API_PASSWORD' },
  // node's http(s): `request(options)`, `request(url, options)`, `auth: 'user:password'`.
  { module: 'http', path: 'Member[request,get].Argument[0].Member[auth]', role: 'Basic auth credentials', proves: 'credential', format: 'userinfo', env: 'API_BASIC_AUTH' },
  { module: 'http', path: 'Member[request,get].Argument[1].Member[auth]', role: 'Basic auth credentials', proves: 'credential', format: 'userinfo', env: 'API_BASIC_AUTH' },
  { module: 'https', path: 'Member[request,get].Argument[0].Member[auth]', role: 'Basic auth credentials', proves: 'credential', format: 'userinfo', env: 'API_BASIC_AUTH' },
  { module: 'https', path: 'Member[request,get].Argument[1].Member[auth]', role: 'Basic auth credentials', proves: 'credential', format: 'userinfo', env: 'API_BASIC_AUTH' },
  { module: 'node:http', path: 'Member[request,get].Argument[0].Member[auth]', role: 'Basic auth credentials', proves: 'credential', format: 'userinfo', env: 'API_BASIC_AUTH' },
  { module: 'node:http', path: 'Member[request,get].Argument[1].Member[auth]', role: 'Basic auth credentials', proves: 'credential', format: 'userinfo', env: 'API_BASIC_AUTH' },
  { module: 'node:https', path: 'Member[request,get].Argument[0].Member[auth]', role: 'Basic auth credentials', proves: 'credential', format: 'userinfo', env: 'API_BASIC_AUTH' },
  { module: 'node:https', path: 'Member[request,get].Argument[1].Member[auth]', role: 'Basic auth credentials', proves: 'credential', format: 'userinfo', env: 'API_BASIC_AUTH' },
] as const satisfies readonly SecretSinkModel[];

/** Host names of a server on the developer's own machine. */
export const localDevelopmentHosts: readonly string[] = ['localhost', '127.0.0.1', '0.0.0.0', '[::1]', 'host.docker.internal'];

/**
 * Well-known default passwords of a database, broker or cache run locally (docker images, tutorials):
 * on a local host they are configuration, not a secret. Never excused for a signing key.
 */
export const localDevelopmentPasswords: readonly string[] = [
  'postgres', 'password', 'pass', 'test', 'testing', 'secret', 'root', 'admin', 'example', 'dev', 'local',
  'mysql', 'mongo', 'mongodb', 'redis', 'guest', 'rabbitmq',
];

/** Header names whose value is a credential. */
export const credentialHeaders: readonly string[] = ['authorization', 'proxy-authorization'];

/**
 * Request headers a client sends a credential in, besides any `x-…-key`, `x-…-token`,
 * `x-…-secret`, `x-…-signature` or `x-…-auth` header.
 */
export const requestCredentialHeaders: readonly string[] = ['authorization', 'proxy-authorization', 'api-key', 'apikey', 'x-api-key', 'x-auth-token', 'x-access-token'];

/** Functions that compare a sent credential with the expected one (constant-time comparisons). */
export const secretComparisons: readonly string[] = ['timingSafeEqual', 'safeCompare', 'secureCompare', 'constantTimeCompare', 'tsscmp', 'timingSafeEqualStrings'];

/** Methods that set a header from `(name, value)`. */
export const headerSetters: readonly string[] = ['set', 'setHeader', 'header', 'append', 'setRequestHeader'];

/**
 * The option that holds the headers of an outbound request, in every HTTP client: `fetch(url, {
 * headers })` (also node-fetch and undici), `axios.post(url, data, { headers })`, `axios.create({
 * headers })`, `got(url, { headers })`, undici `request(url, { headers })`, `http.request({ headers })`.
 * Assigned to (`instance.defaults.headers.common['X-API-Key'] = …`) it holds them too.
 */
export const requestHeaderProperties: readonly string[] = ['headers'];

/** Classes built from a header object: `new Headers({ Authorization: … })` of fetch and undici. */
export const headerClasses: readonly string[] = ['Headers'];

/** The last word of a name that makes it secret-ish on its own (`dbPassword`, `GITHUB_TOKEN`). */
export const secretWords: readonly string[] = [
  'secret',
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'token',
  'apikey',
  'apitoken',
  'authtoken',
  'accesstoken',
  'secretkey',
  'privatekey',
  'clientsecret',
  'bearer',
  'pepper',
];

/** Words before a final `key` that make it secret-ish (`apiKey`, `signingKey`; not `cacheKey`). */
export const keyQualifiers: readonly string[] = [
  'api',
  'secret',
  'private',
  'access',
  'signing',
  'sign',
  'encryption',
  'encrypt',
  'decryption',
  'master',
  'auth',
  'client',
  'app',
  'hmac',
  'jwt',
  'session',
  'cookie',
  'license',
  'subscription',
  'service',
  'admin',
  'webhook',
  'server',
  'shared',
  'consumer',
  'crypto',
  'cipher',
  // `FALLBACK_KEY`: the key used when the configured one is missing (random-looking values only).
  'fallback',
  'aes',
];

/**
 * Words before a final `key` that make it an identifier or a key meant for browsers, not a secret,
 * even for an environment variable (`CACHE_KEY`, `RECAPTCHA_SITE_KEY`, `ALGOLIA_SEARCH_KEY`, a
 * hex `DISCORD_PUBLIC_KEY` is `public`, see `nonSecretNameWords`). Any other `*_KEY` variable whose
 * fallback is random hex (`openssl rand -hex 32`) holds a key (see `isKeyVariableName`).
 */
export const nonSecretKeyQualifiers: readonly string[] = [
  'cache', 'sort', 'partition', 'primary', 'foreign', 'routing', 'idempotency', 'site', 'object',
  'lookup', 'map', 'maps', 'dedupe', 'dedup', 'index', 'search', 'storage', 'redis', 'query', 'hash', 'lock',
  'group', 'bucket', 'prefix', 'tracking', 'analytics', 'measurement', 'write', 'ingest', 'browser', 'frontend',
];

/** Words before a final `token` that make it a cursor or an identifier, not a credential. */
export const nonSecretTokenQualifiers: readonly string[] = [
  'page',
  'next',
  'prev',
  'previous',
  'continuation',
  'cancel',
  'cancellation',
  'sync',
  'resume',
  'injection',
  'lexer',
  'parser',
  'csrf',
  'xsrf',
];

/** Words anywhere in a name that say the value is not a real secret. */
export const nonSecretNameWords: readonly string[] = [
  'public',
  'publishable',
  'example',
  'sample',
  'dummy',
  'placeholder',
  'mock',
  'fake',
  // Lists of passwords a user may not choose (`badPasswords`, `bannedTokens`): the values are the
  // weak ones the app rejects, not the app's own credentials.
  'bad',
  'weak',
  'banned',
  'blocked',
  'forbidden',
  'disallowed',
  'blacklisted',
  'denylisted',
  'breached',
  'leaked',
];

/**
 * Words that say nothing about which secret it is: a name made only of these (`apiKey`, `secret`)
 * loses to the provider's or the library's own variable name in the suggestion.
 */
export const genericNameWords: readonly string[] = [
  'api',
  'key',
  'secret',
  'token',
  'password',
  'passwd',
  'pwd',
  'pass',
  'auth',
  'access',
  'private',
  'client',
  'bearer',
  'my',
  'the',
  'default',
  'dev',
  'value',
  'config',
  'or',
  'apikey',
];

/** Values that stand in for a secret (compared case-insensitively, whole value). */
export const placeholderValues: readonly string[] = [
  'changeme',
  'change-me',
  'change_me',
  'changeit',
  'replaceme',
  'replace-me',
  'replace_me',
  'placeholder',
  'redacted',
  'todo',
  'tbd',
  'fixme',
  'none',
  'null',
  'undefined',
  'nil',
  'n/a',
  'dummy',
  'sample',
  'example',
  'secret-here',
  'insert-here',
];

/** Substrings that mark a placeholder anywhere in a value (compared case-insensitively). */
export const placeholderMarkers: readonly string[] = [
  'example',
  'xxxx',
  'changeme',
  'change_me',
  'change-me',
  'replace_me',
  'replace-me',
  'placeholder',
  'redacted',
  'dummy',
  '****',
  '....',
  '${',
  '{{',
  '%(',
];
