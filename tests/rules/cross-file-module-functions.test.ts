import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A helper module whose export IS the function (`module.exports = function grab(url) {…}`), required
 * whole and called by the name it was given (`const grab = require('./grab'); grab(url)`), is followed
 * across files as `exports.grab = …` called as `helpers.grab(url)` is. The finding is at the sink, in
 * the helper's file; the safe look-alikes stay clean.
 */
const RULES: Linter.RulesRecord = { 'api-security/no-ssrf': 'error', 'api-security/no-path-traversal': 'error' };

const GRABBER = `const fs = require('fs');
const fetchRemote = require('@cypress/request');

module.exports = function (address, into) {
  return fetchRemote(address).pipe(fs.createWriteStream(into));
};
`;

const SERVER = `const express = require('express');
const pullRemote = require('./lib/grabber');

const app = express();
app.use(express.json());
app.post('/imports', (req, res) => {
  pullRemote(req.body.source, '/var/tmp/import.bin');
  res.sendStatus(202);
});
app.post('/mirror', (req, res) => {
  pullRemote('https://mirror.example/files/' + encodeURIComponent(req.body.name), '/var/tmp/mirror.bin');
  res.sendStatus(202);
});
app.listen(8080);
`;

function project(files: Record<string, string>): string {
  return writeProject(files, { name: 'importer', dependencies: { express: '^4.21.0', '@cypress/request': '^3.0.0' } });
}

const lines = (messages: readonly Linter.LintMessage[]): string[] => messages.map((message) => `${String(message.line)} ${message.ruleId ?? ''}`);

describe('cross-file taint: a module that exports one function whole', () => {
  it('follows request input into module.exports = function, called under the name it was required as', async () => {
    const dir = project({ 'src/server.js': SERVER, 'src/lib/grabber.js': GRABBER });
    const messages = await lintProjectFile(dir, 'src/lib/grabber.js', RULES);
    // Only /imports: the /mirror call gives a fixed origin with an encoded segment.
    expect(lines(messages)).toEqual(['5 api-security/no-ssrf']);
    expect(messages[0]?.message).toContain('`req.body.source` in src/server.js (line 7)');
    expect(messages[0]?.message).toContain('through `pullRemote`');
  });

  it('an ES module default export function is followed the same way', async () => {
    const dir = writeProject(
      {
        'src/server.js': `import express from 'express';
import readUpload from './read-upload.js';
const app = express();
app.get('/uploads/:name', async (req, res) => res.send(await readUpload(req.params.name)));
`,
        'src/read-upload.js': `import { readFile } from 'node:fs/promises';
import path from 'node:path';
export default function (name) {
  return readFile(path.join('/srv/uploads', name));
}
`,
      },
      { name: 'uploads', type: 'module', dependencies: { express: '^4.21.0' } },
    );
    expect(lines(await lintProjectFile(dir, 'src/read-upload.js', RULES))).toEqual(['4 api-security/no-path-traversal']);
  });

  it('stays clean: the whole-module function ignores its argument for the URL', async () => {
    const fixed = GRABBER.replace('fetchRemote(address)', "fetchRemote('https://feeds.example/latest.json', { qs: { tag: address } })");
    const dir = project({ 'src/server.js': SERVER, 'src/lib/grabber.js': fixed });
    expect(await lintProjectFile(dir, 'src/lib/grabber.js', RULES)).toEqual([]);
  });

  it('stays clean: a module exporting an object of functions is no function when called whole', async () => {
    const holder = `const fetchRemote = require('@cypress/request');
module.exports = { grab: (address) => fetchRemote(address) };
`;
    const caller = SERVER.replace("pullRemote(req.body.source, '/var/tmp/import.bin');", 'typeof pullRemote === "function" && pullRemote(req.body.source);');
    const dir = project({ 'src/server.js': caller, 'src/lib/grabber.js': holder });
    expect(await lintProjectFile(dir, 'src/lib/grabber.js', RULES)).toEqual([]);
  });
});
