import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { cvss31BaseScore, securityOfRule } from '../../src/models/rule-security.js';
import { examplesDir, exampleRelative, parseJson, requireBuild, root, runEslint, type LintResult } from './eslint-cli.js';

/*
 * README "Code scanning (SARIF)": the plugin's own formatter, run by the real ESLint CLI on the
 * example apps, produces a log that is valid SARIF 2.1.0, describes each reported rule the way code
 * scanning needs to treat it as a security alert (tags with CWE, security-severity, precision,
 * problem severity, docs), places each result where ESLint's own JSON output places it, and gives
 * each result a fingerprint that survives unrelated edits.
 */

const schemaFile = path.join(root, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const PREFIX = 'api-security/';
const formatterPath = path.join(root, 'dist/formatters/sarif.js');

interface SarifRule {
  id: string;
  helpUri?: string;
  shortDescription?: { text: string };
  fullDescription?: { text: string };
  help?: { text: string; markdown?: string };
  properties?: {
    tags?: string[];
    'security-severity'?: string;
    precision?: string;
    'problem.severity'?: string;
    problem?: { severity?: string };
  };
}

interface SarifResult {
  ruleId?: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  partialFingerprints?: Record<string, string>;
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; index?: number };
      region?: { startLine?: number; startColumn?: number };
    };
  }[];
}

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: SarifRule[] } };
    results: SarifResult[];
    originalUriBaseIds?: Record<string, { uri: string }>;
    invocations?: { executionSuccessful: boolean; toolExecutionNotifications: unknown[] }[];
  }[];
}

/** Validates a log against the SARIF 2.1.0 schema (the OASIS schema, as shipped by @microsoft/jest-sarif). */
function expectValidSarif(value: unknown): void {
  // The schema is draft-04. Its `language` pattern has a stray `]` that is a syntax error under
  // the `u` flag ajv uses by default, hence `unicodeRegExp: false`. ajv's string formats come from
  // ajv-formats, which this project does not depend on, so the three the schema uses are here.
  const ajv = new AjvDraft04.default({
    allErrors: true,
    strict: false,
    unicodeRegExp: false,
    formats: {
      uri: (text: string) => URL.canParse(text),
      'uri-reference': (text: string) => URL.canParse(text, 'file:///'),
      'date-time': (text: string) => !Number.isNaN(Date.parse(text)),
    },
  });
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
  const valid = validate(value);

  expect(validate.errors ?? [], ajv.errorsText(validate.errors)).toEqual([]);
  expect(valid).toBe(true);
}

/** `file:line:column ruleId` keys, sorted, for comparing two outputs finding by finding. */
const keysOfJson = (results: readonly LintResult[]): string[] =>
  results
    .flatMap((result) =>
      result.messages.map((message) =>
        `${exampleRelative(result.filePath)}:${String(message.line)}:${String(message.column)} ${message.ruleId ?? ''}`,
      ),
    )
    .sort();

describe('SARIF output for code scanning', () => {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'api-security-sarif-'));
  const sarifFile = path.join(temp, 'out.sarif');
  let log: SarifLog;
  let json: LintResult[];
  let exitCode: number;

  beforeAll(async () => {
    requireBuild();
    const [sarifRun, jsonRun] = await Promise.all([
      runEslint(['-f', formatterPath, '-o', sarifFile, '.'], examplesDir),
      runEslint(['-f', 'json', '.'], examplesDir),
    ]);
    exitCode = sarifRun.code;
    if (!existsSync(sarifFile)) throw new Error(`no SARIF file written (exit ${String(sarifRun.code)}):\n${sarifRun.stderr}`);
    log = JSON.parse(readFileSync(sarifFile, 'utf8')) as SarifLog;
    json = parseJson(jsonRun);
  });

  afterAll(() => {
    rmSync(temp, { recursive: true, force: true });
  });

  it('exits 1 because of the findings, and still writes the file', () => {
    expect(exitCode).toBe(1);
    expect(log.version).toBe('2.1.0');
  });

  it('is valid against the SARIF 2.1.0 schema', () => {
    expectValidSarif(log);
    expect(log.runs[0]!.invocations?.[0]?.executionSuccessful).toBe(true);
  });

  it('describes every reported rule as a security rule with its CWE, severity, precision and docs', () => {
    const driverRules = log.runs[0]!.tool.driver.rules;
    const reportedRules = new Set(json.flatMap((result) => result.messages.map((message) => message.ruleId)));
    const ours = driverRules.filter((rule) => rule.id.startsWith(PREFIX));

    expect(ours.map((rule) => rule.id).sort()).toEqual([...reportedRules].sort());
    expect(ours.length).toBeGreaterThanOrEqual(10);
    for (const rule of ours) {
      const name = rule.id.slice(PREFIX.length);
      const meta = plugin.rules[name]?.meta;
      const security = securityOfRule(name);
      expect(meta, rule.id).toBeDefined();
      expect(security, rule.id).toBeDefined();
      expect(rule.helpUri, rule.id).toBe(meta?.docs?.url);
      expect(rule.helpUri, rule.id).toMatch(new RegExp(`/docs/rules/${name}\\.md$`, 'u'));
      expect(rule.shortDescription?.text, rule.id).toBe(meta?.docs?.description);
      const page = readFileSync(path.join(root, 'docs/rules', `${name}.md`), 'utf8');
      expect(rule.fullDescription?.text.length, rule.id).toBeGreaterThan(40);
      expect(page.replaceAll(/\s+/gu, ' '), rule.id).toContain(rule.fullDescription?.text);
      expect(rule.help?.markdown, rule.id).toContain('## Rule Details');
      expect(page, rule.id).toContain(rule.help?.markdown);
      const tags = rule.properties?.tags ?? [];
      expect(tags, rule.id).toContain('security');
      for (const cwe of meta?.docs?.cwe ?? []) expect(tags, rule.id).toContain(`external/cwe/${cwe.toLowerCase()}`);
      expect(tags.filter((tag) => tag.startsWith('external/cwe/cwe-')).length, rule.id).toBeGreaterThan(0);
      const severity = rule.properties?.['security-severity'];
      expect(severity, rule.id).toMatch(/^(?:10\.0|\d\.\d)$/u);
      expect(severity, rule.id).toBe(cvss31BaseScore(security!.vector).toFixed(1));
      expect(['very-high', 'high', 'medium', 'low'], rule.id).toContain(rule.properties?.precision);
      expect(rule.properties?.precision, rule.id).toBe(security?.precision);
      expect(rule.properties?.problem?.severity, rule.id).toBe(security?.problemSeverity);
      expect(rule.properties?.['problem.severity'], rule.id).toBe(security?.problemSeverity);
    }
  });

  it('places each result where the JSON output does, with its rule index, message and a fingerprint', () => {
    const run = log.runs[0]!;
    const results = run.results;
    const base = run.originalUriBaseIds?.['%SRCROOT%']?.uri ?? '';
    expect(fileURLToPath(base)).toBe(examplesDir + path.sep);
    const keysOfSarif = results
      .map((result) => {
        const location = result.locations[0]!.physicalLocation;
        const file = exampleRelative(fileURLToPath(new URL(location.artifactLocation.uri, base)));
        return `${file}:${String(location.region?.startLine)}:${String(location.region?.startColumn)} ${result.ruleId ?? ''}`;
      })
      .sort();
    const messages = new Set(json.flatMap((result) => result.messages.map((message) => message.message)));

    expect(results.length).toBeGreaterThan(20);
    expect(keysOfSarif).toEqual(keysOfJson(json));
    for (const result of results) {
      expect(result.ruleId).toMatch(/^api-security\/[a-z-]+$/u);
      expect(run.tool.driver.rules[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
      expect(result.level).toBe('error');
      expect(messages).toContain(result.message.text);
      expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/^(?:express|firebase|nestjs|nextjs)-app\/.+\.tsx?$/u);
      expect(Object.values(result.partialFingerprints ?? {})).toEqual([expect.stringMatching(/^[0-9a-f]{32}$/u)]);
    }
    const fingerprints = results.map((result) => JSON.stringify(result.partialFingerprints));
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });
});

describe('SARIF fingerprints and unparsed files', () => {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'api-security-sarif-edit-'));
  const configFile = path.join(temp, 'eslint.config.js');
  const appFile = path.join(temp, 'app.js');
  const sarifFile = path.join(temp, 'out.sarif');
  const app = [
    "import express from 'express';",
    "import { exec } from 'node:child_process';",
    'const app = express();',
    "app.get('/run', (req, res) => { exec(`ls ${req.query.dir}`); res.send('ok'); });",
    "app.get('/again', (req, res) => { exec(`ls ${req.query.dir}`); res.send('ok'); });",
    'app.listen(3000);',
    '',
  ].join('\n');

  const lintToSarif = async (): Promise<SarifLog> => {
    rmSync(sarifFile, { force: true });
    const run = await runEslint(['-c', configFile, '-f', formatterPath, '-o', sarifFile, '.'], temp);
    if (!existsSync(sarifFile)) throw new Error(`no SARIF file written (exit ${String(run.code)}):\n${run.stderr}`);
    return JSON.parse(readFileSync(sarifFile, 'utf8')) as SarifLog;
  };
  const byFingerprint = (sarif: SarifLog): Map<string, number> =>
    new Map(
      sarif.runs[0]!.results.map((result) => [
        `${result.ruleId ?? ''} ${JSON.stringify(result.partialFingerprints)}`,
        result.locations[0]!.physicalLocation.region!.startLine!,
      ]),
    );

  beforeAll(() => {
    requireBuild();
    writeFileSync(
      configFile,
      `import apiSecurity from ${JSON.stringify(pathToFileURL(path.join(root, 'dist/index.js')).href)};\nexport default [apiSecurity.configs.recommended];\n`,
    );
  });

  afterAll(() => {
    rmSync(temp, { recursive: true, force: true });
  });

  it('keeps every fingerprint when unrelated code moves the findings down, and tells identical findings apart', async () => {
    writeFileSync(appFile, app);
    const before = byFingerprint(await lintToSarif());
    writeFileSync(appFile, `// Routes of the file service.\n\nconst started = Date.now();\n${app}console.log(started);\n`);
    const after = byFingerprint(await lintToSarif());

    // Two unauthenticated routes and two command injections, on lines 4 and 5.
    expect(before.size).toBe(4);
    expect([...before.values()].sort()).toEqual([4, 4, 5, 5]);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [key, line] of before) expect(after.get(key), key).toBe(line + 3);
  });

  it('changes the fingerprint when the flagged code itself changes', async () => {
    writeFileSync(appFile, app);
    const before = byFingerprint(await lintToSarif());
    writeFileSync(appFile, app.replace('ls ${req.query.dir}`); res.send', 'cat ${req.query.dir}`); res.send'));
    const after = byFingerprint(await lintToSarif());

    const changed = [...before.keys()].filter((key) => !after.has(key));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((key) => before.get(key) === 4)).toBe(true);
  });

  it('reports a file it could not parse as a failed execution, not as a clean file', async () => {
    writeFileSync(appFile, `${app}app.get('/broken', (req, res) => {\n`);
    const sarif = await lintToSarif();

    expectValidSarif(sarif);
    const invocation = sarif.runs[0]!.invocations![0]!;
    expect(invocation.executionSuccessful).toBe(false);
    expect(JSON.stringify(invocation.toolExecutionNotifications)).toMatch(/Parsing error/u);
    expect(sarif.runs[0]!.results).toEqual([]);
  });
});
