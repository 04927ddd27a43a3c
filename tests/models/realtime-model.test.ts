import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { realtimeServers } from '../../src/models/frameworks/realtime.js';

// Every row of the real-time model is exercised: each package is imported, each way of creating
// a server, of reaching a namespace and of listening is written, in the listener tests.

const TESTS = fileURLToPath(new URL('..', import.meta.url));
const corpus = readFileSync(`${TESTS}rules/realtime-listeners.test.ts`, 'utf8');

describe('real-time server model', () => {
  it('writes every package, constructor, namespace, connection event and listener method in a test', () => {
    const untested: string[] = [];
    for (const model of realtimeServers) {
      for (const module of model.modules) if (!corpus.includes(`'${module}'`)) untested.push(module);
      for (const path of model.create) {
        const written = path.length === 0 ? `require('${model.modules[0]}')(` : `.${path.join('.')}(`;
        if (!corpus.includes(written) && !corpus.includes(`new ${path.join('.')}(`)) untested.push(`${model.modules[0]} ${path.join('.') || '()'}`);
      }
      for (const method of [...model.namespaces, ...model.chains, ...model.listeners, ...model.catchAll]) {
        if (!corpus.includes(`.${method}(`)) untested.push(`${model.modules[0]} .${method}()`);
      }
      for (const member of model.namespaceMembers) if (!corpus.includes(`.${member}.`)) untested.push(`${model.modules[0]} .${member}`);
      for (const event of [...model.connectionEvents, ...model.events.filter((name) => name !== '*')]) {
        if (!corpus.includes(`'${event}'`)) untested.push(`${model.modules[0]} '${event}'`);
      }
    }
    expect(untested).toEqual([]);
  });
});
