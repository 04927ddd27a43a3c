import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { documentedOptions, documentedSettings, ruleNames } from './documented-options.js';
import { configWith } from './harness.js';

/*
 * The options and settings the docs show are valid and cover every option; invalid options and
 * settings stop the run with a message that names the problem, never with a crash inside a rule.
 */

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema };

const objectSchema = (rule: string): Schema | undefined => {
  const schema = plugin.rules[rule as keyof typeof plugin.rules]?.meta.schema;
  return Array.isArray(schema) ? (schema[0] as Schema | undefined) : undefined;
};

const lint = (rules: Linter.RulesRecord, settings: Record<string, unknown> = {}): Linter.LintMessage[] =>
  new Linter().verify("app.get('/x', (req, res) => res.send(req.query.q));\n", configWith(rules, settings), 'app.js');

/** The error `lint` throws, or a marker when it does not throw. */
const errorOf = (rules: Linter.RulesRecord, settings: Record<string, unknown> = {}): string => {
  try {
    lint(rules, settings);
    return '(accepted)';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

/** A value of the wrong JSON type for a property of the given schema. */
const wrongValue = (schema: Schema): unknown => {
  switch (schema.type) {
    case 'array':
      return 'not-an-array';
    case 'boolean':
      return 'yes';
    case 'number':
    case 'integer':
      return 'three';
    default:
      return 42;
  }
};

const documented = documentedOptions();

describe('documented options', () => {
  it.each(ruleNames)('%s: the docs show every option of the schema, and each shown configuration is valid', (rule) => {
    const properties = Object.keys(objectSchema(rule)?.properties ?? {});
    const shown = documented.get(rule)!;
    const shownKeys = new Set(shown.flatMap((options) => options.flatMap((option) => Object.keys(option as object))));
    expect(properties.filter((property) => !shownKeys.has(property)), 'options missing from the docs examples').toEqual([]);
    for (const options of shown) {
      expect(errorOf({ [`api-security/${rule}`]: ['error', ...options] as Linter.RuleEntry }), JSON.stringify(options)).toBe('(accepted)');
    }
  });

  it('the README settings example is valid and shows every settings key', () => {
    const settings = documentedSettings();
    const known = /Known keys: (?<keys>[^.]+)\./u.exec(
      errorOf({ 'api-security/no-sql-injection': 'error' }, { 'api-security': { notAKey: true } }),
    )?.groups?.['keys']?.split(', ');
    expect(known?.length).toBeGreaterThan(10);
    expect(Object.keys(settings['api-security'] as object).sort()).toEqual([...known!].sort());
    for (const rule of ruleNames) {
      expect(errorOf({ [`api-security/${rule}`]: 'error' }, settings), rule).toBe('(accepted)');
    }
  });
});

describe('invalid options are rejected by the schema with a message', () => {
  const cases = ruleNames.flatMap((rule) => {
    const properties = objectSchema(rule)?.properties ?? {};
    return [
      [rule, 'an unknown option', [{ notAnOption: true }], /Unexpected property "notAnOption"\. Expected properties: /u] as const,
      [rule, 'a second options object', [{}, {}], /should NOT have more than 1 items/u] as const,
      ...Object.entries(properties).map(
        ([property, schema]) =>
          [rule, `${property} of the wrong type`, [{ [property]: wrongValue(schema) }], new RegExp(`should be ${schema.type}`, 'u')] as const,
      ),
      ...Object.entries(properties)
        .filter(([, schema]) => schema.type === 'array' && schema.items?.type === 'string')
        .map(([property]) => [rule, `${property} with a non-string entry`, [{ [property]: [7] }], /should be string/u] as const),
    ];
  });

  it.each(cases)('%s: %s', (rule, _, options, message) => {
    const error = errorOf({ [`api-security/${rule}`]: ['error', ...options] as Linter.RuleEntry });
    expect(error).toContain(`Key "api-security/${rule}"`);
    expect(error).toMatch(message);
  });
});

describe('invalid settings stop the run with a message naming the key', () => {
  it.each(ruleNames)('%s', (rule) => {
    const error = errorOf({ [`api-security/${rule}`]: 'error' }, { 'api-security': { authMiddlewares: ['requireAuth'] } });
    expect(error).toMatch(/settings\['api-security'\]\.authMiddlewares/u);
    expect(errorOf({ [`api-security/${rule}`]: 'error' }, { 'api-security': { sources: 'getInput' } })).toMatch(/sources/u);
  });
});
