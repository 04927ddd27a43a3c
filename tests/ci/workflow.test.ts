import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './eslint-cli.js';

/*
 * The GitHub Actions workflow in examples/ and the README's "Running in CI" section. No YAML parser
 * is installed, so the workflow is checked as text: the steps, commands and permissions it needs.
 * The commands themselves run in max-warnings, sarif and concurrency tests.
 */

const workflowPath = 'examples/github-actions/api-security.yml';

/** Lines that are not YAML comments: a commented-out step must not satisfy a check. */
const activeLines = (text: string): string[] => text.split('\n').filter((line) => !/^\s*#/u.test(line));

describe('examples/github-actions/api-security.yml', () => {
  const workflow = readFileSync(path.join(root, workflowPath), 'utf8');
  const active = activeLines(workflow).join('\n');

  it('installs the project and fails on any finding', () => {
    expect(active).toMatch(/uses: actions\/checkout@v\d+/u);
    expect(active).toMatch(/uses: actions\/setup-node@v\d+\n\s+with:\n\s+node-version: (?:2\d|[3-9]\d)\b/u);
    expect(active).toMatch(/run: npm ci$/mu);
    expect(active).toMatch(/run: npx eslint \. --max-warnings 0\b/u);
  });

  it('writes SARIF without failing the step and uploads it with write access to security events', () => {
    expect(active).toContain('run: npx eslint . -f node_modules/eslint-plugin-api-security/dist/formatters/sarif.js -o eslint-results.sarif || true');
    expect(active).toMatch(/uses: github\/codeql-action\/upload-sarif@v\d+\n\s+with:\n\s+sarif_file: eslint-results\.sarif/u);
    expect(active).toMatch(/^\s+security-events: write\b/mu);
  });

  it('mentions the inventory diff as a commented-out step', () => {
    expect(workflow).toMatch(/^\s*#.*npx eslint-plugin-api-security inventory --diff base\.json --fail-on new-unauthenticated,new-injection$/mu);
    expect(active).not.toContain('inventory --diff');
  });
});

describe('README "Running in CI"', () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Running in CI\n');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));

  it('comes before the license and has its subsections', () => {
    expect(start).toBeGreaterThan(-1);
    expect(start).toBeLessThan(readme.indexOf('\n## License\n'));
    expect(section.match(/^### .+$/gmu)).toEqual([
      '### Fail the build',
      '### Code scanning (SARIF)',
      '### GitHub Actions',
      '### Large repositories',
      '### Security mapping',
    ]);
  });

  it('shows the commands the CI tests run', () => {
    expect(section).toContain('npx eslint . --max-warnings 0\n');
    expect(section).toContain('npx eslint . -f node_modules/eslint-plugin-api-security/dist/formatters/sarif.js -o eslint-results.sarif\n');
    expect(section).toContain('github/codeql-action/upload-sarif');
    expect(section).toContain('security-events: write');
    expect(section).toContain('--concurrency auto');
  });

  it('links to files and anchors that exist', () => {
    const links = [...section.matchAll(/\]\((?<target>(?:docs|examples)\/[^)#]+)(?:#(?<anchor>[^)]+))?\)/gu)];

    expect(links.map((link) => link.groups!['target'])).toContain(workflowPath);
    for (const link of links) {
      const target = link.groups!['target']!;
      expect(existsSync(path.join(root, target)), target).toBe(true);
      const anchor = link.groups!['anchor'];
      if (anchor) {
        const headings = readFileSync(path.join(root, target), 'utf8')
          .split('\n')
          .filter((line) => line.startsWith('#'))
          .map((line) => line.replace(/^#+ /u, '').toLowerCase().replaceAll(/[^\w\- ]/gu, '').replaceAll(' ', '-'));
        expect(headings, `${target}#${anchor}`).toContain(anchor);
      }
    }
  });
});
