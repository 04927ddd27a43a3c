import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/require-ownership-check.js';

/*
 * A helper given the same id that loads the record itself, compares its owner with another of its
 * parameters and rejects, called in a statement that runs before the access on every path:
 * `await this.assertOwner(id, userId); return this.prisma.note.update({ where: { id } })`.
 */

const ruleTester = new RuleTester();
const strict = [{ unscopedAccess: 'report' }] as const;

/** A NestJS-style service over a TypeORM `Note` owned by a user. */
const SERVICE = (body: string) => `import { ForbiddenException, NotFoundException } from '@nestjs/common';
import express from 'express';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { dataSource } from './db';
@Entity()
export class Note {
  @PrimaryGeneratedColumn() id: number;
  @Column() ownerId: number;
  @Column() text: string;
}
const noteRepository = dataSource.getRepository(Note);
class NotesService {
${body}
}
const notes = new NotesService();
const app = express();
app.put('/notes/:id', async (req, res) => res.json(await notes.rename(Number(req.params.id), req.user.id, String(req.body.text))));`;

const assertOwner = `  private async assertOwner(noteId: number, userId: number) {
    const note = await noteRepository.findOneBy({ id: noteId });
    if (!note) throw new NotFoundException();
    if (note.ownerId === userId) return;
    throw new ForbiddenException();
  }`;

ruleTester.run('require-ownership-check (an assertion helper given the same id)', rule, {
  valid: [
    {
      name: 'the helper loads by the id, returns early for the owner and throws otherwise',
      options: strict,
      code: SERVICE(`${assertOwner}
  async rename(id: number, userId: number, text: string) {
    await this.assertOwner(id, userId);
    return noteRepository.update(id, { text });
  }`),
    },
    {
      name: 'a function of the file comparing with !== and throwing',
      options: strict,
      code: SERVICE(`  async rename(id: number, userId: number, text: string) {
    await mustOwn(id, userId);
    return noteRepository.update(id, { text });
  }`).replace('class NotesService {', `async function mustOwn(noteId: number, userId: number) {
  const found = await noteRepository.findOneBy({ id: noteId });
  if (!found || userId !== found.ownerId) throw new ForbiddenException();
}
class NotesService {`),
    },
  ],
  invalid: [
    {
      name: 'the helper runs only under a condition',
      options: strict,
      code: SERVICE(`${assertOwner}
  async rename(id: number, userId: number, text: string) {
    if (text.length > 3) await this.assertOwner(id, userId);
    return noteRepository.update(id, { text });
  }`),
      errors: [{ messageId: 'inconsistentAccess', line: 21 }],
    },
    {
      name: 'the helper is given another id',
      options: strict,
      code: SERVICE(`${assertOwner}
  async rename(id: number, userId: number, text: string) {
    await this.assertOwner(userId, userId);
    return noteRepository.update(id, { text });
  }`),
      errors: [{ messageId: 'unscopedAccess', line: 21 }],
    },
    {
      name: 'the helper compares nothing with the caller: it only checks the record exists',
      options: strict,
      code: SERVICE(`  private async assertExists(noteId: number) {
    const note = await noteRepository.findOneBy({ id: noteId });
    if (!note) throw new NotFoundException();
  }
  async rename(id: number, userId: number, text: string) {
    await this.assertExists(id);
    return noteRepository.update(id, { text });
  }`),
      errors: [
        { messageId: 'unscopedAccess', line: 14 },
        { messageId: 'unscopedAccess', line: 19 },
      ],
    },
    {
      name: 'the helper runs after the access',
      options: strict,
      code: SERVICE(`${assertOwner}
  async rename(id: number, userId: number, text: string) {
    const result = await noteRepository.update(id, { text });
    await this.assertOwner(id, userId);
    return result;
  }`),
      errors: [{ messageId: 'inconsistentAccess', line: 20 }],
    },
  ],
});
