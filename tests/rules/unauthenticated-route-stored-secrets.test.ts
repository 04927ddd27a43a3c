import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-unauthenticated-route.js';

/*
 * A middleware that compares a secret the request presents (a key header, as sent or hashed first)
 * with a secret the server holds for the record it acts on (a stored hash), and turns the request
 * away when they differ, authenticates the request, whatever the two sides are called: a local
 * `ownerKey` compared with a stored `ownerKey` is no role check and no value compared with itself.
 * Compared with another value the request sent, with a literal, or when the request's value is no
 * credential (a role, an id), or when the mismatch turns nobody away, it does not.
 */

const ruleTester = new RuleTester();

/** A factory of a middleware that loads the board named by the path and runs `check` on it. */
const boards = (check: string, failure = "res.status(403).json({ message: err.message });"): string => `import express from 'express';
import crypto from 'node:crypto';
import { store } from './store.js';
const digest = (value, salt) => crypto.createHmac('sha256', salt).update(value).digest('hex');
function boardGuard() {
  return (req, res, next) => {
    Promise.resolve()
      .then(async () => {
        const board = await store.findBoard(req.params.boardId);
        if (!board) throw new Error('unknown board');
        ${check}
        next();
      })
      .catch((err) => {
        ${failure}
      });
  };
}
const app = express();
app.delete('/boards/:boardId', boardGuard(), async (req, res) => {
  await store.deleteBoard(req.params.boardId);
  res.sendStatus(204);
});
`;

ruleTester.run('no-unauthenticated-route (a sent secret compared with a stored one)', rule, {
  valid: [
    {
      name: 'the key header hashed and compared with the stored hash of the same name, 403 on a mismatch',
      code: boards("const ownerKey = req.get('x-board-owner-key') || '';\n        const hashedOwnerKey = digest(ownerKey, board.id);\n        if (hashedOwnerKey !== board.ownerKey) throw new Error('bad key');"),
    },
    {
      name: 'a local named like the stored field, compared as sent',
      code: boards("const adminToken = req.get('x-board-admin-token') || '';\n        if (adminToken !== board.adminToken) throw new Error('bad token');"),
    },
    {
      name: 'the stored hash on the left, the hashed header on the right',
      code: boards("const keyHash = digest(req.get('x-board-key') ?? '', board.id);\n        if (board.keyHash !== keyHash) throw new Error('bad key');"),
    },
    {
      name: 'the hashed key compared with the stored hash, the failure passed on to the error handler',
      code: boards("const hashed = digest(req.get('x-board-key') || '', board.id);\n        if (hashed !== board.keyHash) throw new Error('bad key');", 'next(err);'),
    },
    {
      name: 'the hash compared in the handler itself, 401 on a mismatch',
      code: `import express from 'express';
import crypto from 'node:crypto';
import { store } from './store.js';
const app = express();
app.post('/feeds/:feedId/items', async (req, res) => {
  const feed = await store.findFeed(req.params.feedId);
  if (!feed) return res.sendStatus(404);
  const publishToken = crypto.createHash('sha256').update(String(req.headers['x-publish-token'])).digest('hex');
  if (publishToken !== feed.publishToken) return res.status(401).json({ error: 'bad token' });
  await store.addItem(feed.id, req.body);
  res.sendStatus(201);
});
`,
    },
  ],
  invalid: [
    {
      name: 'the hashed key compared with another value the request sent',
      code: boards("const hashed = digest(req.get('x-board-key') || '', req.params.boardId);\n        if (hashed !== req.body.keyHash) throw new Error('bad key');"),
      errors: [{ messageId: 'unauthenticatedRoute', line: 21 }],
    },
    {
      name: 'the hashed key compared with a literal',
      code: boards("const hashed = digest(req.get('x-board-key') || '', 'salt');\n        if (hashed !== '5e884898da28047151d0e56f8dc62927') throw new Error('bad key');"),
      errors: [{ messageId: 'unauthenticatedRoute', line: 21 }],
    },
    {
      name: 'a role the request sends compared with the stored role of the same name',
      code: boards("const role = req.get('x-board-role') || '';\n        if (role !== board.role) throw new Error('wrong role');"),
      errors: [{ messageId: 'unauthenticatedRoute', line: 21 }],
    },
    {
      name: 'a hash of the path id (no credential) compared with a stored hash',
      code: boards("const idHash = digest(req.params.boardId, 'salt');\n        if (idHash !== board.idHash) throw new Error('no such board');"),
      errors: [{ messageId: 'unauthenticatedRoute', line: 21 }],
    },
    {
      name: 'the hashed key compared with the stored hash, a mismatch only logged',
      code: boards("const hashed = digest(req.get('x-board-key') || '', board.id);\n        if (hashed !== board.keyHash) console.warn('key mismatch');"),
      errors: [{ messageId: 'unauthenticatedRoute', line: 21 }],
    },
    {
      name: 'the hashed key compared with the stored hash, the failure let through by the catch',
      code: boards("const hashed = digest(req.get('x-board-key') || '', board.id);\n        if (hashed !== board.keyHash) throw new Error('bad key');", 'next();'),
      errors: [{ messageId: 'unauthenticatedRoute', line: 21 }],
    },
  ],
});
