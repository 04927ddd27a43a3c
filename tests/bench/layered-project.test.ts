import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { writeLayeredProject } from '../../scripts/bench/generate.mjs';

/*
 * The layered projects of `npm run bench` (scripts/bench/generate.mjs) are there to make the rules
 * follow requests across files: routes → controllers → services → repositories, with relative
 * imports and tsconfig `paths` aliases, routers mounted in `app.ts` or through `routes/v2.ts`. These
 * tests check that the generated code is that: TypeScript's own resolver, with the project's
 * tsconfig, finds a project file for every import of a project module.
 */

const temp = mkdtempSync(path.join(os.tmpdir(), 'api-security-layered-'));

afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

/** The module specifiers a file imports (static imports and re-exports). */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      specifiers.push(statement.moduleSpecifier.text);
    }
  }
  return specifiers;
}

describe('layered projects of the bench', () => {
  const dir = path.join(temp, 'layered-125');
  const { files, controllers } = writeLayeredProject(dir, 125);
  const tsconfig = ts.readConfigFile(path.join(dir, 'tsconfig.json'), (file) => ts.sys.readFile(file));
  const { options } = ts.parseJsonConfigFileContent(tsconfig.config, ts.sys, dir);
  const isPackage = (specifier: string): boolean => !specifier.startsWith('.') && !specifier.startsWith('@lib/') && !specifier.startsWith('@services/') && !specifier.startsWith('@repositories/');

  it('has exactly the requested number of source files, one controller per feature', () => {
    expect(files).toHaveLength(125);
    expect(new Set(files).size).toBe(125);
    expect(controllers.length).toBe(20);
    for (const controller of controllers) expect(files).toContain(controller);
  });

  it('imports every project module through a path TypeScript resolves to a generated file, relative and aliased', () => {
    const kinds = { relative: 0, alias: 0 };
    const unresolved: string[] = [];
    for (const file of files) {
      for (const specifier of importsOf(file).filter((name) => !isPackage(name))) {
        kinds[specifier.startsWith('.') ? 'relative' : 'alias'] += 1;
        const resolved = ts.resolveModuleName(specifier, file, options, ts.sys).resolvedModule?.resolvedFileName;
        // The last feature may be cut short by the file count; its model is the only file allowed to be missing.
        if (resolved === undefined || !files.includes(path.resolve(resolved))) unresolved.push(`${path.relative(dir, file)}: ${specifier}`);
      }
    }
    expect(unresolved.filter((entry) => !entry.endsWith('.model'))).toEqual([]);
    expect(kinds.relative).toBeGreaterThan(100);
    expect(kinds.alias).toBeGreaterThan(20);
  });

  it('chains each feature from its router to its repository in four files, and mounts every router', () => {
    const read = (relative: string): string => readFileSync(path.join(dir, relative), 'utf8');
    const mounts = `${read('src/app.ts')}\n${read('src/routes/v2.ts')}`;
    expect(read('src/app.ts')).toContain("app.use('/api/v2', v2);");
    const routers = files.filter((file) => file.endsWith('.routes.ts'));
    expect(routers.length).toBe(20);
    for (const router of routers) {
      const name = path.basename(router, '.routes.ts');
      expect(mounts).toMatch(new RegExp(`\\.use\\('/(?:api/)?${name}', (?:requireAuth, )?${name}Routes\\);`, 'u'));
      expect(importsOf(router)).toContain(`../controllers/${name}.controller`);
      if (!files.includes(path.join(dir, `src/controllers/${name}.controller.ts`))) continue;
      expect(importsOf(path.join(dir, `src/controllers/${name}.controller.ts`))).toContainEqual(expect.stringMatching(new RegExp(`^(?:\\.\\./services/|@services/)${name}\\.service$`, 'u')));
      expect(importsOf(path.join(dir, `src/services/${name}.service.ts`))).toContainEqual(expect.stringMatching(new RegExp(`^(?:\\.\\./repositories/|@repositories/)${name}\\.repository$`, 'u')));
    }
    expect(importsOf(path.join(dir, 'src/lib/auth.ts'))).toEqual(['express', 'jsonwebtoken']);
  });
});

describe('scripts/real-world.mjs as a module', () => {
  it('exports the pinned backends without linting or fetching anything when imported', async () => {
    const log = vi.spyOn(console, 'log');
    const { backends, cacheDir } = await import('../../scripts/real-world.mjs');
    expect(backends.map((backend) => backend.name)).toContain('ghost');
    expect(backends.every((backend) => /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/u.test(backend.version) && backend.dirs.length > 0)).toBe(true);
    expect(cacheDir.endsWith(path.join('.cache', 'real-world'))).toBe(true);
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
  });
});
