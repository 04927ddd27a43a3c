import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-nosql-injection.js';

const ruleTester = new RuleTester();

const head = `import express from 'express';
import mongoose from 'mongoose';
const Board = mongoose.model('Board');
const Card = mongoose.model('Card');
const app = express();
`;

/** The two suggestions of a reported filter value, `String(value)` and `{ $eq: value }`, at the value's last occurrence. */
function fixes(code: string, value: string): { messageId: 'wrapString' | 'useEq'; output: string }[] {
  const at = code.lastIndexOf(value);
  const wrap = (text: string): string => code.slice(0, at) + text + code.slice(at + value.length);
  return [
    { messageId: 'wrapString', output: wrap(`String(${value})`) },
    { messageId: 'useEq', output: wrap(`{ $eq: ${value} }`) },
  ];
}

const sameField = head + `app.put('/boards/:id', async (req, res) => {
  const board = await Board.findOne({ _id: String(req.params.id) });
  board.owner = req.body.owner;
  await Card.deleteMany({ owner: board.owner });
  res.end();
});`;
const chosenField = head + `app.put('/boards/:id', async (req, res) => {
  const board = await Board.findOne({ _id: String(req.params.id) });
  board[req.query.field] = req.body.value;
  await Card.deleteMany({ board: board._id });
  res.end();
});`;


// A record read back from the store keeps its own fields: request input assigned to some of its
// fields (`board.title = body.title`) does not reach a read of another (`board._id`).
ruleTester.run('no-nosql-injection', rule, {
  valid: [
    { name: 'a stored id read after request fields were copied onto the record', code: head + `app.put('/boards/:id', async (req, res) => {
  const body = req.body;
  const board = await Board.findOne({ _id: String(req.params.id) });
  board.title = body.title;
  board.color = body.color;
  await board.save();
  await Card.deleteMany({ board: board._id });
  res.sendStatus(204);
});` },
    { name: 'the record found by an id from the body', code: head + `app.post('/boards/copy', async (req, res) => {
  const body = req.body;
  const board = await Board.findById(body.id);
  await Card.deleteMany({ board: board._id });
  res.end();
});` },
  ],
  invalid: [
    { name: 'the same field read back after the request wrote it', code: sameField, errors: [{ messageId: 'nosqlInjection', line: 9, suggestions: fixes(sameField, 'board.owner') }] },
    { name: 'a field chosen by the request may be any field', code: chosenField, errors: [{ messageId: 'nosqlInjection', line: 9, suggestions: fixes(chosenField, 'board._id') }] },
    { name: 'a nested field under the one written', code: head + `app.put('/boards/:id', async (req, res) => {
  const board = await Board.findOne({ _id: String(req.params.id) });
  board.filter = req.body.filter;
  await Card.find(board.filter.where);
  res.end();
});`, errors: [{ messageId: 'nosqlInjection', line: 9 }] },
    { name: 'a local object with request fields is still input', code: head + `app.post('/cards/search', async (req, res) => {
  const query = {};
  query.board = req.body.board;
  await Card.find(query);
  res.end();
});`, errors: [{ messageId: 'nosqlInjection', line: 9 }] },
    { name: 'a string transform of the input stays input', code: head + `app.post('/cards/search', async (req, res) => {
  const body = req.body;
  const title = body.title.trim();
  await Card.find({ title: { $regex: title } });
  res.end();
});`, errors: [{ messageId: 'regexInjection', line: 9 }] },
  ],
});
