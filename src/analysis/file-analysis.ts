import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { getRoutes } from './routes/index.js';
import { TaintEngine } from './taint/engine.js';
import { readTaintSettings } from './taint/settings.js';
import { createTypeOracle } from './taint/type-oracle.js';
import type { TaintFinding, TaintKind, TaintQueryOptions } from './taint/types.js';

export type * from './taint/types.js';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** The analyses of one file, computed lazily and shared by every rule. */
export interface FileAnalysis {
  /** Flows of request input into sinks of `kind`; cached per kind and options. */
  taint(kind: Exclude<TaintKind, 'code'>, options?: TaintQueryOptions): readonly TaintFinding[];
  /** The engine itself, for rules that need more than findings (e.g. suggestions). */
  readonly engine: TaintEngine;
}

const cache = new WeakMap<TSESTree.Program, FileAnalysis>();

/** The per-file analysis, created on first use and cached by Program. Never throws on odd code. */
export function getFileAnalysis(context: AnyContext): FileAnalysis {
  const program = context.sourceCode.ast;
  const cached = cache.get(program);
  if (cached) return cached;
  let engine: TaintEngine | null = null;
  const getEngine = (): TaintEngine => {
    engine ??= new TaintEngine({
      sourceCode: context.sourceCode,
      handlers: getRoutes(context).handlers,
      settings: readTaintSettings(context),
      types: createTypeOracle(context),
    });
    return engine;
  };
  const results = new Map<string, readonly TaintFinding[]>();
  const analysis: FileAnalysis = {
    taint(kind, options = {}) {
      const key = `${kind}:${JSON.stringify(options)}`;
      let found = results.get(key);
      if (!found) {
        try {
          found = getEngine().findings(kind, options);
        } catch (error) {
          if (process.env['API_SECURITY_DEBUG']) throw error;
          found = [];
        }
        results.set(key, found);
      }
      return found;
    },
    get engine() {
      return getEngine();
    },
  };
  cache.set(program, analysis);
  return analysis;
}
