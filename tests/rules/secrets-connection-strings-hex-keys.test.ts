import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * Two shapes of hardcoded secrets: the password inside a SQL Server / ADO.NET / ODBC connection
 * string (as a database URL's password is), and random hex of a key's length as the fallback of an
 * environment variable named as a key (`openssl rand -hex 32`), which is the key, not a hash.
 */

const rules: Linter.RulesRecord = { 'api-security/no-hardcoded-secrets': 'error' };
const lint = async (code: string): Promise<string[]> => {
  const dir = writeProject({ 'src/config.js': code });
  return (await lintProjectFile(dir, 'src/config.js', rules)).map((message) => `${String(message.line)} ${message.messageId ?? ''}`);
};

const HEX = (seed: number, length: number): string => Array.from({ length }, (_, index) => '0123456789abcdef'.charAt((index * 7 + seed * 13 + ((index * index) % 11)) % 16)).join('');

describe('connection strings with a password', () => {
  it('reports the password of a connection string in a literal or an environment fallback', async () => {
    expect(await lint(`export const ledger = process.env.LEDGER_DB ?? 'Server=tcp:ledger-sql.corp.internal,1433;Initial Catalog=ledger;User ID=ledger_rw;Password=Tq7!mZ-4410-rr;Encrypt=true;';
export const reports = 'Data Source=reports-db;Database=rep;Uid=rep;Pwd=Kd83hhQ02LmZ;';
export const odbc = { connection: 'Driver={ODBC Driver 18};Address=10.2.0.9;Trusted_Connection=no;PWD=v9X-22pq-LmMw;' };
`)).toEqual(['1 providerKey', '2 providerKey', '3 providerKey']);
  });

  it('stays silent: no password, integrated security, a placeholder, a local default, a password key in plain text', async () => {
    expect(await lint(`export const a = 'Server=tcp:ledger-sql.corp.internal,1433;Initial Catalog=ledger;Authentication=Active Directory Managed Identity;';
export const b = 'Server=ledger;Database=ledger;Integrated Security=SSPI;';
export const c = 'Server=ledger-sql.corp.internal;User ID=app;Password=<your-password>;';
export const d = 'Server=localhost,1433;User Id=sa;Password=password;';
export const e = 'Server=(localdb);User Id=app;Password=app;';
export const help = 'Set password=yours in the form, then press save';
`)).toEqual([]);
  });
});

describe('random hex as the fallback of a key variable', () => {
  it('reports 256-bit and 128-bit hex keys of *_KEY variables', async () => {
    expect(await lint(`export const config = {
  thumbnails: process.env.THUMBOR_KEY || '${HEX(1, 64)}',
  signer: process.env.URL_SIGNER_KEY ?? '${HEX(2, 32)}',
};
`)).toEqual(['2 envFallback', '3 envFallback']);
  });

  it('stays silent: hex under an ordinary name, a cache or public key variable, a short or odd-length value, text', async () => {
    expect(await lint(`export const config = {
  commit: process.env.BUILD_SHA || '${HEX(3, 40)}',
  digest: process.env.ASSET_DIGEST || '${HEX(4, 64)}',
  cache: process.env.CACHE_KEY || '${HEX(5, 64)}',
  verify: process.env.DISCORD_PUBLIC_KEY || '${HEX(6, 64)}',
  site: process.env.RECAPTCHA_SITE_KEY || '${HEX(7, 32)}',
  short: process.env.THUMBOR_KEY || '${HEX(8, 16)}',
  odd: process.env.THUMBOR_KEY || '${HEX(9, 63)}',
  word: process.env.THUMBOR_KEY || 'thumbnails',
};
export const checksum = '${HEX(10, 64)}';
`)).toEqual([]);
  });
});
