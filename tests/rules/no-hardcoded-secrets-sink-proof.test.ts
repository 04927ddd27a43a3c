import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-hardcoded-secrets.js';

/*
 * Issue 12, item 8: a literal passed where a library takes the application's own key (a session
 * secret, a cookie, JWT or HMAC signing key) or a service password is that secret, even when it reads
 * like a placeholder. Also the ways a literal reaches the sink, and the look-alikes that are not a sink.
 */

const ruleTester = new RuleTester();

ruleTester.run('no-hardcoded-secrets: the sink proves the secret', rule, {
  valid: [
    { name: 'session secret read from the environment', code: "import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRET }));" },
    { name: 'a `sign` method of an unrelated object', code: "const signer = { sign(payload, key) { return key; } };\nsigner.sign(payload, 'changeme');" },
    { name: 'a local class named like a jose one', code: "class SignJWT { sign(key) { return key; } }\nnew SignJWT().sign('changeme');" },
    {
      name: 'a signing key read from a file',
      code: "import fs from 'node:fs';\nimport jwt from 'jsonwebtoken';\nconst key = fs.readFileSync('keys/private.pem');\njwt.sign(payload, key, { algorithm: 'RS256' });",
    },
    { name: 'a literal in the payload, not the key', code: "import jwt from 'jsonwebtoken';\njwt.sign({ sub: 'placeholder' }, secret);" },
    { name: 'an empty secret', code: "import cookieParser from 'cookie-parser';\napp.use(cookieParser(''));" },
    { name: 'another Fastify plugin', code: "import cors from '@fastify/cors';\nfastify.register(cors, { secret: 'changeme' });" },
    { name: '`keys` of an app that is not Koa', code: "import express from 'express';\nconst app = express();\napp.keys = ['changeme'];" },
    { name: '`keys` read from the environment', code: "import Koa from 'koa';\nconst app = new Koa();\napp.keys = [process.env.COOKIE_SECRET];" },
    {
      name: 'the default password of a database on the local machine',
      code: "import { Pool } from 'pg';\nnew Pool({ host: 'localhost', user: 'postgres', password: 'postgres' });",
    },
    {
      name: 'the user name repeated as the password of a local database',
      code: "import mysql from 'mysql2';\nmysql.createConnection({ host: '127.0.0.1', user: 'orders', password: 'orders' });",
    },
    {
      name: 'a placeholder for a provider credential is an unfilled slot',
      code: "import OpenAI from 'openai';\nnew OpenAI({ apiKey: 'your-openai-api-key' });",
    },
    {
      name: 'sinks are not checked in test files (unchanged)',
      filename: 'src/auth.test.ts',
      code: "import session from 'express-session';\napp.use(session({ secret: 'changeme' }));",
    },
  ],
  invalid: [
    {
      name: 'a placeholder passed directly',
      code: "import session from 'express-session';\napp.use(session({ secret: 'changeme', resave: false }));",
      errors: [
        {
          messageId: 'secretSink',
          line: 2,
          column: 27,
          endColumn: 37,
          data: { sink: 'the session secret of `session` (express-session)', preview: 'ch****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'SESSION_SECRET' },
              output: "import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRET, resave: false }));",
            },
          ],
        },
      ],
    },
    {
      name: 'the example of the issue, through a const',
      code: "import session from 'express-session';\nconst SESSION_SECRET = 'session_cookie_secret_key_here';\napp.use(session({ secret: SESSION_SECRET }));",
      errors: [
        {
          messageId: 'secretSink',
          line: 2,
          column: 24,
          endColumn: 56,
          data: { sink: 'the session secret of `session` (express-session)', preview: 'sess****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'SESSION_SECRET' },
              output: "import session from 'express-session';\nconst SESSION_SECRET = process.env.SESSION_SECRET;\napp.use(session({ secret: SESSION_SECRET }));",
            },
          ],
        },
      ],
    },
    {
      name: 'a placeholder through a const',
      code: "import jwt from 'jsonwebtoken';\nconst JWT_SECRET = 'your-jwt-secret';\nexport const sign = (user) => jwt.sign({ sub: user.id }, JWT_SECRET);",
      errors: [
        {
          messageId: 'secretSink',
          line: 2,
          column: 20,
          endColumn: 37,
          data: { sink: 'the signing key of `jwt.sign` (jsonwebtoken)', preview: 'you****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'JWT_SECRET' },
              output: "import jwt from 'jsonwebtoken';\nconst JWT_SECRET = process.env.JWT_SECRET;\nexport const sign = (user) => jwt.sign({ sub: user.id }, JWT_SECRET);",
            },
          ],
        },
      ],
    },
    {
      name: 'a placeholder through an object property',
      code: "import session from 'express-session';\nconst config = { session: { secret: '<session secret>', resave: false } };\napp.use(session(config.session));",
      errors: [
        {
          messageId: 'secretSink',
          line: 2,
          column: 37,
          endColumn: 55,
          data: { sink: 'the session secret of `session` (express-session)', preview: '<ses****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'SESSION_SECRET' },
              output: "import session from 'express-session';\nconst config = { session: { secret: process.env.SESSION_SECRET, resave: false } };\napp.use(session(config.session));",
            },
          ],
        },
      ],
    },
    {
      name: 'an environment fallback at the sink',
      code: "import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRET || 'changeme' }));",
      errors: [
        {
          messageId: 'sinkFallback',
          line: 2,
          column: 57,
          endColumn: 67,
          data: { name: 'process.env.SESSION_SECRET', sink: 'the session secret of `session` (express-session)', preview: 'ch****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'SESSION_SECRET' },
              output: "import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRET }));",
            },
          ],
        },
      ],
    },
    {
      name: 'an environment fallback through a const, with `??`',
      code: "import crypto from 'node:crypto';\nconst HMAC_KEY = process.env.HMAC_KEY ?? 'dev-hmac-key';\nexport const mac = (body) => crypto.createHmac('sha256', HMAC_KEY).update(body).digest('hex');",
      errors: [
        {
          messageId: 'sinkFallback',
          line: 2,
          column: 42,
          endColumn: 56,
          data: { name: 'process.env.HMAC_KEY', sink: 'the HMAC key of `crypto.createHmac` (node:crypto)', preview: 'dev****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'HMAC_KEY' },
              output:
                "import crypto from 'node:crypto';\nconst HMAC_KEY = process.env.HMAC_KEY;\nexport const mac = (body) => crypto.createHmac('sha256', HMAC_KEY).update(body).digest('hex');",
            },
          ],
        },
      ],
    },
    {
      name: 'jose: a key encoded from a const, used to sign and to verify, reported once',
      code: "import { SignJWT, jwtVerify } from 'jose';\nconst secret = new TextEncoder().encode('replace-me-with-a-real-secret');\nexport const issue = (sub) => new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).sign(secret);\nexport const check = (token) => jwtVerify(token, secret);",
      errors: [
        {
          messageId: 'secretSink',
          line: 2,
          column: 41,
          endColumn: 72,
          data: { sink: 'the signing key of `sign` (jose)', preview: 'repl****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'JWT_SECRET' },
              output:
                "import { SignJWT, jwtVerify } from 'jose';\nconst secret = new TextEncoder().encode(process.env.JWT_SECRET);\nexport const issue = (sub) => new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).sign(secret);\nexport const check = (token) => jwtVerify(token, secret);",
            },
          ],
        },
      ],
    },
    {
      name: 'Koa keys through a const array',
      code: "const Koa = require('koa');\nconst KEYS = ['xxxxxxxxxxxxxxxx'];\nconst app = new Koa();\napp.keys = KEYS;",
      errors: [
        {
          messageId: 'secretSink',
          line: 2,
          column: 15,
          endColumn: 33,
          data: { sink: 'the cookie signing keys of `app.keys` (koa)', preview: 'xxxx****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'COOKIE_SECRET' },
              output: "const Koa = require('koa');\nconst KEYS = [process.env.COOKIE_SECRET];\nconst app = new Koa();\napp.keys = KEYS;",
            },
          ],
        },
      ],
    },
    {
      name: 'a signing key is never excused as a local default',
      code: "import jwt from 'jsonwebtoken';\nconst config = { host: 'localhost', jwt: { secret: 'secret' } };\njwt.sign(payload, config.jwt.secret);",
      errors: [
        {
          messageId: 'secretSink',
          line: 2,
          column: 52,
          endColumn: 60,
          data: { sink: 'the signing key of `jwt.sign` (jsonwebtoken)', preview: 's****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'JWT_SECRET' },
              output: "import jwt from 'jsonwebtoken';\nconst config = { host: 'localhost', jwt: { secret: process.env.JWT_SECRET } };\njwt.sign(payload, config.jwt.secret);",
            },
          ],
        },
      ],
    },
    {
      name: 'a default password on a remote host',
      code: "import { Pool } from 'pg';\nnew Pool({ host: 'db.internal', user: 'postgres', password: 'postgres' });",
      errors: [
        {
          messageId: 'secretSink',
          line: 2,
          column: 61,
          endColumn: 71,
          data: { sink: 'the database password of `Pool` (pg)', preview: 'po****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'PGPASSWORD' },
              output: "import { Pool } from 'pg';\nnew Pool({ host: 'db.internal', user: 'postgres', password: process.env.PGPASSWORD });",
            },
          ],
        },
      ],
    },
    {
      name: 'a placeholder password on the local machine is not a well-known default',
      code: "import Redis from 'ioredis';\nnew Redis({ host: 'localhost', password: 'your-redis-password' });",
      errors: [
        {
          messageId: 'secretSink',
          line: 2,
          column: 42,
          endColumn: 63,
          data: { sink: 'the Redis password of `Redis` (ioredis)', preview: 'your****' },
          suggestions: [
            {
              messageId: 'useEnv',
              data: { env: 'REDIS_PASSWORD' },
              output: "import Redis from 'ioredis';\nnew Redis({ host: 'localhost', password: process.env.REDIS_PASSWORD });",
            },
          ],
        },
      ],
    },
  ],
});
