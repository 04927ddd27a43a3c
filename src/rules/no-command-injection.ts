import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { getFileAnalysis } from '../analysis/file-analysis.js';
import type { TaintFinding } from '../analysis/taint/types.js';
import { createRule } from '../utils/create-rule.js';
import { checkNameOption } from './shared/name-options.js';
import { unwrap, scopeOf } from '../utils/ast.js';
import { argumentText, parenthesizedRange } from '../utils/fix-text.js';
import { skipsTestFile } from './shared/include-tests.js';
import { reportAnalysisLimit } from './shared/analysis-limit.js';
import {
  flowMessageData,
  taintOptionsSchema,
  type DevRoutes,
  type UnknownSchemas,
  categoryReport,
} from './shared/taint-rules.js';

export type MessageIds = 'commandInjection' | 'commandInjectionHelper' | 'devRoute' | 'unknownSchema' | 'useExecFile';
export type Options = [{ sinks?: string[]; includeTests?: boolean; devRoutes?: DevRoutes; unknownSchemas?: UnknownSchemas }];

/** Characters that make a template mean more than "program and words" to a shell. */
const SHELL_SYNTAX = /[|&;<>()$`\\"'*?[\]{}~#!]/;

export default createRule<Options, MessageIds>({
  name: 'no-command-injection',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow request input in shell commands',
      recommended: 'recommended',
      cwe: ['CWE-78'],
      owaspApi: 'API8:2023 Security Misconfiguration',
    },
    hasSuggestions: true,
    schema: taintOptionsSchema('a shell command'),
    defaultOptions: [{ sinks: [], includeTests: false, devRoutes: 'ignore', unknownSchemas: 'ignore' }],
    messages: {
      unknownSchema:
        '{{source}} (line {{sourceLine}}) reaches the command run by `{{sink}}` (line {{sinkLine}}){{via}}; the route validates it with {{schema}} (line {{schemaLine}}), a schema out of view that may or may not restrict it to a safe value (a number, an id, a fixed set). Check that it does, or run a fixed program with an argument array (execFile/spawn without a shell).',
      commandInjection:
        '{{source}} (line {{sourceLine}}) reaches the command run by `{{sink}}` (line {{sinkLine}}). Run a fixed program with an argument array (execFile/spawn without a shell) and validate the value.',
      commandInjectionHelper:
        '{{source}} (line {{sourceLine}}) reaches the command run by `{{sink}}` (line {{sinkLine}}){{via}}. Run a fixed program with an argument array (execFile/spawn without a shell) and validate the value.',
      devRoute:
        '{{source}} (line {{sourceLine}}) reaches the command run by `{{sink}}` (line {{sinkLine}}){{via}}, in a route registered only when {{devSwitch}} (line {{devSwitchLine}}) holds, a development or test switch; a client can run any command on any server that runs with the switch on. Make sure no deployment turns it on, or run a fixed program with an argument array (execFile/spawn without a shell) and validate the value.',
      useExecFile: 'Run the program with execFile and an argument array.',
    },
  },
  create(context, [options]) {
    checkNameOption(context, 'sinks', options.sinks);
    if (skipsTestFile(context, options.includeTests)) return {};
    return {
      'Program:exit'() {
        for (const finding of getFileAnalysis(context).taint('shell', { sinks: options.sinks ?? [] })) {
          // A dev route or a schema out of view: reported (or left out) as the options say, with the rule's message of the category (its id written out, for the lint of message ids).
          const category = categoryReport(finding, options);
          if (category !== null) {
            if (category !== 'skip') context.report({ node: finding.node, messageId: category.messageId === 'devRoute' ? 'devRoute' : 'unknownSchema', data: category.data });
            continue;
          }
          const fix = execFileFix(finding, context.sourceCode);
          context.report({
            node: finding.node,
            messageId: finding.sink.via ? 'commandInjectionHelper' : 'commandInjection',
            data: flowMessageData(finding),
            suggest: fix ? [{ messageId: 'useExecFile', fix }] : [],
          });
        }
        // After the findings: the analysis knows by then whether it stopped at a limit.
        reportAnalysisLimit(context, getFileAnalysis(context));
      },
    };
  },
});

/**
 * `cp.exec(`convert ${file} out.png`)` → `cp.execFile('convert', [file, 'out.png'])` when every
 * `${}` is a whole word and the static text has no shell syntax.
 */
function execFileFix(finding: TaintFinding, sourceCode: Readonly<TSESLint.SourceCode>): TSESLint.ReportFixFunction | null {
  const { call, via } = finding.sink;
  const template = unwrap(finding.argument);
  const callee = unwrap(call.callee);
  if (via !== null || template.type !== AST_NODE_TYPES.TemplateLiteral || call.arguments[0] !== finding.argument) return null;
  let replacement: { node: TSESTree.Node; text: string } | null = null;
  const execName = (name: string): string | null => (name === 'exec' ? 'execFile' : name === 'execSync' ? 'execFileSync' : null);
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
    const name = execName(callee.property.name);
    if (name) replacement = { node: callee.property, text: name };
  } else if (callee.type === AST_NODE_TYPES.Identifier) {
    const name = execName(callee.name);
    if (name && scopeOf(sourceCode, callee).references.some(() => true) && isInScope(sourceCode, callee, name)) replacement = { node: callee, text: name };
  }
  if (!replacement) return null;
  const words: string[] = [];
  let pending = '';
  for (let index = 0; index < template.quasis.length; index++) {
    const raw = template.quasis[index]!.value.raw;
    if (SHELL_SYNTAX.test(raw)) return null;
    const parts = raw.split(/\s+/);
    for (let part = 0; part < parts.length; part++) {
      const word = parts[part]!;
      if (part === 0 && pending !== '') {
        if (word !== '') return null; // `${x}suffix`: not a whole word
        words.push(pending);
        pending = '';
        continue;
      }
      if (word !== '') words.push(`'${word}'`);
    }
    const expression = template.expressions[index];
    if (expression) {
      if (!/(?:^|\s)$/.test(raw) && index > 0) return null;
      if (index === 0 && raw !== '' && !/\s$/.test(raw)) return null;
      pending = argumentText(sourceCode, expression);
    }
  }
  if (pending !== '') words.push(pending);
  const [program, ...args] = words;
  if (program === undefined || !program.startsWith("'")) return null;
  const target = replacement;
  const range = parenthesizedRange(sourceCode, finding.argument);
  return (fixer) => [fixer.replaceText(target.node, target.text), fixer.replaceTextRange(range, `${program}, [${args.join(', ')}]`)];
}

function isInScope(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, name: string): boolean {
  for (let scope: TSESLint.Scope.Scope | null = scopeOf(sourceCode, node); scope; scope = scope.upper) {
    if (scope.set.has(name)) return true;
  }
  return false;
}
