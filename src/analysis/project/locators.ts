import { diContainers } from '../../models/frameworks/di-containers.js';
import { graphqlServerModules } from '../../models/frameworks/graphql.js';
import { readProjectFile } from '../routes/project-files.js';
import type { ProjectIndex } from './index.js';

/*
 * Service locators: files that hand the functions of the modules they import to code that imports
 * neither them nor those modules. A Fastify plugin decorates the instance (`app.decorate('webhooks',
 * createWebhookService(deps))`, called as `app.webhooks.test()` in a route module); a GraphQL server
 * builds the context its resolvers read (`context: () => ({ services: { products: new
 * ProductService() } })`); a DI container registers classes that a route module looks up by name
 * (`container.resolve('ticketService')`). The callers of such a module are found among the files
 * around the locator: the modules that wire it (its importers) and the modules they wire with it
 * (theirs imports), and, for a GraphQL server, the resolver modules it imports (two levels, through
 * a resolver index).
 */

const isFastifySpecifier = (specifier: string): boolean => specifier === 'fastify' || specifier === 'fastify-plugin' || specifier.startsWith('@fastify/');
const isGraphqlServer = (specifier: string): boolean => graphqlServerModules.some((module) => specifier === module || specifier.startsWith(`${module}/`));
const isContainer = (specifier: string): boolean => diContainers.some((model) => model.module === specifier);

const DECORATES = /\.decorate\s*\(/;
const BUILDS_CONTEXT = /\b(?:context|dataSources)\s*:/;

/**
 * The files that may call what the locator `file` hands out, when `file` is one (else none): its
 * importers and their imports, and for a GraphQL server its imports and theirs. Each list is read
 * from the import scan; the caller bounds how many files it visits.
 */
export function locatorConsumers(index: ProjectIndex, file: string): string[] {
  const specifiers = index.importsOf(file).map((entry) => entry.specifier);
  const fastify = specifiers.some(isFastifySpecifier);
  const graphql = specifiers.some(isGraphqlServer);
  if (!fastify && !graphql && !specifiers.some(isContainer)) return [];
  const text = fastify || graphql ? (readProjectFile(file) ?? '') : '';
  const server = graphql && BUILDS_CONTEXT.test(text);
  if (!specifiers.some(isContainer) && !server && !(fastify && DECORATES.test(text))) return [];
  const found: string[] = [];
  for (const wiring of index.importersOf(file)) {
    found.push(wiring);
    for (const entry of index.importsOf(wiring)) if (entry.file !== null) found.push(entry.file);
  }
  if (server) {
    for (const entry of index.importsOf(file)) {
      if (entry.file === null) continue;
      found.push(entry.file);
      for (const inner of index.importsOf(entry.file)) if (inner.file !== null) found.push(inner.file);
    }
  }
  return found;
}
