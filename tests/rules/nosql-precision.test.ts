import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-nosql-injection.js';

/** The two suggestions of a reported filter value: `String(value)` and `{ $eq: value }`. */
function fixes(code: string, value: string): { messageId: 'wrapString' | 'useEq'; output: string }[] {
  return [
    { messageId: 'wrapString', output: code.replace(value, `String(${value})`) },
    { messageId: 'useEq', output: code.replace(value, `{ $eq: ${value} }`) },
  ];
}

const mongooseLogin = `const express = require('express');
const { User } = require('../models');
const router = express.Router();
router.post('/login', async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  res.json({ ok: Boolean(user) });
});
module.exports = router;`;
const nestedWhere = `const express = require('express');
const { Place } = require('../models');
const router = express.Router();
router.post('/places', async (req, res) => {
  const found = await Place.find({ name: req.body.name, tags: { where: 1 } });
  res.json({ count: found.length });
});
module.exports = router;`;
const lambdaBody = `import type { APIGatewayProxyEvent } from 'aws-lambda';
import { Asset } from '../models/asset';
export const handler = async (event: APIGatewayProxyEvent) => {
  const query = JSON.parse(event.body ?? '{}');
  const asset = await Asset.findOne({ owner: query.owner });
  return { statusCode: 200, body: JSON.stringify({ id: asset?.id }) };
};`;

/*
 * NoSQL injection needs a value that can be an object (`{ "$ne": null }`) in a MongoDB filter.
 * A SQL ORM's options object is not a filter, and API Gateway path and query parameters are
 * always strings.
 */
const ruleTester = new RuleTester();

ruleTester.run('no-nosql-injection (precision)', rule, {
  valid: [
    {
      name: 'Sequelize options with where, in a project whose other models may be Mongoose',
      code: `const express = require('express');
const { User, Enrollment } = require('../models');
const router = express.Router();
router.post('/login', async (req, res) => {
  const user = await User.findOne({ where: { email: req.body.email } });
  res.json({ ok: Boolean(user) });
});
router.get('/enrollments', async (req, res) => {
  const rows = await Enrollment.findAll({ attributes: ['id'], where: { courseId: req.query.course } });
  res.json(rows);
});
module.exports = router;`,
    },
    {
      name: 'API Gateway path and query parameters are strings',
      code: `import type { APIGatewayProxyEvent } from 'aws-lambda';
import { Asset } from '../models/asset';
export const handler = async (event: APIGatewayProxyEvent) => {
  const asset = await Asset.findOne({ _id: event.pathParameters?.id, owner: event.queryStringParameters?.owner });
  return { statusCode: 200, body: JSON.stringify({ id: asset?.id }) };
};`,
    },
  ],
  invalid: [
    {
      name: 'a Mongoose filter built from the body is still reported',
      code: mongooseLogin,
      errors: [{ messageId: 'nosqlInjection', line: 5, suggestions: fixes(mongooseLogin, 'req.body.email') }],
    },
    {
      name: 'a where key nested in a MongoDB filter does not make it SQL options',
      code: nestedWhere,
      errors: [{ messageId: 'nosqlInjection', line: 5, suggestions: fixes(nestedWhere, 'req.body.name') }],
    },
    {
      name: 'the Lambda body parsed into a filter is still reported',
      code: lambdaBody,
      errors: [{ messageId: 'nosqlInjection', line: 5, suggestions: fixes(lambdaBody, 'query.owner') }],
    },
  ],
});
