#!/usr/bin/env node
// Benchmark: what the plugin's `all` config costs on top of parsing, on a generated corpus of
// Express routers, NestJS controllers, data services and large string-heavy modules.
// Prints medians; asserts nothing about time.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import apiSecurity from '../dist/index.js';

const ROUNDS = 3;
const COUNTS = { routers: 110, controllers: 80, services: 80, strings: 30 };

function expressRouter(i) {
  const routes = Array.from({ length: 8 }, (_, r) => `
router.${['get', 'post', 'put', 'delete'][r % 4]}('/items${i}/${r}/:id', ${r % 3 === 0 ? '' : 'requireAuth, '}async (req, res) => {
  const id = req.params.id;
  const { rows } = await pool.query(${r % 2 === 0 ? '`SELECT * FROM items WHERE id = ${id}`' : "'SELECT * FROM items WHERE id = $1', [id]"});
  const doc = await Item.findOne({ owner: req.body.owner, status: 'open' });
  if (!doc) return res.status(404).json({ error: 'not found' });
  res.json(${r % 2 === 0 ? 'rows' : '{ id: doc.id, name: doc.name }'});
});`).join('\n');
  return `import { Router } from 'express';
import { Pool } from 'pg';
import mongoose from 'mongoose';
import { requireAuth } from '../middleware/auth';

const pool = new Pool();
const Item = mongoose.model('Item${i}', new mongoose.Schema({ owner: String, status: String, name: String }));
const router = Router();
${routes}
export default router;
`;
}

function nestController(i) {
  const methods = Array.from({ length: 6 }, (_, m) => `
  ${m % 3 === 0 ? '@Public()\n  ' : ''}@${['Get', 'Post', 'Patch'][m % 3]}('${m}/:id')
  async handler${m}(@Param('id') id: string, @Query('sort') sort: string, @Body() body: UpdateDto) {
    const user = await this.users.findOneBy({ id });
    await this.dataSource.query(\`SELECT * FROM users ORDER BY \${sort}\`);
    ${m % 2 === 0 ? 'return this.users.update({ id }, body);' : 'return { id: user?.id, name: user?.name };'}
  }`).join('\n');
  return `import { Body, Controller, Get, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { JwtAuthGuard } from '../auth/jwt.guard';
import { Public } from '../auth/public';

class UpdateDto { name?: string; }

@Controller('resource${i}')
${i % 4 === 0 ? '' : '@UseGuards(JwtAuthGuard)\n'}export class Resource${i}Controller {
  constructor(private readonly users: Repository<unknown>, private readonly dataSource: DataSource) {}
${methods}
}
`;
}

function dataService(i) {
  const fns = Array.from({ length: 10 }, (_, f) => `
export async function query${f}(filter: Record<string, unknown>, name: string) {
  const where = Object.keys(filter).map((key, index) => \`\${key} = $\${index + 1}\`).join(' AND ');
  const result = await pool.query(\`SELECT * FROM t${i}_${f} WHERE \${where}\`, Object.values(filter));
  const docs = await db.collection('c${f}').find({ name, archived: false }).toArray();
  execFile('reindex', ['--table', 't${i}_${f}']);
  return { rows: result.rows, docs };
}`).join('\n');
  return `import { Pool } from 'pg';
import { MongoClient } from 'mongodb';
import { execFile } from 'node:child_process';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const db = new MongoClient(process.env.MONGO_URL ?? '').db('app');
const apiKey = process.env.API_KEY;
${fns}
`;
}

function stringTable(i) {
  const words = ['account', 'order', 'invoice', 'payment', 'shipping', 'refund', 'profile', 'settings'];
  const entries = Array.from({ length: 3000 }, (_, n) => {
    const word = words[n % words.length];
    return `  '${word}.${n}': '${word[0].toUpperCase()}${word.slice(1)} message number ${n} for locale ${i}, token ${(n * 2654435761 % 4294967296).toString(36)}',`;
  });
  return `// Generated translations.\nexport const messages${i}: Record<string, string> = {\n${entries.join('\n')}\n};\n`;
}

/** One generated handler thousands of statements long: the taint engine must stay near-linear in it. */
function longHandler() {
  const lines = ["import express from 'express';", "import { Pool } from 'pg';", 'const pool = new Pool();', 'const app = express();',
    "app.get('/report', async (req, res) => {", '  let q = String(req.query.a);'];
  for (let n = 0; n < 3000; n += 1) {
    if (n % 3 === 0) lines.push(`  q = q + '${n}';`);
    else if (n % 3 === 1) lines.push(`  if (q.length > ${n}) { q = q.trim(); } else { q = \`\${q}-${n}\`; }`);
    else lines.push("  await pool.query('SELECT id FROM t WHERE a = $1', [q]);");
  }
  lines.push('  res.end();', '});', '');
  return lines.join('\n');
}

function writeCorpus(dir) {
  const files = [];
  const put = (name, text) => {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    files.push(file);
  };
  for (let i = 0; i < COUNTS.routers; i += 1) put(`src/routes/router-${i}.ts`, expressRouter(i));
  for (let i = 0; i < COUNTS.controllers; i += 1) put(`src/controllers/resource-${i}.controller.ts`, nestController(i));
  for (let i = 0; i < COUNTS.services; i += 1) put(`src/services/service-${i}.ts`, dataService(i));
  for (let i = 0; i < COUNTS.strings; i += 1) put(`src/i18n/messages-${i}.ts`, stringTable(i));
  put('src/routes/long-handler.ts', longHandler());
  return files;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function lint(cwd, files, overrideConfig) {
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig, stats: true });
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const results = await eslint.lintFiles(files);
  const cpu = process.cpuUsage(cpuStart);
  return { ms: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000, results };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'api-security-bench-'));
try {
  const files = writeCorpus(dir);
  const parseOnly = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser, ecmaVersion: 'latest', sourceType: 'module' } }];
  const withPlugin = [{ ...apiSecurity.configs.all, files: ['**/*.ts'] }];
  const enabled = Object.keys(apiSecurity.configs.all.rules ?? {});
  console.log(`corpus: ${files.length} files in ${dir}`);
  console.log(`rules (configs.all): ${enabled.join(', ') || '(none)'}\n`);

  // Warm-up so that module loading and JIT do not land on the first measured run.
  await lint(dir, files.slice(0, 20), withPlugin);

  const times = { parse: [], all: [], parseCpu: [], allCpu: [] };
  const ruleTimes = new Map();
  let problems = 0;
  let crashes = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const a = await lint(dir, files, parseOnly);
    times.parse.push(a.ms);
    times.parseCpu.push(a.cpuMs);
    const b = await lint(dir, files, withPlugin);
    times.all.push(b.ms);
    times.allCpu.push(b.cpuMs);
    console.log(`round ${round + 1}: parse only ${Math.round(a.ms)} ms (cpu ${Math.round(a.cpuMs)}), configs.all ${Math.round(b.ms)} ms (cpu ${Math.round(b.cpuMs)})`);
    if (round === ROUNDS - 1) {
      problems = b.results.reduce((sum, result) => sum + result.messages.length, 0);
      crashes = b.results.flatMap((result) => result.messages.filter((message) => message.fatal));
    }
    for (const result of b.results) {
      for (const pass of result.stats?.times.passes ?? []) {
        for (const [rule, { total }] of Object.entries(pass.rules ?? {})) {
          const perRound = ruleTimes.get(rule) ?? Array(ROUNDS).fill(0);
          perRound[round] += total;
          ruleTimes.set(rule, perRound);
        }
      }
    }
  }

  // Wall time suffers from other work on the machine; CPU time of this process much less so.
  const row = (measure, a, b) => ({
    measure,
    files: files.length,
    'parse only (ms)': Math.round(a),
    'configs.all (ms)': Math.round(b),
    'ratio all/parse': Number((b / a).toFixed(2)),
  });
  console.log(`\nmedians of ${ROUNDS} alternating rounds:`);
  console.table([
    row('wall', median(times.parse), median(times.all)),
    row('cpu', median(times.parseCpu), median(times.allCpu)),
  ]);
  if (ruleTimes.size > 0) {
    console.log('per-rule time (ESLint stats, median of rounds):');
    console.table(
      [...ruleTimes]
        .map(([rule, perRound]) => ({ rule, ms: Number(median(perRound).toFixed(1)) }))
        .sort((a, b) => b.ms - a.ms),
    );
  }
  console.log(`findings in the last run: ${problems}${crashes.length > 0 ? `, fatal: ${crashes.length}` : ''}`);
  for (const crash of crashes.slice(0, 5)) console.log(`  ${crash.message}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
