import { parse } from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';
import { ownersInText } from '../../src/analysis/authorization/owners.js';

/* The owner and tenant fields learned from model definitions' text, per ORM, and the cost of reading them. */

const fields = (text: string, model: string): string[] => [...(ownersInText(text).get(model) ?? ['(model not found)'])];

describe('owner fields learned from model definitions', () => {
  it('Prisma: a relation to User and its scalar; a model without one is learned as having none', () => {
    const schema = `model Order {\n  id Int @id\n  user User @relation(fields: [userId], references: [id])\n  userId Int\n}\nmodel Product {\n  id Int @id\n  name String\n}\n`;
    expect(fields(schema, 'order')).toEqual(['user', 'userId']);
    expect(fields(schema, 'product')).toEqual([]);
  });

  it('Mongoose: a ref to User, Drizzle: references(() => users.id), Sequelize: belongsTo(User)', () => {
    expect(fields(`const s = new Schema({ title: String, owner: { type: Schema.Types.ObjectId, ref: 'User' } });\nmongoose.model('Note', s);`, 'note')).toEqual(['owner']);
    expect(fields(`export const todos = pgTable('todos', {\n  id: serial('id'),\n  creator: integer('creator').references(() => users.id),\n});`, 'todo')).toEqual(['creator']);
    expect(fields(`Invoice.belongsTo(models.Company, { foreignKey: 'company_ref' });`, 'invoice')).toEqual(['company_ref']);
  });

  it('TypeORM: a relation after its decorator on the same line; SQL: a column that references users', () => {
    expect(fields(`@Entity()\nexport class Ticket {\n  @ManyToOne(() => Account, { eager: true }) holder: Account;\n  @Column() title: string;\n}`, 'ticket')).toEqual(['holder']);
    expect(fields(`const sql = 'CREATE TABLE IF NOT EXISTS "files" (id uuid, uploader uuid REFERENCES users(id), name text)';`, 'file')).toEqual(['uploader']);
  });

  it('stays linear: a 120 000-character word (an inline source map) costs about what parsing it costs', () => {
    // A real case: parse-server ships a source map inline; the Drizzle pattern once took 48 s on it.
    const text = `const map = '${'QUFBQSxDQUFDLENBQUMsQ0FBQztBQUNILEtBQUs'.repeat(3200)}';\nconst t = pgTable('t', { id: serial('id') });\n`;
    const parseStart = performance.now();
    parse(text);
    const parseTime = performance.now() - parseStart;
    const start = performance.now();
    ownersInText(text);
    const ownersTime = performance.now() - start;
    expect(ownersTime).toBeLessThan(Math.max(parseTime, 1) * 20);
  });
});
