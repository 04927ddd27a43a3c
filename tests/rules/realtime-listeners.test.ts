import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import commandRule from '../../src/rules/no-command-injection.js';
import unauthenticatedRule from '../../src/rules/no-unauthenticated-route.js';
import { lintProjectFile, summary, writeProject } from '../helpers/project.js';

/*
 * Event listeners of real-time servers are handlers: what a connected client emits reaches them as
 * a request's body reaches a route. A socket is known by evidence only: the parameter of a
 * `connection` listener of a socket.io or ws server (or of a socket.io namespace), and what that
 * socket is handed to, in this file or in another file of the project. A socket.io client's
 * acknowledgement callback is not input; neither are the events the server itself raises
 * (`disconnect`), the listeners of a socket.io *client*, nor `on` of any other emitter.
 */

const ruleTester = new RuleTester();

// What a client connected with: a socket.io handshake, a ws upgrade request.
ruleTester.run('no-command-injection: what a client connected with', commandRule, {
  valid: [
    {
      name: 'the socket id and the address the server saw are the server\'s',
      code: `import { Server } from 'socket.io';
import { exec } from 'node:child_process';
const io = new Server(3000);
io.on('connection', (socket) => { exec('logger joined ' + socket.id + ' ' + socket.handshake.address); });`,
    },
    {
      name: 'a handshake room checked against a fixed list',
      code: `import { Server } from 'socket.io';
import { exec } from 'node:child_process';
const ROOMS = ['lobby', 'support'];
const io = new Server(3000);
io.on('connection', (socket) => {
  const room = socket.handshake.query.room;
  if (!ROOMS.includes(room)) return socket.disconnect();
  socket.on('tail', () => exec('tail -n 5 /var/log/rooms/' + room + '.log'));
});`,
    },
    {
      name: 'an emitter\'s connection event hands over no client',
      code: `import { EventEmitter } from 'node:events';
import { exec } from 'node:child_process';
const pool = new EventEmitter();
pool.on('connection', (conn) => exec('logger ' + conn.handshake.query.room));`,
    },
  ],
  invalid: [
    {
      name: 'the handshake query, read in the connection listener, used in an event listener inside it',
      code: `import { Server } from 'socket.io';
import { exec } from 'node:child_process';
const io = new Server(3000);
io.of('/builds').on('connection', (socket) => {
  const { branch } = socket.handshake.query;
  socket.on('build', () => exec(\`git checkout \${branch} && make\`));
});`,
      errors: [{ messageId: 'commandInjection', line: 6 }],
    },
    {
      name: 'the auth payload and a header of the handshake',
      code: `import { Server } from 'socket.io';
import { exec } from 'node:child_process';
const io = new Server(3000);
io.on('connection', (socket) => {
  exec('logger ' + socket.handshake.auth.device);
  exec('logger ' + socket.handshake.headers['user-agent']);
});`,
      errors: [
        { messageId: 'commandInjection', line: 5 },
        { messageId: 'commandInjection', line: 6 },
      ],
    },
    {
      name: 'ws: a query parameter of the upgrade request',
      code: `import { WebSocketServer } from 'ws';
import { exec } from 'node:child_process';
const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (ws, req) => {
  const channel = new URL(req.url, 'http://localhost').searchParams.get('channel');
  ws.on('message', () => exec(\`tail -n 10 /var/log/\${channel}.log\`));
});`,
      errors: [{ messageId: 'commandInjection', line: 6 }],
    },
  ],
});

ruleTester.run('no-command-injection: real-time listeners', commandRule, {
  valid: [
    {
      name: 'a socket.io client receives what the server sends, not what an attacker does',
      code: `import { io } from 'socket.io-client';
import { exec } from 'node:child_process';
const socket = io('https://build.example.com');
socket.on('run', (job) => exec(job.command));`,
    },
    {
      name: 'an emitter of the application is not a socket',
      code: `import { EventEmitter } from 'node:events';
import { exec } from 'node:child_process';
const jobs = new EventEmitter();
jobs.on('connection', (socket) => { socket.on('run', (job) => exec(job.command)); });`,
    },
    {
      name: 'the disconnect reason is the server’s own',
      code: `import { Server } from 'socket.io';
import { exec } from 'node:child_process';
const io = new Server(3000);
io.on('connection', (socket) => { socket.on('disconnect', (reason) => exec('logger ' + reason)); });`,
    },
    {
      name: 'the acknowledgement callback is the client’s function, never its data',
      code: `import { Server } from 'socket.io';
import { execFile } from 'node:child_process';
const io = new Server(3000);
io.on('connection', (socket) => {
  socket.on('status', (payload, ack) => { execFile('uptime', [], (error, out) => ack(out)); });
});`,
    },
    {
      name: 'a ws socket’s close code is the server’s reading of the frame',
      code: `import { WebSocketServer } from 'ws';
import { exec } from 'node:child_process';
const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (ws) => { ws.on('close', (code) => exec('logger closed ' + code)); });`,
    },
    {
      name: 'a payload checked against a fixed list',
      code: `import { Server } from 'socket.io';
import { exec } from 'node:child_process';
const TASKS = { clean: 'make clean', build: 'make build' };
const io = new Server(3000);
io.on('connection', (socket) => {
  socket.on('task', ({ name }) => { if (Object.hasOwn(TASKS, name)) exec(TASKS[name]); });
});`,
    },
  ],
  invalid: [
    {
      name: 'a socket.io event payload',
      code: `import { Server } from 'socket.io';
import { exec } from 'node:child_process';
const io = new Server(3000);
io.on('connection', (socket) => {
  socket.on('ls', async (payload, ack) => { exec(\`ls \${payload.dir}\`, (error, out) => ack(out)); });
});`,
      errors: [{ messageId: 'commandInjection', line: 5, data: { source: '`payload.dir`', sourceLine: 5, sink: 'exec', sinkLine: 5 } }],
    },
    {
      name: 'the second argument of an event, before the acknowledgement',
      code: `const { Server } = require('socket.io');
const { exec } = require('node:child_process');
const io = new Server(3000);
io.on('connection', (socket) => {
  socket.on('archive', (name, target, callback) => { exec('tar czf ' + target + ' ' + name); callback(); });
});`,
      errors: [
        { messageId: 'commandInjection', line: 5, data: { source: '`target`', sourceLine: 5, sink: 'exec', sinkLine: 5 } },
        { messageId: 'commandInjection', line: 5, data: { source: '`name`', sourceLine: 5, sink: 'exec', sinkLine: 5 } },
      ],
    },
    {
      name: 'require(\'socket.io\')(server), a namespace, and a listener defined by name',
      code: `const http = require('node:http');
const { exec } = require('node:child_process');
const server = http.createServer();
const io = require('socket.io')(server);
function onPing({ host }) { exec('ping -c 1 ' + host); }
io.of('/ops').use((socket, next) => next()).on('connection', (socket) => socket.on('ping', onPing));`,
      errors: [{ messageId: 'commandInjection', line: 5, data: { source: '`host`', sourceLine: 5, sink: 'exec', sinkLine: 5 } }],
    },
    {
      name: 'the default namespace, a connection listener by name and a same-file registration',
      code: `import { Server } from 'socket.io';
import { exec } from 'node:child_process';
const io = new Server(3000);
function registerShell(socket) { socket.onAny((event, ...args) => exec(event + ' ' + args.join(' '))); }
function onConnection(socket) { registerShell(socket); }
io.sockets.on('connect', onConnection);`,
      errors: [
        { messageId: 'commandInjection', line: 4, data: { source: '`event`', sourceLine: 4, sink: 'exec', sinkLine: 4 } },
        { messageId: 'commandInjection', line: 4, data: { source: '`args`', sourceLine: 4, sink: 'exec', sinkLine: 4 } },
      ],
    },
    {
      name: 'socket.io 2 listen(), once, addListener and prependAny',
      code: `const io = require('socket.io').listen(3000);
const { exec } = require('node:child_process');
io.on('connection', (socket) => {
  socket.once('hello', (greeting) => exec('say ' + greeting));
  socket.addListener('shout', (text) => exec('wall ' + text));
  socket.prependAny((event) => exec('logger ' + event));
});`,
      errors: [
        { messageId: 'commandInjection', line: 4, data: { source: '`greeting`', sourceLine: 4, sink: 'exec', sinkLine: 4 } },
        { messageId: 'commandInjection', line: 5, data: { source: '`text`', sourceLine: 5, sink: 'exec', sinkLine: 5 } },
        { messageId: 'commandInjection', line: 6, data: { source: '`event`', sourceLine: 6, sink: 'exec', sinkLine: 6 } },
      ],
    },
    {
      name: 'a ws message',
      code: `import WebSocket from 'ws';
import { exec } from 'node:child_process';
const wss = new WebSocket.Server({ port: 8080 });
wss.on('connection', (ws) => {
  ws.on('message', (data) => { const { cmd } = JSON.parse(data); exec(cmd); });
});`,
      errors: [{ messageId: 'commandInjection', line: 5, data: { source: '`data`', sourceLine: 5, sink: 'exec', sinkLine: 5 } }],
    },
  ],
});

// A listener is a handler, not a route: who may connect is the connection middleware's question.
ruleTester.run('no-unauthenticated-route: real-time listeners are not routes', unauthenticatedRule, {
  valid: [
    {
      code: `import { Server } from 'socket.io';
const io = new Server(3000);
io.on('connection', (socket) => { socket.on('rooms:leave', (room) => socket.leave(room)); });`,
    },
  ],
  invalid: [],
});

describe('a socket handed to a module of handlers', () => {
  const manifest = { name: 'support', dependencies: { 'socket.io': '^4.7.0', pg: '^8.11.0' } };
  const rules = { 'api-security/no-sql-injection': 'error' } as const;
  const files = {
    'src/server.js': `const http = require('node:http');
const { Server } = require('socket.io');
const registerTicketHandlers = require('./sockets/tickets');
const { onConnection } = require('./sockets/presence');

const httpServer = http.createServer();
const io = new Server(httpServer);
io.on('connection', (socket) => registerTicketHandlers(io, socket));
io.of('/presence').on('connection', onConnection);
httpServer.listen(3000);
`,
    'src/sockets/tickets.js': `const tickets = require('../services/tickets');

module.exports = function registerTicketHandlers(io, socket) {
  socket.on('tickets:byStatus', async ({ status }, ack) => {
    ack(await tickets.byStatus(status));
  });
  socket.on('tickets:byId', async (id, ack) => {
    ack(await tickets.byId(id));
  });
};
`,
    'src/sockets/presence.js': `const tickets = require('../services/tickets');

exports.onConnection = function onConnection(socket) {
  socket.on('presence:watch', (ticket) => tickets.watch(ticket));
};
`,
    // The same shape with an emitter that is no socket: its listener is not a handler.
    'src/jobs/queue.js': `const { EventEmitter } = require('node:events');
const registerJobHandlers = require('./handlers');
const jobs = new EventEmitter();
registerJobHandlers(null, jobs);
module.exports = jobs;
`,
    'src/jobs/handlers.js': `const tickets = require('../services/tickets');
module.exports = function registerJobHandlers(io, emitter) {
  emitter.on('tickets:archive', (status) => tickets.archive(status));
};
`,
    'src/services/tickets.js': `const { Pool } = require('pg');
const pool = new Pool();

exports.byStatus = (status) => pool.query("SELECT id FROM tickets WHERE status = '" + status + "'");
exports.byId = (id) => pool.query('SELECT id FROM tickets WHERE id = $1', [id]);
exports.watch = (ticket) => pool.query(\`UPDATE tickets SET watched = true WHERE id = \${ticket}\`);
exports.archive = (status) => pool.query("UPDATE tickets SET archived = true WHERE status = '" + status + "'");
`,
  };

  it('reports the event payloads at the sinks, naming the listener\'s file, and not the emitter\'s', async () => {
    const dir = writeProject(files, manifest);
    const messages = await lintProjectFile(dir, 'src/services/tickets.js', rules);
    expect(summary(messages)).toEqual(['4 api-security/no-sql-injection', '6 api-security/no-sql-injection']);
    expect(messages[0]?.message).toContain('src/sockets/tickets.js');
    expect(messages[1]?.message).toContain('src/sockets/presence.js');
  });
});
