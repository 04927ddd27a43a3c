import { beforeAll, describe, expect, it } from 'vitest';
import { examplesDir, exampleRelative, parseJson, requireBuild, runEslint, type CliRun } from './eslint-cli.js';

/*
 * README "Large repositories": with `--concurrency`, ESLint lints files in worker threads, each of
 * which loads the config and the plugin on its own. The findings must be the same as in one thread:
 * the per-file analysis cache and the settings must not depend on which files a worker saw first.
 */

/** `file:line:column ruleId message`, sorted: the findings independent of output order. */
function findings(run: CliRun): string[] {
  return parseJson(run)
    .flatMap((result) =>
      result.messages.map(
        (message) =>
          `${exampleRelative(result.filePath)}:${String(message.line)}:${String(message.column)} ${message.ruleId ?? 'fatal'} ${message.message}`,
      ),
    )
    .sort();
}

describe('eslint --concurrency', () => {
  let threaded: CliRun;
  let single: CliRun;

  beforeAll(async () => {
    requireBuild();
    [threaded, single] = await Promise.all([
      runEslint(['--concurrency', '2', '-f', 'json', '.'], examplesDir),
      runEslint(['--concurrency', 'off', '-f', 'json', '.'], examplesDir),
    ]);
  });

  it('loads the plugin in worker threads and reports the findings', () => {
    const reported = findings(threaded);

    expect(threaded.code, threaded.stderr).toBe(1);
    expect(threaded.stderr).not.toMatch(/Error:/u);
    expect(reported.filter((line) => / fatal /u.test(line))).toEqual([]);
    expect(reported.length).toBeGreaterThan(20);
    expect(new Set(reported.map((line) => line.split(' ')[0]!.split(':')[0]!.split('/')[0])).size).toBe(4);
  });

  it('reports exactly what a single-threaded run reports', () => {
    expect(single.code, single.stderr).toBe(1);
    expect(findings(threaded)).toEqual(findings(single));
  });
});
