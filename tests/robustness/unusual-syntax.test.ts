import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { allRulesAtDefaults, configWith, lintChecked } from './harness.js';

/* Hand-written files of unusual shape; tests/robustness/fuzz.test.ts generates many more. */

const root = path.join(import.meta.dirname, '..', '..');

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
    const { messages, failures } = lintChecked(new Linter(), code, path.join(root, 'virtual', filename), configWith(allRulesAtDefaults));
    expect(failures).toEqual([]);
    expect(messages.filter((message) => message.fatal)).toEqual([]);
  });
});
