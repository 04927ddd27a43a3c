import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportedDefinition } from '../../src/analysis/project/imported.js';
import { projectParseCount } from '../../src/analysis/project/parse.js';
import { writeProject } from '../helpers/project.js';

/*
 * Barrels: `services/index.ts` re-exports every service with `export * from`, and a name imported
 * from the barrel is searched module by module. With more modules than the parse cache keeps, every
 * question used to parse each module before the one holding the name again (quadratic in the
 * barrel's size); what each module exports is now kept per file version, so a module that cannot
 * hold the name is skipped without a parse.
 */

const SERVICES = 130;

/** A NestJS-style services folder behind one barrel, with the export forms `findExport` reads. */
function servicesProject(): string {
  const files: Record<string, string> = {};
  const barrel: string[] = [];
  for (let index = 0; index < SERVICES; index++) {
    barrel.push(`export * from './service${String(index)}';`);
    files[`src/services/service${String(index)}.ts`] = `import { pool } from '../db';

export const TABLE_${String(index)} = 'table${String(index)}';

export async function find${String(index)}(id: string) {
  return pool.query(\`SELECT * FROM table${String(index)} WHERE id = '\${id}'\`);
}

export class Service${String(index)} {
  list() {
    return pool.query('SELECT * FROM table${String(index)}');
  }
}
`;
  }
  // A nested barrel, renamed and namespace re-exports, CommonJS exports.
  barrel.push(`export * from './more';`, `export { find0 as findFirst } from './service0';`, `export * as legacy from './legacy.js';`);
  files['src/services/more/index.ts'] = `export * from './audit';\n`;
  files['src/services/more/audit.ts'] = `export function audit(entry: string) {\n  return entry;\n}\n`;
  files['src/services/legacy.js'] = `function old(id) {\n  return id;\n}\nmodule.exports = { old };\nexports.older = function older(id) {\n  return id;\n};\n`;
  files['src/services/index.ts'] = `${barrel.join('\n')}\n`;
  files['src/db.ts'] = `import { Pool } from 'pg';\nexport const pool = new Pool();\n`;
  return writeProject(files, { name: 'services-app', dependencies: { pg: '8.0.0' } });
}

/** The line of the definition found, to check that it is the right one. */
const lineOf = (found: ReturnType<typeof exportedDefinition>): number | null => found?.node.loc.start.line ?? null;

describe('names re-exported through a barrel', () => {
  it('finds every service through the barrel, parsing each module once', () => {
    const dir = servicesProject();
    const barrel = path.join(dir, 'src/services/index.ts');
    const before = projectParseCount();
    for (let index = 0; index < SERVICES; index++) {
      const found = exportedDefinition(barrel, `find${String(index)}`);
      expect(found?.file).toBe(path.join(dir, `src/services/service${String(index)}.ts`));
      expect(lineOf(found)).toBe(5);
      const service = exportedDefinition(barrel, `Service${String(index)}`);
      expect(service?.file).toBe(found?.file);
      expect(lineOf(service)).toBe(9);
    }
    // The barrel, each service, and db.ts at most once each; before, hundreds of times over.
    expect(projectParseCount() - before).toBeLessThanOrEqual(SERVICES + 5);
  });

  it('answers the other export forms as before', () => {
    const dir = servicesProject();
    const barrel = path.join(dir, 'src/services/index.ts');
    expect(exportedDefinition(barrel, 'audit')?.file).toBe(path.join(dir, 'src/services/more/audit.ts'));
    expect(exportedDefinition(barrel, 'findFirst')?.file).toBe(path.join(dir, 'src/services/service0.ts'));
    expect(exportedDefinition(barrel, 'TABLE_7')?.file).toBe(path.join(dir, 'src/services/service7.ts'));
    expect(exportedDefinition(barrel, 'legacy', 'old')?.file).toBe(path.join(dir, 'src/services/legacy.js'));
    expect(exportedDefinition(barrel, 'legacy', 'older')?.file).toBe(path.join(dir, 'src/services/legacy.js'));
    expect(exportedDefinition(barrel, 'missing')).toBeNull();
  });

  it('sees a name added to a module after the barrel was searched', () => {
    const dir = servicesProject();
    const barrel = path.join(dir, 'src/services/index.ts');
    expect(exportedDefinition(barrel, 'archive')).toBeNull();
    const file = path.join(dir, 'src/services/service42.ts');
    writeFileSync(file, `export function archive(id: string) {\n  return id;\n}\n`);
    expect(exportedDefinition(barrel, 'archive')?.file).toBe(file);
    expect(exportedDefinition(barrel, 'find42')).toBeNull();
  });
});
