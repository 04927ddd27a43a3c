import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getStaticValue } from '@eslint-community/eslint-utils';
import { parse } from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import plugin from '../../src/index.js';
import { walk } from '../../src/utils/ast.js';

/*
 * The rule options and settings the documentation shows, read from the docs themselves so that
 * the robustness tests run every configuration a user can copy from them.
 */

const root = path.join(import.meta.dirname, '..', '..');
export const ruleNames = Object.keys(plugin.rules).sort();

/** JSON and JSONC blocks of a Markdown text; JSONC comments are whole lines starting with `//`. */
function jsonBlocks(markdown: string): unknown[] {
  return [...markdown.matchAll(/^```jsonc?\n(?<body>[\s\S]*?)^```$/gmu)].map(({ groups }) =>
    JSON.parse(groups!['body']!.split('\n').filter((line) => !line.trimStart().startsWith('//')).join('\n')),
  );
}

/**
 * For each rule, the option lists (everything after the severity) of every configuration of that
 * rule in a JSON block of its docs page.
 */
export function documentedOptions(): Map<string, unknown[][]> {
  const options = new Map<string, unknown[][]>();
  for (const rule of ruleNames) {
    const page = readFileSync(path.join(root, 'docs', 'rules', `${rule}.md`), 'utf8');
    const shown: unknown[][] = [];
    for (const block of jsonBlocks(page)) {
      const entry = (block as Record<string, unknown>)[`api-security/${rule}`];
      if (Array.isArray(entry)) shown.push(entry.slice(1));
    }
    options.set(rule, shown);
  }
  return options;
}

/** The `settings['api-security']` object of the README's Settings example, evaluated statically. */
export function documentedSettings(): Record<string, unknown> {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Settings\n'));
  const code = /^```js\n(?<body>[\s\S]*?)^```$/mu.exec(section)?.groups?.['body'];
  if (code === undefined) throw new Error('README: no js block under "## Settings"');
  let found: Record<string, unknown> | undefined;
  walk(parse(code, { sourceType: 'module', ecmaVersion: 'latest' }) as TSESTree.Program, (node) => {
    if (found === undefined && node.type === AST_NODE_TYPES.Property && node.key.type === AST_NODE_TYPES.Identifier && node.key.name === 'settings') {
      found = getStaticValue(node.value as never)?.value as Record<string, unknown> | undefined;
    }
  });
  if (found === undefined) throw new Error('README: the Settings example has no static `settings` object');
  return found;
}

/**
 * The configurations to run: every rule at its defaults, then each documented option list in turn.
 * Configuration `i` runs every rule that has an `i`-th documented option list, with that list and
 * the README's settings, so every documented combination runs with the fewest passes over a corpus.
 */
export function documentedPasses(): { name: string; rules: Record<string, ['error', ...unknown[]]>; settings: Record<string, unknown> }[] {
  const options = documentedOptions();
  const settings = documentedSettings();
  const passes = Math.max(...[...options.values()].map((shown) => shown.length));
  const result = [
    {
      name: 'defaults, no settings',
      rules: Object.fromEntries(ruleNames.map((rule) => [`api-security/${rule}`, ['error'] as ['error', ...unknown[]]])),
      settings: {},
    },
  ];
  for (let index = 0; index < passes; index += 1) {
    result.push({
      name: `documented options #${index + 1}, README settings`,
      rules: Object.fromEntries(
        ruleNames
          .filter((rule) => options.get(rule)![index] !== undefined)
          .map((rule) => [`api-security/${rule}`, ['error', ...options.get(rule)![index]!] as ['error', ...unknown[]]]),
      ),
      settings: { 'api-security': settings['api-security'] },
    });
  }
  return result;
}
