import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-path-traversal.js';

/*
 * A helper given an object literal that a `const` holds (`const settings = { apps: [{ url }] };
 * checkIcons(settings)`) is judged by the members it reads, as it is for a literal written at the
 * call: a member the literal does not have, nor any element of an array in it, carries no request
 * input. Stay reported: an element that holds the input (also through a `const`), a member that
 * is the request's value, and an array spread from the request. A literal written through its
 * members, aliased or handed to another function is read whole, as before (such writes into a
 * member chain are not followed into the helper either way: a known gap, not tested here).
 */

const ruleTester = new RuleTester();

const HEAD = `import express from 'express';
import fs from 'node:fs';
const app = express();
function checkIcons(config) {
  for (const i in config.apps) {
    const entry = config.apps[i];
    fs.stat('/srv/icons/' + entry.icon, () => {});
  }
}
function fill(config, body) { config.apps[0].icon = body.icon; }`;


ruleTester.run('no-path-traversal: an object literal a const holds, handed to a helper', rule, {
  valid: [
    {
      name: 'the helper reads a member no element of the literal has',
      code: `${HEAD}
app.post('/start', (req, res) => {
  const settings = { apps: [{ url: req.body.url, name: 'Test' }], trustProxy: 1 };
  checkIcons(settings);
  res.end();
});`,
    },
    {
      name: 'the member read of the literal after the call',
      code: `${HEAD}
app.post('/start', (req, res) => {
  const settings = { apps: [{ url: req.body.url }], trustProxy: 1 };
  checkIcons(settings);
  if (settings.trustProxy) res.end();
});`,
    },
  ],
  invalid: [
    {
      name: 'an element holds the input',
      code: `${HEAD}
app.post('/start', (req, res) => {
  const settings = { apps: [{ url: 'x', icon: req.body.icon }] };
  checkIcons(settings);
  res.end();
});`,
      errors: [{ messageId: 'pathTraversal', line: 7 }],
    },
    {
      name: 'an element a const holds, with the input',
      code: `${HEAD}
app.post('/start', (req, res) => {
  const entry = { url: 'x', icon: req.body.icon };
  const settings = { apps: [entry] };
  checkIcons(settings);
  res.end();
});`,
      errors: [{ messageId: 'pathTraversal', line: 7 }],
    },
    {
      name: 'a member that is the request input itself',
      code: `${HEAD}
app.post('/start', (req, res) => {
  const settings = { apps: req.body.apps };
  checkIcons(settings);
  res.end();
});`,
      errors: [{ messageId: 'pathTraversal', line: 7 }],
    },
    {
      name: 'an array spread from the request',
      code: `${HEAD}
app.post('/start', (req, res) => {
  const settings = { apps: [{ url: 'x' }, ...req.body.apps] };
  checkIcons(settings);
  res.end();
});`,
      errors: [{ messageId: 'pathTraversal', line: 7 }],
    },
  ],
});
