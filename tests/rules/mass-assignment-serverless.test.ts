import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-mass-assignment.js';

/*
 * A serverless function behind an API gateway receives its body as text: `JSON.parse(event.body)` is
 * the whole payload the client sent, as `req.body` is to Express. Parsing something else, or picking
 * fields of the parsed body, is not.
 */

const ruleTester = new RuleTester();

const head = `import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';
import { Account } from './models/account.js';
const db = DynamoDBDocument.from(client);
`;

ruleTester.run('no-mass-assignment: serverless bodies parsed from text', rule, {
  valid: [
    {
      name: 'fields picked from the parsed body',
      code: `${head}export const handler = async (event) => {
  const { name, email } = JSON.parse(event.body);
  await Account.create({ name, email });
  return { statusCode: 201 };
};`,
    },
    {
      name: 'a parsed value that is not the body',
      code: `${head}export const handler = async (event) => {
  const defaults = JSON.parse(process.env.ACCOUNT_DEFAULTS);
  await Account.create(defaults);
  return { statusCode: 201, body: event.body };
};`,
    },
  ],
  invalid: [
    {
      name: 'the parsed body written whole',
      code: `${head}export const handler = async (event) => {
  const account = await Account.create(JSON.parse(event.body));
  return { statusCode: 201, body: JSON.stringify(account) };
};`,
      errors: [
        {
          messageId: 'massAssignment',
          line: 5,
          column: 40,
          endColumn: 62,
          data: { input: '`JSON.parse(event.body)`', sink: '`Account.create`', protected: 'fields such as `role` or `isAdmin`' },
        },
      ],
    },
    {
      name: 'the parsed body through a const, spread into the record',
      code: `${head}export const handler = async (event) => {
  const input = JSON.parse(event.body);
  await Account.update({ ...input, updatedBy: 'api' }, { where: { id: event.pathParameters.id } });
  return { statusCode: 204 };
};`,
      errors: [{ messageId: 'massAssignment', line: 6 }],
    },
  ],
});
