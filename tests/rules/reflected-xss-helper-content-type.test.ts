import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-reflected-xss.js';

/*
 * A response whose `Content-Type` is not HTML is not rendered as a page, whether the type is set
 * inline (`res.type('json')`, `res.set({ 'Content-Type': … })`) or by a helper of the same file
 * handed the response before the send (`asDownload(res, 'notes.txt')`), with the type written in the
 * helper or passed to it. A helper that sets HTML, is handed another object, runs after the send
 * or only on some paths to it (another branch of an `if`, the right side of `&&`), sets it only on
 * some paths through itself (a `try` and its `catch` that both set it count), or is given a
 * type that is not a fixed text leaves the send an HTML sink.
 */

const ruleTester = new RuleTester();

const express = `import express from 'express';
const app = express();`;

ruleTester.run('no-reflected-xss (a Content-Type set by a helper)', rule, {
  valid: [
    {
      name: 'inline: an octet-stream attachment',
      code: `${express}
app.get('/notes/export', (req, res) => {
  res.set({ 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment' });
  res.send('<notes owner="' + req.query.owner + '"/>');
});`,
    },
    {
      name: 'a function declaration that sets an attachment type',
      code: `${express}
function asDownload(res, filename) {
  res.set({ 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment; filename="' + filename + '"' });
}
app.get('/notes/export', (req, res) => {
  asDownload(res, 'notes.txt');
  res.send('<notes owner="' + req.query.owner + '"/>');
});`,
    },
    {
      name: 'the type passed to the helper, set through a header object declared in try and in catch',
      code: `${express}
function attach(res, type, filename) {
  try {
    var headers = { 'Cache-Control': 'no-store', 'Content-Type': type, 'Content-Disposition': 'attachment; filename="' + encodeURIComponent(filename) + '"' };
    res.set(headers);
  } catch (err) {
    var headers = { 'Cache-Control': 'no-store', 'Content-Type': type, 'Content-Disposition': 'attachment' };
    res.set(headers);
  }
}
app.get('/notes/:id/raw', (req, res) => {
  loadNote(req.params.id, (note) => {
    attach(res, 'text/plain', 'note.txt');
    res.send('title: ' + req.query.title + '\\n' + note.text);
  });
});`,
    },
    {
      name: 'an arrow helper bound to a const',
      code: `${express}
const plain = (res) => res.type('text/plain');
app.get('/echo', (req, res) => {
  plain(res);
  res.send('<b>' + req.query.word + '</b>');
});`,
    },
  ],
  invalid: [
    {
      name: 'a helper that sets HTML',
      code: `${express}
function asPage(res) { res.set({ 'Content-Type': 'text/html; charset=utf-8' }); }
app.get('/notes', (req, res) => {
  asPage(res);
  res.send('<h1>' + req.query.owner + '</h1>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 6 }],
    },
    {
      name: 'the helper given HTML as its type',
      code: `${express}
function attach(res, type) { res.setHeader('Content-Type', type); }
app.get('/notes', (req, res) => {
  attach(res, 'text/html');
  res.send('<h1>' + req.query.owner + '</h1>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 6 }],
    },
    {
      name: 'the helper given a type the client chose',
      code: `${express}
function attach(res, type) { res.setHeader('Content-Type', type); }
app.get('/notes', (req, res) => {
  attach(res, req.query.format);
  res.send('<h1>' + req.query.owner + '</h1>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 6 }],
    },
    {
      name: 'the helper handed another object than the response',
      code: `${express}
function asDownload(target) { target.set({ 'Content-Type': 'application/octet-stream' }); }
app.get('/notes', (req, res) => {
  asDownload(res.locals);
  res.send('<h1>' + req.query.owner + '</h1>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 6 }],
    },
    {
      name: 'the helper called in another branch than the send',
      code: `${express}
function asDownload(res) { res.set({ 'Content-Type': 'application/octet-stream' }); }
app.get('/notes', (req, res) => {
  if (req.query.raw) {
    asDownload(res);
    return res.send(JSON.stringify({ owner: req.query.owner }));
  }
  res.send('<h1>' + req.query.owner + '</h1>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 9 }],
    },
    {
      name: 'the helper called only when a condition holds',
      code: `${express}
function asDownload(res) { res.set({ 'Content-Type': 'application/octet-stream' }); }
app.get('/notes', (req, res) => {
  req.query.raw && asDownload(res);
  res.send('<h1>' + req.query.owner + '</h1>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 6 }],
    },
    {
      name: 'a helper that sets the type only on some paths through it',
      code: `${express}
function maybeDownload(res, asFile) { if (asFile) res.type('application/octet-stream'); }
app.get('/notes', (req, res) => {
  maybeDownload(res, req.query.file === '1');
  res.send('<h1>' + req.query.owner + '</h1>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 6 }],
    },
    {
      name: 'the helper called after the send',
      code: `${express}
function asDownload(res) { res.set({ 'Content-Type': 'application/octet-stream' }); }
app.get('/notes', (req, res) => {
  res.send('<h1>' + req.query.owner + '</h1>');
  asDownload(res);
});`,
      errors: [{ messageId: 'reflectedXss', line: 5 }],
    },
    {
      name: 'a header object declared twice with different types',
      code: `${express}
function attach(res, download) {
  if (download) { var headers = { 'Content-Type': 'application/octet-stream' }; }
  else { var headers = { 'Content-Type': 'text/html' }; }
  res.set(headers);
}
app.get('/notes', (req, res) => {
  attach(res, req.query.download === '1');
  res.send('<h1>' + req.query.owner + '</h1>');
});`,
      errors: [{ messageId: 'reflectedXss', line: 10 }],
    },
  ],
});
