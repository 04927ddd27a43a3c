import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * A webhook that proves its deliveries through a helper of the project: the helper verifies the
 * signature with the provider's SDK on a client the module constructs (`const client = new
 * Stripe(key)`, `const hooks = new Webhook(secret)`), and the handler calls it in a `try` whose
 * `catch` turns the delivery away (400) and leaves. The helper is read by its definition, however
 * deep the question that first asked about it. Look-alikes stay reported: a `catch` that logs and
 * goes on, a helper that computes an HMAC and never compares it, one that lets a delivery without
 * a signature through, and a handler that parses the body and writes with no check at all.
 */

const recommended: Linter.RulesRecord = { 'api-security/no-unauthenticated-route': 'error' };

async function lines(dir: string, file: string): Promise<number[]> {
  const messages = await lintProjectFile(dir, file, recommended);
  return messages.map((message) => message.line);
}

describe('Express: deliveries verified by a helper of another file', () => {
  const dir = writeProject({
    'src/deliveries.js': `
import Stripe from 'stripe';
import { Webhook } from 'svix';
import crypto from 'node:crypto';
const client = new Stripe(process.env.BILLING_KEY);
const hooks = new Webhook(process.env.MAIL_HOOK_SECRET);
export function billingEvent(raw, signature) {
  return client.webhooks.constructEvent(raw, signature, process.env.BILLING_HOOK_SECRET);
}
export function mailEvent(raw, headers) {
  return hooks.verify(raw, headers);
}
export function digestOnly(raw) {
  return crypto.createHmac('sha256', process.env.SHIP_SECRET).update(raw).digest('hex');
}
export function lenient(raw, signature) {
  if (!signature) return true;
  const expected = crypto.createHmac('sha256', process.env.SHIP_SECRET).update(raw).digest('hex');
  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
}
`,
    'src/db.js': `export const db = { invoices: {}, mails: {}, shipments: {} };\n`,
    'src/app.js': `
import express from 'express';
import { billingEvent, mailEvent, digestOnly, lenient } from './deliveries.js';
import { db } from './db.js';
const app = express();
app.post('/billing/events', express.raw({ type: 'application/json' }), async (req, res) => {
  let event;
  try {
    event = billingEvent(req.body, req.get('stripe-signature'));
  } catch (err) {
    res.status(400).send('bad signature');
    return;
  }
  await db.invoices.update({ where: { ref: event.data.object.id }, data: { paid: true } });
  res.sendStatus(204);
});
app.post('/mail/events', express.raw({ type: 'application/json' }), async (req, res) => {
  try {
    await mailEvent(req.body, req.headers);
  } catch {
    return res.status(400).end();
  }
  await db.mails.create({ data: { raw: String(req.body) } });
  res.sendStatus(204);
});
app.post('/billing/events-lax', express.raw({ type: 'application/json' }), async (req, res) => {
  try {
    billingEvent(req.body, req.get('stripe-signature'));
  } catch (err) {
    console.warn('signature mismatch', err);
  }
  await db.invoices.update({ where: { ref: JSON.parse(req.body).id }, data: { paid: true } });
  res.sendStatus(204);
});
app.post('/shipping/events', async (req, res) => {
  const digest = digestOnly(JSON.stringify(req.body));
  await db.shipments.create({ data: { digest, state: req.body.state } });
  res.sendStatus(204);
});
app.post('/shipping/events-lenient', async (req, res) => {
  if (!lenient(JSON.stringify(req.body), req.get('x-ship-signature'))) return res.sendStatus(400);
  await db.shipments.create({ data: { state: req.body.state } });
  res.sendStatus(204);
});
app.post('/shipping/events-open', async (req, res) => {
  await db.shipments.update({ where: { id: req.body.id }, data: { state: req.body.state } });
  res.sendStatus(204);
});
export default app;
`,
  });

  it('leaves the verified deliveries, reports the swallowed, digest-only, lenient and unchecked ones', async () => {
    expect(await lines(dir, 'src/app.js')).toEqual([26, 35, 40, 45]);
  });
});
