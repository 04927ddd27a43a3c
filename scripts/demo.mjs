#!/usr/bin/env node
// Lints the annotated example apps with the built plugin and prints what it finds.
// Findings are the point of a demo, so they do not fail it: only an ESLint crash does.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (!existsSync(path.join(root, 'dist/index.js'))) {
  console.error('dist/index.js is missing: run `npm run build` first (`npm run demo` does it).');
  process.exit(2);
}

console.log('eslint --config examples/eslint.config.js examples\n');
const eslint = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--config', 'examples/eslint.config.js', '--format', 'stylish', 'examples'],
  { cwd: root, stdio: 'inherit' },
);

if (eslint.error) {
  console.error(`could not start eslint: ${eslint.error.message}`);
  process.exit(2);
}
// ESLint exits 0 (clean) or 1 (problems found); 2 means a crash or a bad configuration.
if (eslint.status === 0 || eslint.status === 1) {
  console.log(eslint.status === 0 ? 'No findings.' : 'Findings are expected: the apps are annotated with `// ruleid:` and `// ok:` comments.');
  process.exit(0);
}
console.error(`eslint failed (exit ${eslint.status ?? `signal ${eslint.signal}`})`);
process.exit(eslint.status ?? 2);
