import type { TSESLint } from '@typescript-eslint/utils';
import type { ProjectModule } from './parse.js';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * A rule context for another file of the project, so that the analyses written for the linted file
 * (routes, taint, exposure) run on it unchanged: the linted file's settings, options and working
 * directory, with the module's own file name and source code. Nothing may be reported through it:
 * findings belong to the file ESLint is linting, so `report` throws (a bug, reported as one).
 */
export function moduleContext(module: ProjectModule, context: AnyContext): AnyContext {
  return Object.create(context, {
    filename: { value: module.file },
    physicalFilename: { value: module.file },
    sourceCode: { value: module.sourceCode },
    getSourceCode: { value: () => module.sourceCode },
    getFilename: { value: () => module.file },
    getPhysicalFilename: { value: () => module.file },
    report: {
      value: () => {
        throw new Error(`a report was made through the context of ${module.file}, which is not the linted file`);
      },
    },
  }) as AnyContext;
}
