import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * End to end: the real `eslint` CLI, the built plugin and the annotated apps under `examples/`.
 * Each annotation names a rule for the next code line:
 *   ruleid      must be reported            ok        must not be reported
 *   todoruleid  should be, is not yet       todook    is reported, should not be
 * Annotations of rules the built plugin does not register yet are skipped.
 */

const root = path.resolve(import.meta.dirname, '../..');
const examplesDir = path.join(root, 'examples');
const distEntry = path.join(root, 'dist/index.js');
const eslintBin = path.join(root, 'node_modules/eslint/bin/eslint.js');
const PREFIX = 'api-security/';
/** Rules that are being written: their annotations wait in the apps until the rule is registered. */
const PLANNED = [
  'no-code-injection', 'no-command-injection', 'no-hardcoded-secrets', 'no-mass-assignment', 'no-nosql-injection',
  'no-open-redirect', 'no-path-traversal', 'no-reflected-xss', 'no-sql-injection', 'no-ssrf', 'no-whole-object-response',
];
const SOURCE = /\.(?:[cm]?js|tsx?)$/u;
const ANNOTATION = /^\s*\/\/\s*(ruleid|ok|todoruleid|todook):(.*)$/u;

type Kind = 'ruleid' | 'ok' | 'todoruleid' | 'todook';

interface Annotation {
  kind: Kind;
  file: string;
  /** Line the annotation applies to (1-based): the next line that is not itself an annotation. */
  line: number;
  rule: string;
}

interface LintMessage {
  ruleId: string | null;
  line: number;
  fatal?: boolean;
  message: string;
}

interface LintResult {
  filePath: string;
  messages: LintMessage[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === '.next') return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return SOURCE.test(entry.name) && entry.name !== 'eslint.config.js' ? [full] : [];
  });
}

const relative = (file: string): string => path.relative(examplesDir, file).split(path.sep).join('/');

function readAnnotations(file: string): Annotation[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/u);
  const found: Annotation[] = [];
  let pending: { kind: Kind; rule: string }[] = [];
  lines.forEach((text, index) => {
    const match = ANNOTATION.exec(text);
    if (match) {
      // `// ruleid: api-security/a, api-security/b` names several rules for the same line.
      for (const rule of match[2]!.split(',').map((name) => name.trim())) {
        if (!rule.startsWith(PREFIX)) throw new Error(`${relative(file)}:${index + 1}: annotation must name an ${PREFIX} rule, got "${rule}"`);
        pending.push({ kind: match[1] as Kind, rule });
      }
      return;
    }
    for (const annotation of pending) found.push({ ...annotation, file: relative(file), line: index + 1 });
    pending = [];
  });
  if (pending.length > 0) throw new Error(`${relative(file)}: annotation at the end of the file applies to no line`);
  return found;
}

const key = (file: string, line: number, rule: string): string => `${file}:${line} ${rule}`;

describe('annotated example apps', () => {
  let results: LintResult[] = [];
  let registered = new Set<string>();
  let annotations: Annotation[] = [];

  beforeAll(async () => {
    if (!existsSync(distEntry)) {
      throw new Error('dist/index.js is missing: run `npm run build` before the end-to-end tests (`npm test` does it).');
    }
    const plugin = (await import(distEntry)) as { default: { rules: Record<string, unknown> } };
    registered = new Set(Object.keys(plugin.default.rules).map((id) => PREFIX + id));
    annotations = sourceFiles(examplesDir).flatMap(readAnnotations);

    // ESLint exits 1 when it reports problems; only a crash (exit 2) is a failure here.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [eslintBin, '--config', 'examples/eslint.config.js', '--format', 'json', 'examples'],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
    ).catch((error: unknown) => {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      if (failed.code === 1 && failed.stdout) return { stdout: failed.stdout };
      throw new Error(`eslint crashed (exit ${String(failed.code)}):\n${failed.stderr ?? String(error)}`);
    });
    results = JSON.parse(stdout) as LintResult[];
  });

  it('lints every example source file', () => {
    const linted = new Set(results.map((result) => relative(result.filePath)));
    const missing = sourceFiles(examplesDir).map(relative).filter((file) => !linted.has(file));
    expect(missing).toEqual([]);
    expect(linted.size).toBeGreaterThan(15);
  });

  it('parses every example file', () => {
    const fatal = results.flatMap((result) =>
      result.messages
        .filter((message) => message.fatal === true || message.ruleId === null)
        .map((message) => `${relative(result.filePath)}:${message.line} ${message.message}`),
    );
    expect(fatal).toEqual([]);
  });

  it('annotations name registered or planned rules (catches typos)', () => {
    const known = new Set([...registered, ...PLANNED.map((id) => PREFIX + id)]);
    const unknown = annotations.filter((annotation) => !known.has(annotation.rule));
    expect(unknown.map((annotation) => `${annotation.file}:${annotation.line} ${annotation.rule}`)).toEqual([]);
  });

  it('each app carries `ruleid` annotations', () => {
    for (const app of ['express-app', 'firebase-app', 'nestjs-app', 'nextjs-app']) {
      expect(annotations.some((annotation) => annotation.file.startsWith(`${app}/`) && annotation.kind === 'ruleid')).toBe(true);
    }
  });

  it('reports exactly the `ruleid` (and `todook`) lines of registered rules', () => {
    const active = annotations.filter((annotation) => registered.has(annotation.rule));
    const expected = active
      .filter((annotation) => annotation.kind === 'ruleid' || annotation.kind === 'todook')
      .map((annotation) => key(annotation.file, annotation.line, annotation.rule));
    const actual = results.flatMap((result) =>
      result.messages
        .filter((message) => message.ruleId?.startsWith(PREFIX) === true)
        .map((message) => key(relative(result.filePath), message.line, message.ruleId!)),
    );
    expect([...new Set(actual)].sort()).toEqual([...new Set(expected)].sort());
  });

  it('leaves `ok` lines alone', () => {
    const reported = new Set(
      results.flatMap((result) =>
        result.messages.map((message) => key(relative(result.filePath), message.line, message.ruleId ?? '')),
      ),
    );
    const flagged = annotations
      .filter((annotation) => annotation.kind === 'ok' && registered.has(annotation.rule))
      .map((annotation) => key(annotation.file, annotation.line, annotation.rule))
      .filter((entry) => reported.has(entry));
    expect(flagged, 'these `ok:` lines are reported').toEqual([]);
  });

  it('has no `todoruleid` line that is already reported (promote it to `ruleid`)', () => {
    const reported = new Set(
      results.flatMap((result) =>
        result.messages.map((message) => key(relative(result.filePath), message.line, message.ruleId ?? '')),
      ),
    );
    const fixed = annotations
      .filter((annotation) => annotation.kind === 'todoruleid' && registered.has(annotation.rule))
      .map((annotation) => key(annotation.file, annotation.line, annotation.rule))
      .filter((entry) => reported.has(entry));
    expect(fixed, 'now reported: change these `todoruleid:` annotations to `ruleid:`').toEqual([]);
  });
});
