import { RuleTester } from '@typescript-eslint/rule-tester';
import unauthenticated from '../../src/rules/no-unauthenticated-route.js';

// Firebase and Google Cloud Functions HTTP functions are routes (`models/frameworks/cloud-functions.ts`):
// reachable by anyone on the internet unless the handler authenticates the caller or the function's
// `invoker` restricts who may call it.
const ruleTester = new RuleTester();

const admin = `import * as admin from 'firebase-admin';
admin.initializeApp();`;

ruleTester.run('no-unauthenticated-route: Firebase and Cloud Functions', unauthenticated, {
  valid: [
    {
      name: 'v1: verifies the Firebase ID token and answers 401 without one',
      code: `import * as functions from 'firebase-functions';
${admin}
export const deleteAccount = functions.https.onRequest(async (req, res) => {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) {
    res.status(401).send('Unauthorized');
    return;
  }
  const decoded = await admin.auth().verifyIdToken(header.slice('Bearer '.length));
  await admin.auth().deleteUser(decoded.uid);
  res.json({ ok: true });
});
`,
    },
    {
      name: 'v2: getAuth().verifyIdToken in a try whose catch answers 401',
      code: `import { onRequest } from 'firebase-functions/v2/https';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
export const updateProfile = onRequest({ region: 'europe-west1', cors: true }, async (req, res) => {
  let uid;
  try {
    ({ uid } = await getAuth().verifyIdToken(String(req.get('authorization')).replace('Bearer ', '')));
  } catch {
    res.status(401).json({ error: 'unauthenticated' });
    return;
  }
  await getFirestore().collection('profiles').doc(uid).update({ displayName: String(req.body.displayName) });
  res.sendStatus(204);
});
`,
    },
    {
      name: 'a webhook that checks an HMAC signature before it answers 401',
      code: `import { onRequest } from 'firebase-functions/https';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { getFirestore } from 'firebase-admin/firestore';
export const paymentEvents = onRequest(async (req, res) => {
  const signature = Buffer.from(req.get('x-signature') ?? '', 'hex');
  const expected = createHmac('sha256', process.env.HOOK_SECRET ?? '').update(req.rawBody).digest();
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
    res.status(401).send('bad signature');
    return;
  }
  await getFirestore().collection('payments').add({ id: String(req.body.id), amount: Number(req.body.amount) });
  res.sendStatus(204);
});
`,
    },
    {
      name: 'a session cookie verified by Firebase Admin (it throws on a bad or missing cookie)',
      code: `import { onRequest } from 'firebase-functions/v2/https';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
export const closeAccount = onRequest(async (req, res) => {
  const claims = await getAuth().verifySessionCookie(String(req.cookies.__session), true);
  await getFirestore().collection('accounts').doc(claims.uid).delete();
  res.clearCookie('__session').sendStatus(204);
});
`,
    },
    {
      name: 'the check runs inside the cors() callback that wraps the handler body',
      code: `const functions = require('firebase-functions');
const cors = require('cors')({ origin: true });
${admin}
exports.listInvoices = functions.https.onRequest((req, res) => {
  cors(req, res, async () => {
    const token = (req.headers.authorization || '').replace('Bearer ', '');
    let decoded;
    try {
      decoded = await admin.auth().verifyIdToken(token);
    } catch (error) {
      res.status(403).send('Unauthorized');
      return;
    }
    const snapshot = await admin.firestore().collection('invoices').where('owner', '==', decoded.uid).get();
    res.json(snapshot.docs.map((doc) => ({ id: doc.id, total: doc.get('total') })));
  });
});
`,
    },
    {
      name: 'invoker: private (IAM authenticates every caller)',
      code: `import { onRequest } from 'firebase-functions/v2/https';
${admin}
export const purgeUsers = onRequest({ invoker: 'private', timeoutSeconds: 540 }, async (req, res) => {
  await admin.auth().deleteUsers(req.body.uids);
  res.sendStatus(204);
});
`,
    },
    {
      name: 'v1 runWith({ invoker }) naming a service account',
      code: `const functions = require('firebase-functions');
${admin}
exports.nightlyCleanup = functions
  .runWith({ invoker: ['scheduler@my-project.iam.gserviceaccount.com'] })
  .https.onRequest(async (req, res) => {
    await admin.firestore().collection('sessions').doc(req.query.id).delete();
    res.end();
  });
`,
    },
    {
      name: 'a health function is public by design',
      code: `import * as functions from 'firebase-functions';
export const health = functions.https.onRequest((req, res) => { res.send('ok'); });
`,
    },
    {
      name: 'publicRoutes lists a function by its name',
      options: [{ publicRoutes: ['/publicCatalog'] }],
      code: `import { onRequest } from 'firebase-functions/v2/https';
export const publicCatalog = onRequest(async (req, res) => { res.json(await loadCatalog(req.query.page)); });
`,
    },
    {
      name: 'an Express app served by a function: its authenticated routes are judged as Express',
      code: `import * as functions from 'firebase-functions';
import express from 'express';
${admin}
const app = express();
app.use(async (req, res, next) => {
  const token = req.headers.authorization?.split('Bearer ')[1];
  if (!token) return res.status(401).end();
  try {
    req.user = await admin.auth().verifyIdToken(token);
    next();
  } catch {
    res.status(401).end();
  }
});
app.delete('/users/:uid', async (req, res) => { await admin.auth().deleteUser(req.params.uid); res.end(); });
export const api = functions.https.onRequest(app);
`,
    },
    {
      name: 'v2 callable: rejects a caller without request.auth',
      code: `import { onCall, HttpsError } from 'firebase-functions/v2/https';
import { getFirestore } from 'firebase-admin/firestore';
export const renameProject = onCall(async (request) => {
  if (!request.auth) throw new HttpsError('unauthenticated', 'Sign in first.');
  await getFirestore().collection('projects').doc(String(request.data.id)).update({ name: String(request.data.name) });
  return { ok: true };
});
`,
    },
    {
      name: 'v1 callable: rejects a caller without context.auth',
      code: `import * as functions from 'firebase-functions';
${admin}
export const leaveTeam = functions.https.onCall(async (data, context) => {
  if (!context.auth) {
    throw new functions.https.HttpsError('unauthenticated', 'Sign in first.');
  }
  await admin.firestore().collection('members').doc(context.auth.uid).delete();
  return { ok: true };
});
`,
    },
    {
      name: 'v2 callable: an admin claim check (no anonymous caller has one)',
      code: `import { onCall, HttpsError } from 'firebase-functions/v2/https';
import { getAuth } from 'firebase-admin/auth';
export const grantRole = onCall(async (request) => {
  if (request.auth?.token.admin !== true) throw new HttpsError('permission-denied', 'Admins only.');
  await getAuth().setCustomUserClaims(String(request.data.uid), { role: String(request.data.role) });
  return { ok: true };
});
`,
    },
  ],
  invalid: [
    {
      name: 'v2 callable without a check of request.auth',
      code: `import { onCall } from 'firebase-functions/v2/https';
import { getAuth } from 'firebase-admin/auth';
export const grantRole = onCall({ enforceAppCheck: true }, async (request) => {
  await getAuth().setCustomUserClaims(String(request.data.uid), { role: String(request.data.role) });
  return { ok: true };
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 3, column: 26, endColumn: 58, data: { method: 'POST', path: '/grantRole', framework: 'firebase' } }],
    },
    {
      name: 'v1 callable that reads context.auth without rejecting when it is missing',
      code: `import * as functions from 'firebase-functions';
${admin}
export const deleteNote = functions.https.onCall(async (data, context) => {
  console.log('caller', context.auth?.uid);
  await admin.firestore().collection('notes').doc(data.id).delete();
  return { ok: true };
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, column: 43, endColumn: 49, data: { method: 'POST', path: '/deleteNote', framework: 'firebase' } }],
    },
    {
      name: 'v1: deletes the user named in the body, for anyone',
      code: `import * as functions from 'firebase-functions';
${admin}
export const deleteUser = functions.https.onRequest(async (req, res) => {
  await admin.auth().deleteUser(req.body.uid);
  res.json({ deleted: req.body.uid });
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, column: 43, endColumn: 52, data: { method: 'ALL', path: '/deleteUser', framework: 'firebase' } }],
    },
    {
      name: 'v2 with options, invoker public (the default), and a CommonJS group',
      code: `const { onRequest } = require('firebase-functions/v2/https');
${admin}
exports.admin = {
  setRole: onRequest({ cors: true, invoker: 'public' }, async (req, res) => {
    await admin.auth().setCustomUserClaims(req.body.uid, { role: req.body.role });
    res.sendStatus(204);
  }),
};
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5, column: 12, endColumn: 55, data: { method: 'ALL', path: '/admin-setRole', framework: 'firebase' } }],
    },
    {
      name: 'an invoker that cannot be read is not assumed to restrict',
      code: `import { onRequest } from 'firebase-functions/v2/https';
${admin}
export const wipe = onRequest({ invoker: process.env.INVOKER }, async (req, res) => {
  await admin.firestore().recursiveDelete(admin.firestore().collection(req.query.collection));
  res.end();
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'ALL', path: '/wipe', framework: 'firebase' } }],
    },
    {
      name: 'functions-framework: functions.http',
      code: `import * as functions from '@google-cloud/functions-framework';
import { Firestore } from '@google-cloud/firestore';
const db = new Firestore();
functions.http('resetCredits', async (req, res) => {
  await db.collection('accounts').doc(req.body.accountId).update({ credits: 0 });
  res.send('done');
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, column: 11, endColumn: 30, data: { method: 'ALL', path: '/resetCredits', framework: 'cloud-functions' } }],
    },
    {
      name: 'an Express app served by a function: reported once, for its own route',
      code: `import * as functions from 'firebase-functions';
import express from 'express';
${admin}
const app = express();
app.delete('/users/:uid', async (req, res) => { await admin.auth().deleteUser(req.params.uid); res.end(); });
export const api = functions.https.onRequest(app);
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 6, data: { method: 'DELETE', path: '/users/:uid', framework: 'express' } }],
    },
    {
      name: 'a verification whose failure is swallowed lets anonymous callers through',
      code: `import { onRequest } from 'firebase-functions/v2/https';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
export const updateProfile = onRequest(async (req, res) => {
  let uid = req.body.uid;
  try {
    ({ uid } = await getAuth().verifyIdToken(String(req.get('authorization')).replace('Bearer ', '')));
  } catch {
    console.warn('no token');
  }
  await getFirestore().collection('profiles').doc(uid).update({ displayName: String(req.body.displayName) });
  res.sendStatus(204);
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'ALL', path: '/updateProfile', framework: 'firebase' } }],
    },
    {
      name: 'a cors() callback without any check',
      code: `const functions = require('firebase-functions');
const cors = require('cors')({ origin: true });
${admin}
exports.listInvoices = functions.https.onRequest((req, res) => {
  cors(req, res, async () => {
    const snapshot = await admin.firestore().collection('invoices').where('owner', '==', req.query.uid).get();
    res.json(snapshot.docs.map((doc) => ({ id: doc.id, total: doc.get('total') })));
  });
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 5, column: 40, endColumn: 49, data: { method: 'ALL', path: '/listInvoices', framework: 'firebase' } }],
    },
    {
      name: 'a token read but never verified does not authenticate',
      code: `import * as functions from 'firebase-functions';
${admin}
export const exportData = functions.https.onRequest(async (req, res) => {
  const uid = req.query.uid;
  const snapshot = await admin.firestore().collection('orders').where('uid', '==', uid).get();
  res.json(snapshot.docs.map((doc) => doc.id));
});
`,
      errors: [{ messageId: 'unauthenticatedRoute', line: 4, data: { method: 'ALL', path: '/exportData', framework: 'firebase' } }],
    },
  ],
});
