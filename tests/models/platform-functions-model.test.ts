import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { azureAuthLevels, azureHttpFunctions } from '../../src/models/frameworks/azure-functions.js';
import { platformPrincipalHeaders } from '../../src/models/auth.js';
import { netlifyFunctions } from '../../src/models/frameworks/netlify.js';

// Every row of the Azure Functions and Netlify Functions models is exercised in a rule test: each
// registration method and auth level of Azure, each platform principal header family, and the
// Netlify export names and config keys.

const TESTS = fileURLToPath(new URL('..', import.meta.url));
const read = (files: readonly string[]): string => files.map((file) => readFileSync(`${TESTS}${file}`, 'utf8')).join('\n');

describe('Azure Functions model', () => {
  const corpus = read(['rules/azure-functions.test.ts']);

  it('calls every registration method and names every auth level in a test', () => {
    const untested: string[] = [];
    for (const module of azureHttpFunctions.modules) if (!corpus.includes(`'${module}'`)) untested.push(module);
    for (const method of [azureHttpFunctions.generic, 'get', 'post', 'deleteRequest']) if (!corpus.includes(`app.${method}(`)) untested.push(method);
    for (const level of Object.keys(azureAuthLevels)) if (!corpus.includes(`authLevel: '${level}'`)) untested.push(level);
    expect(untested).toEqual([]);
  });

  it('reads a platform principal header in a test', () => {
    expect(platformPrincipalHeaders.filter((header) => corpus.includes(`'${header}'`)).length).toBeGreaterThanOrEqual(2);
  });
});

describe('Netlify Functions model', () => {
  const corpus = read(['rules/netlify-functions.test.ts']);

  it('uses both export shapes, the config keys and the configured directory in a test', () => {
    const untested: string[] = [];
    if (!corpus.includes(`exports.${netlifyFunctions.v1Export} =`)) untested.push('v1 handler');
    if (!corpus.includes('export default async')) untested.push('v2 default export');
    for (const key of [netlifyFunctions.configPath, netlifyFunctions.configMethod]) if (!corpus.includes(`${key}: `)) untested.push(key);
    if (!corpus.includes(netlifyFunctions.configFile) || !corpus.includes(netlifyFunctions.defaultDirectory)) untested.push('project detection');
    expect(untested).toEqual([]);
  });
});
