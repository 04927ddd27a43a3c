import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { displayFile, getExposureAnalysis, type WriteFinding } from '../analysis/exposure/index.js';
import { roleCheckOfWrite } from '../analysis/exposure/role-checked.js';
import { createRule } from '../utils/create-rule.js';
import { noteWorkingDirectory } from '../analysis/routes/project-files.js';

export type Options = [{ ignoreSinks?: string[]; unresolvedServices?: 'report' | 'ignore'; roleCheckedRoutes?: 'report' | 'ignore'; unknownSchemas?: 'report' | 'ignore' }];
export type MessageIds = 'massAssignment' | 'unresolvedServiceWrite' | 'roleCheckedWrite' | 'unknownSchemaWrite' | 'pickFields' | 'pickFieldsServerSet';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/u;

export default createRule<Options, MessageIds>({
  name: 'no-mass-assignment',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow writing the whole request body into a stored record',
      recommended: 'recommended',
      cwe: ['CWE-915'],
      owaspApi: 'API3:2023 Broken Object Property Level Authorization',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignoreSinks: {
            type: 'array',
            items: { type: 'string' },
            description: 'Writes (as written, e.g. `auditLog.create`) that may receive the whole body.',
          },
          unresolvedServices: {
            type: 'string',
            enum: ['report', 'ignore'],
            description:
              'What to do with the whole body passed to a write-named method (`create`, `update`) of one of the project\'s own services whose definition is out of view (build output, a service locator, an untyped injection): `report` it with its own message, or `ignore` it.',
          },
          roleCheckedRoutes: {
            type: 'string',
            enum: ['report', 'ignore'],
            description:
              'What to do with a whole-body write on a route whose role check is in view (a middleware, guard or handler check that compares a role or answers 403): `report` it with its own message, or `ignore` it. Writes of users, roles, permissions or tokens, and of the caller\'s own record, are reported either way.',
          },
          unknownSchemas: {
            type: 'string',
            enum: ['report', 'ignore'],
            description:
              'What to do with a whole-body write on a route that validates its payload with a schema out of view (a Hapi `validate.payload` imported from another package, which Joi closes to its listed keys unless told otherwise): `report` it with its own message, or `ignore` it.',
          },
        },
      },
    ],
    defaultOptions: [{ ignoreSinks: [], unresolvedServices: 'ignore', roleCheckedRoutes: 'ignore', unknownSchemas: 'ignore' }],
    messages: {
      massAssignment:
        '{{input}} is written whole by {{sink}}: the client can set any field, including {{protected}}. Pick the fields the client may change, or validate with a schema that strips unknown keys.',
      unresolvedServiceWrite:
        '{{input}} is passed whole to {{sink}}, a service whose definition is out of view: it cannot be judged whether it picks the fields the client may set or stores every field sent, including {{protected}}. Check that it does, or pass only the fields the client may change.',
      unknownSchemaWrite:
        '{{input}} is written whole by {{sink}}; the route validates the payload with a schema out of view, which may or may not refuse fields it does not list, such as {{protected}}. Check that it lists only the fields the client may set (Joi objects refuse other keys unless `.unknown()`), or pick those fields.',
      roleCheckedWrite:
        '{{input}} is written whole by {{sink}} on a route restricted to {{roleCheck}}: an administrator can set every field, including {{protected}}; make sure that is intended, or pick the fields the route may change.',
      pickFields: 'Write only {{fields}}.',
      pickFieldsServerSet: 'Write only {{fields}}; set {{serverSet}} on the server.',
    },
  },
  create(context, [options]) {
    noteWorkingDirectory(context.cwd);
    const ignored = new Set((options.ignoreSinks ?? []).map((sink) => `\`${sink}\``));
    const sourceCode = context.sourceCode;
    return {
      'Program:exit'() {
        for (const finding of getExposureAnalysis(context).writes) {
          if (ignored.has(finding.sink)) continue;
          if (finding.unresolvedService === true && options.unresolvedServices !== 'report') continue;
          if (finding.unknownSchema === true && options.unknownSchemas !== 'report') continue;
          // A caller who must hold a role to reach the write authors the record by design.
          const roleCheck = finding.unresolvedService === true ? null : roleCheckOfWrite(context, finding);
          if (roleCheck !== null && options.roleCheckedRoutes !== 'report') continue;
          context.report({
            node: finding.node,
            messageId: finding.unresolvedService === true ? 'unresolvedServiceWrite' : roleCheck !== null ? 'roleCheckedWrite' : finding.unknownSchema === true ? 'unknownSchemaWrite' : 'massAssignment',
            data: {
              input: finding.input,
              sink: describeSink(finding, context.cwd),
              protected: describeProtected(finding),
              roleCheck: roleCheck ?? '',
            },
            suggest: pickSuggestion(finding, sourceCode),
          });
        }
      },
    };
  },
});

/** The write, and when it is in another file, where it is and which functions lead there. */
function describeSink(finding: WriteFinding, cwd: string): string {
  const remote = finding.remote;
  if (!remote) return finding.sink;
  const through = remote.via.map((step) => `\`${step.name}\` (${displayFile(step.file, cwd)}:${step.line})`).join(', then ');
  return `${finding.sink} at ${displayFile(remote.file, cwd)}:${remote.line}, through ${through}`;
}

function describeProtected(finding: WriteFinding): string {
  const named = (finding.protectedFields ?? []).filter((field) => !/^_?id$/u.test(field));
  if (named.length > 0) {
    return named.slice(0, 4).map((field) => `\`${field}\``).join(', ');
  }
  return 'fields such as `role` or `isAdmin`';
}

function isReusable(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return true;
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && !node.optional && isReusable(node.object);
}

function pickSuggestion(
  finding: WriteFinding,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
  const fields = finding.fields.filter((field) => IDENTIFIER.test(field));
  if (fields.length === 0 || !isReusable(finding.node)) return [];
  const text = sourceCode.getText(finding.node);
  const members = fields.map((field) => `${field}: ${text}.${field}`).join(', ');
  const parent = finding.node.parent;
  let target: TSESTree.Node = finding.node;
  let output = `{ ${members} }`;
  if (parent?.type === AST_NODE_TYPES.SpreadElement && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    target = parent;
    output = members;
  } else if (parent?.type === AST_NODE_TYPES.Property && parent.shorthand && parent.value === finding.node) {
    target = parent;
    output = `${text}: { ${members} }`;
  }
  const quote = (names: readonly string[]): string => names.map((field) => `\`${field}\``).join(', ');
  const fix: TSESLint.ReportFixFunction = (fixer) => fixer.replaceText(target, output);
  if (finding.serverSet.length > 0) {
    return [{ messageId: 'pickFieldsServerSet', data: { fields: quote(fields), serverSet: quote(finding.serverSet) }, fix }];
  }
  return [{ messageId: 'pickFields', data: { fields: quote(fields) }, fix }];
}
