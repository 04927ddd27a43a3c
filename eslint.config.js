// Self-lint: the plugin's own code, with the rules a serious ESLint plugin is held to.
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'examples/**', 'tests/fixtures/**', 'coverage/**', '.cache/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.strict],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  regexp.configs['flat/recommended'],
  { files: ['src/rules/**/*.ts'], ...eslintPlugin.configs.recommended },
);
