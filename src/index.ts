import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import { buildConfigs, type ConfigKey } from './configs/index.js';
import { rules } from './rules/index.js';

const require = createRequire(import.meta.url);
const { name, version } = require('../package.json') as { name: string; version: string };

const plugin = {
  meta: { name, version },
  rules,
  configs: {} as Record<ConfigKey, TSESLint.FlatConfig.Config>,
};

Object.assign(plugin.configs, buildConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin, rules));

export default plugin;
