import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * SSRF guard helpers kept in another file of the project (`lib/outbound.ts`), judged by their body
 * there as same-file ones are: an assertion that throws unless the host passes a range or list
 * test, and a predicate comparing the host with a fixed list. A helper of another file that only
 * checks the protocol guards nothing, and an edit of that file is seen on the next lint.
 */

const rules = { 'api-security/no-ssrf': 'error' } as const;

const outbound = `import { lookup } from 'node:dns/promises';

const BLOCKED_PREFIXES = ['10.', '127.', '169.254.', '172.16.', '192.168.', '0.'];

function isInternal(address: string): boolean {
  return BLOCKED_PREFIXES.some((prefix) => address.startsWith(prefix)) || address === '::1';
}

export async function assertExternalUrl(value: string): Promise<void> {
  const target = new URL(value);
  const resolved = await lookup(target.hostname, { all: true });
  for (const { address } of resolved) {
    if (isInternal(address)) throw new Error('internal address refused');
  }
}

const PARTNERS = ['billing.partner.example', 'crm.partner.example'];

export function isPartnerUrl(value: string): boolean {
  const host = new URL(value).hostname;
  return PARTNERS.includes(host);
}
`;

const protocolOnly = `export async function assertExternalUrl(value: string): Promise<void> {
  const target = new URL(value);
  if (target.protocol !== 'https:') throw new Error('https only');
}

export function isPartnerUrl(value: string): boolean {
  return value.startsWith('https:');
}
`;

const controller = `import express from 'express';
import { assertExternalUrl, isPartnerUrl } from './lib/outbound';

export const router = express.Router();

router.post('/hooks/test', async (req, res) => {
  const target: string = req.body.target;
  await assertExternalUrl(target);
  const reply = await fetch(target, { method: 'POST' });
  res.json({ status: reply.status });
});

router.get('/partners/proxy', async (req, res) => {
  const url = String(req.query.url);
  if (!isPartnerUrl(url)) return res.status(403).end();
  res.json(await (await fetch(url)).json());
});
`;

describe('no-ssrf: guard helpers of another file', () => {
  it('accepts an assertion and a predicate judged by their body in another file', async () => {
    const dir = writeProject({ 'lib/outbound.ts': outbound, 'routes.ts': controller });
    expect(await lintProjectFile(dir, 'routes.ts', rules)).toEqual([]);
  });

  it('still reports when the helpers of the other file only check the protocol', async () => {
    const dir = writeProject({ 'lib/outbound.ts': protocolOnly, 'routes.ts': controller });
    const messages = await lintProjectFile(dir, 'routes.ts', rules);
    expect(messages.map((message) => [message.ruleId, message.line])).toEqual([
      ['api-security/no-ssrf', 9],
      ['api-security/no-ssrf', 16],
    ]);
  });

  it('sees an edit of the helper file on the next lint', async () => {
    const dir = writeProject({ 'lib/outbound.ts': outbound, 'routes.ts': controller });
    expect(await lintProjectFile(dir, 'routes.ts', rules)).toEqual([]);
    const { writeFileSync } = await import('node:fs');
    const path = await import('node:path');
    writeFileSync(path.join(dir, 'lib/outbound.ts'), protocolOnly + '\n// weakened\n');
    const messages = await lintProjectFile(dir, 'routes.ts', rules);
    expect(messages.map((message) => message.line)).toEqual([9, 16]);
  });
});
