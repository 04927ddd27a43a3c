import type { TSESLint } from '@typescript-eslint/utils';
import { allTaintKinds, type TaintKind } from '../../models/taint-types.js';
import { namePatternProblem, registerSettingsValidator, SETTINGS_KEY } from '../../utils/settings.js';

/** A function (dotted name or `/regex/`) and the taint kinds its result, or its guard, clears. */
export interface KindedName {
  name: string;
  /** Kinds cleared; all kinds when omitted. */
  kinds?: TaintKind[];
}

/** Kinds a user sink can have (`url-path` is only derived from `ssrf` sinks). */
export type SinkSettingKind = Exclude<TaintKind, 'url-path'>;

const SINK_KINDS: readonly SinkSettingKind[] = ['sql', 'nosql', 'shell', 'code', 'ssrf', 'path', 'redirect', 'xss'];

/** A user-declared sink: a dotted callee name (or `/regex/`) and the argument that must be clean. */
export interface SinkSetting {
  name: string;
  kind: SinkSettingKind;
  /** Argument index, 0 by default. */
  argument?: number;
}

/** The taint keys of `settings['api-security']`, every key filled. */
export interface TaintSettings {
  /** Calls or member chains (dotted names or `/regex/`) whose value is request input, e.g. `getInput`. */
  sources: string[];
  /** Calls whose result is safe (`escapeSql`), optionally only for some kinds. */
  sanitizers: (string | KindedName)[];
  /** Boolean checks (`isSafeId(x)`) that make their first argument safe where they hold. */
  validators: (string | KindedName)[];
  /** Extra sinks. */
  sinks: SinkSetting[];
}

/** The keys this module adds to `settings['api-security']`. */
export const taintSettingKeys = ['sources', 'sanitizers', 'validators', 'sinks'] as const;

const DEFAULTS: TaintSettings = { sources: [], sanitizers: [], validators: [], sinks: [] };

const fail = (message: string): never => {
  throw new Error(`eslint-plugin-api-security: invalid settings['${SETTINGS_KEY}']: ${message}`);
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function checkName(value: unknown, where: string): void {
  if (typeof value !== 'string' || value === '') fail(`${where} must be a non-empty string.`);
  const problem = namePatternProblem(value as string);
  if (problem !== null) fail(`${where} is ${JSON.stringify(value)}, which ${problem}.`);
}

function checkObject(value: Record<string, unknown>, where: string, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(`unknown key ${where}.${key}. Known keys: ${allowed.join(', ')}.`);
  }
}

function checkKinds(value: unknown, where: string, kinds: readonly string[]): void {
  if (!Array.isArray(value) || value.some((kind) => typeof kind !== 'string' || !kinds.includes(kind))) {
    fail(`${where} must be an array of ${kinds.join(', ')}.`);
  }
}

function checkKindedList(value: unknown, where: string): void {
  if (!Array.isArray(value)) fail(`${where} must be an array.`);
  (value as unknown[]).forEach((entry, index) => {
    const at = `${where}[${index}]`;
    if (typeof entry === 'string') return checkName(entry, at);
    if (!isRecord(entry)) return fail(`${at} must be a name or { name, kinds }.`);
    checkObject(entry, at, ['name', 'kinds']);
    checkName(entry['name'], `${at}.name`);
    if (entry['kinds'] !== undefined) checkKinds(entry['kinds'], `${at}.kinds`, allTaintKinds);
  });
}

/**
 * Validates the taint keys of a raw `settings['api-security']` object and ignores the others.
 * Throws an error naming the wrong key or value.
 */
export function validateTaintSettings(raw: Record<string, unknown>, where = `settings['${SETTINGS_KEY}']`): void {
  const sources = raw['sources'];
  if (sources !== undefined) {
    if (!Array.isArray(sources)) fail(`${where}.sources must be an array of names.`);
    (sources as unknown[]).forEach((entry, index) => checkName(entry, `${where}.sources[${index}]`));
  }
  if (raw['sanitizers'] !== undefined) checkKindedList(raw['sanitizers'], `${where}.sanitizers`);
  if (raw['validators'] !== undefined) checkKindedList(raw['validators'], `${where}.validators`);
  const sinks = raw['sinks'];
  if (sinks !== undefined) {
    if (!Array.isArray(sinks)) fail(`${where}.sinks must be an array of { name, kind, argument }.`);
    (sinks as unknown[]).forEach((entry, index) => {
      const at = `${where}.sinks[${index}]`;
      if (!isRecord(entry)) return fail(`${at} must be an object { name, kind, argument }.`);
      checkObject(entry, at, ['name', 'kind', 'argument']);
      checkName(entry['name'], `${at}.name`);
      if (typeof entry['kind'] !== 'string' || !(SINK_KINDS as readonly string[]).includes(entry['kind'])) {
        fail(`${at}.kind must be one of ${SINK_KINDS.join(', ')}.`);
      }
      const argument = entry['argument'];
      if (argument !== undefined && (typeof argument !== 'number' || !Number.isInteger(argument) || argument < 0)) {
        fail(`${at}.argument must be a non-negative integer.`);
      }
    });
  }
}

const cache = new WeakMap<object, TaintSettings>();

/**
 * Reads the taint keys from `settings['api-security']` (validated once per settings object).
 * Until `getSettings` validates them, this is the only reader.
 */
export function readTaintSettings(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): TaintSettings {
  const raw: unknown = context.settings[SETTINGS_KEY];
  if (!isRecord(raw)) return DEFAULTS;
  const cached = cache.get(raw);
  if (cached) return cached;
  validateTaintSettings(raw);
  const settings: TaintSettings = {
    sources: (raw['sources'] as string[] | undefined) ?? [],
    sanitizers: (raw['sanitizers'] as TaintSettings['sanitizers'] | undefined) ?? [],
    validators: (raw['validators'] as TaintSettings['validators'] | undefined) ?? [],
    sinks: (raw['sinks'] as SinkSetting[] | undefined) ?? [],
  };
  cache.set(raw, settings);
  return settings;
}

registerSettingsValidator((raw) => validateTaintSettings(raw));
