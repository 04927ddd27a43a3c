import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { examplesDir, exampleRelative, parseJson, requireBuild, root, runEslint, type LintResult } from './eslint-cli.js';

/*
 * README "Code scanning (SARIF)": the command from the README on the example apps produces a log
 * that is valid SARIF 2.1.0, describes each reported rule with its docs URL and description, and
 * places each result where ESLint's own JSON output places it.
 */

const schemaFile = path.join(root, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const PREFIX = 'api-security/';

interface SarifRule {
  id: string;
  helpUri?: string;
  shortDescription?: { text: string };
  properties?: Record<string, unknown>;
}

interface SarifResult {
  ruleId?: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; index?: number };
      region?: { startLine?: number; startColumn?: number };
    };
  }[];
}

interface SarifLog {
  version: string;
  runs: { tool: { driver: { name: string; rules: SarifRule[] } }; results: SarifResult[] }[];
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
      runEslint(['-f', '@microsoft/eslint-formatter-sarif', '-o', sarifFile, '.'], examplesDir),
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
    // The schema is draft-04. Its `language` pattern has a stray `]` that is a syntax error under
    // the `u` flag ajv uses by default, hence `unicodeRegExp: false`. ajv's string formats come from
    // ajv-formats, which this project does not depend on, so the three the schema uses are here.
    const ajv = new AjvDraft04.default({
      allErrors: true,
      strict: false,
      unicodeRegExp: false,
      formats: {
        uri: (value: string) => URL.canParse(value),
        'uri-reference': (value: string) => URL.canParse(value, 'file:///'),
        'date-time': (value: string) => !Number.isNaN(Date.parse(value)),
      },
    });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
    const valid = validate(log);

    expect(validate.errors ?? [], ajv.errorsText(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('describes every reported rule with its docs URL and description', () => {
    const driverRules = log.runs[0]!.tool.driver.rules;
    const reportedRules = new Set(json.flatMap((result) => result.messages.map((message) => message.ruleId)));
    const ours = driverRules.filter((rule) => rule.id.startsWith(PREFIX));

    expect(ours.map((rule) => rule.id).sort()).toEqual([...reportedRules].sort());
    expect(ours.length).toBeGreaterThanOrEqual(10);
    for (const rule of ours) {
      const meta = plugin.rules[rule.id.slice(PREFIX.length)]?.meta;
      expect(meta, rule.id).toBeDefined();
      expect(rule.helpUri, rule.id).toBe(meta?.docs?.url);
      expect(rule.helpUri, rule.id).toMatch(new RegExp(`/docs/rules/${rule.id.slice(PREFIX.length)}\\.md$`, 'u'));
      expect(rule.shortDescription?.text, rule.id).toBe(meta?.docs?.description);
    }
  });

  it('places each result where the JSON output does', () => {
    const run = log.runs[0]!;
    const results = run.results;
    const keysOfSarif = results
      .map((result) => {
        const location = result.locations[0]!.physicalLocation;
        const file = exampleRelative(fileURLToPath(location.artifactLocation.uri));
        return `${file}:${String(location.region?.startLine)}:${String(location.region?.startColumn)} ${result.ruleId ?? ''}`;
      })
      .sort();

    expect(results.length).toBeGreaterThan(20);
    expect(keysOfSarif).toEqual(keysOfJson(json));
    for (const result of results) {
      expect(result.ruleId).toMatch(/^api-security\/[a-z-]+$/u);
      expect(run.tool.driver.rules[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
      expect(result.level).toBe('error');
      expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(
        /^file:\/\/.*\/examples\/(?:express|nestjs|nextjs)-app\/.+\.tsx?$/u,
      );
    }
  });
});
