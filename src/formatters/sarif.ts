import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cvss31BaseScore, securityOfRule } from '../models/rule-security.js';
import { REPO_URL } from '../utils/create-rule.js';

/*
 * An ESLint formatter that writes SARIF 2.1.0 for code scanning:
 *
 *   npx eslint . -f node_modules/eslint-plugin-api-security/dist/formatters/sarif.js -o eslint-results.sarif
 *
 * GitHub code scanning treats a result as a security alert, ranks it and filters it by CWE only
 * when the rule entry carries `security-severity` and `external/cwe/...` tags; this formatter adds
 * them for this plugin's rules (docs/sarif.md) and writes every other rule's results plainly.
 */

/** The parts of an ESLint lint message this formatter reads. */
export interface FormatterMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line?: number;
  column?: number;
  endLine?: number | undefined;
  endColumn?: number | undefined;
  fatal?: boolean | undefined;
}

/** The parts of an ESLint lint result this formatter reads. */
export interface FormatterResult {
  filePath: string;
  messages: readonly FormatterMessage[];
  source?: string | undefined;
}

/** The parts of a rule's `meta` this formatter reads. */
export interface FormatterRuleMeta {
  type?: string;
  docs?: { description?: string; url?: string; cwe?: readonly string[]; owaspApi?: string } | undefined;
}

/** What ESLint passes a formatter as its second argument. */
export interface FormatterContext {
  cwd: string;
  rulesMeta: Record<string, FormatterRuleMeta | undefined>;
}

interface SarifMessage {
  text: string;
  markdown?: string;
}

interface SarifRule {
  id: string;
  name?: string;
  shortDescription?: SarifMessage;
  fullDescription?: SarifMessage;
  help?: SarifMessage;
  helpUri?: string;
  defaultConfiguration?: { level: 'error' | 'warning' | 'note' };
  properties?: Record<string, unknown>;
}

const require = createRequire(import.meta.url);
const pluginPackage = require('../../package.json') as { name: string; version: string };
const docsDir = path.resolve(import.meta.dirname, '../../docs/rules');
const RULE_URL_PREFIX = `${REPO_URL}/blob/main/docs/rules/`;
const FINGERPRINT_KEY = 'apiSecurityFinding/v1';

/** ESLint's version as seen by the process running the formatter, when it can be found. */
function eslintVersion(): string | undefined {
  try {
    return (require('eslint/package.json') as { version: string }).version;
  } catch {
    // ESLint is a peer dependency and is running this formatter, so this only fails when its
    // package.json is hidden by an `exports` map; the version is optional in SARIF.
    return undefined;
  }
}

/** This plugin's rule name for a rule id, judged by the docs URL, so any plugin prefix works. */
function ownRuleName(meta: FormatterRuleMeta | undefined): string | undefined {
  const url = meta?.docs?.url;
  if (url?.startsWith(RULE_URL_PREFIX) !== true) return undefined;
  return url.slice(RULE_URL_PREFIX.length).replace(/\.md$/u, '');
}

/** A rule's docs page without the generated header, or undefined when it is not installed. */
function docsPage(name: string): string | undefined {
  const file = path.join(docsDir, `${name}.md`);
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const marker = '<!-- end auto-generated rule header -->';
  const at = text.indexOf(marker);
  return (at === -1 ? text : text.slice(at + marker.length)).trim();
}

/** The first prose paragraph of a docs page: what the rule finds and why it matters. */
function firstParagraph(page: string): string | undefined {
  // Headings, comments and a bold metadata line (`**CWE:** ...`) are not the summary.
  const paragraph = page.split(/\n\s*\n/u).find((block) => !/^(?:#|<!--|\*\*|\||```)/u.test(block));
  return paragraph?.replaceAll(/\s*\n\s*/gu, ' ').trim();
}

/** The SARIF rule entry of one rule id, with the security properties when the rule is ours. */
function ruleEntry(ruleId: string, meta: FormatterRuleMeta | undefined): SarifRule {
  const entry: SarifRule = { id: ruleId };
  const description = meta?.docs?.description;
  if (description !== undefined) entry.shortDescription = { text: description };
  if (meta?.docs?.url !== undefined) entry.helpUri = meta.docs.url;
  const name = ownRuleName(meta);
  const security = name === undefined ? undefined : securityOfRule(name);
  if (name === undefined || security === undefined) return entry;

  entry.name = name;
  const page = docsPage(name);
  const summary = page === undefined ? undefined : firstParagraph(page);
  entry.fullDescription = { text: summary ?? description ?? name };
  entry.help = {
    text: `${description ?? name}. See ${meta?.docs?.url ?? name}.`,
    ...(page === undefined ? {} : { markdown: page }),
  };
  entry.defaultConfiguration = { level: security.problemSeverity === 'error' ? 'error' : 'warning' };
  const cwes = (meta?.docs?.cwe ?? []).map((cwe) => `external/cwe/${cwe.toLowerCase()}`);
  // `owaspApi` holds one category or several joined by `; `, each starting with its code.
  const owasp = (meta?.docs?.owaspApi ?? '')
    .split('; ')
    .flatMap((category) => /^API\d+:\d{4}/u.exec(category) ?? [])
    .map((code) => `external/owasp-api/${code.toLowerCase()}`);
  entry.properties = {
    tags: ['security', ...cwes, ...owasp],
    'security-severity': cvss31BaseScore(security.vector).toFixed(1),
    precision: security.precision,
    'problem.severity': security.problemSeverity,
    problem: { severity: security.problemSeverity },
    'cvss-vector': `CVSS:3.1/${security.vector}`,
  };
  return entry;
}

/** The flagged code of a message (its 1-based range), whitespace collapsed. */
function textOf(lines: readonly string[], message: FormatterMessage): string {
  const startLine = (message.line ?? 1) - 1;
  const endLine = (message.endLine ?? message.line ?? 1) - 1;
  const startColumn = (message.column ?? 1) - 1;
  const endColumn = message.endColumn === undefined ? undefined : message.endColumn - 1;
  const picked = lines.slice(startLine, endLine + 1);
  if (picked.length === 0) return '';
  const last = picked.length - 1;
  picked[last] = picked[last]!.slice(0, endColumn);
  picked[0] = picked[0]!.slice(startColumn);
  return picked.join(' ').replaceAll(/\s+/gu, ' ').trim();
}

/**
 * A fingerprint that survives unrelated edits: the rule, the file, the flagged code and the whole
 * line it sits on (whitespace collapsed), and the number of earlier identical keys in the file.
 * No line numbers and no message (messages name lines), so moving code leaves it unchanged.
 */
function fingerprints(
  ruleId: string,
  uri: string,
  lines: readonly string[] | undefined,
  message: FormatterMessage,
  seen: Map<string, number>,
): Record<string, string> {
  const code =
    lines === undefined
      ? message.message.replaceAll(/\d+/gu, '')
      : `${textOf(lines, message)}\n${(lines[(message.line ?? 1) - 1] ?? '').replaceAll(/\s+/gu, ' ').trim()}`;
  const key = `${ruleId}\n${uri}\n${code}`;
  const occurrence = seen.get(key) ?? 0;
  seen.set(key, occurrence + 1);
  const hash = createHash('sha256').update(`${key}\n${String(occurrence)}`).digest('hex').slice(0, 32);
  return { [FINGERPRINT_KEY]: hash };
}

/** The linted file's lines: from ESLint's result, or read again when ESLint left it out. */
function sourceLines(result: FormatterResult): string[] | undefined {
  if (result.source !== undefined) return result.source.split(/\r\n|\r|\n/u);
  try {
    return readFileSync(result.filePath, 'utf8').split(/\r\n|\r|\n/u);
  } catch {
    // The file vanished between the lint and the report: the fingerprint falls back to the
    // message, which is still stable across moves of the code.
    return undefined;
  }
}

/** Formats ESLint results as a SARIF 2.1.0 log (a JSON string). */
export default function formatSarif(results: readonly FormatterResult[], context: FormatterContext): string {
  const cwd = context.cwd;
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const artifacts: { location: { uri: string; uriBaseId?: string } }[] = [];
  const sarifResults: unknown[] = [];
  const notifications: unknown[] = [];

  for (const result of results) {
    if (result.messages.length === 0) continue;
    const relative = path.relative(cwd, result.filePath);
    const inside = !relative.startsWith('..') && !path.isAbsolute(relative);
    const uri = inside ? relative.split(path.sep).map(encodeURIComponent).join('/') : pathToFileURL(result.filePath).href;
    // A file inside the directory ESLint ran in is written relative to it; any other by its URL.
    const artifactLocation = inside ? { uri, uriBaseId: '%SRCROOT%' } : { uri };
    const artifactIndex = artifacts.push({ location: artifactLocation }) - 1;
    const lines = sourceLines(result);
    const seen = new Map<string, number>();
    const location = (message: FormatterMessage) => ({
      physicalLocation: {
        artifactLocation: { ...artifactLocation, index: artifactIndex },
        region: {
          startLine: Math.max(message.line ?? 1, 1),
          startColumn: Math.max(message.column ?? 1, 1),
          ...(message.endLine === undefined ? {} : { endLine: message.endLine }),
          ...(message.endColumn === undefined ? {} : { endColumn: message.endColumn }),
        },
      },
    });

    for (const message of result.messages) {
      const level = message.severity === 2 ? 'error' : 'warning';
      if (message.ruleId === null || message.fatal === true) {
        // A file ESLint could not parse (or a config problem) was not analysed: say so as a failed
        // notification, so the upload does not look like a clean result for that file.
        notifications.push({ level, message: { text: message.message }, locations: [location(message)] });
        continue;
      }
      let index = ruleIndex.get(message.ruleId);
      if (index === undefined) {
        index = rules.push(ruleEntry(message.ruleId, context.rulesMeta[message.ruleId])) - 1;
        ruleIndex.set(message.ruleId, index);
      }
      sarifResults.push({
        ruleId: message.ruleId,
        ruleIndex: index,
        level,
        message: { text: message.message },
        locations: [location(message)],
        partialFingerprints: fingerprints(message.ruleId, uri, lines, message, seen),
      });
    }
  }

  const version = eslintVersion();
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ESLint',
            informationUri: 'https://eslint.org',
            ...(version === undefined ? {} : { version }),
            rules,
            properties: { plugin: `${pluginPackage.name}@${pluginPackage.version}` },
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
        artifacts,
        results: sarifResults,
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
