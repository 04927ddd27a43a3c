import { RuleTester } from '@typescript-eslint/rule-tester';
import redirect from '../../src/rules/no-open-redirect.js';
import ssrf from '../../src/rules/no-ssrf.js';

// A URL's scheme, host and path end at its first `?` or `#`. Request input placed after a `?` or
// `#` that the code writes itself, with nothing the request chose before it, lands in the query or
// fragment of a URL whose start the server fixed, even when that start is a value known only at run
// time (the app's mount path, a configured base URL): it cannot name another site. Input before the
// `?`, a `?` that is itself input, or a configured base followed by the input with no `?` between
// them stay reported.
const ruleTester = new RuleTester();

const header = `import express from 'express';
import settings from './settings.js';
const app = express();
const base = settings.mountPath();
`;

ruleTester.run('no-open-redirect (input in the query after a fixed ?)', redirect, {
  valid: [
    {
      name: 'the login page under the mount path, the requested path in its query',
      code: `${header}
app.get('/*', (req, res) => {
  const wanted = req.url.replace('/signin', '');
  if (!req.session?.account) return res.redirect(\`\${base}signin?back=\${wanted}\`);
  res.send('ok');
});`,
    },
    {
      name: 'a configured origin and a page name, the input after a ? written with +',
      code: `${header}
app.get('/out', (req, res) => res.redirect(settings.siteUrl + 'search?q=' + req.query.q));`,
    },
    {
      name: 'a configured base and a fragment of input after a fixed #',
      code: `${header}
app.get('/doc', (req, res) => res.redirect(settings.docsUrl() + 'guide#' + req.query.section));`,
    },
    {
      name: 'a page relative to the current one, input in its query',
      code: `${header}
app.get('/step', (req, res) => res.redirect('next?from=' + req.query.from + '&to=' + req.query.to));`,
    },
    {
      name: 'a constant holding the page and its ?, then input',
      code: `${header}
const SIGN_IN = 'signin?';
app.get('/gate', (req, res) => res.redirect(base + SIGN_IN + 'back=' + req.query.back));`,
    },
  ],
  invalid: [
    {
      name: 'look-alike: the mount path then the input, no ? between them',
      code: `${header}
app.get('/*', (req, res) => res.redirect(\`\${base}\${req.query.next}\`));`,
      errors: [{ messageId: 'openRedirect', line: 6, data: { source: '`req.query.next`', sourceLine: 6, sink: 'res.redirect', sinkLine: 6, via: '' } }],
    },
    {
      name: 'look-alike: input before the ?',
      code: `${header}
app.get('/go', (req, res) => res.redirect(\`\${req.query.to}?ref=home\`));`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
    {
      name: 'look-alike: a page name of input before a fixed ?',
      code: `${header}
app.get('/go', (req, res) => res.redirect(base + req.query.page + '?ref=' + req.query.ref));`,
      // After input, no later ? fixes anything: both pieces are reported.
      errors: [
        { messageId: 'openRedirect', line: 6, data: { source: '`req.query.page`', sourceLine: 6, sink: 'res.redirect', sinkLine: 6, via: '' } },
        { messageId: 'openRedirect', line: 6, data: { source: '`req.query.ref`', sourceLine: 6, sink: 'res.redirect', sinkLine: 6, via: '' } },
      ],
    },
    {
      name: 'look-alike: the ? comes from the request (a value that may hold none)',
      code: `${header}
app.get('/go', (req, res) => res.redirect(base + req.query.sep + 'x=' + req.query.next));`,
      errors: [{ messageId: 'openRedirect', line: 6, column: 50 }, { messageId: 'openRedirect', line: 6, column: 73 }],
    },
    {
      name: 'look-alike: a configured base then input (a base without a trailing / lets it choose the host)',
      code: `${header}
app.get('/go', (req, res) => res.redirect(settings.siteUrl + req.query.path));`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
  ],
});

ruleTester.run('no-ssrf (input in the query after a fixed ?)', ssrf, {
  valid: [],
  invalid: [
    {
      name: 'a configured service URL, input in its query: it chooses no host, only the query (reported as such)',
      code: `import express from 'express';
import settings from './settings.js';
const app = express();
app.get('/lookup', async (req, res) => res.json(await (await fetch(settings.geoService + '?ip=' + req.query.ip)).json()));`,
      errors: [{ messageId: 'pathInjection', line: 4, data: { source: '`req.query.ip`', sourceLine: 4, sink: 'fetch', sinkLine: 4, via: '' }, suggestions: [{ messageId: 'encodeSegment', output: `import express from 'express';
import settings from './settings.js';
const app = express();
app.get('/lookup', async (req, res) => res.json(await (await fetch(settings.geoService + '?ip=' + encodeURIComponent(req.query.ip))).json()));` }] }],
    },
    {
      name: 'look-alike: a configured scheme, then input as the host before the ?',
      code: `import express from 'express';
import settings from './settings.js';
const app = express();
app.get('/lookup', async (req, res) => res.json(await (await fetch(settings.scheme + '://' + req.query.host + '?ip=1')).json()));`,
      errors: [{ messageId: 'ssrf', line: 4 }],
    },
  ],
});
