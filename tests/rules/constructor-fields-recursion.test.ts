import { RuleTester } from '@typescript-eslint/rule-tester';
import sqlRule from '../../src/rules/no-sql-injection.js';

/*
 * A service that makes another instance of its own class from its own fields
 * (`new FieldsService({ knex: this.knex, schema: this.schema })` in a method) leads the question
 * "what did the constructor store in `this.knex`" back to itself. It must end, with the findings
 * of the file, and no internal error. The member case (`this.layout.tables`, assigned into a parameter
 * that reaches a sink) is the one that overflowed the stack without the guard in
 * `constructorStoredField`; the others are kept as neighbours.
 */

const ruleTester = new RuleTester();

/** A member of a stored field (`this.layout.tables`) assigned into a parameter that reaches a sink. */
const TABLE_SERVICE = `export class TableService {
  constructor(options) {
    this.db = options.db;
    this.layout = options.layout;
  }
  async changeColumn(table, column) {
    if (!column.kind) column.kind = this.layout.tables[table]?.kind;
    return this.applyDefault(column);
  }
  async dropTable(table) {
    const inner = new TableService({ db: this.db, layout: this.layout });
    return inner.changeColumn(table, { name: 'id' });
  }
  applyDefault(column) {
    return this.db.raw(column.defaultValue);
  }
}`;

ruleTester.run('no-sql-injection (a class built from its own fields)', sqlRule, {
  valid: [
    {
      name: 'fields copied into a new instance of the same class, no request input',
      code: `export class FieldsService {
  constructor(options) {
    this.knex = options.knex;
    this.schema = options.schema;
  }
  async columns(collection) {
    const nested = new FieldsService({ knex: this.knex, schema: this.schema });
    const again = new FieldsService({ knex: nested.knex, schema: this.schema });
    return again.knex.raw('select column_name from columns where table_name = ?', [collection]);
  }
}`,
    },
    {
      name: 'a transaction callback whose client builds another instance of the class',
      code: `import { transaction } from './db';
export class FieldsService {
  constructor(options) {
    this.knex = options.knex;
    this.helpers = makeHelpers(this.knex);
    this.schema = options.schema;
  }
  async deleteField(collection, field) {
    await transaction(this.knex, async (trx) => {
      const fields = new FieldsService({ knex: trx, schema: this.schema });
      await fields.knex('fields').where({ collection, field }).delete();
      await trx.raw('select 1');
    });
    return this.knex.raw('select ?', [field]);
  }
}
function makeHelpers(knex) { return { knex }; }`,
    },
    {
      // A member of a stored field (`this.layout.tables`) assigned into a parameter that reaches a
      // sink, in a class whose other method builds an instance from the same field: the question
      // about the member came back to the same read forever before the guard (the directus shape).
      name: 'a member of a stored field, read again through an instance built from that field',
      code: TABLE_SERVICE,
    },
  ],
  invalid: [
    {
      name: 'the same class, a handler passes request input to a method that builds SQL text',
      code: `import express from 'express';
class FieldsService {
  constructor(options) {
    this.knex = options.knex;
    this.table = options.table;
  }
  async columns() {
    const nested = new FieldsService({ knex: this.knex, table: this.table });
    return nested.knex.raw('select * from ' + nested.table);
  }
}
const app = express();
app.get('/fields', async (req, res) => {
  const service = new FieldsService({ knex: globalThis.knex, table: req.query.table });
  res.json(await service.columns());
});`,
      errors: [{ messageId: 'sqlInjection', line: 9 }],
    },
    {
      name: 'the same member shape, with the column sent by the client: reported at the sink',
      code: `import express from 'express';
${TABLE_SERVICE.replace('export class', 'class')}
const app = express();
app.post('/columns/:table', async (req, res) => {
  const service = new TableService({ db: globalThis.db, layout: globalThis.layout });
  res.json(await service.changeColumn(req.params.table, req.body.column));
});`,
      errors: [{ messageId: 'sqlInjectionHelper', line: 16 }],
    },
  ],
});
