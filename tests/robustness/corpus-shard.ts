import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { lintNameOf, root, thirdPartyCorpus } from '../../scripts/corpus.mjs';
import { documentedPasses } from './documented-options.js';
import { configWith, type Failure, lintChecked } from './harness.js';

/*
 * Every rule, with every configuration its docs show, over the real third-party corpus (see
 * scripts/corpus.mjs). The corpus is split into shards, one test file each, so that vitest runs
 * them in parallel. A shard fails on any exception thrown by a rule and on any fix or suggestion
 * whose output does not parse.
 */

export const SHARDS = 4;

export function corpusShard(shard: number): void {
  const files = thirdPartyCorpus().filter((_, index) => index % SHARDS === shard);
  const sources = files.map((file) => ({ name: lintNameOf(file), code: readFileSync(file, 'utf8') }));

  describe(`third-party corpus, shard ${shard + 1} of ${SHARDS} (${files.length} files)`, () => {
    it.each(documentedPasses())('$name', ({ rules, settings }) => {
      const linter = new Linter({ cwd: root });
      const config = configWith(rules, settings);
      const failures: Failure[] = [];
      let unparsable = 0;
      for (const { name, code } of sources) {
        const result = lintChecked(linter, code, name, config);
        failures.push(...result.failures);
        if (result.messages.some((message) => message.fatal)) unparsable += 1;
      }
      expect(
        failures.map(({ file, kind, ruleId, detail }) => `${path.relative(root, file)}: ${kind} in ${ruleId ?? '?'}: ${detail}`),
      ).toEqual([]);
      // The corpus must really be linted: almost every file parses.
      expect(unparsable, 'files the parser rejected').toBeLessThan(files.length / 100);
      // A hang is what this timeout catches; speed is measured by `npm run bench` and the linearity
      // test, and a pass over 1,500 files takes 1-2 minutes on an idle 2-core machine.
    }, 400_000);
  });
}
