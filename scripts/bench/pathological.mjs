// Pathological inputs for `npm run bench`: files whose size or shape could make an analysis
// super-linear. Each is linted alone; its time with the plugin is compared with its parse time.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** A 20,000-line router module, as code generators write them: one router, some 1,800 routes. */
function bigRouter(targetLines) {
  const lines = [
    "import { Router, type Request, type Response } from 'express';",
    "import { Pool } from 'pg';",
    "import { requireAuth } from './auth';",
    '',
    'const pool = new Pool();',
    'export const router = Router();',
  ];
  let n = 0;
  // Each route takes 10 lines; a table of the route paths fills the file to the exact line count.
  for (; lines.length + 10 + 3 <= targetLines; n += 1) {
    const auth = n % 5 === 0 ? '' : 'requireAuth, ';
    const query = n % 13 === 0
      ? `\`SELECT * FROM resource_${n} WHERE id = \${req.params.id}\``
      : `'SELECT * FROM resource_${n} WHERE id = $1', [req.params.id]`;
    lines.push(
      '',
      `router.${['get', 'post', 'put', 'delete'][n % 4]}('/resources/${n}/:id', ${auth}async (req: Request, res: Response) => {`,
      `  const limit = Math.min(Number(req.query.limit ?? 20), 100);`,
      `  const { rows } = await pool.query(${query});`,
      '  if (rows.length === 0) {',
      `    res.status(404).json({ error: 'resource ${n} not found' });`,
      '    return;',
      '  }',
      `  res.json({ id: rows[0].id, limit });`,
      '});',
    );
  }
  lines.push('', 'export const routePaths = {');
  for (let r = 0; lines.length < targetLines - 1; r += 1) lines.push(`  r${r}: '/resources/${r}/:id',`);
  lines.push('};', '');
  return lines.join('\n');
}

/**
 * One request handler with thousands of assignments and branches on request input, with sinks
 * spread through it: def-use chains thousands of writes long for the taint engine.
 */
function longHandler(statements) {
  const lines = [
    "import { exec } from 'node:child_process';",
    "import express from 'express';",
    "import { Pool } from 'pg';",
    'const pool = new Pool();',
    'const app = express();',
    "app.post('/report', async (req, res) => {",
    '  let q = String(req.query.a);',
    '  let filter = req.body.filter;',
    "  let order = 'id';",
    '  const parts = [];',
  ];
  for (let n = 0; n < statements; n += 1) {
    switch (n % 8) {
      case 0:
        lines.push(`  q = q + '${n}';`);
        break;
      case 1:
        lines.push(`  if (q.length > ${n}) { q = q.trim(); } else { q = \`\${q}-${n}\`; }`);
        break;
      case 2:
        lines.push(`  const v${n} = req.body.f${n % 50} ?? filter;`);
        break;
      case 3:
        lines.push(`  if (v${n - 1} === 'asc') { order = 'id'; } else if (v${n - 1}) { order = v${n - 1}; filter = v${n - 1}; }`);
        break;
      case 4:
        lines.push(`  parts.push(\`col${n % 17} = '\${filter}'\`);`);
        break;
      case 5:
        lines.push(`  switch (req.query.mode) { case 'a': q = q + order; break; case 'b': filter = q; break; default: order = 'name'; }`);
        break;
      case 6:
        lines.push(n % 48 === 6
          ? `  await pool.query(\`SELECT * FROM t WHERE a = '\${q}' ORDER BY \${order}\`);`
          : "  await pool.query('SELECT id FROM t WHERE a = $1', [q]);");
        break;
      default:
        lines.push(n % 96 === 7 ? `  exec('report --filter ' + filter);` : `  res.write(String(${n}));`);
    }
  }
  lines.push("  await pool.query('SELECT * FROM t WHERE ' + parts.join(' AND '));", '  res.end();', '});', '');
  return lines.join('\n');
}

/**
 * Deeply nested template literals, right-nested concatenations and calls, and a long flat chain
 * of `+`, all reaching SQL sinks. The concatenation is the least deep: with Node's default stack,
 * @typescript-eslint/parser itself overflows at about 390 levels of `'a' + (…)` and between
 * 800 and 1,000 terms of a flat `a + b + …` chain.
 */
function deepNesting({ templates, concatenations, calls: callDepth, chain: chainLength }) {
  let template = 'req.query.id';
  for (let n = 0; n < templates; n += 1) template = `\`l${n}(\${${template}})\``;
  let concat = 'req.query.name';
  for (let n = 0; n < concatenations; n += 1) concat = `'p${n}' + (${concat})`;
  const chain = Array.from({ length: chainLength }, (_, n) => (n % 10 === 0 ? 'req.body.x' : `'s${n}'`)).join(' + ');
  let calls = 'req.params.id';
  for (let n = 0; n < callDepth; n += 1) calls = `wrap${n % 4}(${calls})`;
  return `import express from 'express';
import { Pool } from 'pg';
const pool = new Pool();
const app = express();
const wrap0 = (x) => x;
const wrap1 = (x) => \`(\${x})\`;
const wrap2 = (x) => x + '';
const wrap3 = (x) => [x].join('');
app.get('/deep', async (req, res) => {
  const nestedTemplate = ${template};
  const nestedConcat = ${concat};
  const flatChain = ${chain};
  const nestedCalls = ${calls};
  await pool.query('SELECT * FROM t WHERE a = ' + nestedTemplate);
  await pool.query(\`SELECT * FROM t WHERE b = \${nestedConcat}\`);
  await pool.query('SELECT * FROM t WHERE c = ' + flatChain);
  await pool.query('SELECT * FROM t WHERE d = ' + nestedCalls);
  res.end();
});
`;
}

/** A module with 10,000 string literals: messages, URLs, SQL text and some token-like values. */
function stringLiterals(count) {
  const words = ['account', 'order', 'invoice', 'payment', 'shipping', 'refund', 'profile', 'settings'];
  const entries = [];
  for (let n = 0; n < count; n += 1) {
    const word = words[n % words.length];
    let value;
    switch (n % 5) {
      case 0:
        value = `${word[0].toUpperCase()}${word.slice(1)} message number ${n}`;
        break;
      case 1:
        value = `https://api.example.com/v1/${word}s/${n}?expand=items`;
        break;
      case 2:
        value = `SELECT id, name FROM ${word}s WHERE id = $1 AND version = ${n}`;
        break;
      case 3:
        value = (BigInt(n + 1) * 0x9e3779b97f4a7c15n).toString(36).padEnd(24, 'x');
        break;
      default:
        value = `${word}.${n}.label`;
    }
    entries.push(`  ${word}Key${n}: '${value}',`);
  }
  return `// Generated message catalogue.\nexport const catalogue = {\n${entries.join('\n')}\n};\n`;
}

/** The inputs, in report order: name, file name, text. */
export function pathologicalInputs({ quick = false } = {}) {
  const scale = quick ? 0.1 : 1;
  const size = (count) => Math.round(count * scale);
  const nesting = { templates: size(500), concatenations: size(300), calls: size(500), chain: size(500) };
  const n = (count) => count.toLocaleString('en-US');
  return [
    [`${n(size(20_000))}-line router module`, 'big-router.ts', bigRouter(size(20_000))],
    [`handler with ${n(size(4000))} assignments and branches`, 'long-handler.js', longHandler(size(4000))],
    [`nesting: ${nesting.templates} templates, ${nesting.concatenations} + (…), ${nesting.calls} calls, ${n(nesting.chain)}-term + chain`,
      'deep-nesting.js', deepNesting(nesting)],
    [`${n(size(10_000))} string literals`, 'string-literals.ts', stringLiterals(size(10_000))],
  ];
}

/** Writes the pathological inputs to `dir`; returns `{ name, file }` per input. */
export function writePathological(dir, options) {
  return pathologicalInputs(options).map(([name, fileName, text]) => {
    const file = path.join(dir, fileName);
    writeFileSync(file, text);
    return { name, file };
  });
}
