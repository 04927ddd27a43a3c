import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/no-reflected-xss.js';
import { opensQuotedAttribute } from '../../src/analysis/taint/html-context.js';
import { undecodedUrlInputs, requestInputs, type RequestStyle } from '../../src/models/frameworks/request-inputs.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * The request's own URL as the browser sent it (Express `req.originalUrl`, `req.url`, `req.path`,
 * Koa `ctx.url`, Node `req.url`, Fastify `request.url`) is not percent-decoded: a browser encodes
 * `"`, `<`, `>`, spaces and backticks in the path and query of every URL it requests, whatever
 * link, redirect or form asked for it. Written as the value of a double-quoted attribute, that text
 * cannot close the attribute, so a "back to this page" link built from it runs no script. What
 * stays reported: the text decoded (by the code, or by a middleware that writes it back), a
 * single-quoted or unquoted attribute (a path keeps `'`), an event-handler or style attribute, a
 * string written inside a script, a tag whose opening is not in the same text, element text, and
 * every decoded input (the query's fields).
 */

const ruleTester = new RuleTester();

const express = `import express from 'express';
const app = express();`;

ruleTester.run('no-reflected-xss (the URL as sent, in a double-quoted attribute)', rule, {
  valid: [
    {
      name: 'Express: the path of the page in a link back to it',
      code: `${express}
app.get('/reports', (req, res) => {
  res.send('<p>Saved.</p><a class="back" href="' + req.originalUrl.split('?')[0] + '">Reports</a>');
});`,
    },
    {
      name: 'Express: a variable set once to the path, used in a page built in steps',
      code: `${express}
function listReports(req, res) {
  var here = req.originalUrl.split('?')[0];
  var page = '<ul>';
  for (const id of ['a', 'b']) page += '<li><a download href="' + here + '?id=' + id + '">' + id + '</a></li>';
  page += '</ul>';
  res.send(page);
}
app.get('/reports/:year', listReports);`,
    },
    {
      name: 'Express: links to the same page kept in objects first, with fixed and encoded parts joined',
      code: `${express}
app.get('/dumps', (req, res) => {
  const here = req.originalUrl.split('?')[0];
  const key = req.query.key ? '&key=' + encodeURIComponent(req.query.key) : '';
  const rows = [];
  for (const name of ['a.dmp', 'b.dmp']) rows.push({ name, download: here + '?file=' + encodeURIComponent(name) + key });
  let page = '<table>';
  for (const row of rows) page += '<tr><td><a download href="' + row.download + '">Download</a></td></tr>';
  res.send(page + '</table>');
});`,
    },
    {
      name: 'Express: req.path in a template, on a route with a parameter',
      code: `${express}
app.get('/docs/:page', (req, res) => {
  res.send(\`<form method="post" action="\${req.path}"><button>Send</button></form>\`);
});`,
    },
    {
      name: 'Express: the path split into segments and joined again with a slash',
      code: `${express}
app.get('/files/*', (req, res) => {
  const parent = req.path.split('/').slice(0, -1).join('/');
  res.send('<a class="up" href="' + parent + '">Up</a>');
});`,
    },
    {
      name: 'Koa: ctx.url in a canonical link',
      code: `import Koa from 'koa';
const app = new Koa();
app.use(async (ctx) => {
  ctx.body = '<html><head><link rel="canonical" href="' + ctx.url.toLowerCase() + '"></head></html>';
});`,
    },
    {
      name: 'node:http: the whole request target in an attribute, then a fixed text',
      code: `import http from 'node:http';
http.createServer((req, res) => {
  res.setHeader('Content-Type', 'text/html');
  res.end('<meta name="page" content="' + req.url + '"><h1>Hello</h1>');
}).listen(8080);`,
    },
  ],
  invalid: [
    {
      name: 'the same URL in the text of an element',
      code: `${express}
app.get('/reports', (req, res) => {
  res.send('<p>Nothing at ' + req.originalUrl + '</p>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 4 }],
    },
    {
      name: 'a single-quoted attribute: a path keeps its quote',
      code: `${express}
app.get('/reports', (req, res) => {
  res.send("<a href='" + req.path + "'>again</a>");
});`,
      errors: [{ messageId: 'reflectedXss', line: 4 }],
    },
    {
      name: 'an unquoted attribute',
      code: `${express}
app.get('/reports', (req, res) => {
  res.send('<a href=' + req.originalUrl + '>again</a>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 4 }],
    },
    {
      name: 'an event handler attribute, double-quoted',
      code: `${express}
app.get('/reports', (req, res) => {
  res.send('<button onclick="history.replaceState(null, \\'\\', ' + req.originalUrl + ')">x</button>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 4 }],
    },
    {
      name: 'a style attribute and srcdoc',
      code: `${express}
app.get('/reports', (req, res) => {
  res.send('<div style="' + req.url + '"></div>');
});
app.get('/frame', (req, res) => {
  res.send('<iframe srcdoc="' + req.url + '"></iframe>');
});`,
      errors: [
        { messageId: 'reflectedXss', line: 4 },
        { messageId: 'reflectedXss', line: 7 },
      ],
    },
    {
      name: 'an attribute in a string written by a script',
      code: `${express}
app.get('/reports', (req, res) => {
  res.send('<script>document.write(\\'<a href="' + req.originalUrl + '">back</a>\\');</script>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 4 }],
    },
    {
      name: 'decoded by the code before it is written',
      code: `${express}
app.get('/reports', (req, res) => {
  res.send('<a href="' + decodeURIComponent(req.originalUrl) + '">again</a>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 4 }],
    },
    {
      name: 'changed by a replace that may add a quote',
      code: `${express}
app.get('/reports', (req, res) => {
  res.send('<a href="' + req.originalUrl.replace(/\\/$/, '') + '">again</a>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 4 }],
    },
    {
      name: 'a middleware writes the URL back decoded',
      code: `${express}
app.use((req, res, next) => {
  req.url = decodeURIComponent(req.url);
  next();
});
app.get('/reports', (req, res) => {
  res.send('<a href="' + req.originalUrl + '">again</a>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 8 }],
    },
    {
      name: 'the tag opened before another value: the attribute is not known',
      code: `${express}
app.get('/reports', (req, res) => {
  const tag = req.query.compact ? 'a' : 'link';
  res.send('<' + tag + ' href="' + req.originalUrl + '">again</a>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 5 }],
    },
    {
      name: 'decoded by a helper of the file before it is kept in an object',
      code: `${express}
function readable(text) {
  return decodeURIComponent(text);
}
app.get('/dumps', (req, res) => {
  const rows = [{ link: readable(req.originalUrl) + '?page=2' }];
  res.send('<a href="' + rows[0].link + '">next</a>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 8 }],
    },
    {
      name: 'decoded by a helper of the file that returns a record',
      code: `${express}
function toLink(path) {
  return { href: path.split('%22').map((part) => unescape(part)).join('%22') };
}
app.get('/dumps', (req, res) => {
  res.send('<a href="' + toLink(req.originalUrl).href + '">next</a>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 7 }],
    },
    {
      name: 'passed through a helper of the file that returns text',
      code: `${express}
function readable(path) {
  return path.split('%22').join('"');
}
app.get('/dumps', (req, res) => {
  res.send('<a href="' + readable(req.originalUrl) + '">next</a>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 7 }],
    },
    {
      name: 'split and joined again with a quote: the quotes go where the URL chose',
      code: `${express}
app.get('/dumps', (req, res) => {
  res.send('<a href="' + req.originalUrl.split('%22').join('"') + '">next</a>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 4 }],
    },
    {
      name: 'joined with a decoded query field in the same value',
      code: `${express}
app.get('/dumps', (req, res) => {
  const next = req.path + '?from=' + req.query.from;
  res.send('<a href="' + next + '">next</a>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 5 }],
    },
    {
      name: 'a URL object built from it: new URL(...).searchParams decodes',
      code: `${express}
app.get('/dumps', (req, res) => {
  const back = new URL(req.originalUrl, 'http://localhost').searchParams.get('back');
  res.send('<a href="' + back + '">back</a>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 5 }],
    },
    {
      name: 'a decoded query field in the same attribute shape',
      code: `${express}
app.get('/reports', (req, res) => {
  res.send('<a href="' + req.query.back + '">back</a>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 4 }],
    },
    {
      name: 'a decoded path parameter in the same attribute shape',
      code: `${express}
app.get('/reports/:name', (req, res) => {
  res.send('<a href="/reports/' + req.params.name + '">again</a>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 4 }],
    },
    {
      name: 'the attribute, then the same URL as the link text',
      code: `${express}
app.get('/reports', (req, res) => {
  res.send('<a href="' + req.url + '">' + req.url + '</a>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 4 }],
    },
  ],
});

describe('the URL as sent, across files', () => {
  it('a middleware of another file that decodes the URL in place keeps it reported', async () => {
    const dir = writeProject({
      'src/decode.js': `export function decodePath(req, res, next) {
  req.url = decodeURIComponent(req.url);
  next();
}`,
      'src/app.js': `import express from 'express';
import { decodePath } from './decode.js';
const app = express();
app.use(decodePath);
app.get('/reports', (req, res) => {
  res.send('<a href="' + req.path + '">again</a>');
});`,
    });
    const messages = await lintProjectFile(dir, 'src/app.js', { 'api-security/no-reflected-xss': 'error' });
    expect(messages.map((message) => message.line)).toEqual([6]);
  });

  it('a prefix stripped from the URL in another file is no decoding', async () => {
    const dir = writeProject({
      'src/strip.js': `export function stripPrefix(req, res, next) {
  req.url = req.url.replace(/^\\/app/, '') || '/';
  next();
}`,
      'src/app.js': `import express from 'express';
import { stripPrefix } from './strip.js';
const app = express();
app.use(stripPrefix);
app.get('/reports', (req, res) => {
  res.send('<a href="' + req.path + '">again</a>');
});`,
    });
    expect(await lintProjectFile(dir, 'src/app.js', { 'api-security/no-reflected-xss': 'error' })).toEqual([]);
  });
});

describe('the attribute context', () => {
  it.each([
    ['<a href="', true],
    ['<td><a download href="', true],
    ['<a class="x y" data-id=3 title=\'t\' href = "', true],
    ['<script>x()</script><a href="', true],
    ["<a href='", false],
    ['<a href=', false],
    ['<a onclick="', false],
    ['<a ONMOUSEOVER="', false],
    ['<p style="', false],
    ['<iframe srcdoc="', false],
    ['<script src="', false],
    ['<script>var s = \'<a href="', false],
    [' href="', false],
    ['<a href="x">', false],
    ['<a title="a<b" href="', true],
    ['<a title="a <b href="', false],
    ['<a title="x > <b href="', false],
    ['<a href="/x?a=1" title="', true],
    ['<iframe title="', true],
    ['<!-- <a href="', false],
    ['<!-- x --><a href="', true],
    ['<textarea><a href="', false],
    ['<textarea></textarea><a href="', true],
    ['</a href="', false],
    ['<a href="x" data-note=\'y" href="', false],
  ])('%s → %s', (text, expected) => {
    expect(opensQuotedAttribute(text)).toBe(expected);
  });

  it('a raw-text element left open earlier in the string', () => {
    expect(opensQuotedAttribute('<a href="', '<script>var s = \'<a href="')).toBe(false);
    expect(opensQuotedAttribute('<a href="', '<script>go()</script><a href="')).toBe(true);
  });

  // An entry that is not an input of its style is never read as a source: a typo would go unnoticed.
  it.each(Object.entries(undecodedUrlInputs))('%s: every undecoded URL entry is an input of the style', (style, entries) => {
    for (const entry of entries) expect(requestInputs[style as RequestStyle].inputs).toContain(entry);
  });
});
