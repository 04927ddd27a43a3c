import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-mass-assignment.js';

// Objection.js models write through their query builder: `patch`, `patchAndFetchById`,
// `updateAndFetchById`, `insertAndFetch` and the graph inserts and upserts take the record whole.
const ruleTester = new RuleTester();
const koa = `import Router from '@koa/router';
import { Playlist } from './models/playlist.js';
const router = new Router();
`;

ruleTester.run('no-mass-assignment (Objection.js)', rule, {
  valid: [
    { name: 'picked fields patched', code: `${koa}
router.patch('/playlists/:id', async (ctx) => {
  const { title, description } = ctx.request.body;
  ctx.body = await Playlist.query().patchAndFetchById(ctx.params.id, { title, description });
});` },
  ],
  invalid: [
    {
      name: 'the body patched and fetched by id, and upserted as a graph',
      code: `${koa}
router.patch('/playlists/:id', async (ctx) => {
  ctx.body = await Playlist.query().patchAndFetchById(ctx.params.id, ctx.request.body);
});
router.put('/playlists', async (ctx) => {
  ctx.body = await Playlist.query().upsertGraph(ctx.request.body);
});`,
      errors: [{ messageId: 'massAssignment', line: 6 }, { messageId: 'massAssignment', line: 9 }],
    },
  ],
});
