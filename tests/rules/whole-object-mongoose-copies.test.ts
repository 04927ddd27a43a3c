import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-whole-object-response.js';

/*
 * A Mongoose document copied to a plain object still holds every field it was read with. Sending
 * the document, or its `toJSON()`, runs the schema's `toJSON` transform; its `toObject()` runs the
 * `toObject` transform instead, so a `toJSON` transform that deletes the secret fields does not
 * protect a `toObject()` copy. Paths with `select: false` are not read at all, copy or not.
 */

const ruleTester = new RuleTester();

const schema = (options: string): string => `import express from 'express';
import mongoose from 'mongoose';
const customerSchema = new mongoose.Schema({
  company: String,
  apiSecret: String,
  passwordHash: { type: String, select: false },
});
${options}
const Customer = mongoose.model('Customer', customerSchema);
const app = express();
`;
const onlyToJson = schema(`customerSchema.set('toJSON', { transform(doc, ret) { delete ret.apiSecret; return ret; } });`);
const toObjectToo = schema(`customerSchema.set('toJSON', { transform(doc, ret) { delete ret.apiSecret; return ret; } });
customerSchema.set('toObject', { transform(doc, ret) { delete ret.apiSecret; return ret; } });`);

ruleTester.run('no-whole-object-response: Mongoose document copies', rule, {
  valid: [
    {
      name: 'the document itself: serializing it runs the toJSON transform',
      code: `${onlyToJson}app.get('/customers/:id', async (req, res) => {
  const customer = await Customer.findById(req.params.id);
  res.json(customer);
});`,
    },
    {
      name: 'its toJSON(): the same transform',
      code: `${onlyToJson}app.get('/customers/:id', async (req, res) => {
  const customer = await Customer.findById(req.params.id);
  res.json(customer.toJSON());
});`,
    },
    {
      name: 'its toObject() when the schema has a toObject transform that deletes the secret',
      code: `${toObjectToo}app.get('/customers/:id', async (req, res) => {
  const customer = await Customer.findById(req.params.id);
  res.json(customer.toObject());
});`,
    },
    {
      name: 'its toObject() when every secret path is select: false',
      code: `import express from 'express';
import mongoose from 'mongoose';
const customerSchema = new mongoose.Schema({ company: String, apiSecret: { type: String, select: false } });
const Customer = mongoose.model('Customer', customerSchema);
const app = express();
app.get('/customers/:id', async (req, res) => {
  const customer = await Customer.findById(req.params.id);
  res.json(customer.toObject());
});`,
    },
  ],
  invalid: [
    {
      name: 'toObject() skips the toJSON transform',
      code: `${onlyToJson}app.get('/customers/:id', async (req, res) => {
  const customer = await Customer.findById(req.params.id);
  res.json(customer.toObject());
});`,
      errors: [{ messageId: 'wholeObject', line: 13 }],
    },
    {
      name: 'a toObject() copy kept in a variable: the suggestion destructures the copy itself',
      code: `${onlyToJson}app.get('/customers/:id', async (req, res) => {
  const customer = await Customer.findById(req.params.id);
  const plain = customer.toObject();
  res.json(plain);
});`,
      errors: [
        {
          messageId: 'wholeObject',
          line: 14,
          suggestions: [
            {
              messageId: 'omitFields',
              data: { fields: '`apiSecret`, `passwordHash`' },
              output: `${onlyToJson}app.get('/customers/:id', async (req, res) => {
  const customer = await Customer.findById(req.params.id);
  const plain = customer.toObject();
  const { apiSecret, passwordHash, ...safePlain } = plain;
  res.json(safePlain);
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'toJSON() of a schema without a transform',
      code: `${schema('')}app.get('/customers/:id', async (req, res) => {
  const customer = await Customer.findById(req.params.id);
  res.json(customer.toJSON());
});`,
      errors: [{ messageId: 'wholeObject', line: 13 }],
    },
    {
      name: 'a NestJS handler returning a toObject() copy under a toJSON transform',
      code: `import { Controller, Get, Param } from '@nestjs/common';
import mongoose from 'mongoose';
const customerSchema = new mongoose.Schema({ company: String, apiSecret: String });
customerSchema.set('toJSON', { transform(doc, ret) { delete ret.apiSecret; return ret; } });
const Customer = mongoose.model('Customer', customerSchema);
@Controller('customers')
export class CustomersController {
  @Get(':id')
  async get(@Param('id') id: string) {
    const customer = await Customer.findById(id);
    return customer.toObject();
  }
}`,
      errors: [{ messageId: 'wholeObject', line: 11 }],
    },
  ],
});
