import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintProjectFile, writeProject } from '../helpers/project.js';

/*
 * awilix builds each registered class with one object (the cradle) holding the other
 * registrations by name: `constructor({ noteService }) { this.noteService = noteService; }`.
 * The container file of the project says what each name holds (asClass, asValue, asFunction), so
 * calls on `this.noteService` run the registered class's methods, in both directions of the search.
 */
const manifest = { name: 'notes', dependencies: { express: '^4.21.0', mongoose: '^8.0.0', axios: '^1.7.0', awilix: '^12.0.0' } };

const project = (container: string, serviceFind: string): Record<string, string> => ({
  'src/models/note.js': `const mongoose = require('mongoose');
module.exports = mongoose.model('Note', new mongoose.Schema({ owner: String, title: String }));
`,
  'src/lib/unfurl.js': `const axios = require('axios');
async function unfurl(address) {
  const { data } = await axios.get(address);
  return String(data).slice(0, 200);
}
module.exports = { unfurl };
`,
  'src/services/note.service.js': `const Note = require('../models/note');
class NoteService {
  constructor({ unfurler }) {
    this.unfurler = unfurler;
  }
  async attach(link) {
    return this.unfurler.unfurl(link);
  }
  async find(owner, title) {
${serviceFind}
  }
}
module.exports = NoteService;
`,
  'src/controllers/note.controller.js': `class NoteController {
  constructor({ noteService }) {
    this.noteService = noteService;
  }
  search = async (req, res) => {
    res.json(await this.noteService.find(req.user.id, req.body.title));
  };
  preview = async (req, res) => {
    res.json({ preview: await this.noteService.attach(req.body.link) });
  };
}
module.exports = NoteController;
`,
  'src/container.js': container,
  'src/routes.js': `const express = require('express');
const container = require('./container');
const router = express.Router();
const notes = container.resolve('noteController');
router.post('/notes/search', notes.search);
router.post('/notes/preview', notes.preview);
module.exports = router;
`,
});

const awilixContainer = `const { createContainer, asClass, asValue } = require('awilix');
const NoteService = require('./services/note.service');
const NoteController = require('./controllers/note.controller');
const container = createContainer();
container.register({
  unfurler: asValue(require('./lib/unfurl')),
  noteService: asClass(NoteService).singleton(),
  noteController: asClass(NoteController).scoped(),
});
module.exports = container;
`;

const rules = { 'api-security/no-nosql-injection': 'error', 'api-security/no-ssrf': 'error' } as const;
const found = async (dir: string, file: string): Promise<(string | number | null)[][]> =>
  (await lintProjectFile(dir, file, rules)).map((message) => [message.line, message.ruleId]);

describe('dependencies injected by an awilix container', () => {
  it('the body reaches the filter in the registered service', async () => {
    const dir = writeProject(project(awilixContainer, '    return Note.find({ owner, title });'), manifest);
    expect(await found(dir, 'src/services/note.service.js')).toEqual([[10, 'api-security/no-nosql-injection']]);
  });

  it('the body reaches the request of the value registered with asValue', async () => {
    const dir = writeProject(project(awilixContainer, '    return Note.find({ owner, title: String(title) });'), manifest);
    expect(await found(dir, 'src/lib/unfurl.js')).toEqual([[3, 'api-security/no-ssrf']]);
    expect(await found(dir, 'src/services/note.service.js')).toEqual([]);
  });

  it('a factory registered with asFunction: the object it returns', async () => {
    const factory = awilixContainer
      .replace("const { createContainer, asClass, asValue } = require('awilix');", "const { createContainer, asClass, asFunction } = require('awilix');\nconst { makeUnfurler } = require('./lib/make-unfurler');")
      .replace("unfurler: asValue(require('./lib/unfurl')),", 'unfurler: asFunction(makeUnfurler).singleton(),');
    const files = {
      ...project(factory, '    return Note.find({ owner, title: String(title) });'),
      'src/lib/make-unfurler.js': `const axios = require('axios');
exports.makeUnfurler = () => ({
  unfurl: (address) => axios.get(address, { timeout: 2000 }),
});
`,
    };
    const dir = writeProject(files, manifest);
    expect(await found(dir, 'src/lib/make-unfurler.js')).toEqual([[3, 'api-security/no-ssrf']]);
  });

  it('an edit of the container is read on the next lint', async () => {
    const dir = writeProject(project(awilixContainer, '    return Note.find({ owner, title });'), manifest);
    expect(await found(dir, 'src/services/note.service.js')).toEqual([[10, 'api-security/no-nosql-injection']]);
    writeFileSync(path.join(dir, 'src/container.js'), awilixContainer.replace('noteService: asClass(NoteService)', 'notesService: asClass(NoteService)'));
    expect(await found(dir, 'src/services/note.service.js')).toEqual([]);
  });

  it('a name the container does not register stays unresolved', async () => {
    const other = awilixContainer.replace('noteService: asClass(NoteService)', 'notesService: asClass(NoteService)');
    const dir = writeProject(project(other, '    return Note.find({ owner, title });'), manifest);
    expect(await found(dir, 'src/services/note.service.js')).toEqual([]);
  });

  it('a register method of a package that is not a DI container is not read', async () => {
    const other = awilixContainer.replace("require('awilix')", "require('./registry')");
    const files = { ...project(other, '    return Note.find({ owner, title });'), 'src/registry.js': 'exports.createContainer = () => ({ register() {} }); exports.asClass = (c) => c; exports.asValue = (v) => v;\n' };
    const dir = writeProject(files, manifest);
    expect(await found(dir, 'src/services/note.service.js')).toEqual([]);
  });
});
