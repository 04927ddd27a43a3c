import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const root = path.join(import.meta.dirname, '..');

/** Up to `limit` source files below a package directory of node_modules, in a stable order. */
function sourcesOf(relative: string, limit: number): string[] {
  const files: string[] = [];
  const visit = (dir: string): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const entry of entries) {
      if (files.length >= limit) return;
      const full = path.join(dir, entry);
      if (entry === 'node_modules' || entry.startsWith('.')) continue;
      if (statSync(full).isDirectory()) visit(full);
      else if (/\.(?:c|m)?js$|(?<!\.d)\.ts$/u.test(entry) && statSync(full).size < 400_000) files.push(full);
    }
  };
  visit(path.join(root, 'node_modules', relative));
  return files;
}

const corpus = [
  ...sourcesOf('express', 20),
  ...sourcesOf('koa/lib', 10),
  ...sourcesOf('@koa/router', 10),
  ...sourcesOf('fastify/lib', 30),
  ...sourcesOf('@hapi/hapi/lib', 20),
  ...sourcesOf('hono/dist/cjs', 40),
  ...sourcesOf('@nestjs/common', 40),
  ...sourcesOf('@nestjs/core/router', 20),
  ...sourcesOf('typeorm/query-builder', 20),
  ...sourcesOf('next/dist/server/web', 30),
  ...sourcesOf('mongoose/lib', 30),
  ...sourcesOf('knex/lib', 20),
  ...sourcesOf('jsonwebtoken', 10),
];

function lintAll(code: string, filename: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    [{ ...plugin.configs.all, files: ['**/*'], languageOptions: { ...plugin.configs.all.languageOptions, parser: tsParser as never } } as Linter.Config],
    filename,
  );
}

describe('every rule survives real third-party code', () => {
  it('has a corpus', () => {
    expect(corpus.length).toBeGreaterThan(150);
  });

  it.each(corpus.map((file) => [path.relative(root, file), file]))('%s', (_, file) => {
    const code = readFileSync(file, 'utf8');
    // A rule that throws makes Linter.verify throw; a parse error is not the plugin's doing.
    expect(() => lintAll(code, file.replace(/\.(?:c|m)?js$/u, '.js'))).not.toThrow();
  });
});

describe('unusual syntax', () => {
  it.each([
    ['decorators and parameter properties', 'controller.ts', `
import { Controller, Get, Param, Body, Post, UseGuards } from '@nestjs/common';
@Controller({ path: 'x', version: '1' })
export class X { constructor(private readonly s: Service) {}
  @Get(':id') @UseGuards(...guards) find(@Param('id') id: string) { return this.s.find(id); }
  @Post() create(@Body() body: Dto) { return this.s.create(body); }
  @(decorators.Get)() odd() {} }`],
    ['JSX in a route file', 'app/api/x/route.tsx', `
export async function GET() { return new Response(render(<Page title="x" />)); }
const Page = ({ title }: { title: string }) => <h1>{title}</h1>;`],
    ['computed and dynamic registrations', 'app.js', `
const express = require('express'); const app = express();
for (const m of ['get', 'post']) app[m]('/x', (req, res) => res.end());
app[method](path, ...handlers); app.use(...middleware); app.get(); app.use();
app.route().get(); new (express.Router)().get('/y', (req, res) => res.end());
module.exports = (app) => app.get(\`/z/\${id}\`, async function* (req, res) { yield req; });`],
    ['a huge generated file', 'generated.js', Array.from({ length: 3000 }, (_, index) =>
      `export const k${index} = { id: ${index}, name: 'item-${index}', tags: ['a', 'b'], run: (req, res) => res.json({ i: ${index} }) };`).join('\n')],
  ])('%s', (_, filename, code) => {
    const messages = lintAll(code, path.join(root, 'virtual', filename));
    expect(messages.filter((message) => message.fatal)).toEqual([]);
  });
});
