// The real third-party corpus shared by the robustness tests and `npm run bench`: the sources of
// the web frameworks, drivers, ORMs and libraries that `npm ci` installs as dev dependencies.
// Plain and compiled JavaScript; TypeScript sources (zod, rxjs, mongodb, mobx-keystone);
// declaration files and type-level code (TypeORM, Next.js, @types/node, TypeScript's lib files,
// ts-toolbelt); decorators written in TypeScript (mobx-keystone) and compiled (NestJS). Few
// installed packages ship decorator syntax, so tests/robustness/fuzz.test.ts generates much more.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const root = path.join(import.meta.dirname, '..');

/** Package directories below node_modules, each with the most files taken from it. */
export const CORPUS_PACKAGES = [
  ['express', 100],
  ['koa', 100],
  ['@koa/router', 100],
  ['fastify', 400],
  ['@hapi', 250],
  ['hono/dist', 600],
  ['@nestjs', 900],
  ['typeorm', 1200],
  ['sequelize', 250],
  ['mongoose', 350],
  ['mongodb/src', 150],
  ['knex', 200],
  ['pg', 50],
  ['mysql2', 150],
  ['jsonwebtoken', 30],
  ['typescript/lib', 120],
  ['mobx-keystone/src', 250],
  ['ts-toolbelt', 250],
  ['class-validator', 150],
  ['rxjs/src', 260],
  ['zod/src', 340],
  ['next/dist/server', 500],
  ['@types/node', 150],
  ['@types/express-serve-static-core', 10],
];

const SOURCE = /\.(?:[cm]?js|[cm]?ts|[jt]sx)$/u;
const MAX_BYTES = 300_000;

/** Up to `limit` source files below `node_modules/<relative>`, in a stable order. */
export function sourcesOf(relative, limit) {
  const files = [];
  const visit = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const entry of entries) {
      if (files.length >= limit) return;
      if (entry === 'node_modules' || entry.startsWith('.')) continue;
      const full = path.join(dir, entry);
      const stat = statSync(full);
      if (stat.isDirectory()) visit(full);
      else if (SOURCE.test(entry) && stat.size > 0 && stat.size < MAX_BYTES) files.push(full);
    }
  };
  visit(path.join(root, 'node_modules', relative));
  return files;
}

/** The whole corpus, absolute paths in a stable order. */
export function thirdPartyCorpus() {
  return CORPUS_PACKAGES.flatMap(([relative, limit]) => sourcesOf(relative, limit));
}

/**
 * The name a corpus file is linted under: ESLint ignores `node_modules`, so the file is presented
 * as `<root>/corpus/<package path>`, keeping its extension.
 */
export function lintNameOf(file) {
  return path.join(root, 'corpus', path.relative(path.join(root, 'node_modules'), file));
}
