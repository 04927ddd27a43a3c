import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const root = path.join(import.meta.dirname, '..');
const docsDir = path.join(root, 'docs/rules');
const ruleIds = Object.keys(plugin.rules);

interface Example {
  kind: 'incorrect' | 'correct';
  code: string;
  filename: string;
  line: number;
}

/** Code blocks that follow a `❌ Incorrect` or `✅ Correct` line, up to the next heading. */
function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  let kind: Example['kind'] | null = null;
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.startsWith('#')) kind = null;
    if (line.startsWith('❌')) kind = 'incorrect';
    if (line.startsWith('✅')) kind = 'correct';
    const fence = /^```(?<lang>[jt]sx?)(?:\s+filename=(?<file>\S+))?$/u.exec(line);
    if (fence && kind) {
      const start = index + 1;
      let end = start;
      while (end < lines.length && lines[end] !== '```') end++;
      const lang = fence.groups?.['lang'] ?? 'ts';
      examples.push({
        kind,
        code: lines.slice(start, end).join('\n'),
        filename: fence.groups?.['file'] ?? `example.${lang}`,
        line: start,
      });
      index = end;
    }
  }
  return examples;
}

function lint(ruleId: string, example: Example): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  const config = { ...plugin.configs.all, rules: { [`api-security/${ruleId}`]: 'error' as const } };
  return linter.verify(example.code, [config as Linter.Config], path.join(root, 'docs-example', example.filename));
}

describe('rule registry, docs and configs agree', () => {
  it('has a docs page for every rule and a rule for every docs page', () => {
    const pages = readdirSync(docsDir).filter((file) => file.endsWith('.md')).map((file) => file.slice(0, -3));
    expect(pages.sort()).toEqual([...ruleIds].sort());
  });

  it('keeps the registry keys sorted', () => {
    expect(ruleIds).toEqual([...ruleIds].sort());
  });

  it.each(ruleIds)('%s has complete metadata', (id) => {
    const rule = plugin.rules[id]!;
    const docs = rule.meta.docs!;
    expect(docs.description).toMatch(/^(?:Disallow|Require|Enforce) [^.]+$/u);
    expect(docs.url).toBe(`https://github.com/api-security/eslint-plugin-api-security/blob/main/docs/rules/${id}.md`);
    expect(docs.cwe?.length).toBeGreaterThan(0);
    expect(docs.owaspApi).toMatch(/API\d+:2023/u);
    expect(Array.isArray(rule.meta.schema) && rule.meta.schema.length > 0).toBe(true);
    expect(rule.meta.defaultOptions).toBeDefined();
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
  });

  it('builds each config from the rules’ own metadata', () => {
    const enabled = (name: keyof typeof plugin.configs): string[] => Object.keys(plugin.configs[name].rules ?? {}).sort();
    const prefixed = (filter: (docs: NonNullable<(typeof plugin.rules)[string]['meta']['docs']>) => boolean): string[] =>
      ruleIds.filter((id) => filter(plugin.rules[id]!.meta.docs!)).map((id) => `api-security/${id}`).sort();
    expect(enabled('all')).toEqual(prefixed(() => true));
    expect(enabled('recommended')).toEqual(prefixed((docs) => docs.recommended === 'recommended' && !docs.requiresTypeChecking));
    expect(enabled('recommended-type-checked')).toEqual(prefixed((docs) => docs.recommended === 'recommended'));
    expect(enabled('strict')).toEqual(prefixed((docs) => docs.recommended !== undefined && !docs.requiresTypeChecking));
    expect(plugin.configs.strict.rules?.['api-security/no-unauthenticated-route']).toEqual(['error', { reportUnresolvedMounts: true, unknownAuth: 'report', delegatedAuthorization: 'report', reportRoutes: 'all' }]);
    for (const name of ['recommended', 'recommended-type-checked', 'strict', 'all'] as const) {
      expect(plugin.configs[name].plugins?.['api-security']).toBe(plugin);
      expect(plugin.configs[name].files).toEqual(expect.arrayContaining(['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.ts', '**/*.tsx']));
    }
  });

  it('keeps the generated README table and docs headers in sync (eslint-doc-generator --check)', () => {
    expect(() =>
      execFileSync(process.execPath, [path.join(root, 'node_modules/eslint-doc-generator/dist/bin/eslint-doc-generator.js'), '--check'], {
        cwd: root,
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });

  describe.each(ruleIds)('%s docs examples', (id) => {
    const examples = examplesOf(readFileSync(path.join(docsDir, `${id}.md`), 'utf8'));
    it('has incorrect and correct examples', () => {
      expect(examples.some((example) => example.kind === 'incorrect')).toBe(true);
      expect(examples.some((example) => example.kind === 'correct')).toBe(true);
    });
    it.each(examples.map((example) => [`${example.kind} example at line ${example.line}`, example] as const))('%s', (_, example) => {
      const messages = lint(id, example);
      expect(messages.filter((message) => message.fatal)).toEqual([]);
      const own = messages.filter((message) => message.ruleId === `api-security/${id}`);
      if (example.kind === 'incorrect') expect(own.length).toBeGreaterThan(0);
      else expect(own.map((message) => `${message.line}: ${message.message}`)).toEqual([]);
    });
  });
});
