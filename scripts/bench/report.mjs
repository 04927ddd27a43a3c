// Figures and tables for `npm run bench`: the machine, medians, fitted growth and Markdown tables
// that can be pasted into docs/performance.md as they are.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { ESLint } from 'eslint';

const require = createRequire(import.meta.url);

const versionOf = (name) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;

/** The machine and the versions the figures come from. */
export function machine() {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    eslint: ESLint.version,
    typescriptEslint: versionOf('@typescript-eslint/parser'),
    typescript: versionOf('typescript'),
    eslintPluginSecurity: versionOf('eslint-plugin-security'),
  };
}

export const describeMachine = (m) =>
  `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}, ESLint ${m.eslint}, ` +
  `typescript-eslint ${m.typescriptEslint}, TypeScript ${m.typescript}, eslint-plugin-security ${m.eslintPluginSecurity}`;

export const loadAverage = () => os.loadavg().map((load) => load.toFixed(2)).join(' ');

/** Lines of a text, not counting the empty one after a final newline. */
export const countLines = (text) => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

export const int = (value) => (value === undefined || value === null ? '–' : Math.round(value).toLocaleString('en-US'));
export const fixed = (value, digits = 2) => (value === undefined || value === null || !Number.isFinite(value) ? '–' : value.toFixed(digits));

/**
 * Least-squares slope of log(time) against log(lines): 1 when time grows in proportion to the
 * input, above 1 when it grows faster.
 */
export function logLogSlope(points) {
  const xs = points.map(([x]) => Math.log(x));
  const ys = points.map(([, y]) => Math.log(y));
  const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const mx = mean(xs);
  const my = mean(ys);
  let covariance = 0;
  let variance = 0;
  for (let i = 0; i < xs.length; i += 1) {
    covariance += (xs[i] - mx) * (ys[i] - my);
    variance += (xs[i] - mx) ** 2;
  }
  return variance === 0 ? Number.NaN : covariance / variance;
}

/** A Markdown table; `columns` are `[heading, (row) => text, 'right' | 'left']`. */
export function table(rows, columns) {
  const cells = rows.map((row) => columns.map(([, get]) => String(get(row))));
  const widths = columns.map(([heading], c) => Math.max(heading.length, ...cells.map((line) => line[c].length), 3));
  const align = (text, c) => (columns[c][2] === 'left' ? text.padEnd(widths[c]) : text.padStart(widths[c]));
  const line = (values) => `| ${values.map(align).join(' | ')} |`;
  const rule = `|${widths.map((width, c) => (columns[c][2] === 'left' ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`;
  return [line(columns.map(([heading]) => heading)), rule, ...cells.map(line)].join('\n');
}
