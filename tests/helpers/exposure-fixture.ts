import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import ts from 'typescript';

/** The type-aware fixture project of the exposure rules (real TypeORM, Mongoose, Sequelize typings). */
export const fixtureDir = path.resolve(import.meta.dirname, '../fixtures/exposure');
export const typedFile = path.join(fixtureDir, 'file.ts');
export const typedOptions = {
  parserOptions: {
    projectService: { allowDefaultProject: ['*.ts'], defaultProject: 'tsconfig.json' },
    tsconfigRootDir: fixtureDir,
  },
};

/** Type errors of `code` compiled as the fixture's `file.ts` against the real ORM typings. */
export function typeErrors(code: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(fixtureDir, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  });
  if (!config) throw new Error('fixture tsconfig did not load');
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => (path.resolve(fileName) === typedFile ? code : readFile(fileName));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError, shouldCreate) =>
    path.resolve(fileName) === typedFile
      ? ts.createSourceFile(fileName, code, language)
      : getSourceFile(fileName, language, onError, shouldCreate);
  const program = ts.createProgram([typedFile, path.join(fixtureDir, 'entities.ts')], config.options, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(typedFile))
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

/** Every suggestion output `rule` produces for `code` in type-aware mode. */
export function suggestionOutputs(rule: TSESLint.RuleModule<string, readonly unknown[]>, code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(
    code,
    [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tsParser as never, ...typedOptions },
        plugins: { test: { rules: { rule: rule as never } } },
        rules: { 'test/rule': 'error' },
      },
    ],
    typedFile,
  );
  return messages.flatMap((message) =>
    (message.suggestions ?? []).map((suggestion) =>
      code.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + code.slice(suggestion.fix.range[1]),
    ),
  );
}
