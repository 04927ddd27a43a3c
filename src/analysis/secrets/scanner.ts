import path from 'node:path';
import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { credentialHeaders, headerSetters, localDevelopmentHosts, localDevelopmentPasswords, requestCredentialHeaders } from '../../models/secrets.js';
import { nameContext, objectPropertyString, propertyKeyName, transparentCallArgument, type NameContext, type StringNode } from './context.js';
import { superLinearProblem } from '../../utils/patterns.js';
import { maskSecret } from '../../utils/mask.js';
import { chooseEnvName, isKeyVariableName, isSecretName, repeatsItsName, splitWords } from './names.js';
import {
  builtinPatterns,
  compileExtraPatterns,
  findAllPatternMatches,
  findPatternMatch,
  type ExtraPattern,
  type PatternContext,
  type PatternMatch,
} from './patterns.js';
import { findSinkTargets, type SinkHit } from './sinks.js';
import { importedSinkHit } from './exported.js';
import { isHeaderName, isKeyShaped, isPlaceholder, isPublicValue, isStructurallyNotSecret, passesStrengthGate, type StrengthGate } from './values.js';
import { comparedRequestHeader } from './compared.js';

/** 128, 192, 256, 384 or 512 bits written in hex: the length of a generated key. */
const RANDOM_HEX_KEY = /^(?:[\da-f]{32}|[\da-f]{48}|[\da-f]{64}|[\da-f]{96}|[\da-f]{128})$/iu;

/** The independent checks of the rule. */
export type SecretCheck = 'providerKeys' | 'testModeKeys' | 'sinks' | 'names';

/** Every check, in the order the docs list them. */
export const ALL_CHECKS: readonly SecretCheck[] = ['providerKeys', 'testModeKeys', 'sinks', 'names'];

/** Rule options as the scanner reads them. */
export interface SecretScanOptions {
  readonly checks: readonly SecretCheck[];
  readonly additionalPatterns: readonly ExtraPattern[];
  readonly allowlist: readonly string[];
  readonly minEntropy: number;
  readonly minLength: number;
  /**
   * Globs of test files on the path below the working directory; unset, the test-file recognition
   * every rule shares (`utils/test-files.ts`). The rule decides, the scanner is told.
   */
  readonly testFiles?: readonly string[];
  readonly testFileChecks: readonly SecretCheck[];
}

/** What kind of evidence says the string is a secret. */
export type FindingKind = 'provider' | 'testModeKey' | 'sink' | 'sinkFallback' | 'name' | 'envFallback';

/** A hardcoded secret. The message data never holds more than a masked preview of it. */
export interface SecretFinding {
  readonly kind: FindingKind;
  /** The string literal, template literal or `'a' + 'b'` chain to report. */
  readonly node: StringNode;
  /** The credential format (provider findings). */
  readonly secretKind?: string;
  /** e.g. `the signing key of \`jwt.sign\`` (sink findings). */
  readonly sink?: string;
  /** The secret-ish name (name findings), or `process.env.NAME` (fallback findings). */
  readonly name?: string;
  /** Masked preview: at most the first four characters. */
  readonly preview: string;
  /** Environment variable the suggestion proposes. */
  readonly env: string;
  /**
   * The suggested edit, when one keeps the code valid, and the environment variables it reads: one
   * per distinct credential, since every credential of the string leaves it.
   */
  readonly replacement: { readonly node: TSESTree.Node; readonly text: string; readonly envs: readonly string[] } | undefined;
}

interface ResolvedOptions {
  readonly checks: ReadonlySet<SecretCheck>;
  readonly testChecks: ReadonlySet<SecretCheck>;
  readonly patterns: ReturnType<typeof compileExtraPatterns>;
  readonly isAllowed: (text: string) => boolean;
  readonly gate: StrengthGate;
}

const resolvedCache = new Map<string, ResolvedOptions>();
const MAX_CACHED = 32;

function compileAllowlist(entries: readonly string[]): (text: string) => boolean {
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const [index, entry] of entries.entries()) {
    const end = entry.lastIndexOf('/');
    if (entry.startsWith('/') && end > 0) {
      const flags = [...entry.slice(end + 1)].filter((flag) => 'imsu'.includes(flag)).join('');
      try {
        patterns.push(new RegExp(entry.slice(1, end), flags));
      } catch (error) {
        throw new Error(`no-hardcoded-secrets: allowlist[${index}] is not a valid regular expression: ${String(error)}`, {
          cause: error,
        });
      }
      // Allowlist patterns run on every string the rule looks at: refuse those that can backtrack.
      const problem = superLinearProblem(entry.slice(1, end));
      if (problem !== null) throw new Error(`no-hardcoded-secrets: allowlist[${index}] is ${JSON.stringify(entry)}, which ${problem}.`);
    } else {
      exact.add(entry);
    }
  }
  return (text) => exact.has(text) || patterns.some((pattern) => pattern.test(text));
}

function resolveOptions(options: SecretScanOptions): ResolvedOptions {
  const key = JSON.stringify(options);
  const cached = resolvedCache.get(key);
  if (cached !== undefined) return cached;
  const resolved: ResolvedOptions = {
    checks: new Set(options.checks),
    testChecks: new Set(options.testFileChecks.filter((check) => options.checks.includes(check))),
    patterns: [...compileExtraPatterns(options.additionalPatterns), ...builtinPatterns],
    isAllowed: compileAllowlist(options.allowlist),
    gate: { minLength: options.minLength, minEntropy: options.minEntropy },
  };
  if (resolvedCache.size >= MAX_CACHED) resolvedCache.clear();
  resolvedCache.set(key, resolved);
  return resolved;
}

/** Parents under which a string is a name, a module specifier or a type, never a value. */
const NON_VALUE_PARENTS = new Set<AST_NODE_TYPES>([
  AST_NODE_TYPES.ImportDeclaration,
  AST_NODE_TYPES.ExportAllDeclaration,
  AST_NODE_TYPES.ExportNamedDeclaration,
  AST_NODE_TYPES.ImportExpression,
  AST_NODE_TYPES.ImportAttribute,
  AST_NODE_TYPES.TSImportType,
  AST_NODE_TYPES.TSExternalModuleReference,
  AST_NODE_TYPES.TSModuleDeclaration,
  AST_NODE_TYPES.TSLiteralType,
  AST_NODE_TYPES.ImportSpecifier,
  AST_NODE_TYPES.ExportSpecifier,
]);

function isValuePosition(node: TSESTree.Node): boolean {
  const parent = node.parent;
  if (parent === undefined || NON_VALUE_PARENTS.has(parent.type)) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.Property:
    case AST_NODE_TYPES.PropertyDefinition:
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.TSPropertySignature:
    case AST_NODE_TYPES.AccessorProperty:
      return parent.key !== node;
    case AST_NODE_TYPES.MemberExpression:
      return parent.property !== node;
    case AST_NODE_TYPES.TSEnumMember:
      return parent.id !== node;
    case AST_NODE_TYPES.ExpressionStatement:
      return parent.directive === undefined;
    case AST_NODE_TYPES.CallExpression:
      return !(parent.callee.type === AST_NODE_TYPES.Identifier && parent.callee.name === 'require');
    default:
      return true;
  }
}

function isStringLiteral(node: TSESTree.Literal): node is TSESTree.StringLiteral {
  return typeof node.value === 'string';
}

function isStaticTemplate(node: TSESTree.TemplateLiteral): boolean {
  return node.expressions.length === 0;
}

/** The `Authorization` header a string is the value of, as written, if any. */
function credentialHeaderName(node: TSESTree.Node): string | undefined {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === node) {
    const key = propertyKeyName(parent);
    return key !== undefined && credentialHeaders.includes(key.toLowerCase()) ? key : undefined;
  }
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[1] === node) {
    const callee = parent.callee;
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? ASTUtils.getPropertyName(callee) : null;
    const [first] = parent.arguments;
    const header = first === undefined ? null : ASTUtils.getStringIfConstant(first);
    if (method !== null && headerSetters.includes(method) && header !== null && credentialHeaders.includes(header.toLowerCase())) {
      return header;
    }
  }
  return undefined;
}

const LOCAL_HOSTS = new Set(localDevelopmentHosts);
const LOCAL_PASSWORDS = new Set(localDevelopmentPasswords);

/**
 * Whether the string at a sink is the secret the sink says it is. A key the application defines is,
 * whatever it reads like; a password is, unless it is a well-known default next to a local host
 * (`{ host: 'localhost', password: 'postgres' }`); a provider credential is, unless it is a placeholder.
 */
function provenAtSink(hit: SinkHit, value: string, object: TSESTree.ObjectExpression | undefined): boolean {
  if (hit.format === 'userinfo') {
    // `auth: 'svc:pw'`: the password is the secret; a user name alone (`auth: 'anonymous'`) is none.
    const colon = value.indexOf(':');
    if (colon === -1) return false;
    const password = value.slice(colon + 1);
    return password !== '' && !isPlaceholder(password) && !isPlaceholder(value.slice(0, colon));
  }
  if (hit.proves === 'key') return true;
  if (hit.proves === 'credential') return !isPlaceholder(value);
  if (object === undefined) return true;
  const host = ['host', 'hostname', 'server'].map((key) => objectPropertyString(object, key)).find((text) => typeof text === 'string');
  if (host === undefined || host === null || !LOCAL_HOSTS.has(host.toLowerCase())) return true;
  const user = ['user', 'username'].map((key) => objectPropertyString(object, key)).find((text) => typeof text === 'string');
  return !(LOCAL_PASSWORDS.has(value.toLowerCase()) || value === user);
}

/**
 * `the session secret of \`session\` (express-session)`: the slot, the call as written, and the module
 * when the call does not say it. A header names what sends it, and its line when the string is
 * written on another line of the file (`the \`Authorization\` header of \`axios.post\` on line 12`);
 * `line` is the string's, undefined when the slot is in another file (which names its own line).
 */
function describeSink(hit: SinkHit, line: number | undefined): string {
  if (hit.header !== undefined) {
    if (hit.callee === '') return `the \`${hit.header.name}\` header`;
    const where = hit.line === undefined || line === undefined || hit.line === line ? '' : ` on line ${String(hit.line)}`;
    return `the \`${hit.header.name}\` header of \`${hit.callee}\`${where}`;
  }
  const module = hit.callee.includes(hit.module) ? '' : ` (${hit.module})`;
  return `the ${hit.role} of \`${hit.callee}\`${module}`;
}

/**
 * The credential in a header value, and where it starts: after the scheme of a whole `Authorization`
 * value (`'Bearer …'`, whatever the first word), after a known scheme elsewhere (`'Bearer ' + KEY`).
 */
function headerCredential(value: string, header: NonNullable<SinkHit['header']>): { start: number; credential: string } {
  const trimmed = value.trimStart();
  const space = trimmed.indexOf(' ');
  const scheme = space === -1 ? '' : trimmed.slice(0, space);
  const anyScheme = header.whole && credentialHeaders.includes(header.name.toLowerCase());
  const skip = space !== -1 && (anyScheme || AUTH_SCHEMES.has(scheme.toLowerCase()));
  const start = value.length - trimmed.length + (skip ? space + 1 : 0);
  return { start, credential: value.slice(start).trim() };
}

/** A project file as messages name it: relative to the working directory, with `/`. */
function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return (relative === '' || relative.startsWith('..') ? file : relative).split(path.sep).join('/');
}

/** A scheme alone (`'Bearer'`) is a prefix waiting for its token, not a credential. */
const AUTH_SCHEMES = new Set(['bearer', 'basic', 'token', 'digest', 'bot']);

const REQUEST_CREDENTIAL_HEADERS = new Set(requestCredentialHeaders);
const BASIC_PREFIX = /^basic\s+$/i;

/**
 * The credential header a string is the Basic `user:password` pair of, once base64-encoded:
 * `'Basic ' + Buffer.from('svc:pw').toString('base64')`, or `btoa('svc:pw')` in a template after
 * `Basic `. Undefined for anything else.
 */
function basicCredentialHeader(node: StringNode): string | undefined {
  let current: TSESTree.Node = node;
  while (current.parent?.type === AST_NODE_TYPES.TSAsExpression || current.parent?.type === AST_NODE_TYPES.TSNonNullExpression) current = current.parent;
  const call = current.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== current) return undefined;
  let encoded: TSESTree.Node;
  if (call.callee.type === AST_NODE_TYPES.Identifier && call.callee.name === 'btoa') {
    encoded = call;
  } else {
    // `Buffer.from(pair)` (or `Buffer.from(pair, 'utf8')`), then `.toString('base64')`.
    if (transparentCallArgument(call) !== current || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const member = call.parent;
    const toString = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== call || ASTUtils.getPropertyName(member) !== 'toString') return undefined;
    if (toString?.type !== AST_NODE_TYPES.CallExpression || toString.callee !== member) return undefined;
    const [encoding] = toString.arguments;
    if (encoding === undefined || ASTUtils.getStringIfConstant(encoding) !== 'base64') return undefined;
    encoded = toString;
  }
  const whole = encoded.parent;
  if (whole?.type === AST_NODE_TYPES.BinaryExpression && whole.operator === '+' && whole.right === encoded) {
    const prefix = ASTUtils.getStringIfConstant(whole.left);
    return prefix !== null && BASIC_PREFIX.test(prefix) ? credentialHeaderName(whole) : undefined;
  }
  if (whole?.type === AST_NODE_TYPES.TemplateLiteral) {
    const index = whole.expressions.indexOf(encoded as TSESTree.Expression);
    const before = index >= 0 ? whole.quasis[index]?.value.cooked : undefined;
    return index === whole.expressions.length - 1 && before !== undefined && before !== null && BASIC_PREFIX.test(before) ? credentialHeaderName(whole) : undefined;
  }
  return undefined;
}

/**
 * A value that is the name of a header rather than what it carries: the key's own name
 * (`{ AUTHORIZATION: 'authorization' }`, a table of header names) or another credential header's
 * name (`{ Authorization: 'X-Api-Key' }`, which header to read).
 */
function namesAHeader(header: string, value: string): boolean {
  return repeatsItsName(header, value) || REQUEST_CREDENTIAL_HEADERS.has(value.toLowerCase()) || isHeaderName(value);
}

/** Where the secret sits in the string value; `undefined` means the whole value. */
interface Span {
  readonly start: number;
  readonly length: number;
  /** The variable proposed for another credential of the same string (the reported one takes the finding's). */
  readonly env?: string;
}

/** Scans the strings of one file. Create one per file; call the `inspect*` methods from the visitors. */
export interface SecretScanner {
  inspectLiteral(node: TSESTree.Literal): SecretFinding | undefined;
  inspectTemplate(node: TSESTree.TemplateLiteral): SecretFinding | undefined;
  inspectBinary(node: TSESTree.BinaryExpression): SecretFinding | undefined;
}

/**
 * Builds the scanner for one file, or `undefined` when every check is off for it (a test file with
 * `testFileChecks: []`). `testFile` says whether the file is a test (the shared recogniser).
 */
export function createSecretScanner(
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>,
  options: SecretScanOptions,
  testFile: boolean,
): SecretScanner | undefined {
  const resolved = resolveOptions(options);
  const checks = testFile ? resolved.testChecks : resolved.checks;
  if (checks.size === 0) return undefined;
  const sourceCode = context.sourceCode;
  const { filename, cwd } = context;
  let sinkTargets: Map<TSESTree.Node, SinkHit> | undefined;
  const sinkHit = (node: TSESTree.Node): SinkHit | undefined => {
    sinkTargets ??= findSinkTargets(sourceCode);
    return sinkTargets.get(node);
  };
  const consumed = new WeakSet<TSESTree.Node>();
  const staticChains = new WeakMap<TSESTree.Node, boolean>();

  const isStaticChain = (node: TSESTree.Node): boolean => {
    if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' || typeof node.value === 'number';
    if (node.type === AST_NODE_TYPES.TemplateLiteral) return isStaticTemplate(node);
    if (node.type !== AST_NODE_TYPES.BinaryExpression || node.operator !== '+') return false;
    const known = staticChains.get(node);
    if (known !== undefined) return known;
    const result = isStaticChain(node.left) && isStaticChain(node.right);
    staticChains.set(node, result);
    return result;
  };
  const consume = (node: TSESTree.Node): void => {
    consumed.add(node);
    if (node.type === AST_NODE_TYPES.BinaryExpression) {
      consume(node.left);
      consume(node.right);
    }
  };

  /**
   * Every credential in a string, the reported `match` among them. `null` (no suggestion) when another
   * one is a whole configuration value (a database URL), which a variable for a part cannot replace.
   */
  const credentialSpans = (value: string, match: PatternMatch, patternContext: PatternContext): Span[] | null => {
    const reported: Span = { start: match.start, length: match.length };
    const end = match.start + match.length;
    const others = findAllPatternMatches(value, resolved.patterns, patternContext, resolved.isAllowed).filter(
      (span) => span.start + span.length <= match.start || span.start >= end,
    );
    if (others.some((span) => span.pattern.wholeValue === true)) return null;
    const spans: Span[] = [reported, ...others.map((span) => ({ start: span.start, length: span.length, env: span.pattern.env }))];
    return spans.sort((a, b) => a.start - b.start);
  };

  const replacementFor = (
    node: StringNode,
    value: string,
    where: NameContext,
    env: string,
    spans: readonly Span[] | undefined | null,
  ): SecretFinding['replacement'] => {
    if (spans === null) return undefined;
    if (where.fallback !== undefined) {
      return { node: where.fallback, text: sourceCode.getText(where.fallback.left), envs: [env] };
    }
    if (where.inEnum) return undefined;
    const wrap = (text: string): string => (where.inJsxAttribute ? `{${text}}` : text);
    if (spans === undefined) return { node: where.replaced, text: wrap(`process.env.${env}`), envs: [env] };
    if (node.type === AST_NODE_TYPES.BinaryExpression) return undefined;
    const raw = sourceCode.getText(node).slice(1, -1);
    if (raw !== value || /[`\\]|\$\{/.test(value)) return undefined;
    // Every credential of the string is read from the environment: the same one twice from the same
    // variable, two different ones from two variables.
    const variables = new Map<string, string>();
    let text = '';
    let position = 0;
    for (const span of spans) {
      const credential = value.slice(span.start, span.start + span.length);
      let variable = variables.get(credential);
      if (variable === undefined) {
        const wanted = span.env ?? env;
        const taken = new Set(variables.values());
        variable = wanted;
        for (let suffix = 2; taken.has(variable); suffix++) variable = `${wanted}_${suffix}`;
        variables.set(credential, variable);
      }
      text += `${value.slice(position, span.start)}\${process.env.${variable}}`;
      position = span.start + span.length;
    }
    text += value.slice(position);
    return { node: where.replaced, text: wrap(`\`${text}\``), envs: [...new Set(variables.values())] };
  };

  const inspectValue = (node: StringNode, value: string): SecretFinding | undefined => {
    if (value.trim() === '' || resolved.isAllowed(value) || isPublicValue(value)) return undefined;
    let where: NameContext | undefined;
    const context = (): NameContext => (where ??= nameContext(node));
    const finding = (
      kind: FindingKind,
      secret: string,
      env: string,
      /** Where the credentials are; `undefined` when the whole value is one, `null` when no edit is safe. */
      spans: readonly Span[] | undefined | null,
      data: Pick<SecretFinding, 'secretKind' | 'sink' | 'name'>,
    ): SecretFinding => {
      const envName = context().envName ?? `${env}${elementSuffix(context().replaced)}`;
      return {
        kind,
        node,
        ...data,
        preview: maskSecret(secret),
        env: envName,
        replacement: replacementFor(node, value, context(), envName, spans),
      };
    };

    if (checks.has('providerKeys') || checks.has('testModeKeys')) {
      const patternContext: PatternContext = {
        name: () => [context().name, context().envName].filter((name) => name !== undefined).join(' ') || undefined,
        sibling: (key) => {
          const object = context().object;
          return object === undefined ? undefined : objectPropertyString(object, key);
        },
      };
      const match = findPatternMatch(value, resolved.patterns, patternContext, resolved.isAllowed);
      if (match === 'public') return undefined;
      if (match !== undefined) {
        const testMode = match.pattern.mode === 'test';
        if (checks.has(testMode ? 'testModeKeys' : 'providerKeys')) {
          const whole = match.pattern.wholeValue === true || (match.start === 0 && match.length === value.length);
          const spans = whole ? undefined : credentialSpans(value, match, patternContext);
          return finding(testMode ? 'testModeKey' : 'provider', match.secret, chooseEnvName(context().name, match.pattern.env), spans, {
            secretKind: match.pattern.kind,
          });
        }
        if (testMode) return undefined;
      }
    }

    if (checks.has('sinks')) {
      let hit = sinkHit(node);
      let where = '';
      if (hit === undefined) {
        // A value of an exported configuration object that another project file passes to a secret slot.
        const remote = importedSinkHit(node, filename);
        if (remote !== undefined) {
          hit = remote.hit;
          where = ` in ${displayPath(remote.file, cwd)}:${String(remote.line)}`;
        }
      }
      const { header } = hit ?? {};
      if (hit !== undefined && header !== undefined) {
        // A credential header: a provider's or another service's credential, so a placeholder is an
        // unfilled slot; so is a scheme alone, a header's name, or a key public by design.
        const { start, credential } = headerCredential(value, header);
        if (
          credential !== '' &&
          !isPlaceholder(credential) &&
          !AUTH_SCHEMES.has(credential.toLowerCase()) &&
          !namesAHeader(header.name, credential) &&
          !isPublicValue(credential)
        ) {
          const sink = `${describeSink(hit, where === '' ? node.loc.start.line : undefined)}${where}`;
          const { envName } = context();
          if (envName !== undefined) return finding('sinkFallback', credential, envName, undefined, { sink, name: `process.env.${envName}` });
          const spans = start === 0 && credential.length === value.length ? undefined : [{ start, length: credential.length }];
          return finding('sink', credential, chooseEnvName(context().name, hit.env), spans, { sink });
        }
      } else if (hit !== undefined && provenAtSink(hit, value, context().object)) {
        const sink = `${describeSink(hit, undefined)}${where}`;
        const { envName } = context();
        // The fallback runs whenever the variable is unset: it is the production secret then.
        if (envName !== undefined) return finding('sinkFallback', value, envName, undefined, { sink, name: `process.env.${envName}` });
        return finding('sink', value, chooseEnvName(context().name, hit.env), undefined, { sink });
      }
    }

    if (checks.has('sinks')) {
      // `'Basic ' + Buffer.from('user:password').toString('base64')`: the pair, encoded, is the credential.
      const basic = basicCredentialHeader(node);
      const colon = value.indexOf(':');
      const password = colon > 0 ? value.slice(colon + 1) : '';
      if (basic !== undefined && password !== '' && !isPlaceholder(password) && !isPlaceholder(value.slice(0, colon))) {
        return finding('sink', value, 'BASIC_AUTH', undefined, { sink: `the Basic credentials of the \`${basic}\` header` });
      }
    }

    if (checks.has('sinks') && (isKeyShaped(value, resolved.gate) || passesStrengthGate(value, resolved.gate))) {
      // Compared with the credential a request sends: the key the server accepts.
      const header = comparedRequestHeader(sourceCode, node);
      if (header !== undefined) {
        return finding('sink', value, chooseEnvName(context().name, 'API_KEY'), undefined, { sink: `the key compared with \`${header}\`` });
      }
    }

    if (checks.has('names')) {
      const { name, envName } = context();
      if (isPlaceholder(value) || isStructurallyNotSecret(value)) return undefined;
      if (name !== undefined && repeatsItsName(name, value)) return undefined;
      const secretName = name !== undefined && isSecretName(splitWords(name));
      if (envName !== undefined && (secretName || isSecretName(splitWords(envName)))) {
        return finding('envFallback', value, envName, undefined, { name: `process.env.${envName}` });
      }
      // `process.env.IMGPROXY_KEY || '943b…0881'`: random hex of a key's length as the fallback of a
      // variable named as a key is the key itself (`openssl rand -hex 32`), not a hash or an id.
      if (envName !== undefined && RANDOM_HEX_KEY.test(value) && /\d/u.test(value) && /[a-f]/iu.test(value) && isKeyVariableName(splitWords(envName))) {
        return finding('envFallback', value, envName, undefined, { name: `process.env.${envName}` });
      }
      if (name !== undefined && secretName && passesStrengthGate(value, resolved.gate)) {
        return finding('name', value, chooseEnvName(name, undefined), undefined, { name });
      }
    }
    return undefined;
  };

  return {
    inspectLiteral(node) {
      if (!isStringLiteral(node) || consumed.has(node) || !isValuePosition(node)) return undefined;
      return inspectValue(node, node.value);
    },
    inspectTemplate(node) {
      if (consumed.has(node)) return undefined;
      if (isStaticTemplate(node)) {
        const cooked = node.quasis[0]?.value.cooked;
        return typeof cooked === 'string' ? inspectValue(node, cooked) : undefined;
      }
      // A template with expressions is only scanned for credential formats inside its fixed parts.
      if (!checks.has('providerKeys') && !checks.has('testModeKeys')) return undefined;
      const noContext: PatternContext = { name: () => undefined, sibling: () => undefined };
      for (const quasi of node.quasis) {
        const text = quasi.value.cooked;
        if (typeof text !== 'string' || text === '') continue;
        const match = findPatternMatch(text, resolved.patterns, noContext, resolved.isAllowed);
        if (match === undefined || match === 'public') continue;
        const testMode = match.pattern.mode === 'test';
        if (!checks.has(testMode ? 'testModeKeys' : 'providerKeys')) continue;
        return {
          kind: testMode ? 'testModeKey' : 'provider',
          node,
          secretKind: match.pattern.kind,
          preview: maskSecret(match.secret),
          env: match.pattern.env,
          replacement: undefined,
        };
      }
      return undefined;
    },
    inspectBinary(node) {
      if (node.operator !== '+' || consumed.has(node) || !isStaticChain(node)) return undefined;
      consume(node);
      const value: unknown = ASTUtils.getStaticValue(node)?.value;
      return typeof value === 'string' ? inspectValue(node, value) : undefined;
    },
  };
}

/**
 * `_2` for the second of several values in an array literal (`keys: ['…', '…']`): each credential
 * is read from its own variable, so applying every suggestion keeps them apart.
 */
function elementSuffix(node: TSESTree.Node): string {
  const parent = node.parent;
  if (parent?.type !== AST_NODE_TYPES.ArrayExpression || parent.elements.length < 2) return '';
  return `_${String(parent.elements.indexOf(node as TSESTree.Expression) + 1)}`;
}
