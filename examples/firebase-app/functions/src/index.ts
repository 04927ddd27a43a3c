// A small team-notes backend on Firebase: HTTP functions, callable functions, and an Express app
// served by one function.
import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type Response } from 'express';
import { initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import * as functions from 'firebase-functions/v1';
import { HttpsError, onCall, onRequest, type Request } from 'firebase-functions/v2/https';

initializeApp();
const db = getFirestore();

// Anyone on the internet can delete any account.
// ruleid: api-security/no-unauthenticated-route
export const deleteUser = functions.https.onRequest(async (req, res) => {
  await getAuth().deleteUser(String(req.body.uid));
  res.json({ deleted: true });
});

/** The caller's uid from a verified Firebase ID token, or null after answering 401. */
async function callerOf(req: Request, res: Response): Promise<string | null> {
  const header = req.get('authorization') ?? '';
  if (!header.startsWith('Bearer ')) {
    res.status(401).json({ error: 'unauthenticated' });
    return null;
  }
  try {
    const { uid } = await getAuth().verifyIdToken(header.slice('Bearer '.length));
    return uid;
  } catch {
    res.status(401).json({ error: 'unauthenticated' });
    return null;
  }
}

// ok: api-security/no-unauthenticated-route
export const saveProfile = onRequest({ region: 'europe-west1', cors: true }, async (req, res) => {
  const uid = await callerOf(req, res);
  if (uid === null) return;
  // ruleid: api-security/no-mass-assignment
  await db.collection('profiles').doc(uid).set(req.body, { merge: true });
  res.sendStatus(204);
});

// ok: api-security/no-unauthenticated-route
export const billingEvents = onRequest(async (req, res) => {
  const signature = Buffer.from(req.get('x-billing-signature') ?? '', 'hex');
  const expected = createHmac('sha256', process.env.BILLING_HOOK_SECRET ?? '').update(req.rawBody).digest();
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
    res.status(401).send('bad signature');
    return;
  }
  await db.collection('invoices').doc(String(req.body.invoiceId)).update({ paid: true });
  res.sendStatus(204);
});

// Only the scheduler's service account may call it (IAM checks every request).
// ok: api-security/no-unauthenticated-route
export const purgeSessions = onRequest({ invoker: 'private' }, async (req, res) => {
  await db.recursiveDelete(db.collection('sessions'));
  res.sendStatus(204);
});

// ruleid: api-security/no-unauthenticated-route
export const grantAdmin = onCall(async (request) => {
  await getAuth().setCustomUserClaims(String(request.data.uid), { admin: true });
  return { ok: true };
});

// ok: api-security/no-unauthenticated-route
export const createNote = onCall(async (request) => {
  if (!request.auth) throw new HttpsError('unauthenticated', 'Sign in first.');
  // ruleid: api-security/no-mass-assignment
  const note = await db.collection('notes').add(request.data);
  return { id: note.id };
});

const api = express();
api.use(express.json());
// ruleid: api-security/no-unauthenticated-route
api.get('/users/:id', async (req, res) => {
  const snapshot = await db.collection('users').doc(req.params.id).get();
  // ruleid: api-security/no-whole-object-response
  res.json(snapshot.data());
});
// The function itself is no route: the app's routes are.
export const notesApi = onRequest(api);
