import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A file name checked to be one path segment that does not start with a dot: a whole-string test
 * whose characters exclude `/` and `\` (a negated class such as `[^\\/:*?"<>|]` too), and a failed
 * `/^\./` test or `startsWith('.')`. Such a name is neither `.` nor `..`, so it stays inside the
 * directory it is joined to. The check may be a validator of another project file that the route's
 * file keeps in a member of an object (`const app = {}; app.names = require('./names')`), exported
 * as what an immediately called function returns, and compared with `true`.
 *
 * Stay reported: a segment check alone (`..` passes it), a leading-dot check alone (`a/../../x`
 * passes it), a class that admits `\`, a member written twice or through a computed key, `=== false`
 * and `== false` (a result that is not `false` may be `undefined`), a check whose failure does not
 * stop the request, a `[0] !== '.'` test (an array `['..']` passes it), and an immediately called
 * function that returns a function it picks at run time.
 */

const rules = { 'api-security/no-path-traversal': 'error' } as const;
const manifest = { name: 'app', type: 'commonjs' };

const names = (body: string): string => `module.exports.isPlainName = (function () {
  var allowed = /^[^\\\\/:*?"<>|]+$/, dotted = /^\\./;
  return function isPlainName(name) {
    return typeof name === 'string' && ${body};
  };
})();
`;

const strong = names('allowed.test(name) && !dotted.test(name)');

const server = (check: string, setup = "site.names = require('./names');"): string => `const express = require('express');
const path = require('path');

module.exports.start = function (root) {
  var site = {}, port = 8080;
  ${setup}
  const app = express();
  app.get('/exports', (req, res) => {
    if ((req.query.name == null) || ${check}) { res.sendStatus(400); return; }
    res.sendFile(path.join(root, 'exports', req.query.name));
  });
  app.listen(port);
};
`;

const findings = async (files: Record<string, string>): Promise<number[]> => {
  const dir = writeProject(files, manifest);
  const messages = await lintProjectFile(dir, 'server.js', rules);
  return messages.map((message) => message.line);
};

describe('no-path-traversal: one path segment that does not start with a dot', () => {
  it('a validator of another file, held in a member of an object and compared with true', async () => {
    expect(await findings({ 'names.js': strong, 'server.js': server('(site.names.isPlainName(req.query.name) !== true)') })).toEqual([]);
  });

  it('the same validator called as a condition', async () => {
    expect(await findings({ 'names.js': strong, 'server.js': server('!site.names.isPlainName(req.query.name)') })).toEqual([]);
  });

  it('a validator of a file that starts with a byte order mark', async () => {
    expect(await findings({ 'names.js': `\uFEFF${strong}`, 'server.js': server('!site.names.isPlainName(req.query.name)') })).toEqual([]);
  });

  it('a leading dot refused with startsWith', async () => {
    const check = names("allowed.test(name) && !name.startsWith('.')");
    expect(await findings({ 'names.js': check, 'server.js': server('!site.names.isPlainName(req.query.name)') })).toEqual([]);
  });

  it('the checks written in the route', async () => {
    const route = server("!/^[^\\\\/]+$/.test(req.query.name) || req.query.name.startsWith('.')");
    expect(await findings({ 'names.js': strong, 'server.js': route })).toEqual([]);
  });

  it('stays reported when the segment may be `..` (no leading-dot check)', async () => {
    expect(await findings({ 'names.js': names('allowed.test(name)'), 'server.js': server('!site.names.isPlainName(req.query.name)') })).toEqual([10]);
  });

  it('stays reported when only the leading dot is refused (`a/../../x`)', async () => {
    expect(await findings({ 'names.js': names('!dotted.test(name)'), 'server.js': server('!site.names.isPlainName(req.query.name)') })).toEqual([10]);
  });

  it('stays reported when the class admits a backslash', async () => {
    const weak = strong.replace('[^\\\\/:', '[^/:');
    expect(weak).not.toEqual(strong);
    expect(await findings({ 'names.js': weak, 'server.js': server('!site.names.isPlainName(req.query.name)') })).toEqual([10]);
  });

  it('stays reported when the member is written twice, or from elsewhere', async () => {
    const twice = "site.names = require('./names'); if (process.env.LOOSE) site.names = require('./loose');";
    const loose = "module.exports.isPlainName = function (name) { return true; };\n";
    expect(await findings({ 'names.js': strong, 'loose.js': loose, 'server.js': server('!site.names.isPlainName(req.query.name)', twice) })).toEqual([10]);
    const computed = "site.names = require('./names'); site[process.env.KEY] = require('./loose');";
    expect(await findings({ 'names.js': strong, 'loose.js': loose, 'server.js': server('!site.names.isPlainName(req.query.name)', computed) })).toEqual([10]);
  });

  it('stays reported for `=== false` (a result that is not `false` may be `undefined`), a loose `== false` and a `[0] !== \'.\'` test', async () => {
    expect(await findings({ 'names.js': strong, 'server.js': server('(site.names.isPlainName(req.query.name) === false)') })).toEqual([10]);
    expect(await findings({ 'names.js': strong, 'server.js': server('(site.names.isPlainName(req.query.name) == false)') })).toEqual([10]);
    const firstCharacter = server("!/^[^\\\\/]+$/.test(req.query.name) || req.query.name[0] === '.'");
    expect(await findings({ 'names.js': strong, 'server.js': firstCharacter })).toEqual([10]);
  });

  it('stays reported when a failed check does not stop the request', async () => {
    const logged = server('!site.names.isPlainName(req.query.name)').replace('res.sendStatus(400); return;', "console.warn('odd name');");
    expect(await findings({ 'names.js': strong, 'server.js': logged })).toEqual([10]);
  });

  it('stays reported when the immediately called function returns something computed', async () => {
    const computed = `module.exports.isPlainName = (function () {
  var checks = [function (name) { return /^[^\\\\/]+$/.test(name) && !/^\\./.test(name); }, function () { return true; }];
  return checks[Number(process.env.LOOSE || 0)];
})();
`;
    expect(await findings({ 'names.js': computed, 'server.js': server('!site.names.isPlainName(req.query.name)') })).toEqual([10]);
  });
});
