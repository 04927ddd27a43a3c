import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { default as formatSarif } from '../src/formatters/sarif.js';
import plugin from '../src/index.js';
import { cvss31BaseScore, securityOfRule } from '../src/models/rule-security.js';

/*
 * Each rule names its CWE weaknesses and its OWASP API Security Top 10 (2023) category in
 * `meta.docs`; its docs page and the README's security mapping say the same, and the SARIF log
 * links every rule to that page.
 */

const root = path.join(import.meta.dirname, '..');
const PREFIX = 'api-security/';

/** The OWASP API Security Top 10 (2023), https://owasp.org/API-Security/editions/2023/en/0x11-t10/ */
const OWASP_API_2023: Record<string, string> = {
  'API1:2023': 'Broken Object Level Authorization',
  'API2:2023': 'Broken Authentication',
  'API3:2023': 'Broken Object Property Level Authorization',
  'API4:2023': 'Unrestricted Resource Consumption',
  'API5:2023': 'Broken Function Level Authorization',
  'API6:2023': 'Unrestricted Access to Sensitive Business Flows',
  'API7:2023': 'Server Side Request Forgery',
  'API8:2023': 'Security Misconfiguration',
  'API9:2023': 'Improper Inventory Management',
  'API10:2023': 'Unsafe Consumption of APIs',
};

const rules = Object.entries(plugin.rules).map(([name, rule]) => ({
  name,
  docs: rule.meta.docs,
  cwe: rule.meta.docs?.cwe ?? [],
  /** `owaspApi` holds one category, or several joined by `; `. */
  owasp: (rule.meta.docs?.owaspApi ?? '').split('; ').filter(Boolean),
}));

const codeOf = (category: string): string => category.split(' ')[0]!;

/** Rows of the README table under `### Security mapping`: rule id → [CWE cell, OWASP cell]. */
function readmeMapping(): Map<string, [string, string]> {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('\n### Security mapping\n');
  expect(start, 'README has a "### Security mapping" section').toBeGreaterThan(-1);
  const section = readme.slice(start).split(/\n#{2,3} /u)[1]!;
  const rows = new Map<string, [string, string]>();
  for (const line of section.split('\n')) {
    const cells = /^\| \[(?<rule>[a-z-]+)\]\(docs\/rules\/\k<rule>\.md\) \| (?<cwe>[^|]+) \| (?<owasp>[^|]+) \|$/u.exec(line);
    if (cells?.groups) rows.set(cells.groups['rule']!, [cells.groups['cwe']!, cells.groups['owasp']!]);
  }
  return rows;
}

describe('security metadata', () => {
  it.each(rules)('$name names valid CWE ids and OWASP API 2023 categories', ({ cwe, owasp }) => {
    expect(cwe.length).toBeGreaterThan(0);
    for (const id of cwe) expect(id).toMatch(/^CWE-[1-9]\d*$/u);
    expect(new Set(cwe).size).toBe(cwe.length);
    expect(owasp.length).toBeGreaterThan(0);
    for (const category of owasp) {
      const code = codeOf(category);
      expect(Object.keys(OWASP_API_2023)).toContain(code);
      expect(category).toBe(`${code} ${OWASP_API_2023[code] ?? ''}`);
    }
  });

  it.each(rules)('docs/rules/$name.md states the CWE ids and OWASP codes of its metadata', ({ name, cwe, owasp }) => {
    const page = readFileSync(path.join(root, 'docs/rules', `${name}.md`), 'utf8');
    // The statement belongs near the top, not in a footnote: before `## Rule Details` or the first option.
    const intro = page.slice(page.indexOf('<!-- end auto-generated rule header -->'), page.indexOf('\n## '));

    for (const id of cwe) expect(intro).toMatch(new RegExp(`\\b${id}\\b`, 'u'));
    for (const category of owasp) expect(intro).toContain(codeOf(category));
  });

  it('README security mapping lists every rule with the CWE ids and categories of its metadata', () => {
    const rows = readmeMapping();

    expect([...rows.keys()]).toEqual(rules.map((rule) => rule.name));
    for (const { name, cwe, owasp } of rules) {
      const [cweCell, owaspCell] = rows.get(name)!;
      expect(cweCell.match(/CWE-\d+(?=\])/gu), name).toEqual([...cwe]);
      expect(owaspCell.split('; '), name).toEqual(owasp);
    }
  });

  it('SARIF rule entries carry the CWE and OWASP tags, the severity and the docs of every rule', () => {
    // Called the way ESLint calls a formatter: lint results plus the metadata of the reported rules.
    const file = path.join(root, 'examples/express-app/src/app.ts');
    const results = [
      {
        filePath: file,
        messages: rules.map(({ name }) => ({ ruleId: PREFIX + name, severity: 2, message: name, line: 1, column: 1 })),
      },
    ];
    const rulesMeta = Object.fromEntries(Object.entries(plugin.rules).map(([name, rule]) => [PREFIX + name, rule.meta]));
    const log = JSON.parse(formatSarif(results, { cwd: root, rulesMeta })) as {
      runs: {
        tool: {
          driver: {
            rules: { id: string; helpUri?: string; shortDescription?: { text: string }; properties?: { tags?: string[] } }[];
          };
        };
      }[];
    };
    const entries = new Map(log.runs[0]!.tool.driver.rules.map((entry) => [entry.id, entry]));

    for (const { name, docs, cwe, owasp } of rules) {
      const entry = entries.get(PREFIX + name);
      expect(entry?.helpUri, name).toBe(docs?.url);
      expect(entry?.helpUri, name).toMatch(new RegExp(`/docs/rules/${name}\\.md$`, 'u'));
      expect(entry?.shortDescription?.text, name).toBe(docs?.description);
      expect(entry?.properties?.tags, name).toEqual([
        'security',
        ...cwe.map((id) => `external/cwe/${id.toLowerCase()}`),
        ...owasp.map((category) => `external/owasp-api/${codeOf(category).toLowerCase()}`),
      ]);
    }
  });

  it('docs/sarif.md states the severity, vector, precision and problem severity of every rule as the model does', () => {
    const page = readFileSync(path.join(root, 'docs/sarif.md'), 'utf8');
    for (const { name } of rules) {
      const security = securityOfRule(name);
      expect(security, name).toBeDefined();
      const row = page.split('\n').find((line) => line.startsWith(`| [${name}](rules/${name}.md) |`));
      expect(row, name).toBeDefined();
      const cells = row!.split(' | ').map((cell) => cell.trim());
      expect(cells[1], name).toBe(cvss31BaseScore(security!.vector).toFixed(1));
      expect(cells[2], name).toBe(`\`${security!.vector}\``);
      expect(cells[4], name).toBe(security!.precision);
      expect(cells[5]?.replace(/ \|$/u, ''), name).toBe(security!.problemSeverity);
    }
  });

  it('computes CVSS 3.1 base scores as the specification does', () => {
    expect(cvss31BaseScore('AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBe(9.8);
    expect(cvss31BaseScore('AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H')).toBe(8.8);
    expect(cvss31BaseScore('AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N')).toBe(7.5);
    expect(cvss31BaseScore('AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N')).toBe(6.1);
    expect(cvss31BaseScore('AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H')).toBe(10);
    expect(cvss31BaseScore('AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N')).toBe(0);
    expect(() => cvss31BaseScore('AV:N/AC:L/PR:X/UI:N/S:U/C:H/I:H/A:H')).toThrow(/PR/u);
  });
});
