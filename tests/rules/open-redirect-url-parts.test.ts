import { RuleTester } from '@typescript-eslint/rule-tester';
import redirect from '../../src/rules/no-open-redirect.js';
import xss from '../../src/rules/no-reflected-xss.js';

// The query or fragment of a URL parsed from the request (`new URL(req.url, base).search`,
// `url.parse(req.url).search`) is empty or starts with `?` or `#`: wherever it stands in a redirect
// target it names no other site. A value compared equal to one the server holds
// (`req.path === settings.mountPath`) is that value. What is made of either (the query without its
// `?`, a decoded copy, a path, a value compared with request input) stays reported.
const ruleTester = new RuleTester();

const header = `import express from 'express';
import url from 'node:url';
import settings from './settings.js';
const app = express();
`;

ruleTester.run('no-open-redirect (parts of a parsed URL, values equal to the server\'s)', redirect, {
  valid: [
    {
      name: 'an encoded name followed by the query of the request\'s own URL (middleware)',
      code: `${header}
app.use(async (req, res, next) => {
  const canonical = await settings.canonicalName(req.params.slug);
  if (!canonical) return next();
  const parsed = new URL(req.originalUrl, 'http://placeholder.local');
  res.redirect(301, encodeURIComponent(canonical) + parsed.search);
});`,
    },
    {
      name: 'a prefix configured at run time followed by a path checked under /static/ and the query (node:http)',
      code: `import http from 'node:http';
import url from 'node:url';
import settings from './settings.js';
http.createServer((req, res) => {
  const { pathname, search } = url.parse(req.url);
  if (pathname.startsWith('/static/')) {
    res.statusCode = 302;
    res.setHeader('Location', \`\${settings.publicPath()}\${pathname}\${search || ''}\`);
    return res.end();
  }
  res.end('ok');
}).listen(8080);`,
    },
    {
      name: 'the query alone, a relative reference to the same page',
      code: `${header}
app.use((req, res) => {
  const parsed = url.parse(req.url);
  res.setHeader('Location', parsed.search);
  res.status(303).end();
});`,
    },
    {
      name: 'the fragment of a URL parsed from a query value',
      code: `${header}
app.get('/jump', (req, res) => {
  const target = new URL(String(req.query.to), 'https://docs.example.com');
  res.redirect(target.hash);
});`,
    },
    {
      name: 'the request path compared equal to a configured mount path, then a slash added',
      code: `${header}
app.use((req, res, next) => {
  const mount = settings.mountPath;
  if (req.path === mount) return res.redirect(req.path + '/');
  next();
});`,
    },
    {
      name: 'an encoded value after a fixed path, alone, or as the label of a fixed parent domain',
      code: `${header}
app.get('/a', (req, res) => res.redirect('/pages/' + encodeURIComponent(String(req.query.page))));
app.get('/b', (req, res) => res.redirect(encodeURIComponent(String(req.query.page))));
app.get('/c', (req, res) => res.redirect('https://' + encodeURIComponent(String(req.query.tenant)) + '.example.com/home'));`,
    },
  ],
  invalid: [
    {
      name: 'look-alike: an encoded value that starts the host (encodeURIComponent keeps letters, digits, dots, dashes)',
      code: `${header}
app.get('/a', (req, res) => res.redirect('//' + encodeURIComponent(String(req.query.host)) + '/welcome'));
app.get('/b', (req, res) => res.redirect(\`https://\${encodeURIComponent(String(req.query.host))}\`));
app.get('/c', (req, res) => res.redirect('https:' + encodeURIComponent(String(req.query.host))));`,
      errors: [{ messageId: 'openRedirect', line: 6 }, { messageId: 'openRedirect', line: 7 }, { messageId: 'openRedirect', line: 8 }],
    },
    {
      name: 'look-alike: the query without its leading ?',
      code: `${header}
app.use((req, res) => {
  const parsed = new URL(req.originalUrl, 'http://placeholder.local');
  res.redirect(parsed.search.slice(1));
});`,
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'look-alike: a decoded copy of the query, cut after its ?',
      code: `${header}
app.use((req, res) => {
  const query = decodeURIComponent(url.parse(req.url).search ?? '');
  res.redirect(query.substring(1));
});`,
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'look-alike: input after a query that may be empty',
      code: `${header}
app.use((req, res) => {
  const parsed = new URL(req.originalUrl, 'http://placeholder.local');
  res.redirect(parsed.search + req.query.next);
});`,
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'look-alike: the path of url.parse, which keeps a leading //',
      code: `${header}
app.use((req, res) => {
  const { pathname, search } = url.parse(req.url);
  res.redirect(pathname + search);
});`,
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'look-alike: input after an encoded name, which may be empty',
      code: `${header}
app.get('/go', (req, res) => {
  res.redirect(encodeURIComponent(String(req.query.page)) + req.query.rest);
});`,
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'look-alike: a field named search of a parsed query string, not a URL',
      code: `import express from 'express';
import querystring from 'node:querystring';
const app = express();
app.post('/go', express.urlencoded(), (req, res) => {
  const form = querystring.parse(req.body.raw);
  res.redirect(form.search);
});`,
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'look-alike: the request path compared equal to another request input',
      code: `${header}
app.use((req, res, next) => {
  if (req.path === req.query.expected) return res.redirect(req.path);
  next();
});`,
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'look-alike: the request path compared unequal to the configured path',
      code: `${header}
app.use((req, res, next) => {
  if (req.path !== settings.mountPath) return res.redirect(req.path);
  next();
});`,
      errors: [{ messageId: 'openRedirect' }],
    },
    {
      name: 'look-alike: one input compared with the configured path, another redirected to',
      code: `${header}
app.get('/continue', (req, res) => {
  if (req.query.from === settings.mountPath) return res.redirect(String(req.query.to));
  res.redirect('/');
});`,
      errors: [{ messageId: 'openRedirect' }],
    },
  ],
});

ruleTester.run('no-reflected-xss (the encoded query of a parsed URL)', xss, {
  valid: [
    {
      name: 'the query of the request\'s own URL on an http base, in a link of an HTML answer',
      code: `${header}
app.use((req, res) => {
  const target = encodeURIComponent(settings.home) + new URL(req.url, 'http://placeholder.local').search;
  res.status(302).send(\`Moved: <a href="\${target}">\${target}</a>\`);
});`,
    },
  ],
  invalid: [
    {
      name: 'look-alike: the query of url.parse, which Node leaves as sent for a relative URL',
      code: `${header}
app.use((req, res) => {
  res.send('<p>Now at <a href="/new' + url.parse(req.url).search + '">the new page</a></p>');
});`,
      errors: [{ messageId: 'reflectedXss' }],
    },
    {
      name: 'look-alike: the decoded query',
      code: `${header}
app.use((req, res) => {
  const parsed = new URL(req.url, 'http://placeholder.local');
  res.send('<p>You searched ' + decodeURIComponent(parsed.search) + '</p>');
});`,
      errors: [{ messageId: 'reflectedXss' }],
    },
    {
      name: 'look-alike: the query held in a constant, decoded in a concatenation',
      code: `${header}
app.use((req, res) => {
  const query = new URL(req.url, 'http://placeholder.local').search;
  res.send('<p>' + decodeURI('/list' + query) + '</p>');
});`,
      errors: [{ messageId: 'reflectedXss' }],
    },
    {
      name: 'look-alike: a constant built from the query, decoded',
      code: `${header}
app.use((req, res) => {
  const label = 'Results for ' + new URL(req.url, 'http://placeholder.local').search;
  res.send('<h1>' + decodeURIComponent(label) + '</h1>');
});`,
      errors: [{ messageId: 'reflectedXss' }],
    },
    {
      name: 'look-alike: the query of a URL taken whole from the request (a non-special scheme keeps \')',
      code: `${header}
app.get('/show', (req, res) => {
  res.send("<a href='" + new URL(String(req.query.u)).search + "'>again</a>");
});`,
      errors: [{ messageId: 'reflectedXss' }],
    },
    {
      name: 'look-alike: the own URL parsed on a base of a non-special scheme',
      code: `${header}
app.use((req, res) => {
  res.send("<a href='" + new URL(req.url, 'app://local').search + "'>again</a>");
});`,
      errors: [{ messageId: 'reflectedXss' }],
    },
    {
      name: 'look-alike: the fragment, whose encoding keeps \'',
      code: `${header}
app.get('/show', (req, res) => {
  res.send("<a href='" + new URL(String(req.query.u), 'http://placeholder.local').hash + "'>again</a>");
});`,
      errors: [{ messageId: 'reflectedXss' }],
    },
  ],
});
