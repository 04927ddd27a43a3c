import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/require-ownership-check.js';

/*
 * Lists by the id of a parent record the client chose (`comment.findMany({ where: { postId } })`)
 * when the parent model is owned and nothing ties the parent to the caller: reported in `strict`
 * only (the default level stays consistency-only), naming the parent.
 */

const ruleTester = new RuleTester();
const strict = [{ unscopedAccess: 'report' }] as const;

/** Express + Prisma: a `Post` owned by its author, its `Comment`s, and a public `Category` of `Product`s. */
const BLOG = `import express from 'express';
import { PrismaClient } from '@prisma/client';
export const schema = \`
model Post {
  id       Int  @id
  author   User @relation(fields: [authorId], references: [id])
  authorId Int
}
model Comment {
  id     Int    @id
  body   String
  post   Post   @relation(fields: [postId], references: [id])
  postId Int
}
model Category {
  id   Int    @id
  name String
}
model Product {
  id         Int      @id
  category   Category @relation(fields: [categoryId], references: [id])
  categoryId Int
}\`;
const prisma = new PrismaClient();
const app = express();`;

ruleTester.run('require-ownership-check (lists by a parent id)', rule, {
  valid: [
    { name: 'the list holds the condition on the parent\'s owner', options: strict, code: `${BLOG}
app.get('/posts/:postId/comments', async (req, res) => {
  res.json(await prisma.comment.findMany({ where: { postId: Number(req.params.postId), post: { authorId: req.user.id } } }));
});` },
    { name: 'the parent is loaded scoped to the caller first, and a missing parent stops the handler', options: strict, code: `${BLOG}
app.get('/posts/:postId/comments', async (req, res) => {
  const postId = Number(req.params.postId);
  const post = await prisma.post.findFirst({ where: { id: postId, authorId: req.user.id } });
  if (!post) return res.sendStatus(404);
  res.json(await prisma.comment.findMany({ where: { postId } }));
});` },
    { name: 'the parent is loaded by the same id and its owner compared first', options: strict, code: `${BLOG}
app.get('/posts/:postId/comments', async (req, res) => {
  const { postId } = req.params;
  const post = await prisma.post.findUnique({ where: { id: Number(postId) } });
  if (!post || post.authorId !== req.user.id) return res.sendStatus(404);
  res.json(await prisma.comment.findMany({ where: { postId: Number(postId) } }));
});` },
    { name: 'the parent is loaded with findFirstOrThrow scoped to the caller', options: strict, code: `${BLOG}
app.get('/posts/:postId/comments', async (req, res) => {
  const postId = Number(req.params.postId);
  await prisma.post.findFirstOrThrow({ where: { id: postId, authorId: req.user.id } });
  res.json(await prisma.comment.findMany({ where: { postId } }));
});` },
    { name: 'the parent model is public (a category has no owner)', options: strict, code: `${BLOG}
app.get('/categories/:id/products', async (req, res) => {
  res.json(await prisma.product.findMany({ where: { categoryId: Number(req.params.id) } }));
});` },
    { name: 'the parent id is the caller\'s own', options: strict, code: `${BLOG}
app.get('/me/pinned/comments', async (req, res) => {
  res.json(await prisma.comment.findMany({ where: { postId: req.user.pinnedPostId } }));
});` },
    { name: 'default level: a list by a parent id is not a consistency finding', code: `${BLOG}
app.get('/posts/:postId/comments', async (req, res) => {
  res.json(await prisma.comment.findMany({ where: { postId: Number(req.params.postId) } }));
});` },
  ],
  invalid: [
    {
      name: 'comments listed by a post id from the path',
      options: strict,
      code: `${BLOG}
app.get('/posts/:postId/comments', async (req, res) => {
  res.json(await prisma.comment.findMany({ where: { postId: Number(req.params.postId) } }));
});`,
      errors: [{ messageId: 'unscopedParentList', line: 27, column: 18, endColumn: 41, data: { orm: 'Prisma', model: 'comment', parent: 'post', source: '`req.params.postId`', sourceLine: '27', where: ' in the handler of GET /posts/:postId/comments', fields: '`author`, `authorId`' } }],
    },
    {
      name: 'a relation filter by the post id',
      options: strict,
      code: `${BLOG}
app.get('/posts/:postId/comments/count', async (req, res) => {
  res.json(await prisma.comment.count({ where: { post: { id: Number(req.params.postId) } } }));
});`,
      errors: [{ messageId: 'unscopedParentList', line: 27, data: { orm: 'Prisma', model: 'comment', parent: 'post', source: '`req.params.postId`', sourceLine: '27', where: ' in the handler of GET /posts/:postId/comments/count', fields: '`author`, `authorId`' } }],
    },
    {
      name: 'the parent is loaded scoped, but a missing parent does not stop the handler',
      options: strict,
      code: `${BLOG}
app.get('/posts/:postId/comments', async (req, res) => {
  const postId = Number(req.params.postId);
  const post = await prisma.post.findFirst({ where: { id: postId, authorId: req.user.id } });
  res.json({ post, comments: await prisma.comment.findMany({ where: { postId } }) });
});`,
      errors: [{ messageId: 'unscopedParentList', line: 29 }],
    },
  ],
});
