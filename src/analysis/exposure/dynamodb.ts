/**
 * DynamoDB reads and writes for the exposure analysis: a command of the v3 SDK sent by a client
 * (`ddb.send(new GetCommand(params))`) or a method of the v2 SDK's DocumentClient
 * (`documentClient.put(params).promise()`), known by import only (see `models/exposure.ts`).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  dynamoCommandModules,
  dynamoCommands,
  dynamoDocumentClientMethods,
  dynamoDocumentClients,
  dynamoProjectionKeys,
  dynamoUnmarshall,
  type DynamoOperation,
} from '../../models/exposure.js';
import { findVariable, importSource, isConstantBinding, propertyName, singleDefinition, unwrap, scopeOf } from '../../utils/ast.js';
import { matchSteps, originOf, parsePath } from '../taint/access-path.js';

/** A DynamoDB operation found at a call or `new`: what it does, its parameters, and how to name it. */
export interface DynamoCall {
  operation: DynamoOperation;
  /** The parameters object literal, when it is written in view. */
  params: TSESTree.ObjectExpression | null;
  label: string;
}

const CLIENT_PATHS = dynamoDocumentClients.map((client) => ({ module: client.module, tokens: parsePath(client.path).tokens }));

/** `new GetCommand(params)` with `GetCommand` imported (or required) from a DynamoDB client package. */
export function dynamoCommand(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): DynamoCall | null {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.NewExpression || target.callee.type !== AST_NODE_TYPES.Identifier) return null;
  const source = importSource(scopeOf(sourceCode, target.callee), target.callee.name);
  if (!source || !dynamoCommandModules.includes(source.module)) return null;
  const name = source.imported ?? target.callee.name;
  const operation = Object.hasOwn(dynamoCommands, name) ? dynamoCommands[name] : undefined;
  if (!operation) return null;
  return { operation, params: paramsObject(target.arguments[0], sourceCode), label: `new ${name}` };
}

/**
 * The DynamoDB operation a call runs: `client.send(new GetCommand(params))`, or a DocumentClient
 * method (`documentClient.get(params)`, also with `.promise()` after it).
 */
export function dynamoCall(call: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): DynamoCall | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = propertyName(callee.property);
  if (method === 'send') {
    const command = call.arguments[0] ? dynamoCommand(call.arguments[0], sourceCode) : null;
    return command && { ...command, label: `${sourceCode.getText(callee)}(${command.label})` };
  }
  if (method === 'promise') {
    const request = unwrap(callee.object);
    return request.type === AST_NODE_TYPES.CallExpression ? dynamoCall(request, sourceCode) : null;
  }
  if (method === null || !Object.hasOwn(dynamoDocumentClientMethods, method)) return null;
  const origin = originOf(callee.object, sourceCode);
  if (!origin || !CLIENT_PATHS.some((client) => client.module === origin.module && matchSteps(client.tokens, origin.steps))) return null;
  const operation = dynamoDocumentClientMethods[method];
  if (!operation) return null;
  return { operation, params: paramsObject(call.arguments[0], sourceCode), label: sourceCode.getText(callee) };
}

/** Whether a read's parameters choose the attributes it returns (`ProjectionExpression`). */
export function dynamoProjects(params: TSESTree.ObjectExpression | null): boolean {
  return params !== null && params.properties.some((property) => property.type === AST_NODE_TYPES.Property && dynamoProjectionKeys.has(propertyName(property.key) ?? ''));
}

/** The value of property `key` of the parameters (`Item` of a put), or null. */
export function dynamoParam(params: TSESTree.ObjectExpression | null, key: string): TSESTree.Node | null {
  for (const property of params?.properties ?? []) {
    if (property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === key) return property.value;
  }
  return null;
}

/**
 * The table a read names, as a model name: `'users'`, `USERS_TABLE`, `process.env.USERS_TABLE`
 * (whose head noun is `user`). Null when it is built at run time.
 */
export function dynamoTable(params: TSESTree.ObjectExpression | null): string | null {
  const value = dynamoParam(params, 'TableName');
  const target = value ? unwrap(value) : null;
  if (target?.type === AST_NODE_TYPES.Literal && typeof target.value === 'string') return target.value;
  if (target?.type === AST_NODE_TYPES.Identifier) return target.name;
  if (target?.type === AST_NODE_TYPES.MemberExpression && !target.computed) return propertyName(target.property);
  return null;
}

/** `unmarshall(item)` of `@aws-sdk/util-dynamodb`: the plain object of a marshalled item. */
export function isUnmarshall(callee: TSESTree.Identifier, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  const source = importSource(scopeOf(sourceCode, callee), callee.name);
  return source !== null && source.module === dynamoUnmarshall.module && (source.imported ?? callee.name) === dynamoUnmarshall.name;
}

/** The parameters written in view: an object literal, or a `const` initialised with one. */
function paramsObject(node: TSESTree.Node | undefined, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.ObjectExpression | null {
  if (!node || node.type === AST_NODE_TYPES.SpreadElement) return null;
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.ObjectExpression) return target;
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(scopeOf(sourceCode, target), target.name);
  const definition = variable && isConstantBinding(variable) ? singleDefinition(variable) : null;
  if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator || definition.node.id !== definition.name || !definition.node.init) return null;
  const init = unwrap(definition.node.init);
  return init.type === AST_NODE_TYPES.ObjectExpression ? init : null;
}
