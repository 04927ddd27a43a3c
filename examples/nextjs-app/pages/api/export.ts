import type { NextApiRequest, NextApiResponse } from 'next';
import { execSync } from 'node:child_process';

// Pages Router endpoint kept from the first version of the app.
// ruleid: api-security/no-unauthenticated-route
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const format = req.query.format ?? 'csv';
  // ruleid: api-security/no-command-injection
  const output = execSync(`./scripts/export-projects --format ${format}`);
  res.setHeader('Content-Type', 'text/plain');
  res.send(output);
}

export const config = { api: { responseLimit: '8mb' } };
