import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-reflected-xss.js';
import { csrfProtections, expressBodyParsers } from '../../src/models/frameworks/request-inputs.js';

/*
 * A reflected-XSS source is what a page of another site can make the victim's browser send. A form
 * of another site can post `application/x-www-form-urlencoded`, `multipart/form-data` or
 * `text/plain`, never `application/json` (that needs a CORS preflight), and it cannot post to a
 * route behind CSRF middleware. So the body of an Express route whose app (created in the file and
 * handed to no other code) parses JSON alone before it, or of a route behind csurf, lusca, csrf-csrf
 * or csrf-sync, was sent by the user's own page. The query and the path stay sources, and so does
 * the body when any form parser runs (an app-level `urlencoded`, a route's multer), when the JSON
 * parser accepts other types, when the app is given to other code, or when the router is mounted
 * in another file.
 */

const ruleTester = new RuleTester();

const echo = "(req, res) => res.send(`<p>Saved ${req.body.name}</p>`)";

ruleTester.run('no-reflected-xss (bodies no cross-site form can send)', rule, {
  valid: [
    {
      name: 'an app that parses JSON alone',
      code: `import express from 'express';
const app = express();
app.use(express.json({ limit: '1mb' }));
app.post('/profile', ${echo});
app.listen(3000);`,
    },
    {
      name: 'body-parser json, the app given to http.createServer',
      code: `import express from 'express';
import bodyParser from 'body-parser';
import http from 'node:http';
const app = express();
app.use(bodyParser.json());
app.post('/profile', ${echo});
http.createServer(app).listen(3000);`,
    },
    {
      name: 'a route behind csurf, forms parsed',
      code: `import express from 'express';
import csurf from 'csurf';
const app = express();
const csrfProtection = csurf({ cookie: true });
app.use(express.urlencoded({ extended: false }));
app.post('/profile', csrfProtection, ${echo});`,
    },
    {
      name: 'lusca csrf for the whole app',
      code: `import express from 'express';
import lusca from 'lusca';
const app = express();
app.use(express.urlencoded({ extended: false }));
app.use(lusca.csrf());
app.post('/profile', ${echo});`,
    },
  ],
  invalid: [
    {
      name: 'JSON and form parsers',
      code: `import express from 'express';
const app = express();
app.use(express.json());
app.use(express.urlencoded({ extended: true }));
app.post('/profile', ${echo});`,
      errors: [{ messageId: 'reflectedXss', line: 5, data: { source: '`req.body.name`', sourceLine: 5, sink: 'res.send', sinkLine: 5, via: '' } }],
    },
    {
      name: 'a JSON parser that accepts any type (text/plain from a form)',
      code: `import express from 'express';
const app = express();
app.use(express.json({ type: '*/*' }));
app.post('/profile', ${echo});`,
      errors: [{ messageId: 'reflectedXss', line: 4 }],
    },
    {
      name: 'JSON alone, but the query is still a source',
      code: `import express from 'express';
const app = express();
app.use(express.json());
app.post('/profile', (req, res) => res.send(\`<p>\${req.query.name}</p>\`));`,
      errors: [{ messageId: 'reflectedXss', line: 4, data: { source: '`req.query.name`', sourceLine: 4, sink: 'res.send', sinkLine: 4, via: '' } }],
    },
    {
      name: 'the app handed to other code, which may add a form parser',
      code: `import express from 'express';
import { configure } from './configure.js';
const app = express();
app.use(express.json());
configure(app);
app.post('/profile', ${echo});`,
      errors: [{ messageId: 'reflectedXss', line: 6 }],
    },
    {
      name: 'a router mounted in another file: the app parsers are out of view',
      code: `import express from 'express';
const router = express.Router();
router.use(express.json());
router.post('/profile', ${echo});
export default router;`,
      errors: [{ messageId: 'reflectedXss', line: 4 }],
    },
    {
      name: 'multer on the route of a JSON app',
      code: `import express from 'express';
import multer from 'multer';
const app = express();
const upload = multer({ dest: 'uploads/' });
app.use(express.json());
app.post('/profile', upload.single('avatar'), ${echo});`,
      errors: [{ messageId: 'reflectedXss', line: 6 }],
    },
    {
      name: 'csurf registered after the route',
      code: `import express from 'express';
import csurf from 'csurf';
const app = express();
app.use(express.urlencoded({ extended: false }));
app.post('/profile', ${echo});
app.use(csurf());`,
      errors: [{ messageId: 'reflectedXss', line: 5 }],
    },
    {
      name: 'a handler also registered on an app that parses forms',
      code: `import express from 'express';
const api = express();
const site = express();
api.use(express.json());
site.use(express.urlencoded({ extended: false }));
function save(req, res) {
  res.send(\`<p>Saved \${req.body.name}</p>\`);
}
api.post('/profile', save);
site.post('/profile', save);`,
      errors: [{ messageId: 'reflectedXss', line: 7 }],
    },
  ],
});

// Every model entry: each CSRF middleware clears the body of a form-parsing app; each form parser
// on the route of a JSON app keeps it a source.
ruleTester.run('no-reflected-xss (body parser and CSRF models)', rule, {
  valid: csrfProtections.map(({ module, member }) => ({
    name: `CSRF middleware ${module}${member === null ? '' : `.${member}`}`,
    code: `import express from 'express';
import lib from '${module}';
const app = express();
app.use(express.urlencoded({ extended: false }));
app.post('/profile', ${member === null ? 'lib()' : `lib.${member}`}, ${echo});`,
  })),
  invalid: expressBodyParsers.form.map(({ module, member }) => ({
    name: `form parser ${module}${member === null ? '' : `.${member}`}`,
    code: `import express from 'express';
import lib from '${module}';
const app = express();
app.use(express.json());
app.post('/profile', ${member === null ? 'lib()' : `lib.${member}()`}, ${echo});`,
    errors: [{ messageId: 'reflectedXss' as const, line: 5 }],
  })),
});
