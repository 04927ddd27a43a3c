import { RuleTester } from '@typescript-eslint/rule-tester';
import openRedirect from '../../src/rules/no-open-redirect.js';
import ssrf from '../../src/rules/no-ssrf.js';
import sqlInjection from '../../src/rules/no-sql-injection.js';
import pathTraversal from '../../src/rules/no-path-traversal.js';
import commandInjection from '../../src/rules/no-command-injection.js';
import reflectedXss from '../../src/rules/no-reflected-xss.js';
import unauthenticatedRoute from '../../src/rules/no-unauthenticated-route.js';

/*
 * A Next.js Pages Router page's data functions run on the server for each request of the page:
 * `getServerSideProps(context)` and the page component's `getInitialProps(ctx)`. Their context's
 * `query`, `params`, `req` (headers, cookies, URL) and `resolvedUrl` are request input;
 * `return { redirect: { destination } }` and `context.res.setHeader('Location', …)` redirect. The
 * `props` they return are rendered by React, escaped: no XSS sink. `getStaticProps` runs at build
 * time, without a request. A page is no route: `no-unauthenticated-route` does not judge it.
 */

const ruleTester = new RuleTester();
const PAGE = 'pages/articles/[slug].tsx';
const page = (code: string, filename = PAGE) => ({ filename, code });

ruleTester.run('no-open-redirect: Next.js page data functions', openRedirect, {
  valid: [
    {
      name: 'a redirect to a fixed path',
      ...page(`export async function getServerSideProps(context) {
  if (!context.query.slug) return { redirect: { destination: '/articles', permanent: false } };
  return { props: { slug: context.query.slug } };
}
export default function Article({ slug }) { return <h1>{slug}</h1>; }`),
    },
    {
      name: 'the destination checked to be a path of this site',
      ...page(`export const getServerSideProps = async ({ query }) => {
  const next = String(query.next ?? '/');
  if (!next.startsWith('/') || next.startsWith('//')) return { redirect: { destination: '/', permanent: false } };
  return { redirect: { destination: next, permanent: false } };
};
export default function Continue() { return null; }`),
    },
    {
      name: 'getStaticProps runs at build time',
      ...page(`export async function getStaticProps({ params }) {
  return { redirect: { destination: params.slug, permanent: true } };
}
export default function Article() { return null; }`),
    },
    {
      name: 'a getServerSideProps outside pages/ is a function like any other',
      ...page(`export async function getServerSideProps(context) {
  return { redirect: { destination: context.query.next, permanent: false } };
}`, 'lib/ssr.ts'),
    },
    {
      name: 'the props returned are not a redirect',
      ...page(`export async function getServerSideProps({ query }) {
  return { props: { redirect: { destination: query.next } } };
}
export default function Page() { return null; }`),
    },
  ],
  invalid: [
    {
      name: 'returned redirect destination from the query',
      ...page(`export async function getServerSideProps(context) {
  const next = context.query.next as string;
  return { redirect: { destination: next, permanent: false } };
}
export default function Continue() { return null; }`),
      errors: [{ messageId: 'openRedirect', line: 3 }],
    },
    {
      name: 'typed GetServerSideProps arrow, destructured query',
      ...page(`import type { GetServerSideProps } from 'next';
export const getServerSideProps: GetServerSideProps = async ({ query }) => ({
  redirect: { destination: String(query.returnTo), permanent: false },
});
export default function Continue() { return null; }`),
      errors: [{ messageId: 'openRedirect', line: 3 }],
    },
    {
      name: 'the redirect object held in a constant',
      ...page(`export async function getServerSideProps({ query }) {
  const redirect = { destination: query.to, permanent: false };
  return { redirect };
}
export default function Go() { return null; }`),
      errors: [{ messageId: 'openRedirect', line: 2 }],
    },
    {
      name: 'context.res.setHeader Location with a 302',
      ...page(`export async function getServerSideProps(context) {
  context.res.statusCode = 302;
  context.res.setHeader('Location', context.query.next);
  context.res.end();
  return { props: {} };
}
export default function Go() { return null; }`),
      errors: [{ messageId: 'openRedirect', line: 3 }],
    },
    {
      name: 'destructured res.writeHead with a Location header',
      ...page(`export const getServerSideProps = async ({ res, query }) => {
  res.writeHead(302, { Location: query.next });
  res.end();
  return { props: {} };
};
export default function Go() { return null; }`),
      errors: [{ messageId: 'openRedirect', line: 2 }],
    },
    {
      name: 'getInitialProps of a page component',
      ...page(`function Go() { return null; }
Go.getInitialProps = async (ctx) => {
  if (ctx.res) {
    ctx.res.writeHead(302, { Location: ctx.query.next });
    ctx.res.end();
  }
  return {};
};
export default Go;`),
      errors: [{ messageId: 'openRedirect', line: 4 }],
    },
    {
      name: 'wrapped getServerSideProps in src/pages',
      ...page(`import { withSessionSsr } from '../lib/session';
export const getServerSideProps = withSessionSsr(async ({ query }) => {
  return { redirect: { destination: query.next, permanent: false } };
});
export default function Go() { return null; }`, 'src/pages/go.tsx'),
      errors: [{ messageId: 'openRedirect', line: 3 }],
    },
  ],
});

ruleTester.run('no-ssrf: Next.js page data functions', ssrf, {
  valid: [
    {
      name: 'host checked against a fixed list',
      ...page(`const ALLOWED_HOSTS = new Set(['cdn.example.com']);
export async function getServerSideProps({ query }) {
  const url = new URL(String(query.src));
  if (!ALLOWED_HOSTS.has(url.hostname)) return { notFound: true };
  const body = await (await fetch(url)).text();
  return { props: { body } };
}
export default function Preview({ body }) { return <pre>{body}</pre>; }`),
    },
    {
      name: 'a path segment under a fixed origin, encoded',
      ...page(`export async function getServerSideProps({ params }) {
  const data = await (await fetch(\`https://api.example.com/articles/\${encodeURIComponent(String(params.slug))}\`)).json();
  return { props: { data } };
}
export default function Article() { return null; }`),
    },
  ],
  invalid: [
    {
      name: 'fetch of a URL from the query',
      ...page(`export async function getServerSideProps({ query }) {
  const body = await (await fetch(String(query.src))).text();
  return { props: { body } };
}
export default function Preview() { return null; }`),
      errors: [{ messageId: 'ssrf', line: 2 }],
    },
    {
      name: 'fetch of a URL from a header of context.req',
      ...page(`export async function getServerSideProps(context) {
  const target = context.req.headers['x-upstream'];
  const res = await fetch(target);
  return { props: { status: res.status } };
}
export default function Status() { return null; }`),
      errors: [{ messageId: 'ssrf', line: 3 }],
    },
  ],
});

ruleTester.run('injection rules: Next.js page data functions', sqlInjection, {
  valid: [
    {
      name: 'a bound parameter',
      ...page(`import { Pool } from 'pg';
const pool = new Pool();
export async function getServerSideProps({ params }) {
  const { rows } = await pool.query('SELECT * FROM articles WHERE slug = $1', [params.slug]);
  return { props: { article: rows[0] } };
}
export default function Article() { return null; }`),
    },
  ],
  invalid: [
    {
      name: 'a path segment in SQL text',
      ...page(`import { Pool } from 'pg';
const pool = new Pool();
export async function getServerSideProps({ params }) {
  const { rows } = await pool.query(\`SELECT * FROM articles WHERE slug = '\${params.slug}'\`);
  return { props: { article: rows[0] } };
}
export default function Article() { return null; }`),
      errors: [
        {
          messageId: 'sqlInjection',
          line: 4,
          data: { source: '`params.slug`', sourceLine: 4, sink: 'pool.query', sinkLine: 4, via: '' },
          suggestions: [
            {
              messageId: 'parameterize',
              output: `import { Pool } from 'pg';
const pool = new Pool();
export async function getServerSideProps({ params }) {
  const { rows } = await pool.query('SELECT * FROM articles WHERE slug = $1', [params.slug]);
  return { props: { article: rows[0] } };
}
export default function Article() { return null; }`,
            },
          ],
        },
      ],
    },
    {
      name: 'the resolved URL in SQL text (getInitialProps of a class component)',
      ...page(`import React from 'react';
import { Pool } from 'pg';
const pool = new Pool();
export default class Visits extends React.Component {
  static async getInitialProps(ctx) {
    await pool.query("INSERT INTO visits (path) VALUES ('" + ctx.asPath + "')");
    return {};
  }
  render() { return null; }
}`),
      errors: [{ messageId: 'sqlInjection', line: 6 }],
    },
  ],
});

ruleTester.run('no-path-traversal: Next.js page data functions', pathTraversal, {
  valid: [
    {
      name: 'getStaticProps reads files at build time',
      ...page(`import fs from 'node:fs/promises';
export async function getStaticProps({ params }) {
  return { props: { text: await fs.readFile(\`content/\${params.slug}.md\`, 'utf8') } };
}
export default function Doc() { return null; }`),
    },
  ],
  invalid: [
    {
      name: 'a query value in a file path',
      ...page(`import fs from 'node:fs/promises';
import path from 'node:path';
export async function getServerSideProps({ query }) {
  const text = await fs.readFile(path.join(process.cwd(), 'content', String(query.doc)), 'utf8');
  return { props: { text } };
}
export default function Doc() { return null; }`),
      errors: [{ messageId: 'pathTraversal', line: 4 }],
    },
  ],
});

ruleTester.run('no-command-injection: Next.js page data functions', commandInjection, {
  valid: [],
  invalid: [
    {
      name: 'a cookie in a shell command',
      ...page(`import { exec } from 'node:child_process';
export async function getServerSideProps({ req }) {
  exec('git log --author=' + req.cookies.user);
  return { props: {} };
}
export default function Log() { return null; }`),
      errors: [{ messageId: 'commandInjection', line: 3 }],
    },
  ],
});

ruleTester.run('no-reflected-xss: Next.js page data functions', reflectedXss, {
  valid: [
    {
      name: 'props rendered by React are escaped',
      ...page(`export async function getServerSideProps({ query }) {
  return { props: { q: String(query.q ?? '') } };
}
export default function Search({ q }) { return <p>Results for {q}</p>; }`),
    },
  ],
  invalid: [
    {
      name: 'HTML written to context.res directly',
      ...page(`export async function getServerSideProps({ res, query }) {
  res.end('<p>' + query.q + '</p>');
  return { props: {} };
}
export default function Search() { return null; }`),
      errors: [{ messageId: 'reflectedXss', line: 2 }],
    },
  ],
});

ruleTester.run('no-unauthenticated-route: a page is no route', unauthenticatedRoute, {
  valid: [
    {
      name: 'getServerSideProps reading stored data, without a session check',
      options: [{ reportRoutes: 'all' }],
      ...page(`import { Pool } from 'pg';
const pool = new Pool();
export async function getServerSideProps({ params }) {
  const { rows } = await pool.query('SELECT * FROM articles WHERE slug = $1', [params.slug]);
  return { props: { article: rows[0] } };
}
export default function Article() { return null; }`),
    },
  ],
  invalid: [
    {
      name: 'an API route of pages/api stays a route',
      options: [{ reportRoutes: 'all' }],
      ...page(`export default async function handler(req, res) {
  res.json({ ok: true });
}`, 'pages/api/articles.ts'),
      errors: [{ messageId: 'unauthenticatedRoute' }],
    },
  ],
});
