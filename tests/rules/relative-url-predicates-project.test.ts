import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A project file that only passes on a package's relative-URL predicate
 * (`const { isRelativeUrl } = require('@acme/url-kit'); module.exports = { isRelativeUrl, … }`):
 * the routes importing it from there call the package's function, taken at its name as when they
 * import it from the package. A function of the project file with the same name is judged by its
 * body instead, also when imported through a bare alias (`#web`), and a package function whose
 * name says less guards nothing.
 */

const rules = { 'api-security/no-open-redirect': 'error' } as const;
const manifest = { name: 'app', type: 'commonjs' };

const passedOn = `const { isRelativeUrl, slugify } = require('@acme/url-kit');

function requireAdmin(req, res, next) {
  if (req.user && req.user.admin) return next();
  res.status(403).end();
}

module.exports = { isRelativeUrl, slugify, requireAdmin };
`;

const ownWeakCheck = `function isRelativeUrl(url) {
  return typeof url === 'string' && url.startsWith('/');
}

function requireAdmin(req, res, next) {
  if (req.user && req.user.admin) return next();
  res.status(403).end();
}

module.exports = { isRelativeUrl, requireAdmin };
`;

const lessSaid = `const { isValidUrl: isRelativeUrl } = require('@acme/url-kit');

module.exports = { isRelativeUrl };
`;

const routes = `const express = require('express');
const { isRelativeUrl } = require('../lib/web');

const router = express.Router();

const whenDone = (req, fallback) =>
  req.query.then && isRelativeUrl('/' + req.query.then) ? \`/\${req.query.then}\` : fallback;

router.post('/pages/:id/publish', (req, res) => {
  res.redirect(whenDone(req, '/pages'));
});

module.exports = router;
`;

const aliasedRoutes = routes.replace("require('../lib/web')", "require('#web')");

describe('no-open-redirect: a package predicate passed on by a project file', () => {
  it('takes the package function at its name through the project file', async () => {
    const dir = writeProject({ 'lib/web.js': passedOn, 'routes/pages.js': routes }, manifest);
    expect(await lintProjectFile(dir, 'routes/pages.js', rules)).toEqual([]);
  });

  it('judges a function of the project file by its body', async () => {
    const dir = writeProject({ 'lib/web.js': ownWeakCheck, 'routes/pages.js': routes }, manifest);
    const messages = await lintProjectFile(dir, 'routes/pages.js', rules);
    expect(messages.map((message) => [message.ruleId, message.line])).toEqual([['api-security/no-open-redirect', 10]]);
  });

  it('judges by its body a function of the project imported through a bare alias (#imports)', async () => {
    const dir = writeProject({ 'lib/web.js': ownWeakCheck, 'routes/pages.js': aliasedRoutes }, { ...manifest, imports: { '#web': './lib/web.js' } });
    const messages = await lintProjectFile(dir, 'routes/pages.js', rules);
    expect(messages.map((message) => [message.ruleId, message.line])).toEqual([['api-security/no-open-redirect', 10]]);
  });

  it('does not take a renamed package function at the name it is passed on under', async () => {
    const dir = writeProject({ 'lib/web.js': lessSaid, 'routes/pages.js': routes }, manifest);
    const messages = await lintProjectFile(dir, 'routes/pages.js', rules);
    expect(messages.map((message) => [message.ruleId, message.line])).toEqual([['api-security/no-open-redirect', 10]]);
  });
});
