import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { describe, expect, it } from 'vitest';
import { generateFsSinks } from '../../scripts/generate-fs-sinks.mjs';
import { nosqlSanitizingMiddleware, propertyPathReaders, sanitizers, validatorGuards } from '../../src/models/sanitizers.js';
import { typeboxSchemas } from '../../src/models/frameworks/request-inputs.js';
import { fallbackSinkModels, htmlJsxAttributes, fsExtraPathFunctions, fsPathFunctions, fsPromisesPathFunctions, globalSinkModels, responseSinkModels, returnedBodySinkModels, returnedResponseSinkModels, sinkModels } from '../../src/models/sinks/index.js';
import pathTraversal from '../../src/rules/no-path-traversal.js';

// Every taint model entry is tested: its library and the function it names appear in a rule test,
// as the secrets model's entries do. Adding a sink or sanitizer without a test fails here.

const TESTS = fileURLToPath(new URL('..', import.meta.url));
const corpus = ['rules', 'analysis']
  .flatMap((directory) => readdirSync(`${TESTS}${directory}`).filter((file) => file.endsWith('.test.ts')).map((file) => readFileSync(`${TESTS}${directory}/${file}`, 'utf8')))
  .join('\n');

const imports = (module: string): boolean => corpus.includes(`'${module}'`) || corpus.includes(`"${module}"`);
/** The names of the last `Member[...]` of an access path (the function called), or of the module itself. */
function calledNames(path: string): string[] {
  const members = [...path.matchAll(/Member\[([^\]]+)\]/g)].map((match) => match[1]!.split(','));
  return members.at(-1) ?? [];
}
const called = (name: string): boolean => new RegExp(`(?:^|[^\\w$])${name.replace(/\$/g, '\\$')}\\s*(?:\\(|\`)`, 'm').test(corpus);

describe('taint models', () => {
  it('names every import-tracked and global sink in a test', () => {
    const untested: string[] = [];
    for (const models of Object.values(sinkModels)) {
      for (const model of models) {
        const modules = typeof model.module === 'string' ? [model.module] : model.module;
        const names = calledNames(model.path);
        // Generated fs tables are checked one function at a time below.
        if (model.kind === 'path') continue;
        if (!modules.some(imports) || (names.length > 0 && !names.some(called))) untested.push(`${model.library} ${model.path}`);
      }
    }
    for (const models of Object.values(globalSinkModels)) for (const model of models) if (!called(model.name.split('.').at(-1)!)) untested.push(model.name);
    for (const models of Object.values(responseSinkModels)) for (const model of models) if (!model.methods.some(called)) untested.push(`${model.library} ${model.methods.join()}`);
    for (const models of Object.values(fallbackSinkModels)) for (const model of models) if (!model.methods.some(called)) untested.push(`${model.library} ${model.methods.join()}`);
    // A returned response object: a test returns one that sets the checked header or property.
    for (const models of Object.values(returnedResponseSinkModels)) {
      for (const model of models) {
        // A nested property (`redirect.destination`) is written as nested object literals.
        const checked = model.header ?? model.property ?? model.nested?.join(String.raw`: \{ `) ?? '';
        if (!new RegExp(`return \\{[^\\n]*\\b${checked}:`, 'i').test(corpus)) untested.push(`${model.library} ${checked}`);
      }
    }
    // A returned body: a test declares the HTML type the way the model reads it.
    for (const models of Object.values(returnedBodySinkModels)) {
      for (const model of models) {
        // A redirect decorator (`@Redirect(url)`): a test decorates a method with it, from its package.
        if (model.redirect) {
          if (!(model.decorators ?? []).some((name) => corpus.includes(`@${name}(`)) || !model.redirect.modules.every(imports)) untested.push(`${model.library} redirect`);
          continue;
        }
        const declared = model.declared === 'decorator' ? (model.decorators ?? []).some((name) => corpus.includes(`@${name}('Content-Type', 'text/html')`)) : /reply\.(?:type|header)\([^\n]*html[^\n]*\n\s*return /.test(corpus);
        if (!declared || !imports(model.library === 'nest' ? '@nestjs/common' : model.library)) untested.push(`${model.library} returned body`);
      }
    }
    // A header of a response init (`new Response(null, { status: 302, headers: { Location } })`): a test constructs one that sets it.
    for (const model of [...Object.values(sinkModels), ...Object.values(globalSinkModels)].flat()) {
      if (!('header' in model) || model.header === undefined) continue;
      const constructed = 'name' in model ? model.name : (calledNames(model.path)[0] ?? '');
      if (!new RegExp(`new ${constructed}\\([^\\n]*headers: \\{ ${model.header}:`, 'i').test(corpus)) untested.push(`${model.library} ${constructed} ${model.header}`);
    }
    // A JSX attribute that writes markup: a test gives it the object with the written property.
    for (const model of htmlJsxAttributes) if (!corpus.includes(`${model.attribute}={{ ${model.property}:`)) untested.push(`${model.library} ${model.attribute}`);
    expect(untested).toEqual([]);
  });

  it('reads a request path with every property path reader in a test', () => {
    // Each module is imported, and its function called on the request with a path.
    const untested: string[] = propertyPathReaders.flatMap((model) => model.module.filter((module) => !imports(module)));
    if (!/get\(req, '/.test(corpus)) untested.push('get(req, path)');
    expect(untested).toEqual([]);
  });

  it('names every sanitizer and validator in a test', () => {
    const untested: string[] = [];
    for (const model of sanitizers) {
      if (model.module === null) {
        const name = model.path.endsWith('.*') ? model.path.slice(0, -2) : model.path;
        if (!corpus.includes(name)) untested.push(model.path);
        continue;
      }
      const names = calledNames(model.path);
      const constructs = model.path.endsWith('Instance');
      if (!imports(model.module) || (names.length > 0 && !names.some((name) => (constructs ? corpus.includes(`new ${name}`) || corpus.includes(`.${name}(`) : called(name))))) {
        untested.push(`${model.module} ${model.path}`);
      }
    }
    for (const model of validatorGuards) if (!calledNames(model.path).some(called)) untested.push(model.path);
    for (const model of nosqlSanitizingMiddleware) if (!imports(model.module) || !corpus.includes(`${model.disabledBy}: true`)) untested.push(model.module);
    for (const module of typeboxSchemas.modules) if (!imports(module)) untested.push(module);
    expect(untested).toEqual([]);
  });

  it('keeps the fs table generated from the installed @types/node', () => {
    const committed = readFileSync(new URL('../../src/models/sinks/fs-functions.ts', import.meta.url), 'utf8');
    expect(committed).toBe(generateFsSinks());
  });
});

// Every path-taking function of fs, fs/promises, fs.promises and fs-extra, at every path position.
const ruleTester = new RuleTester();
const callsOf = (receiver: string, table: Readonly<Record<string, readonly number[]>>): string[] =>
  Object.entries(table).map(([name, indexes]) => {
    const max = Math.max(...indexes);
    const args = Array.from({ length: max + 1 }, (_, index) => (indexes.includes(index) ? 'req.query.p' : "'/tmp/x'"));
    return `  ${receiver}.${name}(${args.join(', ')});`;
  });
const lines = [
  ...callsOf('fs', fsPathFunctions),
  ...callsOf('fsp', fsPromisesPathFunctions),
  ...callsOf('fs.promises', fsPromisesPathFunctions),
  ...callsOf('fse', fsExtraPathFunctions),
];
const HEADER = "import express from 'express';\nimport fs from 'node:fs';\nimport fsp from 'fs/promises';\nimport fse from 'fs-extra';\nconst app = express();\napp.get('/f', async (req, res) => {";
const code = `${HEADER}\n${lines.join('\n')}\n});`;
const errors = lines.flatMap((line, index) =>
  [...line.matchAll(/req\.query\.p/g)].map((match) => ({ messageId: 'pathTraversal' as const, line: index + 7, column: match.index + 1, endColumn: match.index + 12 })),
);

ruleTester.run('no-path-traversal: every modelled fs function', pathTraversal, {
  valid: [{ name: 'the same calls on fixed paths', code: code.replaceAll('req.query.p', "'/srv/data/file'") }],
  invalid: [{ name: 'request input at every path position', code, errors }],
});
