import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { signatureLibraryCalls } from '../../src/models/auth.js';
import rule from '../../src/rules/no-unauthenticated-route.js';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A webhook is public by design: the provider signs each delivery, and checking the signature is
 * the endpoint's authentication. A helper is judged by its definition (an HMAC computed and
 * compared, or a webhook SDK that verifies), never by its name, and its answer must turn the
 * request away when it fails, with any 4xx (providers are answered 400) or a throw.
 */

const ruleTester = new RuleTester();

ruleTester.run('no-unauthenticated-route: webhook signature helpers of the same file', rule, {
  valid: [
    {
      name: 'an HMAC helper whose false answer is turned away with 400 (Express)',
      code: `
import express from 'express';
import crypto from 'node:crypto';
const app = express();
function signedByShop(body, header) {
  const digest = crypto.createHmac('sha256', process.env.SHOP_SECRET).update(body).digest('base64');
  return crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(header ?? ''));
}
app.post('/hooks/shop', express.raw({ type: '*/*' }), (req, res) => {
  if (!signedByShop(req.body, req.get('x-shop-hmac'))) return res.status(400).send('bad signature');
  res.sendStatus(204);
});
`,
    },
    {
      name: 'the answer kept in a variable, a throw on failure (Hono HTTPException)',
      code: `
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { createHmac, timingSafeEqual } from 'crypto';
const app = new Hono();
const isFromBilling = (raw: string, sig: string | undefined) => {
  if (!sig) return false;
  const mac = createHmac('sha256', process.env.BILLING_SECRET!).update(raw).digest('hex');
  const ok = mac.length === sig.length && timingSafeEqual(Buffer.from(mac), Buffer.from(sig));
  return ok;
};
app.post('/billing/events', async (c) => {
  const raw = await c.req.text();
  const trusted = isFromBilling(raw, c.req.header('x-billing-signature'));
  if (!trusted) throw new HTTPException(400, { message: 'unsigned' });
  return c.json({ received: true });
});
`,
    },
    {
      name: 'a helper that throws on a mismatch, called for effect (Koa, ctx.status = 400 in the catch)',
      code: `
import Router from '@koa/router';
import { createHmac, timingSafeEqual } from 'node:crypto';
const router = new Router();
function assertSigned(raw, header) {
  const expected = createHmac('sha1', process.env.HOOK_SECRET).update(raw).digest('hex');
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(header || ''))) throw new Error('signature mismatch');
}
router.post('/deliveries', async (ctx) => {
  try {
    assertSigned(ctx.request.rawBody, ctx.get('x-signature'));
  } catch {
    ctx.status = 400;
    return;
  }
  ctx.body = { ok: true };
});
`,
    },
    {
      name: 'an SDK verification wrapped in a helper: svix, throwing, caught with a 400',
      code: `
import express from 'express';
import { Webhook } from 'svix';
const app = express();
const readClerkEvent = (payload, headers) => new Webhook(process.env.CLERK_WEBHOOK_SECRET).verify(payload, headers);
app.post('/clerk/events', express.raw({ type: 'application/json' }), (req, res) => {
  let event;
  try {
    event = readClerkEvent(req.body, req.headers);
  } catch {
    return res.status(400).json({ error: 'invalid signature' });
  }
  res.json({ type: event.type });
});
`,
    },
    {
      name: 'a helper that answers 401 itself on a bad signature, left at once by the handler',
      code: `
import express from 'express';
import { createHmac, timingSafeEqual } from 'node:crypto';
const app = express();
function checkSignature(req, res) {
  const expected = createHmac('sha256', process.env.HOOK_SECRET).update(req.rawBody).digest('hex');
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(req.get('x-signature') ?? ''))) {
    res.status(401).json({ error: 'bad signature' });
    return false;
  }
  return true;
}
app.post('/hooks/build', (req, res) => {
  if (!checkSignature(req, res)) return;
  res.sendStatus(204);
});
`,
    },
    {
      name: 'WebCrypto on an edge runtime: crypto.subtle.verify of an HMAC key (Hono)',
      code: `
import { Hono } from 'hono';
const app = new Hono();
async function fromLinear(body: string, signature: string, secret: string) {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const bytes = Uint8Array.from(signature.match(/../g) ?? [], (pair) => parseInt(pair, 16));
  return crypto.subtle.verify('HMAC', key, bytes, new TextEncoder().encode(body));
}
app.post('/linear', async (c) => {
  const body = await c.req.text();
  if (!(await fromLinear(body, c.req.header('linear-signature') ?? '', c.env.LINEAR_SECRET))) return c.text('forbidden', 403);
  return c.json({ ok: true });
});
`,
    },
    {
      name: 'an HMAC digest compared with === against the header sent (Fastify)',
      code: `
import Fastify from 'fastify';
import { createHmac } from 'node:crypto';
const app = Fastify();
const signedByPaddle = (raw, header) => createHmac('sha256', process.env.PADDLE_SECRET).update(raw).digest('hex') === header;
app.post('/paddle', async (request, reply) => {
  if (!signedByPaddle(request.rawBody, request.headers['paddle-signature'])) return reply.code(400).send({ error: 'unsigned' });
  return { ok: true };
});
`,
    },
  ],
  invalid: [
    {
      name: 'a helper named like a verifier that only checks the header is there',
      code: `
import express from 'express';
const app = express();
function verifySignature(req) {
  return typeof req.get('x-signature') === 'string';
}
app.post('/hooks/shop', (req, res) => {
  if (!verifySignature(req)) return res.status(400).send('missing');
  queueOrder(req.body);
  res.sendStatus(204);
});
import { queueOrder } from './orders';
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 7 }],
    },
    {
      name: 'a helper that compares the header with a constant',
      code: `
import express from 'express';
const app = express();
function verifyWebhookSignature(header) {
  return header === 'whsec_live_2f9c';
}
app.post('/hooks/shop', (req, res) => {
  if (!verifyWebhookSignature(req.get('x-signature'))) return res.status(400).end();
  queueOrder(req.body);
  res.sendStatus(204);
});
import { queueOrder } from './orders';
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 7 }],
    },
    {
      name: 'a real HMAC helper whose answer is not used to reject',
      code: `
import express from 'express';
import crypto from 'node:crypto';
const app = express();
function signedByShop(body, header) {
  const digest = crypto.createHmac('sha256', process.env.SHOP_SECRET).update(body).digest('base64');
  return crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(header ?? ''));
}
app.post('/hooks/shop', (req, res) => {
  signedByShop(req.body, req.get('x-shop-hmac'));
  const valid = signedByShop(req.body, req.get('x-shop-hmac'));
  console.log('signature valid?', valid);
  if (!signedByShop(req.body, req.get('x-shop-hmac'))) console.warn('unsigned delivery');
  res.sendStatus(204);
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 9 }],
    },
    {
      name: 'an HMAC computed and then dropped: the helper answers true whatever the signature',
      code: `
import express from 'express';
import crypto from 'node:crypto';
const app = express();
function signedByShop(body, header) {
  const digest = crypto.createHmac('sha256', process.env.SHOP_SECRET).update(body).digest('base64');
  crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(header ?? ''));
  return true;
}
app.post('/hooks/shop', (req, res) => {
  if (!signedByShop(req.body, req.get('x-shop-hmac'))) return res.status(400).end();
  res.sendStatus(204);
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 10 }],
    },
    {
      name: 'a verified signature that only decides whether the event is handled, the request answered 204 either way',
      code: `
import express from 'express';
import crypto from 'node:crypto';
const app = express();
function signedByShop(body, header) {
  const digest = crypto.createHmac('sha256', process.env.SHOP_SECRET).update(body).digest('base64');
  return crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(header ?? ''));
}
app.post('/hooks/shop', async (req, res) => {
  if (signedByShop(req.body, req.get('x-shop-hmac'))) {
    await handleShopEvent(JSON.parse(req.body));
  }
  res.sendStatus(204);
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 9 }],
    },
  ],
});

const stripeHelper = `import { createHmac, timingSafeEqual } from 'node:crypto';

export function verifyStripeSignature(payload: string, header: string | undefined, secret: string) {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=')));
  const expected = createHmac('sha256', secret).update(\`\${parts.t}.\${payload}\`).digest('hex');
  try {
    return timingSafeEqual(Buffer.from(expected), Buffer.from(parts.v1 ?? ''));
  } catch {
    return false;
  }
}
`;

// The handlers hand the event on to code out of view (`recordEvent`, `queueOrder`): a handler that
// touches nothing outside itself needs no caller, signature or not.
const honoApp = (call: string): string => `import { Hono } from 'hono';
import { verifyStripeSignature } from './lib/stripe';

const app = new Hono();

app.post('/webhooks/stripe', async (c) => {
  const raw = await c.req.text();
  ${call}
  const event = JSON.parse(raw);
  await recordEvent(event);
  return c.json({ received: event.id });
});

export default app;
import { recordEvent } from './lib/events';
`;

const guarded = "if (!verifyStripeSignature(raw, c.req.header('stripe-signature'), process.env.STRIPE_WEBHOOK_SECRET!)) {\n    return c.json({ error: 'bad signature' }, 400);\n  }";
const rules = { 'api-security/no-unauthenticated-route': 'error' } as const;

async function lint(dir: string, file: string): Promise<string[]> {
  return (await lintProjectFile(dir, file, rules)).map((message) => `${String(message.line)} ${message.messageId ?? message.message}`);
}

describe('no-unauthenticated-route: webhook signature helpers of another file', () => {
  it('a Hono webhook checked by an HMAC helper of lib/, answered 400, is authenticated', async () => {
    const dir = writeProject({ 'src/index.ts': honoApp(guarded), 'src/lib/stripe.ts': stripeHelper });
    expect(await lint(dir, 'src/index.ts')).toEqual([]);
  });

  it('the same helper, its answer ignored, leaves the webhook reported', async () => {
    const dir = writeProject({
      'src/index.ts': honoApp("verifyStripeSignature(raw, c.req.header('stripe-signature'), process.env.STRIPE_WEBHOOK_SECRET!);"),
      'src/lib/stripe.ts': stripeHelper,
    });
    expect(await lint(dir, 'src/index.ts')).toEqual(['6 unauthenticatedRoute']);
  });

  it('an Express webhook of a controller checked by a GitHub helper (@octokit/webhooks-methods) of a service', async () => {
    const dir = writeProject({
      'src/routes/github.js': `import { Router } from 'express';
import { isGithubDelivery } from '../services/github.js';
export const github = Router();
github.post('/github/events', async (req, res) => {
  if (!(await isGithubDelivery(req.body, req.get('x-hub-signature-256')))) {
    return res.status(400).json({ error: 'signature mismatch' });
  }
  res.status(202).end();
});
`,
      'src/services/github.js': `import { verify } from '@octokit/webhooks-methods';
export async function isGithubDelivery(body, signature) {
  return verify(process.env.GITHUB_WEBHOOK_SECRET, body.toString('utf8'), signature);
}
`,
      'src/app.js': "import express from 'express';\nimport { github } from './routes/github.js';\nconst app = express();\napp.use('/hooks', github);\nexport default app;\n",
    });
    expect(await lint(dir, 'src/routes/github.js')).toEqual([]);
  });

  it('sees an edit of the helper: one that only checks the header is there no longer authenticates', async () => {
    const dir = writeProject({ 'src/index.ts': honoApp(guarded), 'src/lib/stripe.ts': stripeHelper });
    expect(await lint(dir, 'src/index.ts')).toEqual([]);
    writeFileSync(
      path.join(dir, 'src/lib/stripe.ts'),
      'export function verifyStripeSignature(payload: string, header: string | undefined, secret: string) {\n  return Boolean(header && secret && payload);\n}\n',
    );
    expect(await lint(dir, 'src/index.ts')).toEqual(['6 unauthenticatedRoute']);
  });
});

/** Every webhook SDK entry of the model makes a helper that wraps it a signature check. */
ruleTester.run('no-unauthenticated-route: every webhook SDK of the model, in a helper', rule, {
  valid: signatureLibraryCalls.map((entry) => {
    const [head = '', ...rest] = entry.path.split('.');
    // `Webhook.verify` is a method of an instance: `new Webhook(secret).verify(…)`.
    const callee = rest.length === 0 ? head : /^[A-Z]/u.test(head) ? `new ${head}(process.env.HOOK_SECRET).${rest.join('.')}` : `new Lib(process.env.KEY).${entry.path}`;
    const imports = /^[A-Z]/u.test(head) || rest.length === 0 ? `import { ${head} } from '${entry.module}';` : `import Lib from '${entry.module}';`;
    const helper = entry.failure === 'throws'
      ? `async function readDelivery(body, sig) {\n  return await ${callee}(body, sig, process.env.HOOK_SECRET);\n}`
      : `async function readDelivery(body, sig) {\n  const valid = await ${callee}(body, sig, process.env.HOOK_SECRET);\n  return valid;\n}`;
    const use = entry.failure === 'throws'
      ? "try {\n    await readDelivery(req.body, req.get('x-signature'));\n  } catch {\n    return res.sendStatus(400);\n  }"
      : "if (!(await readDelivery(req.body, req.get('x-signature')))) return res.sendStatus(400);";
    return {
      name: `${entry.module} ${entry.path}`,
      code: `import express from 'express';\n${imports}\nconst app = express();\n${helper}\napp.post('/deliveries', async (req, res) => {\n  ${use}\n  res.sendStatus(204);\n});\n`,
    };
  }),
  invalid: [],
});
