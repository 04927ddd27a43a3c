import type { TSESLint } from '@typescript-eslint/utils';
import { defaultProtectedFields, defaultSensitiveFields, defaultSensitiveModels } from '../../models/exposure.js';
import { registerSettingsValidator, SETTINGS_KEY } from '../../utils/settings.js';

/** The exposure vocabulary read from `settings['api-security']`. Entries extend the defaults. */
export interface ExposureSettings {
  /** Field names the client must never receive, e.g. `pinHash`. */
  sensitiveFields: string[];
  /** Entity names whose records hold such fields, e.g. `operator`. */
  sensitiveModels: string[];
  /** Field names a client must never set through a write, e.g. `tier`. */
  protectedFields: string[];
}

/** The keys this module owns in `settings['api-security']`. */
export const EXPOSURE_SETTING_KEYS = ['sensitiveFields', 'sensitiveModels', 'protectedFields'] as const;

class ExposureSettingsError extends Error {
  constructor(message: string) {
    super(`eslint-plugin-api-security: invalid settings['${SETTINGS_KEY}']: ${message}`);
    this.name = 'SettingsError';
  }
}

/**
 * Validates the exposure keys of a raw settings object (other keys are left to the shared
 * validator) and returns them merged with the defaults. Throws an error naming a wrong value.
 */
export function validateExposureSettings(raw: unknown): ExposureSettings {
  const record = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const read = (key: (typeof EXPOSURE_SETTING_KEYS)[number]): string[] => {
    const value = record[key];
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item.trim() === '')) {
      throw new ExposureSettingsError(`settings['${SETTINGS_KEY}'].${key} must be an array of non-empty strings.`);
    }
    return value as string[];
  };
  return {
    sensitiveFields: [...defaultSensitiveFields, ...read('sensitiveFields')],
    sensitiveModels: [...defaultSensitiveModels, ...read('sensitiveModels')],
    protectedFields: [...defaultProtectedFields, ...read('protectedFields')],
  };
}

const cache = new WeakMap<object, ExposureSettings>();
const EMPTY = {};

/** Reads the exposure settings of the current lint run (validated once per settings object). */
export function getExposureSettings(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
): ExposureSettings {
  const raw: unknown = context.settings[SETTINGS_KEY] ?? EMPTY;
  const key = typeof raw === 'object' && raw !== null ? raw : EMPTY;
  const cached = cache.get(key);
  if (cached) return cached;
  const settings = validateExposureSettings(raw);
  cache.set(key, settings);
  return settings;
}

/** Compares field and model names case-insensitively, ignoring `_` and `-`. */
export function normalizeName(name: string): string {
  return name.replace(/[-_]/gu, '').toLowerCase();
}

registerSettingsValidator((raw) => {
  validateExposureSettings(raw);
});
