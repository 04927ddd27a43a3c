import { type AccessJudgement, ownershipJudgements } from '../analysis/authorization/ownership.js';
import { ownerConditionFix } from '../analysis/authorization/suggestions.js';
import { describeVia, getFileAnalysis } from '../analysis/file-analysis.js';
import { createRule } from '../utils/create-rule.js';
import { quoteCode } from '../utils/describe-node.js';
import { reportAnalysisLimit } from './shared/analysis-limit.js';
import { includeTestsOption, skipsTestFile } from './shared/include-tests.js';

export type MessageIds = 'inconsistentAccess' | 'unscopedAccess' | 'unscopedParentList' | 'unscopedParentRecord' | 'addOwnerCondition';
export type Options = [{ unscopedAccess?: 'consistency' | 'report'; includeTests?: boolean }];

export default createRule<Options, MessageIds>({
  name: 'require-ownership-check',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require record accesses by a client-supplied id to be tied to the caller (owner or tenant condition, owner check or policy)',
      recommended: 'strict',
      cwe: ['CWE-639'],
      owaspApi: 'API1:2023 Broken Object Level Authorization',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          includeTests: includeTestsOption,
          unscopedAccess: {
            type: 'string',
            enum: ['consistency', 'report'],
            description:
              'Which unscoped accesses to report: `consistency` (default) only those to a model the application ties to the caller elsewhere; `report` (set by `strict`) every access by a client-supplied id to a model with an owner or tenant field, every list by a client-supplied id of an owned parent not tied to the caller, and every record of a model with no owner field named inside such a parent.',
          },
        },
      },
    ],
    defaultOptions: [{ unscopedAccess: 'consistency', includeTests: false }],
    messages: {
      inconsistentAccess:
        '{{orm}} {{action}} a `{{model}}` record by {{source}} (line {{sourceLine}}){{where}} without tying it to the caller, while `{{model}}` is scoped by {{how}} at {{elsewhere}}. Add the owner condition to the query, or compare the record\'s owner with the caller and reject.',
      unscopedAccess:
        '{{orm}} {{action}} a `{{model}}` record by {{source}} (line {{sourceLine}}){{where}} without tying it to the caller: `{{model}}` has an owner or tenant field ({{fields}}), but the query has no condition on it, the owner is not compared after loading and no policy decides. Add the owner condition, or compare the owner with the caller and reject.',
      unscopedParentList:
        '{{orm}} lists `{{model}}` records by the `{{parent}}` named by {{source}} (line {{sourceLine}}){{where}} without tying that `{{parent}}` to the caller: `{{parent}}` has an owner or tenant field ({{fields}}), but the list has no condition on it and the `{{parent}}` is not loaded scoped to the caller or checked first. Load the `{{parent}}` with its owner condition first and stop when it is not found, or add the condition on the `{{parent}}`\'s owner to the list.',
      unscopedParentRecord:
        '{{orm}} {{action}} a `{{model}}` record by {{source}} (line {{sourceLine}}){{where}} inside the `{{parent}}` named by {{parentSource}} (line {{parentLine}}) without tying that `{{parent}}` to the caller: `{{model}}` has no owner field of its own, `{{parent}}` has one ({{fields}}), and the `{{parent}}` is neither loaded scoped to the caller nor checked first, so its id in the request scopes nothing. Check the caller\'s access to the `{{parent}}` first (and stop when it fails), or add the condition on the `{{parent}}`\'s owner to the query.',
      addOwnerCondition: 'Add the owner condition {{condition}} to the query.',
    },
  },
  create(context, [options]) {
    if (skipsTestFile(context, options.includeTests)) return {};
    const reportAll = options.unscopedAccess === 'report';
    return {
      'Program:exit'() {
        for (const judgement of ownershipJudgements(context)) {
          if (judgement.parent && reportAll && judgement.inputs.length > 0) {
            const parent = judgement.parent;
            const data = describe(judgement, getFileAnalysis(context).engine.routeAround(judgement.access.call));
            const parentInput = describe({ ...judgement, inputs: parent.inputs }, null);
            context.report({
              node: judgement.access.call.callee,
              messageId: 'unscopedParentRecord',
              data: {
                orm: data.orm,
                action: data.action,
                model: data.model,
                source: data.source,
                sourceLine: data.sourceLine,
                where: data.where,
                parent: parent.model,
                parentSource: parentInput.source,
                parentLine: parentInput.sourceLine,
                fields: parent.ownerFields.map((field) => `\`${field}\``).join(', '),
              },
            });
            continue;
          }
          if (judgement.parent && reportAll) {
            const parent = judgement.parent;
            const data = describe({ ...judgement, inputs: parent.inputs }, getFileAnalysis(context).engine.routeAround(judgement.access.call));
            context.report({
              node: judgement.access.call.callee,
              messageId: 'unscopedParentList',
              data: {
                orm: data.orm,
                model: data.model,
                source: data.source,
                sourceLine: data.sourceLine,
                where: data.where,
                parent: parent.model,
                fields: parent.ownerFields.map((field) => `\`${field}\``).join(', '),
              },
            });
            continue;
          }
          if (judgement.status !== 'unscoped' || judgement.inputs.length === 0) continue;
          const consistent = judgement.elsewhere !== null;
          const owned = judgement.ownerFields.length > 0;
          if (!consistent && !(reportAll && owned)) continue;
          const fix = ownerConditionFix(context.sourceCode, judgement);
          context.report({
            node: judgement.access.call.callee,
            messageId: consistent ? 'inconsistentAccess' : 'unscopedAccess',
            data: describe(judgement, getFileAnalysis(context).engine.routeAround(judgement.access.call)),
            suggest: fix ? [{ messageId: 'addOwnerCondition', data: { condition: quoteCode(fix.condition) }, fix: fix.fix }] : [],
          });
        }
        reportAnalysisLimit(context, getFileAnalysis(context));
      },
    };
  },
});

function describe(judgement: AccessJudgement, route: string | null): Record<'orm' | 'action' | 'model' | 'source' | 'sourceLine' | 'where' | 'how' | 'elsewhere' | 'fields', string> {
  const input = judgement.inputs[0];
  const via = input?.via ? describeVia({ via: input.via }) : '';
  const where = via !== '' ? ` through ${via}` : route !== null ? ` in the handler of ${route}` : '';
  const elsewhere = judgement.elsewhere;
  const at = elsewhere === null ? '' : elsewhere.file === '' ? `line ${String(elsewhere.line)}` : `${elsewhere.file}:${String(elsewhere.line)}`;
  return {
    orm: judgement.access.orm,
    action: judgement.access.action,
    model: judgement.access.model,
    source: input?.source.text ?? 'request input',
    sourceLine: String(input?.source.line ?? ''),
    where,
    how: elsewhere?.how ?? '',
    elsewhere: at,
    fields: judgement.ownerFields.map((field) => `\`${field}\``).join(', '),
  };
}
