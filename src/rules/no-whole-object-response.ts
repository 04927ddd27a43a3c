import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { displayFile, getExposureAnalysis, type ResponseFinding } from '../analysis/exposure/index.js';
import { elementName } from '../analysis/exposure/names.js';
import { findVariable, scopeOf } from '../utils/ast.js';
import { createRule } from '../utils/create-rule.js';
import { maskedExcerpt } from '../utils/mask.js';
import { noteWorkingDirectory } from '../analysis/routes/project-files.js';

export type Options = [{ checkPrincipal?: boolean }];
export type MessageIds = 'wholeObject' | 'pickFields' | 'omitFields';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/u;

export default createRule<Options, MessageIds>({
  name: 'no-whole-object-response',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow sending whole stored records or the session user in API responses',
      recommended: 'recommended',
      cwe: ['CWE-213', 'CWE-200'],
      owaspApi: 'API3:2023 Broken Object Property Level Authorization',
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkPrincipal: {
            type: 'boolean',
            description: 'Also report the authenticated user object (`req.user`, `@CurrentUser()`) sent whole.',
          },
        },
      },
    ],
    defaultOptions: [{ checkPrincipal: true }],
    messages: {
      wholeObject:
        '{{object}} ({{origin}}) is serialized whole by {{sink}}, exposing {{exposed}}. Send an explicit object or DTO with the fields the client needs, or project the query.',
      pickFields: 'Send only {{fields}}.',
      omitFields: 'Destructure {{fields}} out before sending.',
    },
  },
  create(context, [options]) {
    noteWorkingDirectory(context.cwd);
    const sourceCode = context.sourceCode;
    return {
      'Program:exit'() {
        for (const finding of getExposureAnalysis(context).responses) {
          if (finding.origin.kind === 'principal' && options.checkPrincipal === false) continue;
          const object = shortText(sourceCode.getText(finding.node));
          const suggestions = finding.safe ? pickSuggestion(finding, sourceCode) : omitSuggestion(finding, sourceCode);
          context.report({
            node: finding.node,
            messageId: 'wholeObject',
            data: {
              object: `\`${object}\``,
              origin: describeOrigin(finding, object, context.cwd),
              sink: finding.sink,
              exposed: describeExposed(finding),
            },
            suggest: suggestions,
          });
        }
      },
    };
  },
});

/** Credentials in the expression are masked before it is shortened, so no piece of one survives the cut. */
function shortText(text: string): string {
  return maskedExcerpt(text.replace(/\s+/gu, ' '), 40, '...');
}

function describeOrigin(finding: ResponseFinding, object: string, cwd: string): string {
  const { origin } = finding;
  if (origin.kind === 'principal') return origin.label === object ? 'the authenticated user' : `the authenticated user, from \`${origin.label}\``;
  if (origin.file === undefined || !origin.via) return `line ${origin.node.loc.start.line}, from \`${shortText(origin.label)}\``;
  // Read in another file: name the function the handler called and the read, with file and line.
  const through = origin.via.map((step) => `\`${step.name}\` (${displayFile(step.file, cwd)}:${step.line})`).join(', then ');
  return `returned by ${through}, from \`${shortText(origin.label)}\` at ${displayFile(origin.file, cwd)}:${origin.node.loc.start.line}`;
}

function describeExposed(finding: ResponseFinding): string {
  if (finding.exposed) return finding.exposed.slice(0, 4).map((field) => `\`${field}\``).join(', ');
  if (finding.origin.kind === 'principal') return 'every stored field of the user';
  return 'every stored field';
}

/** The replaced range and a prefix for spread or shorthand positions. */
function replacement(node: TSESTree.Node): { target: TSESTree.Node; spread: boolean; key: string | null } {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.SpreadElement && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    return { target: parent, spread: true, key: null };
  }
  if (parent?.type === AST_NODE_TYPES.Property && parent.shorthand && parent.value === node) {
    return { target: parent, spread: false, key: propertyKey(parent) };
  }
  return { target: node, spread: false, key: null };
}

function propertyKey(property: TSESTree.Property): string | null {
  return property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : null;
}

function isReusable(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return true;
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && !node.optional && isReusable(node.object);
}

function access(base: string, field: string, optional: boolean): string {
  if (IDENTIFIER.test(field)) return `${base}${optional ? '?.' : '.'}${field}`;
  return `${base}${optional ? '?.' : ''}[${JSON.stringify(field)}]`;
}

function key(field: string): string {
  return IDENTIFIER.test(field) ? field : JSON.stringify(field);
}

/** Type-aware: `{ id: user.id, email: user.email }` (or a `map` for lists). */
function pickSuggestion(
  finding: ResponseFinding,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
  const fields = finding.safe ?? [];
  if (fields.length === 0 || !isReusable(finding.node)) return [];
  const text = sourceCode.getText(finding.node);
  const { target, spread, key: shorthand } = replacement(finding.node);
  const members = (base: string, optional: boolean): string =>
    fields.map((field) => `${key(field)}: ${access(base, field, optional)}`).join(', ');
  let output: string;
  if (finding.many) {
    if (spread) return [];
    const item = elementName(finding.node.type === AST_NODE_TYPES.Identifier ? finding.node.name : null);
    output = `${text}${finding.nullable ? '?' : ''}.map((${item}) => ({ ${members(item, false)} }))`;
  } else {
    output = spread ? members(text, finding.nullable) : `{ ${members(text, finding.nullable)} }`;
  }
  if (shorthand !== null) output = `${shorthand}: ${output}`;
  const list = fields.map((field) => `\`${field}\``).join(', ');
  return [{ messageId: 'pickFields', data: { fields: list }, fix: (fixer) => fixer.replaceText(target, output) }];
}

/**
 * Without types: `const { passwordHash, ...safeUser } = user.toJSON();` before the sending
 * statement, naming only the sensitive fields the record's declaration in this file has. A
 * Mongoose document or Sequelize instance keeps its data in `_doc` / `dataValues`, which a rest
 * pattern copies whole, so it becomes a plain object first (`toJSON()`, what the response would
 * have serialized). No suggestion when the fields are not known.
 */
function omitSuggestion(
  finding: ResponseFinding,
  sourceCode: Readonly<TSESLint.SourceCode>,
): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
  const removable = finding.removable;
  if (finding.exposed !== null || !removable || !isReusable(finding.node)) return [];
  const omitted = removable.fields;
  if (omitted.length === 0 || omitted.some((field) => !IDENTIFIER.test(field))) return [];
  const text = sourceCode.getText(finding.node);
  const list = omitted.map((field) => `\`${field}\``).join(', ');
  const { target, spread, key: shorthand } = replacement(finding.node);
  const pattern = omitted.join(', ');
  if (finding.many) {
    const item = elementName(finding.node.type === AST_NODE_TYPES.Identifier ? finding.node.name : null);
    if (spread) return [];
    const plain = removable.convert ? `${text}.map((${item}) => ${item}.toJSON())` : text;
    const output = `${shorthand === null ? '' : `${shorthand}: `}${plain}.map(({ ${pattern}, ...${item} }) => ${item})`;
    return [{ messageId: 'omitFields', data: { fields: list }, fix: (fixer) => fixer.replaceText(target, output) }];
  }
  const statement = enclosingStatement(finding.node);
  if (!statement) return [];
  const last = finding.node.type === AST_NODE_TYPES.Identifier ? finding.node.name : finding.node.type === AST_NODE_TYPES.MemberExpression && finding.node.property.type === AST_NODE_TYPES.Identifier ? finding.node.property.name : 'object';
  const safeName = `safe${last.charAt(0).toUpperCase()}${last.slice(1)}`;
  const scope = scopeOf(sourceCode, finding.node);
  if (findVariable(scope, safeName) || omitted.some((field) => findVariable(scope, field))) return [];
  const indent = ' '.repeat(statement.loc.start.column);
  const output = spread ? `...${safeName}` : shorthand === null ? safeName : `${shorthand}: ${safeName}`;
  const plain = removable.convert ? `${text}.toJSON()` : text;
  return [
    {
      messageId: 'omitFields',
      data: { fields: list },
      fix: (fixer) => [
        fixer.insertTextBefore(statement, `const { ${pattern}, ...${safeName} } = ${plain};\n${indent}`),
        fixer.replaceText(target, output),
      ],
    },
  ];
}

function enclosingStatement(node: TSESTree.Node): TSESTree.Node | null {
  let current: TSESTree.Node | undefined = node;
  while (current?.parent) {
    const parent: TSESTree.Node = current.parent;
    if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program) return current;
    if (
      parent.type === AST_NODE_TYPES.ArrowFunctionExpression ||
      parent.type === AST_NODE_TYPES.FunctionExpression ||
      parent.type === AST_NODE_TYPES.FunctionDeclaration
    ) {
      return null;
    }
    current = parent;
  }
  return null;
}
