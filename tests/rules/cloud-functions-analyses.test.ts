import { RuleTester } from '@typescript-eslint/rule-tester';
import commandInjection from '../../src/rules/no-command-injection.js';
import massAssignment from '../../src/rules/no-mass-assignment.js';
import ssrf from '../../src/rules/no-ssrf.js';
import wholeObject from '../../src/rules/no-whole-object-response.js';

// The handler of a Firebase / Cloud Functions HTTP function is a route handler with Express's
// request and response: taint and exposure see it like any other.
const ruleTester = new RuleTester();

ruleTester.run('no-command-injection: Firebase and Cloud Functions', commandInjection, {
  valid: [],
  invalid: [
    {
      name: 'a v2 function passes a query parameter to a shell',
      code: `import { onRequest } from 'firebase-functions/v2/https';
import { exec } from 'node:child_process';
export const thumbnail = onRequest({ invoker: 'private' }, (req, res) => {
  exec('convert ' + req.query.file + ' thumb.png', () => res.end());
});
`,
      errors: [{ messageId: 'commandInjection', line: 4, column: 21, endColumn: 35, data: { source: '`req.query.file`', sourceLine: 4, sink: 'exec', sinkLine: 4 } }],
    },
    {
      name: 'a v2 callable passes its payload to a shell',
      code: `import { onCall } from 'firebase-functions/v2/https';
import { execSync } from 'node:child_process';
export const convert = onCall((request) => {
  if (!request.auth) throw new Error('unauthenticated');
  return { out: execSync('convert ' + request.data.file).toString() };
});
`,
      errors: [{ messageId: 'commandInjection', line: 5, column: 39, endColumn: 56, data: { source: '`request.data.file`', sourceLine: 5, sink: 'execSync', sinkLine: 5 } }],
    },
  ],
});

ruleTester.run('no-ssrf: Firebase and Cloud Functions', ssrf, {
  valid: [],
  invalid: [
    {
      name: 'functions-framework: fetches a URL from the body',
      code: `import * as functions from '@google-cloud/functions-framework';
functions.http('preview', async (req, res) => {
  const page = await fetch(req.body.url);
  res.send(await page.text());
});
`,
      errors: [{ messageId: 'ssrf', line: 3, column: 28, endColumn: 40, data: { source: '`req.body.url`', sourceLine: 3, sink: 'fetch', sinkLine: 3, via: '' }, suggestions: [] }],
    },
  ],
});

ruleTester.run('no-whole-object-response: Firebase and Cloud Functions', wholeObject, {
  valid: [],
  invalid: [
    {
      name: 'a v1 function answers a whole Firestore user document',
      code: `import * as functions from 'firebase-functions';
import * as admin from 'firebase-admin';
export const getUser = functions.https.onRequest(async (req, res) => {
  const snapshot = await admin.firestore().collection('users').doc(String(req.query.id)).get();
  res.json(snapshot.data());
});
`,
      errors: [{ messageId: 'wholeObject', line: 5, column: 12, endColumn: 27, data: { object: '`snapshot.data()`', origin: "line 5, from `collection('users').doc(…).get().data`", sink: '`res.json`', exposed: 'every stored field' } }],
    },
    {
      name: 'a callable returns a whole Firestore document',
      code: `import { onCall } from 'firebase-functions/v2/https';
import { getFirestore } from 'firebase-admin/firestore';
export const profile = onCall(async (request) => {
  const snapshot = await getFirestore().collection('users').doc(String(request.data.uid)).get();
  return snapshot.data();
});
`,
      errors: [{ messageId: 'wholeObject', line: 5, column: 10, endColumn: 25, data: { object: '`snapshot.data()`', origin: "line 5, from `collection('users').doc(…).get().data`", sink: "the handler's return value", exposed: 'every stored field' } }],
    },
  ],
});

ruleTester.run('no-mass-assignment: Firebase and Cloud Functions', massAssignment, {
  valid: [
    {
      name: 'Firestore writes of picked fields',
      code: `import { onRequest } from 'firebase-functions/v2/https';
import { getFirestore } from 'firebase-admin/firestore';
const db = getFirestore();
export const createPost = onRequest(async (req, res) => {
  const posts = db.collection('posts');
  const created = await posts.add({ title: String(req.body.title), body: String(req.body.body) });
  await db.collection('users').doc(String(req.query.uid)).set({ lastPost: created.id }, { merge: true });
  res.json({ id: created.id });
});
`,
    },
    {
      name: 'a setDoc that is not Firestore\'s, and Firestore\'s given picked fields',
      filename: 'app/api/profile/route.ts',
      code: `import { doc, setDoc as saveDoc, updateDoc } from 'firebase/firestore';
import { setDoc } from './local-cache';
import { db } from '@/lib/firebase';
export async function POST(req: Request) {
  const body = await req.json();
  await setDoc('profile', body);
  await saveDoc(doc(db, 'profiles', String(body.id)), { displayName: String(body.displayName) });
  await updateDoc(doc(db, 'profiles', String(body.id)), { bio: String(body.bio) });
  return Response.json({ ok: true });
}
`,
    },
    {
      name: 'add() on a Set, a list or a class list is not a Firestore write',
      code: `import * as functions from '@google-cloud/functions-framework';
const seen = new Set();
const queue = makeQueue();
functions.http('track', (req, res) => {
  seen.add(req.body);
  queue.add(req.body);
  res.end();
});
`,
    },
  ],
  invalid: [
    {
      name: 'doc(id).set(req.body, { merge: true })',
      code: `import * as functions from 'firebase-functions';
import * as admin from 'firebase-admin';
const db = admin.firestore();
export const saveProfile = functions.https.onRequest(async (req, res) => {
  await db.collection('users').doc(req.query.uid).set(req.body, { merge: true });
  res.sendStatus(204);
});
`,
      errors: [{ messageId: 'massAssignment', line: 5, column: 55, endColumn: 63, data: { input: '`req.body`', sink: '`db.collection.doc.set`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] }],
    },
    {
      name: 'ref.update(req.body)',
      code: `import { onRequest } from 'firebase-functions/v2/https';
import { getFirestore } from 'firebase-admin/firestore';
export const editOrder = onRequest(async (req, res) => {
  const ref = getFirestore().collection('orders').doc(req.params[0]);
  await ref.update(req.body);
  res.sendStatus(204);
});
`,
      errors: [{ messageId: 'massAssignment', line: 5, column: 20, endColumn: 28, data: { input: '`req.body`', sink: '`ref.update`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] }],
    },
    {
      name: 'collection(x).add(req.body)',
      code: `import * as functions from '@google-cloud/functions-framework';
import { Firestore } from '@google-cloud/firestore';
const db = new Firestore();
functions.http('createPost', async (req, res) => {
  const created = await db.collection('posts').add(req.body);
  res.json({ id: created.id });
});
`,
      errors: [{ messageId: 'massAssignment', line: 5, column: 52, endColumn: 60, data: { input: '`req.body`', sink: '`db.collection.add`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] }],
    },
    {
      name: 'the Firestore modular API: setDoc, addDoc and updateDoc of the whole body',
      filename: 'app/api/profile/route.ts',
      code: `import { addDoc, collection, doc, setDoc, updateDoc } from 'firebase/firestore';
import { db } from '@/lib/firebase';
export async function POST(req: Request) {
  const body = await req.json();
  await setDoc(doc(db, 'profiles', String(body.id)), body, { merge: true });
  await addDoc(collection(db, 'audit'), body);
  await updateDoc(doc(db, 'users', String(body.id)), body);
  return Response.json({ ok: true });
}
`,
      errors: [
        { messageId: 'massAssignment', line: 5, column: 54, endColumn: 58, data: { input: '`body` (line 4, from `req.json()`)', sink: '`setDoc`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] },
        { messageId: 'massAssignment', line: 6, column: 41, endColumn: 45, data: { input: '`body` (line 4, from `req.json()`)', sink: '`addDoc`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] },
        { messageId: 'massAssignment', line: 7, column: 54, endColumn: 58, data: { input: '`body` (line 4, from `req.json()`)', sink: '`updateDoc`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] },
      ],
    },
    {
      name: 'a callable writes its whole payload',
      code: `import { onCall } from 'firebase-functions/v2/https';
import { getFirestore } from 'firebase-admin/firestore';
export const saveSettings = onCall(async (request) => {
  if (!request.auth) throw new Error('unauthenticated');
  await getFirestore().collection('users').doc(request.auth.uid).set(request.data, { merge: true });
  return { ok: true };
});
`,
      errors: [{ messageId: 'massAssignment', line: 5, column: 70, endColumn: 82, data: { input: '`request.data`', sink: '`getFirestore.collection.doc.set`', protected: 'fields such as `role` or `isAdmin`' }, suggestions: [] }],
    },
  ],
});
