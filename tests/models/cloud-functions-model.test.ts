import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recordWriteFunctions } from '../../src/models/exposure.js';
import { httpFunctionRegistrations } from '../../src/models/frameworks/cloud-functions.js';

// Every row of the Cloud Functions model is exercised: each module is imported, and each builder
// called, in the route-model or rule tests of these functions; so is each Firestore write function.

const TESTS = fileURLToPath(new URL('..', import.meta.url));
const corpus = ['analysis/routes-cloud-functions.test.ts', 'rules/cloud-functions.test.ts', 'rules/cloud-functions-analyses.test.ts']
  .map((file) => readFileSync(`${TESTS}${file}`, 'utf8'))
  .join('\n');

describe('Cloud Functions model', () => {
  it('names every module and builder of every registration in a test', () => {
    const untested: string[] = [];
    for (const entry of httpFunctionRegistrations) {
      for (const module of entry.modules) if (!corpus.includes(`'${module}'`)) untested.push(module);
      for (const builder of entry.builders) if (!corpus.includes(`.${builder}(`)) untested.push(`${entry.modules[0]} ${builder}()`);
      const registration = entry.path.at(-1) ?? '';
      if (!corpus.includes(`${registration}(`)) untested.push(`${entry.modules[0]} ${entry.path.join('.')}`);
    }
    expect(untested).toEqual([]);
  });

  it('calls every Firestore write function of the exposure model in a test', () => {
    const untested = recordWriteFunctions.filter((entry) => !entry.module.some((module) => corpus.includes(`'${module}'`)) || !corpus.includes(`${entry.name}(`));
    expect(untested).toEqual([]);
  });
});
