import type { Linter } from 'eslint';
import plugin from '../../src/index.js';
import { INTERNAL_ERROR_MESSAGE_ID } from '../../src/utils/internal-error.js';
import { takeInternalErrors } from '../helpers/internal-errors.js';

/*
 * Lints code with the plugin's rules and reports what a user must never see: a rule that throws,
 * an analysis that failed (an `internalError` diagnostic), or a fix or suggestion whose output no
 * longer parses. Findings themselves are not judged here.
 */

export interface Failure {
  file: string;
  kind: 'crash' | 'internal' | 'fix' | 'suggestion';
  ruleId: string | null;
  detail: string;
}

export type RuleOptions = Record<string, Linter.RuleEntry>;

const base = plugin.configs.all;

/** A flat config that runs `rules` with the plugin's parser setup, plus any `extra` language options. */
export function configWith(
  rules: RuleOptions,
  settings: Record<string, unknown> = {},
  languageOptions: Linter.LanguageOptions = {},
): Linter.Config[] {
  return [
    {
      files: base.files as string[],
      plugins: base.plugins as NonNullable<Linter.Config['plugins']>,
      languageOptions: { ...(base.languageOptions as Linter.LanguageOptions), ...languageOptions },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      settings,
      rules,
    },
  ];
}

/** Every rule of the plugin at its defaults. */
export const allRulesAtDefaults: RuleOptions = Object.fromEntries(
  Object.keys(plugin.rules).map((name) => [`api-security/${name}`, 'error' as const]),
);

const apply = (code: string, fix: { range: [number, number]; text: string }): string =>
  code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);

function parseError(linter: Linter, code: string, filename: string, config: Linter.Config[]): string | null {
  const parseOnly = config.map((entry) => ({ ...entry, rules: {} }));
  const fatal = linter.verify(code, parseOnly, filename).find((message) => message.fatal);
  return fatal ? `line ${fatal.line}: ${fatal.message}` : null;
}

const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

/**
 * Lints `code` as `filename` under `config`. Returns the messages, and a failure for an exception
 * thrown by a rule and for each fix or suggestion whose output does not parse (when the input did).
 */
export function lintChecked(
  linter: Linter,
  code: string,
  filename: string,
  config: Linter.Config[],
): { messages: Linter.LintMessage[]; failures: Failure[] } {
  let messages: Linter.LintMessage[];
  try {
    messages = linter.verify(code, config, filename);
  } catch (error) {
    const ruleId = /Rule: "(?<id>[^"]+)"/u.exec(String(error instanceof Error ? error.message : error))?.groups?.['id'] ?? null;
    return { messages: [], failures: [{ file: filename, kind: 'crash', ruleId, detail: firstLine(error) }] };
  }
  const failures: Failure[] = messages
    .filter((message) => message.messageId === INTERNAL_ERROR_MESSAGE_ID)
    .map((message) => ({ file: filename, kind: 'internal', ruleId: message.ruleId, detail: message.message }));
  // Recorded for tests/setup.ts too, which would fail the test with less detail: reported here, once.
  if (failures.length > 0) takeInternalErrors();
  if (messages.some((message) => message.fatal)) return { messages, failures };
  for (const message of messages) {
    const outputs: ['fix' | 'suggestion', string, { range: [number, number]; text: string }][] = [];
    if (message.fix) outputs.push(['fix', 'autofix', message.fix]);
    for (const suggestion of message.suggestions ?? []) outputs.push(['suggestion', suggestion.desc, suggestion.fix]);
    for (const [kind, description, fix] of outputs) {
      const error = parseError(linter, apply(code, fix), filename, config);
      if (error !== null) {
        failures.push({ file: filename, kind, ruleId: message.ruleId, detail: `${description} (line ${message.line}) → ${error}` });
      }
    }
  }
  return { messages, failures };
}
