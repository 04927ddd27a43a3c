import { RuleTester } from '@typescript-eslint/rule-tester';
import xssRule from '../../src/rules/no-reflected-xss.js';
import sqlRule from '../../src/rules/no-sql-injection.js';
import redirectRule from '../../src/rules/no-open-redirect.js';

/*
 * A method that keeps request input on its instance and reads it back in the same call
 * (`this.term = req.query.q; … this.term`) carries the input to its sinks. What the method wrote
 * last before the read counts; a field given only constants or escaped text stays clean.
 */

const ruleTester = new RuleTester();

ruleTester.run('no-reflected-xss (fields of this)', xssRule, {
  valid: [
    {
      name: 'a field given an escaped value before it is sent',
      code: `import express from 'express';
import escapeHtml from 'escape-html';
class SearchPage {
  render(req, res) {
    this.term = escapeHtml(String(req.query.q ?? ''));
    res.send('<p>Results for ' + this.term + '</p>');
  }
}
const page = new SearchPage();
const app = express();
app.get('/search', (req, res) => page.render(req, res));`,
    },
    {
      name: 'a field given a constant',
      code: `import express from 'express';
class Banner {
  show(req, res) {
    this.title = 'Welcome back';
    res.send('<h1>' + this.title + '</h1>');
  }
}
const banner = new Banner();
express().get('/', (req, res) => banner.show(req, res));`,
    },
  ],
  invalid: [
    {
      name: 'a constant written only on one branch leaves the request value on the other',
      code: `import express from 'express';
class SearchPage {
  render(req, res) {
    this.term = req.query.q;
    if (!this.term) this.term = 'everything';
    res.send('<p>Results for ' + this.term + '</p>');
  }
}
const page = new SearchPage();
express().get('/search', (req, res) => page.render(req, res));`,
      errors: [{ messageId: 'reflectedXss', line: 6 }],
    },
    {
      name: 'a method keeps the query on the instance and echoes it',
      code: `import express from 'express';
class SearchPage {
  render(req, res) {
    this.term = req.query.q;
    const heading = '<p>Results for ' + this.term + '</p>';
    res.send(heading);
  }
}
const page = new SearchPage();
const app = express();
app.get('/search', (req, res) => page.render(req, res));`,
      errors: [{ messageId: 'reflectedXss', line: 6 }],
    },
    {
      name: 'a constructor-style handler object writes the field in an arrow callback',
      code: `import express from 'express';
function Greeter() {
  this.greet = function (req, res) {
    [req.query.name].forEach((name) => { this.name = name; });
    res.send('<p>Hello ' + this.name + '</p>');
  };
}
const greeter = new Greeter();
express().get('/hello', greeter.greet);`,
      errors: [{ messageId: 'reflectedXss', line: 5 }],
    },
  ],
});

ruleTester.run('no-sql-injection (fields of this)', sqlRule, {
  valid: [],
  invalid: [
    {
      name: 'a repository method keeps the sort column on the instance',
      code: `import express from 'express';
import pg from 'pg';
const pool = new pg.Pool();
class Listing {
  async list(req, res) {
    this.order = req.query.sort;
    const { rows } = await pool.query('SELECT id, title FROM posts ORDER BY ' + this.order);
    res.json(rows);
  }
}
const listing = new Listing();
express().get('/posts', (req, res) => listing.list(req, res));`,
      errors: [{ messageId: 'sqlInjection', line: 7 }],
    },
  ],
});

ruleTester.run('no-open-redirect (fields of this)', redirectRule, {
  valid: [
    {
      name: 'a later write of a constant replaces the request value',
      code: `import express from 'express';
class Checkout {
  finish(req, res) {
    this.target = req.query.next;
    this.target = '/orders';
    res.redirect(this.target);
  }
}
const checkout = new Checkout();
express().get('/checkout/done', (req, res) => checkout.finish(req, res));`,
    },
  ],
  invalid: [
    {
      name: 'the request value is the last write',
      code: `import express from 'express';
class Checkout {
  finish(req, res) {
    this.target = '/orders';
    this.target = req.query.next;
    res.redirect(this.target);
  }
}
const checkout = new Checkout();
express().get('/checkout/done', (req, res) => checkout.finish(req, res));`,
      errors: [{ messageId: 'openRedirect', line: 6 }],
    },
  ],
});
