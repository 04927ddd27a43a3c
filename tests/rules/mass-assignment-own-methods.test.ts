import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-mass-assignment.js';

/*
 * A whole body handed to a function or method of the same file (`this.update(id, req.body)`,
 * `store(req.body)`) is judged by what that function does with it, not by its name: it is reported
 * (at the argument, naming the write inside) when the function writes it whole, left alone when it
 * picks fields. When the function hands it on to an instance of a class of the project whose file
 * is out of view (build output), the verdict is unknown: `strict` reports it, `recommended` does not.
 */

const ruleTester = new RuleTester();

const api = (method: string, extra = ''): string => `import express from 'express';
import { Note } from './models.js';
${extra}
class NotesApi {
  constructor(app) {
    this.app = app;
  }
  register() {
    this.app.put('/notes/:id', async (req, res) => {
      await this.update(req.params.id, req.body);
      res.json({ ok: true });
    });
  }
  ${method}
}
export const api = new NotesApi(express());`;

ruleTester.run('no-mass-assignment (own methods)', rule, {
  valid: [
    {
      name: 'an own method named update that picks fields',
      code: api('update(id, changes) { return Note.findByIdAndUpdate(id, { title: changes.title, body: changes.body }); }'),
    },
    {
      name: 'an own method that validates with a schema that strips unknown keys',
      code: api('update(id, changes) { return Note.findByIdAndUpdate(id, NoteChanges.parse(changes)); }', "import { z } from 'zod';\nconst NoteChanges = z.object({ title: z.string() });"),
    },
    {
      name: 'an own method handing the body to a manager of the project out of view (recommended)',
      code: api(
        'update(id, options) { this.manager().update(id, options); }\n  manager() { return this.notes; }',
        "const notes_1 = require('./notes');",
      ).replace('this.app = app;', 'this.app = app;\n    this.notes = new notes_1.NotesManager();'),
    },
  ],
  invalid: [
    {
      name: 'an own method that writes the body whole',
      code: api('update(id, changes) { return Note.findByIdAndUpdate(id, changes); }'),
      errors: [{ messageId: 'massAssignment', line: 10, column: 40, endColumn: 48 }],
    },
    {
      name: 'an own method that spreads the body into the write',
      code: api('update(id, changes) { return Note.updateOne({ _id: id }, { $set: { ...changes } }); }'),
      errors: [{ messageId: 'massAssignment', line: 10 }],
    },
    {
      name: 'strict: a manager of the project out of view is unknown',
      code: api(
        'update(id, options) { this.manager().update(id, options); }\n  manager() { return this.notes; }',
        "const notes_1 = require('./notes');",
      ).replace('this.app = app;', 'this.app = app;\n    this.notes = new notes_1.NotesManager();'),
      options: [{ unresolvedServices: 'report' }],
      errors: [{ messageId: 'unresolvedServiceWrite', line: 11 }],
    },
    {
      name: 'a function of the file that writes the body whole',
      code: `import express from 'express';
import { Note } from './models.js';
const app = express();
function store(data) {
  return Note.create(data);
}
app.post('/notes', async (req, res) => {
  res.json(await store(req.body));
});`,
      errors: [{ messageId: 'massAssignment', line: 8, column: 24, endColumn: 32 }],
    },
  ],
});
