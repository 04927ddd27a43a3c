import type { TSESLint } from '@typescript-eslint/utils';
import { boundedPattern, patternProblem, slashPattern } from './patterns.js';

/**
 * A declaration of how the routes of some files are mounted by code the rule cannot see
 * (another file, without type information).
 */
export interface MountDeclaration {
  /** Glob (matched against the path relative to the working directory) of the files it covers. */
  files: string;
  /** Path prefix the routes of these files are mounted under, e.g. `/admin`. */
  prefix?: string;
  /** Names of the middleware the mount runs before these routes, e.g. `requireAuth`. */
  middleware?: string[];
  /** The mount is known to authenticate (or is known to be public: `false`). */
  authenticated?: boolean;
}

/** The team vocabulary read from `settings['api-security']`, with every key filled. */
export interface ApiSecuritySettings {
  /** Middleware, hook and helper names (or `/regex/`) that authenticate a request. */
  authMiddleware: string[];
  /** NestJS guard class names (or `/regex/`) that authenticate. */
  authGuards: string[];
  /** Calls inside a handler (or `/regex/`) that return the session or user, e.g. `getSession`. */
  authCalls: string[];
  /** Decorators (or `/regex/`) that mark a NestJS route or controller public. */
  publicDecorators: string[];
  /** Path patterns of intentionally public routes (globs: `*` one segment, `**` any). */
  publicRoutes: string[];
  /** Middleware, guard or call names (or `/regex/`) that check roles or permissions. */
  roleChecks: string[];
  /**
   * Path patterns whose routes must pass a role or permission check (`require-role-check`), or
   * null when the team states none (the rule's defaults apply).
   */
  roleRequiredRoutes: string[] | null;
  /** How the routes of given files are mounted elsewhere. */
  mounts: MountDeclaration[];
}

export const SETTINGS_KEY = 'api-security';

const DEFAULTS: ApiSecuritySettings = {
  authMiddleware: [],
  authGuards: [],
  authCalls: [],
  publicDecorators: [],
  publicRoutes: [],
  roleChecks: [],
  roleRequiredRoutes: null,
  mounts: [],
};

type Validator = (value: unknown, where: string) => void;

class SettingsError extends Error {
  constructor(message: string) {
    super(`eslint-plugin-api-security: invalid settings['${SETTINGS_KEY}']: ${message}`);
    this.name = 'SettingsError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const stringList: Validator = (value, where) => {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
    throw new SettingsError(`${where} must be an array of non-empty strings.`);
  }
};

/**
 * Why a name entry cannot be used (a `/pattern/flags` entry that does not compile, keeps state
 * between tests, or can take super-linear time), or null. Shared by every option and setting that
 * takes names, so they all refuse the same patterns with the same words.
 */
export function namePatternProblem(entry: string): string | null {
  const pattern = slashPattern(entry);
  return pattern === null ? null : patternProblem(pattern.source, pattern.flags);
}

/** A list of names where `/pattern/flags` entries are regular expressions. */
const nameList: Validator = (value, where) => {
  stringList(value, where);
  for (const item of value as string[]) {
    const problem = namePatternProblem(item);
    if (problem !== null) throw new SettingsError(`${where} contains ${JSON.stringify(item)}, which ${problem}.`);
  }
};

const mountList: Validator = (value, where) => {
  if (!Array.isArray(value)) throw new SettingsError(`${where} must be an array of mount declarations.`);
  value.forEach((mount: unknown, index) => {
    const at = `${where}[${index}]`;
    if (!isRecord(mount)) throw new SettingsError(`${at} must be an object.`);
    checkKeys(mount, at, {
      files: (v, w) => {
        if (typeof v !== 'string' || v === '') throw new SettingsError(`${w} must be a non-empty glob string.`);
      },
      prefix: (v, w) => {
        if (typeof v !== 'string' || !v.startsWith('/')) throw new SettingsError(`${w} must be a path starting with '/'.`);
      },
      middleware: nameList,
      authenticated: (v, w) => {
        if (typeof v !== 'boolean') throw new SettingsError(`${w} must be true or false.`);
      },
    });
    if (mount['files'] === undefined) throw new SettingsError(`${at}.files is required.`);
  });
};

/**
 * Keys owned by an analysis module, which validates them through `registerSettingsValidator`
 * (taint: `src/analysis/taint/settings.ts`; exposure: `src/analysis/exposure/settings.ts`). Listed here so that the check for unknown keys
 * accepts them without this module depending on the analyses.
 */
const ANALYSIS_KEYS: readonly string[] = [
  'sources', 'sanitizers', 'validators', 'sinks',
  'sensitiveFields', 'sensitiveModels', 'protectedFields',
];

function checkKeys(
  object: Record<string, unknown>,
  where: string,
  validators: Record<string, Validator>,
  extraKeys: readonly string[] = [],
): void {
  for (const [key, value] of Object.entries(object)) {
    if (extraKeys.includes(key)) continue;
    // Own keys only: `constructor` or a `__proto__` key read from JSON must not find Object.prototype.
    const validate = Object.hasOwn(validators, key) ? validators[key] : undefined;
    if (validate === undefined) {
      throw new SettingsError(
        `unknown key ${where}.${key}. Known keys: ${[...Object.keys(validators), ...extraKeys].join(', ')}.`,
      );
    }
    validate(value, `${where}.${key}`);
  }
}

const VALIDATORS: Record<keyof ApiSecuritySettings, Validator> = {
  authMiddleware: nameList,
  authGuards: nameList,
  authCalls: nameList,
  publicDecorators: nameList,
  publicRoutes: stringList,
  roleChecks: nameList,
  roleRequiredRoutes: stringList,
  mounts: mountList,
};

const sectionValidators: ((raw: Record<string, unknown>) => void)[] = [];

/**
 * Lets an analysis module validate the keys it owns together with the shared ones, so a wrong
 * value stops the run in every file, not only in files where that analysis happens to run.
 */
export function registerSettingsValidator(validate: (raw: Record<string, unknown>) => void): void {
  sectionValidators.push(validate);
}

const cache = new WeakMap<object, ApiSecuritySettings>();
const EMPTY = {};

/**
 * Reads and validates `settings['api-security']`. Validation runs once per settings object;
 * a wrong key or value throws an error that names it, so a typo does not silently turn a check off.
 */
export function getSettings(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ApiSecuritySettings {
  const raw: unknown = context.settings[SETTINGS_KEY] ?? EMPTY;
  if (!isRecord(raw)) throw new SettingsError('it must be an object.');
  const cached = cache.get(raw);
  if (cached) return cached;
  checkKeys(raw, `settings['${SETTINGS_KEY}']`, VALIDATORS, ANALYSIS_KEYS);
  for (const validate of sectionValidators) validate(raw);
  const settings: ApiSecuritySettings = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as (keyof ApiSecuritySettings)[]) {
    if (raw[key] !== undefined) (settings as unknown as Record<string, unknown>)[key] = raw[key];
  }
  cache.set(raw, settings);
  return settings;
}

/**
 * Turns name and `/regex/flags` entries into a matcher on a dotted name: an exact entry matches the
 * whole name, its last segment, or (when dotted itself) its trailing segments. Patterns see names of
 * at most MAX_PATTERN_INPUT characters (see `utils/patterns.ts`).
 */
export function nameMatcher(entries: readonly string[]): (name: string) => boolean {
  const exact = new Set<string>();
  const patterns: ((name: string) => boolean)[] = [];
  for (const entry of entries) {
    const pattern = slashPattern(entry);
    if (pattern !== null) patterns.push(boundedPattern(pattern.source, pattern.flags));
    else exact.add(entry);
  }
  const dotted = [...exact].filter((entry) => entry.includes('.'));
  return (name) => {
    if (exact.has(name)) return true;
    const last = name.slice(name.lastIndexOf('.') + 1);
    if (exact.has(last)) return true;
    // `webhooks.constructEvent` also names `stripe.webhooks.constructEvent`.
    if (dotted.some((entry) => name.endsWith(`.${entry}`))) return true;
    return patterns.some((pattern) => pattern(name));
  };
}
