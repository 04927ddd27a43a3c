import { RuleTester } from '@typescript-eslint/rule-tester';
import redirectRule from '../../src/rules/no-open-redirect.js';
import xssRule from '../../src/rules/no-reflected-xss.js';

/*
 * A serverless handler answers with the object it returns (API Gateway's proxy integration):
 * its `Location` header, in `headers` or in the lists of `multiValueHeaders`, in any letter case,
 * sends the client elsewhere; its `body` is rendered as a page only when its headers declare an
 * HTML `Content-Type`, as for other frameworks. Objects the handler builds for other purposes
 * (a record it stores, what a nested callback returns) are not the response.
 */
const ruleTester = new RuleTester();

ruleTester.run('no-open-redirect: returned Lambda responses', redirectRule, {
  valid: [
    {
      name: 'a fixed location after sign-in',
      code: `export const handler = async (event) => {
  const next = event.queryStringParameters?.next;
  return { statusCode: 302, headers: { Location: '/account', 'X-Next': next } };
};`,
    },
    {
      name: 'a site-relative location built on a fixed path',
      code: `export const handler = async (event) => ({ statusCode: 302, headers: { location: \`/items/\${event.pathParameters.id}\` } });`,
    },
    {
      name: 'an object a nested callback returns is not the response',
      code: `export const handler = async (event) => {
  const links = [event.queryStringParameters.next].map((next) => ({ headers: { Location: next } }));
  return { statusCode: 200, body: JSON.stringify(links.length) };
};`,
    },
  ],
  invalid: [
    {
      name: 'Location from the query',
      code: `export const handler = async (event) => {
  const next = event.queryStringParameters?.next;
  return { statusCode: 302, headers: { Location: next } };
};`,
      errors: [{ messageId: 'openRedirect', line: 3, column: 50, endColumn: 54, data: { source: '`event.queryStringParameters?.next`', sourceLine: 2, sink: 'return { … }', sinkLine: 3, via: '' } }],
    },
    {
      name: 'lower-case location in an arrow body',
      code: `export const handler = async (event) => ({ statusCode: 301, headers: { location: event.queryStringParameters.to } });`,
      errors: [{ messageId: 'openRedirect', line: 1 }],
    },
    {
      name: 'a multi-value Location list',
      code: `export const handler = async (event) => {
  const { returnTo } = JSON.parse(event.body);
  return { statusCode: 302, multiValueHeaders: { Location: [returnTo] } };
};`,
      errors: [{ messageId: 'openRedirect', line: 3 }],
    },
  ],
});

ruleTester.run('no-reflected-xss: returned Lambda responses', xssRule, {
  valid: [
    {
      name: 'a JSON body',
      code: `export const handler = async (event) => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ name: event.queryStringParameters.name }),
});`,
    },
    {
      name: 'a body without a declared type',
      code: `export const handler = async (event) => ({ statusCode: 200, body: \`hello \${event.queryStringParameters.name}\` });`,
    },
    {
      name: 'markup with the value escaped',
      code: `import escapeHtml from 'escape-html';
export const handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: \`<p>\${escapeHtml(event.queryStringParameters.name)}</p>\`,
});`,
    },
  ],
  invalid: [
    {
      name: 'markup built from the query',
      code: `export const handler = async (event) => {
  const name = event.queryStringParameters?.name;
  return { statusCode: 200, headers: { 'Content-Type': 'text/html' }, body: \`<p>\${name}</p>\` };
};`,
      errors: [{ messageId: 'reflectedXss', line: 3, data: { source: '`event.queryStringParameters?.name`', sourceLine: 2, sink: 'return { … }', sinkLine: 3, via: '' } }],
    },
    {
      name: 'HTML declared in multi-value headers',
      code: `export const handler = async (event) => ({
  statusCode: 200,
  multiValueHeaders: { 'Content-Type': ['text/html'] },
  body: '<h1>' + event.pathParameters.title + '</h1>',
});`,
      errors: [{ messageId: 'reflectedXss', line: 4 }],
    },
  ],
});
