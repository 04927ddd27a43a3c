import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-open-redirect.js';

/*
 * An HTTPS upgrade written in a helper: `https://` + the request's own host + `:` + a port the
 * helper is given + the request's own path. The request path starts with `/`, so after an origin
 * it only picks a path on that origin. The port is a parameter of the helper: whether the origin
 * is fixed depends on what its callers pass, and when a caller passes request input the port
 * itself is reported (`:@evil.example` would move the host). When every caller passes a value of
 * the server, the origin is the request's own host, and the path after it cannot leave the site.
 */

const ruleTester = new RuleTester();

ruleTester.run('no-open-redirect (origin built from helper parameters)', rule, {
  valid: [
    {
      name: 'HTTPS upgrade server: own host, a configured port, own path',
      code: `import express from 'express';
import http from 'node:http';
function startUpgradeServer(port, securePort) {
  const upgrade = express();
  upgrade.use((req, res) => {
    const host = req.headers.host?.split(':')[0];
    res.redirect(\`https://\${host}:\${securePort}\${req.path}\`);
  });
  http.createServer(upgrade).listen(port);
}
startUpgradeServer(80, 443);`,
    },
    {
      name: 'a middleware factory given the port: concatenation, req.hostname and originalUrl',
      code: `import express from 'express';
const app = express();
function httpsOnly(port) {
  return (req, res, next) => (req.secure ? next() : res.redirect(301, 'https://' + req.hostname + ':' + port + req.originalUrl));
}
app.use(httpsOnly(8443));`,
    },
  ],
  invalid: [
    {
      name: 'the port from the query: `:@evil.example` moves the host',
      code: `import express from 'express';
const app = express();
app.use((req, res) => res.redirect(\`https://\${req.hostname}:\${req.query.port}\${req.path}\`));`,
      errors: [
        { messageId: 'openRedirect', line: 3, data: { source: '`req.query.port`', sourceLine: 3, sink: 'res.redirect', sinkLine: 3, via: '' } },
        { messageId: 'openRedirect', line: 3, data: { source: '`req.path`', sourceLine: 3, sink: 'res.redirect', sinkLine: 3, via: '' } },
      ],
    },
    {
      name: 'a helper whose port a caller takes from the query',
      code: `import express from 'express';
const app = express();
function toHttps(req, res, port) {
  return res.redirect(301, 'https://' + req.hostname + ':' + port + req.originalUrl);
}
app.use((req, res) => toHttps(req, res, req.query.port));`,
      errors: [
        {
          messageId: 'openRedirect',
          line: 4,
          data: { source: '`req.query.port`', sourceLine: 6, sink: 'res.redirect', sinkLine: 4, via: ' through `toHttps` (called on line 6)' },
        },
        {
          messageId: 'openRedirect',
          line: 4,
          data: { source: '`req.originalUrl`', sourceLine: 6, sink: 'res.redirect', sinkLine: 4, via: ' through `toHttps` (called on line 6)' },
        },
      ],
    },
    {
      name: 'a base the caller takes from the query, before the own path',
      code: `import express from 'express';
const app = express();
function forward(res, base, path) {
  res.redirect(\`\${base}\${path}\`);
}
app.get('/go', (req, res) => forward(res, req.query.base, req.path));`,
      errors: [{ messageId: 'openRedirect', line: 4, data: { source: '`req.query.base`', sourceLine: 6, sink: 'res.redirect', sinkLine: 4, via: ' through `forward` (called on line 6 by the handler of GET /go)' } }],
    },
  ],
});
