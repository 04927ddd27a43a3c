import { RuleTester } from '@typescript-eslint/rule-tester';
import noSqlInjection from '../../src/rules/no-sql-injection.js';

// Handlers defined away from their registration still get request input as a source.
const ruleTester = new RuleTester();

ruleTester.run('no-sql-injection through handlers resolved by the route model', noSqlInjection, {
  valid: [
    {
      name: 'class method with a bound parameter',
      code: `
import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
class UserController {
  async search(req, res) { res.json(await pool.query('SELECT id FROM users WHERE name = $1', [req.query.name])); }
}
const ctrl = new UserController();
express.Router().get('/u', ctrl.search.bind(ctrl));
`,
    },
  ],
  invalid: [
    {
      name: 'class method registered as ctrl.search',
      code: `
import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
class UserController {
  async search(req, res) { res.json(await pool.query(\`SELECT id FROM users WHERE name = '\${req.query.name}'\`)); }
}
const ctrl = new UserController();
const router = express.Router();
router.get('/u', ctrl.search);
`,
      errors: [{
        messageId: 'sqlInjection', line: 6, column: 92, endColumn: 106,
        suggestions: [{
          messageId: 'parameterize',
          output: `
import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
class UserController {
  async search(req, res) { res.json(await pool.query('SELECT id FROM users WHERE name = $1', [req.query.name])); }
}
const ctrl = new UserController();
const router = express.Router();
router.get('/u', ctrl.search);
`,
        }],
      }],
    },
    {
      name: 'named function passed through a local async wrapper',
      code: `
import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const wrap = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);
async function search(req, res) {
  res.json(await pool.query('SELECT id FROM users WHERE name = ' + req.query.name));
}
const router = express.Router();
router.get('/a', wrap(search));
`,
      errors: [{ messageId: 'sqlInjection', line: 7, column: 68, endColumn: 82 }],
    },
  ],
});
