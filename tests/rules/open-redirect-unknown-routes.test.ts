import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule, { type Options } from '../../src/rules/no-open-redirect.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A redirect to the path of the request's own URL (`req.originalUrl` with a segment swapped or a
 * `/` added) in a handler whose registration is not in view: neither it nor any function that
 * passes it the request is registered, mounted, or exported to a file that registers it. Whether
 * the path can start with `//` depends on that registration: a route whose path starts with a fixed
 * segment never matches `//evil.example/…`; middleware, a wildcard or a leading parameter does. The
 * verdict is unknown: reported with its own message when `unknownRoutes` is `report` (as `strict`
 * sets it), not by default.
 *
 * Everything whose registration IS in view keeps being judged by it: middleware, a node:http
 * listener, a method whose instance is registered on a wildcard, a function called from a handler
 * of such a route, or one handed to a call this cannot follow. And a query value is never the own
 * URL: an unregistered function redirecting to it is an open redirect whatever the route.
 */

const ruleTester = new RuleTester();
const report: Options = [{ unknownRoutes: 'report' }];

const express = `import express from 'express';
const app = express();
`;

/** A class whose method swaps one segment of the own path, reached only from another method. */
const waitingClass = `export class WaitingPages {
  toForm(req, res) {
    const target = req.originalUrl.replace('/waiting/', '/form/');
    if (target === req.originalUrl) return false;
    res.redirect(307, target);
    return true;
  }
  async resume(req, res) {
    if (this.toForm(req, res)) return;
    res.send('resumed');
  }
}
`;

ruleTester.run('no-open-redirect (own path, registration out of view)', rule, {
  valid: [
    {
      name: 'an exported function adding a slash, registered nowhere in view',
      code: `export function withSlash(req, res) {
  res.redirect(301, req.originalUrl + '/');
}`,
    },
    { name: 'a method of an exported class reached only through its own methods', code: waitingClass },
    {
      name: 'the same class handed to a container (instances found by name only)',
      code: `${waitingClass}import { Container } from 'typedi';
Container.set('waiting', new WaitingPages());`,
    },
    {
      name: 'a method assigned in a constructor, the object exported',
      code: `function Pages() {
  this.slash = (req, res) => res.redirect(req.url + '/');
}
module.exports = new Pages();`,
    },
    {
      name: 'a helper called from an exported method with the request, through a callback without parameters',
      code: `function goBack(req, res) {
  res.redirect(req.path.replace(/\\/$/, ''));
}
export class Back {
  handle(req, res) {
    setImmediate(() => goBack(req, res));
  }
}`,
    },
    {
      name: 'an anonymous default export',
      code: `export default function (req, res) {
  res.redirect(req.url + '/');
}`,
    },
  ],
  invalid: [
    {
      name: 'Koa: an exported middleware, registered nowhere in view, is used, which every path reaches',
      code: `import Koa from 'koa';
export async function trailing(ctx, next) {
  if (!ctx.path.endsWith('/')) return ctx.redirect(ctx.path + '/');
  await next();
}`,
      errors: [{ messageId: 'openRedirect', line: 3 }],
    },
    {
      name: 'Express: an exported lower-casing middleware',
      code: `export function lowerCase(req, res, next) {
  if (req.path !== req.path.toLowerCase()) return res.redirect(301, req.originalUrl.toLowerCase());
  next();
}`,
      errors: [{ messageId: 'openRedirect', line: 2 }],
    },
    {
      name: 'Express: a middleware whose next parameter is written _next is still a middleware',
      code: `export function lowerCase(req, res, _next) {
  if (req.path !== req.path.toLowerCase()) return res.redirect(301, req.originalUrl.toLowerCase());
  _next();
}`,
      errors: [{ messageId: 'openRedirect', line: 2 }],
    },
    {
      name: 'reported with its own message under unknownRoutes',
      code: `export function withSlash(req, res) {
  res.redirect(301, req.originalUrl + '/');
}`,
      options: report,
      errors: [
        {
          messageId: 'unknownRoute',
          line: 2,
          column: 21,
          endColumn: 36,
          data: { source: '`req.originalUrl`', sourceLine: 2, sink: 'res.redirect', sinkLine: 2, via: '', handler: 'withSlash', handlerLine: 1 },
        },
      ],
    },
    {
      name: 'the class method under unknownRoutes, named by its method',
      code: waitingClass,
      options: report,
      errors: [{ messageId: 'unknownRoute', line: 5, data: { source: '`req.originalUrl`', sourceLine: 3, sink: 'res.redirect', sinkLine: 5, via: '', handler: 'toForm', handlerLine: 2 } }],
    },
    {
      name: 'middleware: app.use runs for every path',
      code: `${express}export function withSlash(req, res, next) {
  if (req.path.endsWith('/')) return next();
  res.redirect(301, req.originalUrl + '/');
}
app.use(withSlash);`,
      errors: [{ messageId: 'openRedirect', line: 5 }],
    },
    {
      name: 'middleware written inline in app.use',
      code: `${express}app.use((req, res, next) => {
  if (req.path.endsWith('/')) return next();
  res.redirect(301, req.originalUrl + '/');
});`,
      errors: [{ messageId: 'openRedirect', line: 5 }],
    },
    {
      // `GET //evil.example?/..`: the dot segments are in the query, so the server gets them as
      // sent, `relative('/', '//evil.example?/..')` is '', and `Location: //evil.example?/../`
      // sends the browser to evil.example.
      name: 'node:http: a listener that adds a slash when the URL is the base path',
      code: `import http from 'node:http';
import path from 'node:path';
const base = '/';
const listener = (request, response) => {
  const url = request.url;
  const rest = path.posix.relative(base, url);
  if (rest.startsWith('.')) { response.statusCode = 404; return response.end(); }
  if (rest === '' && !url.endsWith('/')) {
    response.writeHead(301, { Location: \`\${url}/\` });
    return response.end();
  }
  serveFile(rest, response);
};
http.createServer(listener).listen(8080);`,
      errors: [{ messageId: 'openRedirect', line: 9 }],
    },
    {
      name: 'a class whose instance method is registered on a wildcard route',
      code: `${express}${waitingClass}const pages = new WaitingPages();
app.get('*', (req, res) => pages.resume(req, res));`,
      errors: [{ messageId: 'openRedirect', line: 7 }],
    },
    {
      name: 'a class whose bound method is registered on a wildcard route',
      code: `${express}${waitingClass}const pages = new WaitingPages();
app.all('*', pages.resume.bind(pages));`,
      errors: [{ messageId: 'openRedirect', line: 7 }],
    },
    {
      name: 'a class whose method is handed to a wrapper in app.use',
      code: `${express}${waitingClass}const pages = new WaitingPages();
app.use(wrapAsync(pages.resume));`,
      errors: [{ messageId: 'openRedirect', line: 7 }],
    },
    {
      name: 'a helper called from a registered middleware through a callback',
      code: `${express}function goBack(req, res) {
  res.redirect(req.path.replace(/\\/$/, ''));
}
app.use((req, res, next) => {
  setImmediate(() => goBack(req, res));
});`,
      errors: [{ messageId: 'openRedirect', line: 4 }],
    },
    {
      name: 'a helper called from a listener the call hands its own arguments',
      code: `function goBack(req, res) {
  res.redirect(req.path.replace(/\\/$/, ''));
}
export function attach(server) {
  server.on('request', (req, res) => goBack(req, res));
}`,
      errors: [{ messageId: 'openRedirect', line: 2 }],
    },
    {
      name: 'a method called through a computed member from a registered handler',
      code: `${express}${waitingClass}const pages = new WaitingPages();
app.get('/:action/*', (req, res) => pages[req.params.action](req, res));`,
      errors: [{ messageId: 'openRedirect', line: 7 }],
    },
    {
      name: 'a route table handed whole to a function',
      code: `const table = {
  back(req, res) {
    res.redirect(req.originalUrl + '/');
  },
};
registerAll(table);`,
      errors: [{ messageId: 'openRedirect', line: 3 }],
    },
    {
      name: 'a method named in a string (a compiled decorator may register it)',
      code: `export class Pages {
  back(req, res) {
    res.redirect(req.originalUrl + '/');
  }
}
__decorate([Route('*')], Pages.prototype, 'back', null);`,
      errors: [{ messageId: 'openRedirect', line: 3 }],
    },
    {
      name: 'a decorated method',
      code: `export class Pages {
  @Catch()
  back(req, res) {
    res.redirect(req.originalUrl + '/');
  }
}`,
      errors: [{ messageId: 'openRedirect', line: 4 }],
    },
    {
      name: 'a query value in an unregistered function is not the own URL',
      code: `export function back(req, res) {
  res.redirect(req.query.next);
}`,
      errors: [{ messageId: 'openRedirect', line: 2 }],
    },
    {
      name: 'a query value in an unregistered function, under unknownRoutes: still an open redirect',
      code: `export function back(req, res) {
  res.redirect(req.originalUrl + '/' + req.query.next);
}`,
      options: report,
      errors: [{ messageId: 'unknownRoute', column: 16 }, { messageId: 'openRedirect', column: 40 }],
    },
  ],
});

const waitingModule = `const { WaitingPages } = require('./waiting');
`;

async function redirectMessages(files: Record<string, string>, options: Options[0] = {}): Promise<(string | undefined)[]> {
  const dir = writeProject({ 'lib/waiting.js': waitingClass.replace('export class WaitingPages', 'class WaitingPages') + 'module.exports = { WaitingPages };\n', ...files }, { name: 'app' });
  const messages = await lintProjectFile(dir, 'lib/waiting.js', { 'api-security/no-open-redirect': ['error', options] });
  return messages.filter((message) => message.ruleId === 'api-security/no-open-redirect').map((message) => message.messageId);
}

describe('no-open-redirect: the own path in a handler of another file', () => {
  it('is unknown when the importing file only hands the class to a container', async () => {
    const files = {
      'lib/server.js': `${waitingModule}const express = require('express');
const { Container } = require('typedi');
const app = express();
app.all('/waiting/:id', makeHandler(Container.get(WaitingPages)));
`,
    };
    expect(await redirectMessages(files)).toEqual([]);
    expect(await redirectMessages(files, { unknownRoutes: 'report' })).toEqual(['unknownRoute']);
  });

  it('is reported when the importing file registers an instance on a wildcard', async () => {
    expect(
      await redirectMessages({
        'lib/server.js': `${waitingModule}const express = require('express');
const app = express();
const pages = new WaitingPages();
app.get('*', (req, res) => pages.resume(req, res));
`,
      }),
    ).toEqual(['openRedirect']);
  });

  it('is reported when a subclass of another file is registered by a third', async () => {
    expect(
      await redirectMessages({
        'lib/forms.js': `${waitingModule}class FormPages extends WaitingPages {}
module.exports = { FormPages };
`,
        'lib/server.js': `const express = require('express');
const { FormPages } = require('./forms');
const app = express();
const pages = new FormPages();
app.use((req, res, next) => pages.resume(req, res).then(next));
`,
      }),
    ).toEqual(['openRedirect']);
  });

  it('is reported when a barrel re-exports it to a file that registers it', async () => {
    expect(
      await redirectMessages({
        'lib/index.js': `module.exports = require('./waiting');
`,
        'lib/server.js': `const express = require('express');
const { WaitingPages } = require('./index');
const app = express();
const pages = new WaitingPages();
app.use(pages.resume.bind(pages));
`,
      }),
    ).toEqual(['openRedirect']);
  });

  it('is reported when an ES module barrel re-exports it to a file that registers it', async () => {
    const dir = writeProject({
      'lib/waiting.js': waitingClass,
      'lib/index.js': `export * from './waiting.js';
`,
      'lib/server.js': `import express from 'express';
import { WaitingPages } from './index.js';
const app = express();
app.get('*', (req, res) => new WaitingPages().resume(req, res));
`,
    });
    const messages = await lintProjectFile(dir, 'lib/waiting.js', { 'api-security/no-open-redirect': 'error' });
    expect(messages.map((message) => message.messageId)).toEqual(['openRedirect']);
  });

  it('is reported when a barrel renames it for a file that registers it', async () => {
    const dir = writeProject({
      'lib/slash.js': `export function withSlash(req, res) {
  res.redirect(req.originalUrl + '/');
}
`,
      'lib/index.js': `export { withSlash as trailingSlash } from './slash.js';
`,
      'lib/server.js': `import express from 'express';
import { trailingSlash } from './index.js';
express().use(trailingSlash);
`,
    });
    const messages = await lintProjectFile(dir, 'lib/slash.js', { 'api-security/no-open-redirect': 'error' });
    expect(messages.map((message) => message.messageId)).toEqual(['openRedirect']);
  });

  it('keeps the verdict of a handler of another file that passes its own path to a helper here', async () => {
    const pages = `import { sendTo } from './send.js';
export class Pages {
  resume(req, res) {
    sendTo(res, req.originalUrl + '/');
  }
}
`;
    const send = `export function sendTo(res, url) {
  res.redirect(url);
}
`;
    const lint = async (files: Record<string, string>, options: Options[0] = {}): Promise<(string | undefined)[]> => {
      const dir = writeProject(files);
      const messages = await lintProjectFile(dir, 'lib/send.js', { 'api-security/no-open-redirect': ['error', options] });
      return messages.map((message) => message.messageId);
    };
    expect(await lint({ 'lib/pages.js': pages, 'lib/send.js': send })).toEqual([]);
    expect(await lint({ 'lib/pages.js': pages, 'lib/send.js': send }, { unknownRoutes: 'report' })).toEqual(['unknownRoute']);
    const server = `import express from 'express';
import { Pages } from './pages.js';
const app = express();
app.use((req, res) => new Pages().resume(req, res));
`;
    expect(await lint({ 'lib/pages.js': pages, 'lib/send.js': send, 'lib/server.js': server })).toEqual(['openRedirect']);
  });

  it('is reported when a default export is middleware of another file', async () => {
    const esm = writeProject({
      'lib/slash.js': `export default function (req, res) {
  res.redirect(req.url + '/');
}
`,
      'lib/server.js': `import express from 'express';
import slash from './slash.js';
express().use(slash);
`,
    });
    expect((await lintProjectFile(esm, 'lib/slash.js', { 'api-security/no-open-redirect': 'error' })).map((message) => message.messageId)).toEqual(['openRedirect']);
    const commonJs = writeProject(
      {
        'lib/slash.js': `module.exports = function (req, res) {
  res.redirect(req.url + '/');
};
`,
        'lib/server.js': `const express = require('express');
const slash = require('./slash');
express().use((req, res, next) => (req.path.endsWith('/') ? next() : slash(req, res)));
`,
      },
      { name: 'app' },
    );
    expect((await lintProjectFile(commonJs, 'lib/slash.js', { 'api-security/no-open-redirect': 'error' })).map((message) => message.messageId)).toEqual(['openRedirect']);
    // Alone, the same module is unknown.
    const alone = writeProject({ 'lib/slash.js': `module.exports = function (req, res) {\n  res.redirect(req.url + '/');\n};\n` }, { name: 'app' });
    expect((await lintProjectFile(alone, 'lib/slash.js', { 'api-security/no-open-redirect': ['error', { unknownRoutes: 'report' }] })).map((message) => message.messageId)).toEqual(['unknownRoute']);
  });

  it('is reported when compiled TypeScript calls it from middleware of another file', async () => {
    const dir = writeProject(
      {
        'lib/slash.js': `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.withSlash = withSlash;
function withSlash(req, res) {
    res.redirect(req.originalUrl + '/');
}
`,
        'lib/server.js': `"use strict";
const express_1 = __importDefault(require("express"));
const slash_1 = require("./slash");
const app = (0, express_1.default)();
app.use((req, res) => (0, slash_1.withSlash)(req, res));
`,
      },
      { name: 'app' },
    );
    expect((await lintProjectFile(dir, 'lib/slash.js', { 'api-security/no-open-redirect': 'error' })).map((message) => message.messageId)).toEqual(['openRedirect']);
    // Called the same way from an exported function that nothing in view registers: unknown.
    const unregistered = writeProject(
      {
        'lib/slash.js': `"use strict";
exports.withSlash = withSlash;
function withSlash(req, res) {
    res.redirect(req.originalUrl + '/');
}
`,
        'lib/pages.js': `"use strict";
const slash_1 = require("./slash");
exports.resume = resume;
function resume(req, res) {
    return (0, slash_1.withSlash)(req, res);
}
`,
      },
      { name: 'app' },
    );
    expect((await lintProjectFile(unregistered, 'lib/slash.js', { 'api-security/no-open-redirect': ['error', { unknownRoutes: 'report' }] })).map((message) => message.messageId)).toEqual(['unknownRoute']);
  });

  it('is reported when an exported function is middleware of another file', async () => {
    const dir = writeProject(
      {
        'lib/slash.js': `exports.withSlash = function (req, res, next) {
  if (req.path.endsWith('/')) return next();
  res.redirect(301, req.originalUrl + '/');
};
`,
        'lib/server.js': `const express = require('express');
const { withSlash } = require('./slash');
const app = express();
app.use(withSlash);
`,
      },
      { name: 'app' },
    );
    const messages = await lintProjectFile(dir, 'lib/slash.js', { 'api-security/no-open-redirect': 'error' });
    expect(messages.map((message) => message.messageId)).toEqual(['openRedirect']);
  });
});
