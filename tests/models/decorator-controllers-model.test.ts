import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { decoratorControllers, type DecoratorControllerModel } from '../../src/models/frameworks/decorator-controllers.js';
import plugin from '../../src/index.js';
import { routesOf } from '../helpers/routes.js';

/*
 * Every entry of the decorator-controller table does what it says: each controller and route
 * decorator registers a route (method and joined path), each parameter decorator injects request
 * input into a SQL text (or none, when the table says its value is not input), and each middleware
 * decorator puts a guard in front of the route. Imported from each of the framework's packages.
 */

function sqlFindings(code: string): number {
  const linter = new Linter({ configType: 'flat' });
  const messages = linter.verify(code, [{
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser as never },
    plugins: { 'api-security': plugin as never },
    rules: { 'api-security/no-sql-injection': 'error' },
  }], 'src/controller.ts');
  const fatal = messages.find((message) => message.fatal === true || message.ruleId === null);
  if (fatal) throw new Error(fatal.message);
  return messages.length;
}

const firstRoute = (model: DecoratorControllerModel): string => Object.keys(model.routes).find((name) => model.routes[name]!.method !== 'ARGUMENT')!;
/** The controller decorator's import and use; none for a framework whose controllers need none (LoopBack). */
const controllerImport = (model: DecoratorControllerModel): string => (Object.keys(model.controllers)[0] ?? '');
const controllerUse = (model: DecoratorControllerModel): string => {
  const name = Object.keys(model.controllers)[0];
  return name === undefined ? '' : `@${name}('api') `;
};
const prefix = (model: DecoratorControllerModel): string => (Object.keys(model.controllers).length > 0 ? '/api' : '');
const imports = (...names: string[]): string => [...new Set(names.filter((name) => name !== '').map((name) => name.split('.')[0]!))].join(', ');
/** How a test writes a parameter decorator: `param.path` is written with a type, `param.path.string`. */
const written = (name: string, parameter: DecoratorControllerModel['parameters'][string]): string => (parameter.typedByName === true ? `${name}.string` : name);

describe.each(decoratorControllers.map((model) => [model.framework, model] as const))('%s', (_framework, model) => {
  it.each(model.modules.map((module) => [module]))('registers every route decorator imported from %s', (module) => {
    for (const [name, route] of Object.entries(model.routes)) {
      const args = route.method === 'ARGUMENT' ? `'patch', 'items/x'` : `'items/x'`;
      const code = `import { ${imports(controllerImport(model), name)} } from '${module}';
${controllerUse(model)}export class C { @${name}(${args}) m() { return 1; } }`;
      expect(routesOf(code).map((found) => [found.framework, found.methods[0], found.path]), name).toEqual([[model.framework, route.method === 'ARGUMENT' ? 'PATCH' : route.method, `${prefix(model)}/items/x`]]);
    }
  });

  it('reads every parameter decorator as the table says', () => {
    const module = model.modules[0]!;
    for (const [name, parameter] of Object.entries(model.parameters)) {
      // `@Req() v` is the request: its query is read; any other input is used as it is.
      const used = parameter.member === '' ? 'v.query.k' : 'v';
      const code = `import { ${imports(controllerImport(model), firstRoute(model), name)} } from '${module}';
import { Pool } from 'pg';
const pool = new Pool();
${controllerUse(model)}export class C { @${firstRoute(model)}('x') m(@${written(name, parameter)}('k') v: any) { return pool.query('SELECT ' + ${used}); } }`;
      expect(sqlFindings(code), name).toBe(parameter.member === null ? 0 : 1);
    }
  });

  it('puts every middleware decorator in front of the route', () => {
    const module = model.modules[0]!;
    for (const [name, middleware] of Object.entries(model.middleware)) {
      const leading = Array.from({ length: middleware.from }, () => `'x'`);
      const onClass = Object.hasOwn(model.controllers, name);
      const code = onClass
        ? `import { ${imports(name, firstRoute(model))} } from '${module}';
const mw = (req: unknown, res: unknown, next: () => void) => next();
@${name}(${[...leading, 'mw'].join(', ')}) export class C { @${firstRoute(model)}('y') m() { return 1; } }`
        : Object.hasOwn(model.routes, name)
          // A route decorator that takes middleware after its path (`@httpGet('/', mw)`).
          ? `import { ${imports(controllerImport(model), name)} } from '${module}';
const mw = (req: unknown, res: unknown, next: () => void) => next();
${controllerUse(model)}export class C { @${name}(${[...(model.routes[name]!.method === 'ARGUMENT' ? [`'get'`] : []), `'y'`, 'mw'].join(', ')}) m() { return 1; } }`
          : `import { ${imports(controllerImport(model), firstRoute(model), name)} } from '${module}';
const mw = (req: unknown, res: unknown, next: () => void) => next();
${controllerUse(model)}export class C { @${firstRoute(model)}('y') @${name}(${[...leading, 'mw'].join(', ')}) m() { return 1; } }`;
      const routes = routesOf(code);
      const guards = routes.flatMap((route) => route.guards);
      expect(guards, name).toContain(`middleware:${onClass ? 'class' : 'route'}:mw`);
    }
  });
});
