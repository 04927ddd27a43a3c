import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { crossFileTarget } from '../../src/analysis/project/calls.js';
import { importSpecifiers, projectIndexOf } from '../../src/analysis/project/index.js';
import { parseProjectFile } from '../../src/analysis/project/parse.js';
import { writeProject } from '../helpers/project.js';

/*
 * The project model's index: which files a project has, which import which, and which function of
 * another file a call runs, read from the code alone (no type information).
 */

/** The target of every call in `file` whose callee text is `callee`, as `file:name`. */
function targetsOf(dir: string, file: string, callee: string): string[] {
  const module = parseProjectFile(path.join(dir, file));
  if (!module) throw new Error(`${file} does not parse`);
  const found: string[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.CallExpression && module.sourceCode.getText(node.callee) === callee) {
      const target = crossFileTarget(node.callee, module.sourceCode);
      found.push(target ? `${path.relative(dir, target.module.file)}:${target.name}:${String(target.fn.loc.start.line)}` : 'none');
    }
    for (const value of Object.values(node)) {
      if (value && typeof value === 'object' && value !== node.parent) {
        for (const child of Array.isArray(value) ? value : [value]) {
          if (child && typeof (child as TSESTree.Node).type === 'string' && child !== node.parent) visit(child as TSESTree.Node);
        }
      }
    }
  };
  visit(module.program);
  return found;
}

describe('project index', () => {
  it('lists source files, skipping dependencies, build output, generated bundles, fixtures and declaration files', () => {
    const dir = writeProject({
      'src/app.ts': 'export const a = 1;',
      'src/lib/db.js': 'module.exports = {};',
      'src/types.d.ts': 'export type X = 1;',
      'node_modules/pkg/index.js': '',
      'dist/app.js': '',
      'core/built/admin/assets/vendor.js': '',
      'src/public/bundle.js': `var a = 1;\n${' '.repeat(1_100_000)}`,
      'test/fixtures/sample.ts': '',
      '.cache/x.ts': '',
    });
    const index = projectIndexOf(path.join(dir, 'src/app.ts'))!;
    expect([...index.files()].map((file) => path.relative(dir, file)).sort()).toEqual(['src/app.ts', 'src/lib/db.js']);
  });

  it('leaves minified bundles out of the files it searches, but keeps readable compiled code with an inline source map', () => {
    // A bundler's output: a few lines thousands of characters long (a Storybook build next to the server).
    const minified = `"use strict";${Array.from({ length: 6 }, (_, i) => `var f${String(i)}=function(a){return a.map(function(b){return b+${String(i)}})};`.repeat(60)).join('\n')}`;
    // tsc/babel output: readable lines, then the whole source map on one line.
    const compiled = `"use strict";\n${'exports.handler = function handler(req, res) {\n  res.json({ ok: true });\n};\n'.repeat(40)}//# sourceMappingURL=data:application/json;base64,${'QUJD'.repeat(5000)}\n`;
    // Hand-written code with one long embedded data line among readable code stays.
    const avatar = `const express = require('express');\nconst SVG = '${'<path d="M0 0"/>'.repeat(1500)}';\n${'function draw(name) {\n  return SVG.replace("x", name);\n}\n'.repeat(500)}`;
    const dir = writeProject({
      'src/app.js': "require('./compiled');",
      'src/compiled.js': compiled,
      'src/avatar.js': avatar,
      'storybook-static/main.iframe.bundle.js': minified,
    });
    const index = projectIndexOf(path.join(dir, 'src/app.js'))!;
    expect(minified.length).toBeGreaterThan(10_000);
    expect([...index.files()].map((file) => path.relative(dir, file)).sort()).toEqual(['src/app.js', 'src/avatar.js', 'src/compiled.js']);
    // Still a file of the project: an import of it resolves, and a linted bundle is in the project.
    expect(index.has(path.join(dir, 'storybook-static/main.iframe.bundle.js'))).toBe(true);
  });

  it('is not built for code linted under a name that is not on disk', () => {
    expect(projectIndexOf(path.join(writeProject({}), 'made-up.ts'))).toBeNull();
  });

  it('answers who imports a file, through every import spelling, and sees edits', () => {
    const dir = writeProject({
      'src/repo.ts': 'export function find() {}',
      'src/esm.ts': "import { find } from './repo.js';",
      'src/cjs.js': "const repo = require('./repo');",
      'src/lazy.ts': "const repo = await import('./repo');",
      'src/reexport.ts': "export * from './repo';",
      'src/other.ts': "import express from 'express'; // from './repo'",
    });
    const index = projectIndexOf(path.join(dir, 'src/repo.ts'))!;
    const importers = () => index.importersOf(path.join(dir, 'src/repo.ts')).map((file) => path.relative(dir, file)).sort();
    expect(importers()).toEqual(['src/cjs.js', 'src/esm.ts', 'src/lazy.ts', 'src/reexport.ts']);
    const other = path.join(dir, 'src/other.ts');
    writeFileSync(other, "import { find } from './repo';\n");
    const later = new Date(Date.now() + 5_000);
    utimesSync(other, later, later);
    utimesSync(path.dirname(other), later, later);
    // The graph is revalidated once it is older than its time to live.
    return new Promise<void>((resolve) => {
      setTimeout(() => {
        expect(importers()).toContain('src/other.ts');
        resolve();
      }, 1_100);
    });
  });

  it('moves its generation when a file is edited or added, and only then', async () => {
    const dir = writeProject({
      'src/app.ts': "import { find } from './repo';",
      'src/repo.ts': 'export function find() {}',
    });
    const index = projectIndexOf(path.join(dir, 'src/app.ts'))!;
    const repo = path.join(dir, 'src/repo.ts');
    const first = index.generation();
    expect(index.version(repo)).toMatchObject({ size: 'export function find() {}'.length });
    const wait = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1_100));
    // Revalidated after the listing's time to live, with nothing changed: the same generation.
    await wait();
    expect(index.generation()).toBe(first);
    writeFileSync(repo, 'export function find(id: string) { return id; }');
    const later = new Date(Date.now() + 5_000);
    utimesSync(repo, later, later);
    await wait();
    const edited = index.generation();
    expect(edited).not.toBe(first);
    expect(index.version(repo)).toMatchObject({ size: 'export function find(id: string) { return id; }'.length });
    writeFileSync(path.join(dir, 'src/new.ts'), 'export const x = 1;');
    utimesSync(path.dirname(repo), new Date(Date.now() + 10_000), new Date(Date.now() + 10_000));
    await wait();
    expect(index.generation()).not.toBe(edited);
    expect(index.version(path.join(dir, 'src/new.ts'))).not.toBeNull();
  });

  it('reads import specifiers from text without parsing, ignoring comments', () => {
    expect(
      importSpecifiers(`import a from './a';\nimport './side';\nexport { b } from "../b";\nconst c = require('./c');\n// import d from './d'\n/* require('./e') */\nconst f = import('./f');`),
    ).toEqual(['./a', '../b', './side', './c', './f']);
  });
});

describe('which function of another file a call runs', () => {
  it('follows imports, requires, modules, instances and injected services', () => {
    const dir = writeProject({
      'src/repo.ts': [
        'export function findUser(id) { return id; }',
        'export const removeUser = (id) => id;',
        'export default { listUsers(q) { return q; } };',
      ].join('\n'),
      'src/cjs-repo.js': 'function byName(n) { return n; }\nmodule.exports = { byName };\nexports.byMail = function (m) { return m; };',
      'src/users.service.ts': [
        'export class UsersService {',
        '  constructor(db) {}',
        '  find(q) { return q; }',
        '  static create(data) { return data; }',
        '  update = (id, data) => data;',
        '}',
      ].join('\n'),
      'src/singleton.ts': "class Store { get(k) { return k; } }\nexport default new Store();",
      'src/controller.ts': [
        "import listing, { findUser, removeUser as drop } from './repo';",
        "import * as repo from './repo';",
        "import { UsersService } from './users.service';",
        "import store from './singleton';",
        "const cjs = require('./cjs-repo');",
        "const { byName } = require('./cjs-repo');",
        'export class UsersController {',
        '  constructor(private readonly users: UsersService) {}',
        '  private other = new UsersService(null);',
        '  run(q) {',
        '    findUser(q); drop(q); listing.listUsers(q); repo.findUser(q);',
        '    cjs.byName(q); cjs.byMail(q); byName(q);',
        '    this.users.find(q); this.other.update(q, q); UsersService.create(q);',
        '    const fresh = new UsersService(null); fresh.find(q);',
        '    store.get(q);',
        '    local(q); unknown.find(q);',
        '  }',
        '}',
        'function local(q) { return q; }',
        'export const typed = (service: UsersService, q) => service.find(q);',
      ].join('\n'),
    });
    const at = (callee: string) => targetsOf(dir, 'src/controller.ts', callee);
    expect(at('findUser')).toEqual(['src/repo.ts:findUser:1']);
    expect(at('drop')).toEqual(['src/repo.ts:drop:2']);
    expect(at('listing.listUsers')).toEqual(['src/repo.ts:listUsers:3']);
    expect(at('repo.findUser')).toEqual(['src/repo.ts:findUser:1']);
    expect(at('cjs.byName')).toEqual(['src/cjs-repo.js:byName:1']);
    expect(at('cjs.byMail')).toEqual(['src/cjs-repo.js:byMail:3']);
    expect(at('byName')).toEqual(['src/cjs-repo.js:byName:1']);
    expect(at('this.users.find')).toEqual(['src/users.service.ts:UsersService.find:3']);
    expect(at('this.other.update')).toEqual(['src/users.service.ts:UsersService.update:5']);
    expect(at('UsersService.create')).toEqual(['src/users.service.ts:UsersService.create:4']);
    expect(at('fresh.find')).toEqual(['src/users.service.ts:UsersService.find:3']);
    expect(at('store.get')).toEqual(['src/singleton.ts:Store.get:1']);
    expect(at('service.find')).toEqual(['src/users.service.ts:UsersService.find:3']);
    // Functions of the file itself and values from nowhere are not another file's.
    expect(at('local')).toEqual(['none']);
    expect(at('unknown.find')).toEqual(['none']);
  });
});

describe('a field typed with an interface', () => {
  const files = {
    'src/orders.contract.ts': 'export interface IOrdersService {\n  search(q: string): Promise<unknown>;\n}\n',
    'src/orders.service.ts': "import type { IOrdersService } from './orders.contract';\nexport class OrdersService implements IOrdersService {\n  search(q: string) { return Promise.resolve(q); }\n}\n",
    'src/orders.controller.ts': "import type { IOrdersService } from './orders.contract';\nexport class OrdersController {\n  constructor(private readonly orders: IOrdersService) {}\n  list(q: string) { return this.orders.search(q); }\n}\n",
  };

  it('runs the one class of the project that implements it', () => {
    const dir = writeProject(files);
    expect(targetsOf(dir, 'src/orders.controller.ts', 'this.orders.search')).toEqual(['src/orders.service.ts:OrdersService.search:3']);
  });

  it('is not resolved when two classes implement it: which one is injected is not known', () => {
    const dir = writeProject({
      ...files,
      'src/orders.cache.ts': "import type { IOrdersService } from './orders.contract';\nexport class CachedOrders implements IOrdersService {\n  search(q: string) { return Promise.resolve([q]); }\n}\n",
    });
    expect(targetsOf(dir, 'src/orders.controller.ts', 'this.orders.search')).toEqual(['none']);
  });
});

