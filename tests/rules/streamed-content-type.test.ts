import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-reflected-xss.js';

/*
 * The `Content-Type` a handler sets holds for what it writes later, also from the callbacks it
 * creates after setting it (a server-sent event stream written from a producer's callbacks). A
 * callback created before the type is set, or a type that is HTML, leaves the writes HTML.
 */
const ruleTester = new RuleTester();

const express = `import express from 'express';
import { produce } from './producer';
const app = express();
`;

ruleTester.run('no-reflected-xss: the content type of a streamed response', rule, {
  valid: [
    {
      name: 'event stream written from callbacks',
      code: `${express}app.post('/speak', async (req, res) => {
  const { messageId } = req.body;
  res.setHeader('Content-Type', 'text/event-stream');
  res.setHeader('Cache-Control', 'no-cache');
  try {
    await produce((format) => {
      res.write(\`data: \${JSON.stringify({ messageId, format })}\\n\\n\`);
    }, () => {
      res.write('event: end\\n');
      res.write(\`data: \${messageId}\\n\\n\`);
      res.end();
    });
  } catch (error) {
    res.end();
  }
});`,
    },
    {
      name: 'JSON declared by writeHead, written from a nested callback',
      code: `${express}app.get('/feed', (req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  setTimeout(() => [1].forEach(() => res.end(JSON.stringify({ q: req.query.q }))), 10);
});`,
    },
  ],
  invalid: [
    {
      name: 'a callback created before the type is set',
      code: `${express}app.get('/feed', (req, res) => {
  const send = () => res.write(\`<p>\${req.query.q}</p>\`);
  res.setHeader('Content-Type', 'text/event-stream');
  send();
});`,
      errors: [{ messageId: 'reflectedXss', line: 5, data: { source: '`req.query.q`', sourceLine: 5, sink: 'res.write', sinkLine: 5, via: '' } }],
    },
    {
      name: 'a handler that declares HTML',
      code: `${express}app.get('/feed', (req, res) => {
  res.setHeader('Content-Type', 'text/html');
  produce(() => res.write(\`<p>\${req.query.q}</p>\`));
});`,
      errors: [{ messageId: 'reflectedXss', line: 6 }],
    },
    {
      name: "another response, the callback's own",
      code: `${express}app.get('/feed', (req, res) => {
  res.setHeader('Content-Type', 'text/event-stream');
  produce((res) => res.write(\`<p>\${req.query.q}</p>\`));
});`,
      errors: [{ messageId: 'reflectedXss', line: 6 }],
    },
  ],
});
