/**
 * Sinks: which call, `new`, `import()` or assignment is a sink of which kind, and which argument
 * (or option or header inside it) it reads in which role. Import-tracked models first, then the
 * fallback models by method and receiver name, globals, a handler's response methods, the Koa body
 * assignment, and sinks from the rule's options and settings.
 */
import { renderMethods } from '../../models/sinks/templates.js';
import type { RawOutput } from './templates.js';
import { sailsActionContext, sailsActionOfThis } from '../routes/frameworks/sails.js';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  builtinReceivers,
  evaluatingCode,
  fallbackSinkModels,
  globalSinkModels,
  htmlBodyProperties,
  htmlJsxAttributes,
  responseChainMethods,
  responseMembers,
  responseParameterNames,
  responseParameters,
  responseSinkModels,
  responseViews,
  responseStatusSetters,
  returnedBodySinkModels,
  returnedResponseSinkModels,
  shellPrograms,
  sinkModels,
  sqlQueryConfigProperties,
  sqlStatementStart,
  storageCallbackSinks,
  urlOptionProperties,
} from '../../models/sinks/index.js';
import { prefixKinds, type FallbackSinkModel, type ResponseSinkModel, type ReturnedBodySinkModel, type ReturnedResponseSinkModel, type SinkArgumentMode, type TaintKind } from '../../models/taint-types.js';
import { dottedName, findVariable, type FunctionNode, importSource, isFunction, memberKeyName, nodesOfType, propertyName, resolveFunction, singleDefinition, staticString, unwrap, walk as walkNodes, scopeOf } from '../../utils/ast.js';
import { crossFileTarget } from '../project/calls.js';
import { h3HeaderSetters, h3Modules } from '../../models/frameworks/h3.js';
import { maskedExcerpt } from '../../utils/mask.js';
import { matchSteps, originOf, parsePath, sameModule, type Origin } from './access-path.js';
import { agentOptions, ssrfFilteringAgents } from '../../models/sanitizers.js';
import type { SinkRole, SinkSite, TaintSinkInfo } from './types.js';
import { walkOwn, within } from './engine-context.js';
import { TaintSinkRoles } from './sink-roles.js';
import { compiledDecoratorsOf, decoratorSource } from '../routes/frameworks/compiled-decorators.js';
import { nextPageData } from '../../models/frameworks/next-pages.js';

const FILTERING_AGENTS = ssrfFilteringAgents.map((model) => ({ module: model.module, tokens: parsePath(model.path).tokens }));

interface SinkMatch {
  /** The value checked: the argument, or an option/header property inside it. */
  node: TSESTree.Node;
  /** The whole argument that holds `node`. */
  argument: TSESTree.Node;
  role: SinkRole;
  library: string;
  placeholder: TaintSinkInfo['placeholder'];
  template?: RawOutput;
}

/** A handler's response object (see `responseReceiver`): its request styles, its name, and the function whose parameter it is. */
interface ResponseReceiver {
  styles: readonly string[];
  root: string;
  owner: FunctionNode;
}

const PREFIX_KINDS = new Set<TaintKind>(prefixKinds);
const CHAIN_METHODS = new Set<string>(responseChainMethods);
const URL_OPTIONS = new Set<string>(urlOptionProperties);
const SQL_CONFIG_TEXT = new Set<string>(sqlQueryConfigProperties);
const NOT_MODELS = new Set<string>(builtinReceivers);
const STATUS_METHODS = new Set<string>(responseStatusSetters.methods);
const STATUS_PROPERTIES = new Set<string>(responseStatusSetters.properties);
const REDIRECT_METHODS = new Set<string>(responseStatusSetters.redirects);
const RETURNING_STYLES = new Set<string>(Object.values(returnedResponseSinkModels).flatMap((models) => models.flatMap((model) => model.styles)));
const BODY_RETURNING_STYLES = new Set<string>(Object.values(returnedBodySinkModels).flatMap((models) => models.flatMap((model) => model.styles)));

/** Sink matching. */
export abstract class TaintSinks extends TaintSinkRoles {
  private sites: SinkSite[] | null = null;
  private readonly contentTypes = new Map<TSESTree.Node, Map<string, { end: number; latest: string; at: number }[]>>();
  /** Per handler and response name: whether every status it sets is known and outside 3xx. */
  private readonly nonRedirectStatus = new Map<TSESTree.Node, Map<string, boolean>>();
  /** Per helper and parameter, the styles of the responses its calls pass there (see `passedResponseStyles`). */
  private readonly passedResponses = new Map<FunctionNode, Map<number, readonly string[]>>();
  /**
   * `packageOrigin` of each callee origin (the objects `originOf` caches per node): every sink kind
   * asks it of the same callees, and each answer stats and looks up the other file again.
   */
  private readonly packageOrigins = new Map<Origin, Origin>();

  /** Calls, `new` expressions and assignments to a response body property. */
  protected allSites(): SinkSite[] {
    if (this.sites) return this.sites;
    this.sites = nodesOfType(
      this.sourceCode.ast,
      AST_NODE_TYPES.CallExpression,
      AST_NODE_TYPES.NewExpression,
      AST_NODE_TYPES.AssignmentExpression,
      AST_NODE_TYPES.ImportExpression,
    ).filter(
      (node) =>
        node.type !== AST_NODE_TYPES.AssignmentExpression || (node.operator === '=' && node.left.type === AST_NODE_TYPES.MemberExpression),
    );
    for (const [object, style] of this.returnedResponses()) if (style) this.sites.push(object);
    for (const statement of this.returnedBodies().keys()) this.sites.push(statement);
    for (const object of this.jsxHtmlObjects().keys()) this.sites.push(object);
    return this.sites;
  }

  private jsxHtml: Map<TSESTree.ObjectExpression, (typeof htmlJsxAttributes)[number]> | null = null;

  /** The objects given to an attribute that writes one of their properties as markup: `dangerouslySetInnerHTML={{ __html }}`. */
  private jsxHtmlObjects(): Map<TSESTree.ObjectExpression, (typeof htmlJsxAttributes)[number]> {
    if (this.jsxHtml) return this.jsxHtml;
    this.jsxHtml = new Map();
    for (const attribute of nodesOfType(this.sourceCode.ast, AST_NODE_TYPES.JSXAttribute)) {
      if (attribute.name.type !== AST_NODE_TYPES.JSXIdentifier || attribute.value?.type !== AST_NODE_TYPES.JSXExpressionContainer) continue;
      const model = htmlJsxAttributes.find((candidate) => candidate.attribute === (attribute.name as TSESTree.JSXIdentifier).name);
      const expression = attribute.value.expression;
      if (!model || expression.type === AST_NODE_TYPES.JSXEmptyExpression) continue;
      // `{{ __html: html }}`, or an object a constant holds.
      const object = this.constObject(expression);
      if (object) this.jsxHtml.set(object, model);
    }
    return this.jsxHtml;
  }

  /** `dangerouslySetInnerHTML={{ __html: html }}`: the property written as markup. */
  private matchJsxHtml(site: TSESTree.ObjectExpression, kind: TaintKind): SinkMatch[] {
    const model = this.jsxHtmlObjects().get(site);
    if (!model || model.kind !== kind) return [];
    const property = site.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && memberKeyName(candidate) === model.property);
    return property ? [{ node: property.value, argument: property.value, role: 'html', library: model.library, placeholder: null }] : [];
  }

  /**
   * The props a Next.js page's data functions hand to `component` when it is the page component
   * (the default export of a page file with such functions): the `props` member of each object
   * `getServerSideProps` returns, each object `getInitialProps` returns. A prop the component
   * reads from its first parameter is read there (see `atCallSite`). Empty for other functions.
   */
  protected pagePropsOf(component: FunctionNode): TSESTree.Node[] {
    if (this.defaultExportedFunction() !== component) return [];
    const props: TSESTree.Node[] = [];
    for (const [fn, handler] of this.handlers) {
      if (handler.style !== nextPageData.style) continue;
      const initialProps = isInitialPropsFunction(fn);
      const values: TSESTree.Node[] = [];
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) values.push(fn.body);
      else walkOwn(fn.body, (inner) => {
        if (inner.type === AST_NODE_TYPES.ReturnStatement && inner.argument) values.push(inner.argument);
      });
      for (const value of values.flatMap((returned) => answerBranches(returned))) {
        if (initialProps) {
          props.push(value);
          continue;
        }
        const object = this.constObject(value);
        const member = object?.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && memberKeyName(candidate) === nextPageData.propsMember);
        if (member) props.push(member.value);
      }
    }
    return props;
  }

  /** The function the file exports as default: `export default function Page()`, or `export default Page` of one. */
  private defaultExportedFunction(): FunctionNode | null {
    if (this.defaultExport === undefined) this.defaultExport = this.findDefaultExportedFunction();
    return this.defaultExport;
  }

  private defaultExport: FunctionNode | null | undefined;

  private findDefaultExportedFunction(): FunctionNode | null {
    for (const statement of this.sourceCode.ast.body) {
      if (statement.type !== AST_NODE_TYPES.ExportDefaultDeclaration) continue;
      const declaration = statement.declaration;
      if (isFunction(declaration)) return declaration;
      if (declaration.type === AST_NODE_TYPES.Identifier) return resolveFunction(declaration, scopeOf(this.sourceCode, statement));
      return null;
    }
    return null;
  }

  private bodies: Map<TSESTree.ReturnStatement, { style: string; fn: FunctionNode }> | null = null;

  /** The `return value;` statements of handlers of a style that sends what its handlers return (Nest, Fastify). */
  private returnedBodies(): Map<TSESTree.ReturnStatement, { style: string; fn: FunctionNode }> {
    if (this.bodies) return this.bodies;
    this.bodies = new Map();
    for (const [fn, handler] of this.handlers) {
      if (!BODY_RETURNING_STYLES.has(handler.style) || fn.body.type !== AST_NODE_TYPES.BlockStatement) continue;
      const bodies = this.bodies;
      walkOwn(fn.body, (inner) => {
        if (inner.type === AST_NODE_TYPES.ReturnStatement && inner.argument) bodies.set(inner, { style: handler.style, fn });
      });
    }
    return this.bodies;
  }

  private returned: Map<TSESTree.ObjectExpression, string> | null = null;

  /**
   * The object literals handlers of a style that answers with a returned object (AWS Lambda)
   * return themselves, with that style: `return { statusCode: 302, headers: { Location } }`.
   */
  private returnedResponses(): Map<TSESTree.ObjectExpression, string> {
    if (this.returned) return this.returned;
    this.returned = new Map();
    for (const [fn, handler] of this.handlers) {
      if (!RETURNING_STYLES.has(handler.style)) continue;
      const values: TSESTree.Node[] = [];
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) values.push(fn.body);
      else walkOwn(fn.body, (inner) => {
        if (inner.type === AST_NODE_TYPES.ReturnStatement && inner.argument) values.push(inner.argument);
      });
      for (const value of values.flatMap((returned) => answerBranches(returned))) {
        if (value.type === AST_NODE_TYPES.ObjectExpression) this.returned.set(value, handler.style);
        // `return respond(200, html, { 'content-type': 'text/html' })`: a helper builds the object.
        if (value.type === AST_NODE_TYPES.CallExpression) this.helperAnswers.set(value, handler.style);
      }
    }
    return this.returned;
  }

  /** Calls a handler of a returning style returns, which may build its answer (see `matchHelperResponse`). */
  private readonly helperAnswers = new Map<TSESTree.CallExpression, string>();

  /**
   * `return respond(200, html, { 'content-type': 'text/html' })` of a handler that answers with a
   * returned object (AWS Lambda), where `respond`, a function of this file or of another project
   * file, returns that object built from its parameters: `(statusCode, body, headers = {}) =>
   * ({ statusCode, headers: { 'content-type': 'application/json', ...headers }, body })`. Read as
   * the object it returns, with each of its parameters replaced by the call's argument: the sink is
   * the argument the helper puts in the answer's `body` (or a header), judged by the headers the
   * helper writes and those the call passes. A helper that serializes its parameter
   * (`body: JSON.stringify(body)`) puts no argument there.
   */
  private matchHelperResponse(site: TSESTree.CallExpression, kind: TaintKind): SinkMatch[] {
    this.returnedResponses();
    const style = this.helperAnswers.get(site);
    if (style === undefined) return [];
    const helper = this.answerHelper(site);
    const answer = helper ? helperAnswer(helper) : null;
    if (!helper || !answer) return [];
    const matches: SinkMatch[] = [];
    // What a value of the helper is at the call: the argument of the parameter it names (either
    // branch of `typeof body === 'string' ? body : JSON.stringify(body)`), else nothing of the caller.
    const atCall = (value: TSESTree.Node, depth = 0): TSESTree.Node | null => {
      const target = unwrap(value);
      if (depth > 4) return null;
      if (target.type === AST_NODE_TYPES.ConditionalExpression) return atCall(target.consequent, depth + 1) ?? atCall(target.alternate, depth + 1);
      if (target.type === AST_NODE_TYPES.LogicalExpression) return atCall(target.left, depth + 1) ?? atCall(target.right, depth + 1);
      if (target.type !== AST_NODE_TYPES.Identifier) return null;
      const index = helper.params.findIndex((param) => {
        const name = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
        return name.type === AST_NODE_TYPES.Identifier && name.name === target.name;
      });
      if (index < 0 || site.arguments.slice(0, index + 1).some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return null;
      return site.arguments[index] ?? null;
    };
    const property = (name: string): TSESTree.Property | null => {
      for (const candidate of answer.properties) if (candidate.type === AST_NODE_TYPES.Property && memberKeyName(candidate) === name) return candidate;
      return null;
    };
    /** A header's values, each with whether it is the caller's node (else the helper's own). */
    const headerValues = (names: readonly string[], header: string): { node: TSESTree.Node; caller: boolean }[] =>
      names.flatMap((name) => {
        const found = property(name);
        if (!found) return [];
        const entries: { key: string | null; node: TSESTree.Node; caller: boolean }[] = [];
        const read = (object: TSESTree.ObjectExpression | null, caller: boolean): void => {
          for (const entry of object?.properties ?? []) {
            if (entry.type === AST_NODE_TYPES.Property) {
              // `headers: { Location: target }` of the helper: the argument of `target` at the call.
              const passed = caller ? null : atCall(entry.value);
              entries.push({ key: memberKeyName(entry)?.toLowerCase() ?? null, node: passed ?? entry.value, caller: caller || passed !== null });
            } else if (!caller) {
              const passed = atCall(entry.argument);
              read(passed ? this.constObject(passed) : null, true);
            }
          }
        };
        const value = unwrap(found.value);
        if (value.type === AST_NODE_TYPES.ObjectExpression) read(value, false);
        else {
          const passed = atCall(value);
          read(passed ? this.constObject(passed) : null, true);
        }
        return entries.filter((entry) => entry.key === header).map(({ node, caller }) => ({ node, caller }));
      });
    const text = (value: { node: TSESTree.Node; caller: boolean }): string | null => (value.caller ? this.stringValue(value.node) : literalText(value.node));
    for (const model of returnedResponseSinkModels[kind] as readonly ReturnedResponseSinkModel[]) {
      if (!model.styles.includes(style)) continue;
      const role: SinkRole = model.mode === 'html' ? 'html' : model.mode === 'url' ? 'url' : 'text';
      const statusProperty = model.redirectStatus === undefined ? null : property(model.redirectStatus);
      const status = statusProperty ? (atCall(statusProperty.value) ?? statusProperty.value) : null;
      if (model.header !== undefined && !(status !== null && isNonRedirectStatus(status))) {
        for (const value of headerValues(model.headers ?? [], model.header)) {
          if (value.caller) matches.push({ node: value.node, argument: value.node, role, library: model.library, placeholder: null });
        }
      }
      if (model.property !== undefined) {
        if (model.html === 'declared' && !headerValues(model.headers ?? [], 'content-type').some((value) => isHtmlType(text(value) ?? ''))) continue;
        const body = property(model.property);
        const passed = body ? atCall(body.value) : null;
        if (passed) matches.push({ node: passed, argument: passed, role, library: model.library, placeholder: null });
      }
    }
    return matches;
  }

  /** The function a returned call runs: of this file, or of another project file. */
  private answerHelper(site: TSESTree.CallExpression): FunctionNode | null {
    const local = resolveFunction(site.callee, scopeOf(this.sourceCode, site));
    if (local) return local;
    if (!this.input.project) return null;
    return crossFileTarget(unwrap(site.callee), this.sourceCode)?.fn ?? null;
  }

  protected siteName(site: SinkSite): string {
    if (site.type === AST_NODE_TYPES.CallExpression) return this.calleeName(site);
    if (site.type === AST_NODE_TYPES.ImportExpression) return 'import()';
    if (site.type === AST_NODE_TYPES.NewExpression) return `new ${dottedName(site.callee) ?? maskedExcerpt(this.sourceCode.getText(site.callee), 40, '')}`;
    if (site.type === AST_NODE_TYPES.ObjectExpression) return this.jsxHtmlObjects().get(site)?.attribute ?? 'return { … }';
    if (site.type === AST_NODE_TYPES.ReturnStatement) return 'return';
    return maskedExcerpt(this.sourceCode.getText(site.left), 40, '');
  }

  /** How a message names the function a call runs: `pool.query`, `users.find`. */
  calleeName(call: TSESTree.CallExpression): string {
    const callee = unwrap(call.callee);
    // `db('users').where(...).orderByRaw` reads better as the method alone.
    if (callee.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object).type === AST_NODE_TYPES.CallExpression) {
      const method = propertyName(callee.property);
      if (method !== null) return method;
    }
    const name = dottedName(call.callee);
    if (name !== null) return name;
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const property = propertyName(callee.property);
      if (property !== null) return property;
    }
    return maskedExcerpt(this.sourceCode.getText(call.callee), 40, '');
  }

  protected matchSinks(site: SinkSite, kind: TaintKind, optionSinks: ((name: string) => boolean) | null): SinkMatch[] {
    if (site.type === AST_NODE_TYPES.AssignmentExpression) return this.matchAssignment(site, kind);
    if (site.type === AST_NODE_TYPES.ObjectExpression) return this.jsxHtmlObjects().has(site) ? this.matchJsxHtml(site, kind) : this.matchReturnedResponse(site, kind);
    if (site.type === AST_NODE_TYPES.ReturnStatement) return this.matchReturnedBody(site, kind);
    if (site.type === AST_NODE_TYPES.CallExpression) {
      const answered = this.matchHelperResponse(site, kind);
      if (answered.length > 0) return answered;
    }
    // `import(name)` loads and runs the module it is given, like `require(name)`.
    if (site.type === AST_NODE_TYPES.ImportExpression) {
      return kind === 'code' ? [{ node: site.source, argument: site.source, role: 'text', library: 'Node.js', placeholder: null }] : [];
    }
    // A request sent through an SSRF-filtering agent refuses internal addresses, whatever its URL;
    // a raw segment in a URL whose origin the client already chooses then adds nothing (a fixed
    // origin's path stays reported: the agent lets public hosts through).
    if ((kind === 'ssrf' || kind === 'url-path') && site.type === AST_NODE_TYPES.CallExpression && this.sendsThroughFilteringAgent(site)) {
      const url = site.arguments[0];
      if (kind === 'ssrf' || (url && url.type !== AST_NODE_TYPES.SpreadElement && this.evaluate(url, 'ssrf', 0).length > 0)) return [];
    }
    const matches: SinkMatch[] = [];
    const construct = site.type === AST_NODE_TYPES.NewExpression;
    const local = originOf(site.callee, this.sourceCode);
    // A client created in another file of the project (`export const pool = new Pool()`) is the package's.
    let origin = local;
    if (local && this.input.project) {
      origin = this.packageOrigins.get(local) ?? null;
      if (origin === null) {
        origin = this.input.project.packageOrigin(local);
        this.packageOrigins.set(local, origin);
      }
    }
    let modeled = false;
    if (origin) {
      const steps = construct ? [...origin.steps, 'Instance'] : origin.steps;
      for (const model of sinkModels[kind]) {
        if (!sameModule(model.module, origin.module)) continue;
        modeled = true;
        const parsed = parsePath(model.path);
        const mode: SinkArgumentMode = 'mode' in model ? model.mode : 'text';
        if (mode === 'template') {
          this.matchTemplateTag(site, steps, parsed, model, matches);
          continue;
        }
        if (parsed.argument === null || !matchSteps(parsed.tokens, steps)) continue;
        if (mode === 'argv-shell' && (construct || !this.runsShell(site))) continue;
        if (mode === 'html' && !this.declaresHtml(site.arguments[1] ?? null)) continue;
        if ('header' in model) {
          this.pushInitHeader(matches, site, parsed.argument, model);
          continue;
        }
        this.pushArgument(matches, site, parsed.argument, mode, model.library, 'placeholder' in model ? model.placeholder : null);
      }
    }
    if (!modeled && !construct) {
      for (const model of fallbackSinkModels[kind]) {
        if (this.matchesFallback(site, model, origin !== null)) {
          this.pushArgument(matches, site, model.argument, model.mode ?? 'text', model.library, 'placeholder' in model ? model.placeholder : null);
          break;
        }
      }
    }
    const name = dottedName(site.callee);
    if (name !== null && !origin) {
      for (const model of globalSinkModels[kind]) {
        const constructs = 'construct' in model ? model.construct : false;
        if (model.name !== name || (construct ? constructs === false : constructs === 'only') || !this.isGlobal(site.callee)) continue;
        const mode: SinkArgumentMode = 'mode' in model ? model.mode : 'text';
        if (mode === 'html' && !this.declaresHtml(site.arguments[1] ?? null)) continue;
        const indexes = model.argument === 'any' ? site.arguments.map((_, index) => index) : [model.argument];
        for (const index of indexes) {
          if ('header' in model) this.pushInitHeader(matches, site, index, model);
          else this.pushArgument(matches, site, index, mode, model.library, null);
        }
      }
    }
    if (kind === 'path' && !construct) this.matchStorageCallback(site, matches);
    if (!construct) {
      for (const model of responseSinkModels[kind]) this.matchResponse(site, model, matches);
      if (kind === 'xss') this.matchRenderedView(site, matches);
    }
    if (name !== null && !construct) {
      const mode: SinkArgumentMode = kind === 'nosql' ? 'filter' : PREFIX_KINDS.has(kind) || kind === 'url-path' ? 'url' : kind === 'xss' ? 'html' : 'text';
      if (optionSinks?.(name)) this.pushArgument(matches, site, 0, mode, 'custom', null);
      const userKind = kind === 'url-path' ? 'ssrf' : kind;
      for (const sink of this.userSinks) {
        if (sink.kind === userKind && sink.match(name)) this.pushArgument(matches, site, sink.argument, mode, 'custom', null);
      }
    }
    return kind === 'sql' ? matches.flatMap((match) => this.queryConfigText(match)) : matches;
  }

  /**
   * `cb(null, dir)` inside an option function of an upload storage engine
   * (`multer.diskStorage({ destination(req, file, cb) { … } })`, see `storageCallbackSinks`): the
   * engine writes the upload under the path given to its callback.
   */
  private matchStorageCallback(site: TSESTree.CallExpression, matches: SinkMatch[]): void {
    const callee = unwrap(site.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier) return;
    const definition = findVariable(scopeOf(this.sourceCode, callee), callee.name)?.defs[0];
    if (definition?.type !== 'Parameter' || !isFunction(definition.node)) return;
    const fn = definition.node;
    const index = fn.params.indexOf(definition.name as TSESTree.Parameter);
    const property = fn.parent;
    if (property.type !== AST_NODE_TYPES.Property || property.value !== fn || property.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
    const call = property.parent.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== property.parent) return;
    const origin = originOf(call.callee, this.sourceCode);
    const name = memberKeyName(property);
    if (!origin || name === null) return;
    for (const model of storageCallbackSinks) {
      if (model.callbackParameter !== index || !(model.options as readonly string[]).includes(name) || !sameModule(model.module, origin.module)) continue;
      if (matchSteps(parsePath(model.path).tokens, origin.steps)) this.pushArgument(matches, site, model.argument, 'text', model.library, null);
    }
  }

  /**
   * A call used as a template tag (`$({ shell: true })\`ls ${dir}\``): its return value matches
   * the path, and the tagged template's interpolations are the text.
   */
  private matchTemplateTag(
    site: TSESTree.CallExpression | TSESTree.NewExpression,
    steps: readonly string[],
    parsed: ReturnType<typeof parsePath>,
    model: { library: string; requiresOption?: string },
    matches: SinkMatch[],
  ): void {
    const tagged = site.parent;
    if (site.type !== AST_NODE_TYPES.CallExpression || tagged.type !== AST_NODE_TYPES.TaggedTemplateExpression || tagged.tag !== site) return;
    if (!matchSteps(parsed.tokens, [...steps, 'ReturnValue'])) return;
    if (model.requiresOption !== undefined && !this.setsOption(site, model.requiresOption)) return;
    matches.push({ node: tagged.quasi, argument: tagged.quasi, role: 'text', library: model.library, placeholder: null });
  }

  /** An options object argument of the call sets `name` to something other than `false`, `null` or `undefined`. */
  private setsOption(call: TSESTree.CallExpression, name: string): boolean {
    for (const argument of call.arguments) {
      for (const property of this.constObject(argument)?.properties ?? []) {
        if (property.type !== AST_NODE_TYPES.Property || memberKeyName(property) !== name) continue;
        const value = unwrap(property.value);
        if (value.type === AST_NODE_TYPES.Literal && (value.value === false || value.value === null)) continue;
        if (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') continue;
        return true;
      }
    }
    return false;
  }

  /**
   * An options object among the call's arguments gives its request an agent of an SSRF-filtering
   * library (see `ssrfFilteringAgents`): `agent` (or each agent of got's `{ http, https }`), or
   * both of axios's `httpAgent` and `httpsAgent` (one alone leaves the other protocol unfiltered).
   */
  private sendsThroughFilteringAgent(site: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
    for (const argument of site.arguments) {
      const options = argument.type === AST_NODE_TYPES.SpreadElement ? null : this.constObject(argument);
      if (!options) continue;
      const agents = new Map<string, TSESTree.Node>();
      for (const property of options.properties) {
        if (property.type === AST_NODE_TYPES.SpreadElement) continue;
        const name = memberKeyName(property);
        if (name !== null) agents.set(name, property.value);
      }
      const single = agents.get(agentOptions.single);
      if (single && this.isFilteringAgent(single, true)) return true;
      if (agentOptions.pair.every((name) => agents.has(name) && this.isFilteringAgent(agents.get(name)!, false))) return true;
    }
    return false;
  }

  private isFilteringAgent(node: TSESTree.Node, perProtocol: boolean, depth = 0): boolean {
    const target = unwrap(node);
    // got's `agent: { http: …, https: … }`: every agent it may connect with.
    if (perProtocol && target.type === AST_NODE_TYPES.ObjectExpression) {
      return target.properties.length > 0 && target.properties.every((property) => property.type === AST_NODE_TYPES.Property && this.isFilteringAgent(property.value, false, depth));
    }
    // `vettedAgent(url)`, a function of this file whose every return is such an agent.
    const helper = target.type === AST_NODE_TYPES.CallExpression && depth < 2 ? resolveFunction(target.callee, scopeOf(this.sourceCode, target)) : null;
    if (helper) {
      const returned: TSESTree.Node[] = [];
      if (helper.body.type !== AST_NODE_TYPES.BlockStatement) returned.push(helper.body);
      else walkOwn(helper.body, (inner) => {
        if (inner.type === AST_NODE_TYPES.ReturnStatement) returned.push(inner.argument ?? inner);
      });
      return returned.length > 0 && returned.every((value) => value.type !== AST_NODE_TYPES.ReturnStatement && this.isFilteringAgent(value, false, depth + 1));
    }
    const local = originOf(target, this.sourceCode);
    if (!local) return false;
    // `safeAgentFor(url)`, a helper of the project that returns the library's agent.
    const origin = this.input.project ? this.input.project.packageOrigin(local) : local;
    return FILTERING_AGENTS.some((model) => sameModule(model.module, origin.module) && matchSteps(model.tokens, origin.steps));
  }

  /** `pool.query({ text: sql, values })`, mysql2 `query({ sql })`: the SQL text is a property of a config object. */
  private queryConfigText(match: SinkMatch): SinkMatch[] {
    if (match.role !== 'text') return [match];
    const config = this.constObject(match.node);
    if (!config) return [match];
    const texts: SinkMatch[] = [];
    for (const property of config.properties) {
      if (property.type === AST_NODE_TYPES.Property && SQL_CONFIG_TEXT.has(memberKeyName(property) ?? '')) texts.push({ ...match, node: property.value });
    }
    return texts;
  }

  private pushArgument(
    matches: SinkMatch[],
    site: TSESTree.CallExpression | TSESTree.NewExpression,
    index: number,
    mode: SinkArgumentMode,
    library: string,
    placeholder: TaintSinkInfo['placeholder'],
  ): void {
    const argument = site.arguments[index];
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return;
    if (mode === 'sandbox') {
      this.pushSandbox(matches, site, argument, library);
      return;
    }
    const role: SinkRole =
      mode === 'argv-shell' ? 'argv' : mode === 'filter' ? 'filter' : mode === 'html' ? 'html' : mode === 'options' ? 'options' : mode === 'url' || mode === 'url-options' ? 'url' : 'text';
    if (mode === 'url-options') {
      const options = this.constObject(argument);
      if (options) {
        for (const property of options.properties) {
          if (property.type === AST_NODE_TYPES.Property && URL_OPTIONS.has(memberKeyName(property) ?? '')) {
            matches.push({ node: property.value, argument, role, library, placeholder });
          }
        }
        return;
      }
    }
    matches.push({ node: argument, argument, role, library, placeholder });
  }

  /**
   * `vm.runInNewContext('eval(input)', { input })`: the values of a context object are code when
   * the evaluated text (the first argument) passes its globals to `eval`, `Function` or a timer.
   */
  private pushSandbox(matches: SinkMatch[], site: TSESTree.CallExpression | TSESTree.NewExpression, sandbox: TSESTree.Node, library: string): void {
    const code = site.arguments[0];
    const text = code && code.type !== AST_NODE_TYPES.SpreadElement ? this.stringValue(code) : null;
    if (text === null || !evaluatingCode.test(text)) return;
    const object = this.constObject(sandbox);
    if (!object) {
      matches.push({ node: sandbox, argument: sandbox, role: 'text', library, placeholder: null });
      return;
    }
    for (const property of object.properties) {
      const value = property.type === AST_NODE_TYPES.Property ? property.value : property.argument;
      matches.push({ node: value, argument: sandbox, role: 'text', library, placeholder: null });
    }
  }

  /**
   * The value of the header `model.header` in the response init argument `index` of `site`
   * (`new Response(null, { status: 302, headers: { Location: url } })`): its `headers` an object, a
   * `new Headers({ … })`, or a list of `[name, value]` pairs, each written here or in a constant.
   * None when the init's status is a number outside 3xx, or its headers cannot be read.
   */
  private pushInitHeader(matches: SinkMatch[], site: SinkSite, index: number, model: { header?: string; redirectStatus?: string; library: string }): void {
    const init = site.type === AST_NODE_TYPES.CallExpression || site.type === AST_NODE_TYPES.NewExpression ? site.arguments[index] : undefined;
    const options = init && init.type !== AST_NODE_TYPES.SpreadElement ? this.constObject(init) : null;
    if (!init || !options || model.header === undefined) return;
    const property = (name: string): TSESTree.Property | undefined =>
      options.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && memberKeyName(candidate) === name);
    const status = model.redirectStatus === undefined ? undefined : property(model.redirectStatus);
    const headers = property('headers');
    if ((status && isNonRedirectStatus(status.value)) || !headers) return;
    let value = unwrap(headers.value);
    if (value.type === AST_NODE_TYPES.NewExpression && dottedName(value.callee) === 'Headers' && this.isGlobal(value.callee) && value.arguments[0]) value = unwrap(value.arguments[0]);
    const push = (node: TSESTree.Node): void => {
      matches.push({ node, argument: init, role: 'url', library: model.library, placeholder: null });
    };
    if (value.type === AST_NODE_TYPES.ArrayExpression) {
      // `[['Location', url]]`: pairs of name and value.
      for (const pair of value.elements) {
        const [name, header] = pair?.type === AST_NODE_TYPES.ArrayExpression ? pair.elements : [];
        if (name && header && name.type !== AST_NODE_TYPES.SpreadElement && header.type !== AST_NODE_TYPES.SpreadElement && this.stringValue(name)?.toLowerCase() === model.header) push(header);
      }
      return;
    }
    for (const entry of this.constObject(value)?.properties ?? []) {
      if (entry.type === AST_NODE_TYPES.Property && memberKeyName(entry)?.toLowerCase() === model.header) push(entry.value);
    }
  }

  /** A global (not imported, not declared in this file): `fetch`, `eval`, `Response.redirect`. */
  private isGlobal(callee: TSESTree.Node): boolean {
    let root = unwrap(callee);
    while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
    if (root.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = findVariable(scopeOf(this.sourceCode, root), root.name);
    return !variable || variable.defs.length === 0;
  }

  /** `res.redirect(url)`, `c.html(text)`, `res.setHeader('Location', url)` on a handler's response. */
  private matchResponse(call: TSESTree.CallExpression, model: ResponseSinkModel, matches: SinkMatch[]): void {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
    const method = propertyName(callee.property);
    if (method === null || !model.methods.includes(method)) return;
    const receiver = this.responseReceiver(callee.object);
    if (!receiver || !receiver.styles.some((style) => model.styles.includes(style))) return;
    if (model.unlessOption !== undefined) {
      const option = model.unlessOption;
      const confined = call.arguments.some((argument) => this.constObject(argument)?.properties.some((property) => property.type === AST_NODE_TYPES.Property && memberKeyName(property) === option) === true);
      if (confined) return;
    }
    if (model.confinedUnlessFalse !== undefined) {
      const option = model.confinedUnlessFalse;
      const unconfined = call.arguments.slice(1).some((argument) =>
        this.constObject(argument)?.properties.some((property) => {
          if (property.type !== AST_NODE_TYPES.Property || memberKeyName(property) !== option) return false;
          const value = unwrap(property.value);
          return value.type === AST_NODE_TYPES.Literal && value.value === false;
        }) === true,
      );
      const target = typeof model.argument === 'number' ? call.arguments[model.argument] : undefined;
      if (!unconfined && !(target && this.isAbsolutePath(target, 0))) return;
    }
    const mode = model.mode ?? 'text';
    if (model.header !== undefined && !model.headersObject) {
      const header = call.arguments[0];
      if (!header || staticString(header, scopeOf(this.sourceCode, header))?.toLowerCase() !== model.header) return;
    }
    if (model.redirectStatusOnly === true && this.setsOnlyNonRedirectStatus(receiver.owner, receiver.root)) return;
    if (model.html !== undefined && model.html !== 'always') {
      const declared = this.declaredContentType(call, receiver.root, receiver.owner);
      if (declared === null ? model.html === 'declared' : !isHtmlType(declared)) return;
      if (model.textOnly === true && declared === null) {
        // `h.response(value).type('text/plain')`: the type set on the response it returns.
        const chained = this.chainedContentType(call);
        if (chained !== null && !isHtmlType(chained)) return;
        const value = typeof model.argument === 'number' ? call.arguments[model.argument] : undefined;
        if (chained === null && !(value && value.type !== AST_NODE_TYPES.SpreadElement && this.isText(value, 0))) return;
      }
    }
    const indexes = model.argument === 'any' ? call.arguments.map((_, index) => index) : [model.argument];
    for (const index of indexes) {
      const argument = call.arguments[index];
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
      if (model.headersObject) {
        const headers = this.constObject(argument);
        for (const property of headers?.properties ?? []) {
          if (property.type === AST_NODE_TYPES.Property && memberKeyName(property)?.toLowerCase() === model.header) {
            matches.push({ node: property.value, argument, role: 'url', library: model.library, placeholder: null });
          }
        }
        continue;
      }
      // `res.redirect(301, url)`: the status code is not the URL.
      if (model.argument === 'any' && unwrap(argument).type === AST_NODE_TYPES.Literal && typeof (unwrap(argument) as TSESTree.Literal).value === 'number') continue;
      this.pushArgument(matches, call, index, mode, model.library, null);
    }
  }

  /**
   * The `Content-Type` set on the response object a call returns, by a chain of calls on it:
   * `h.response(value).code(200).type('text/plain')`, `.header('Content-Type', 'text/html')`.
   */
  private chainedContentType(call: TSESTree.CallExpression): string | null {
    let current: TSESTree.Node = call;
    let found: string | null = null;
    for (let steps = 0; steps < 8; steps++) {
      const member: TSESTree.Node | undefined = current.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) break;
      const next: TSESTree.Node = member.parent;
      if (next.type !== AST_NODE_TYPES.CallExpression || next.callee !== member) break;
      const method = propertyName(member.property);
      const [first, second] = next.arguments;
      const text = (node: TSESTree.Node | undefined): string | null => (node && node.type !== AST_NODE_TYPES.SpreadElement ? staticString(node, scopeOf(this.sourceCode, node)) : null);
      if (method === 'type') found = text(first)?.toLowerCase() ?? found;
      else if (method === 'header' && text(first)?.toLowerCase() === 'content-type') found = text(second)?.toLowerCase() ?? found;
      current = next;
    }
    return found;
  }

  /**
   * `res.render('catalog/index', { q })` (Express, Nest, koa-views' `ctx.render`, `reply.view` of
   * @fastify/view, `h.view` of @hapi/vision): a local the view's template writes without escaping
   * (`<%- q %>`) is HTML the response carries.
   */
  private matchRenderedView(call: TSESTree.CallExpression, matches: SinkMatch[]): void {
    const lookup = this.input.renderedTemplate;
    const callee = unwrap(call.callee);
    if (!lookup || callee.type !== AST_NODE_TYPES.MemberExpression) return;
    const method = propertyName(callee.property);
    const [viewNode, localsNode] = call.arguments;
    if (method === null || !viewNode || !localsNode || viewNode.type === AST_NODE_TYPES.SpreadElement || localsNode.type === AST_NODE_TYPES.SpreadElement) return;
    const receiver = this.responseReceiver(callee.object);
    if (!receiver?.styles.some((style) => (renderMethods[style] ?? []).includes(method))) return;
    const view = staticString(viewNode, scopeOf(this.sourceCode, viewNode));
    const outputs = view === null ? null : lookup(view);
    const locals = outputs && outputs.size > 0 ? this.constObject(localsNode) : null;
    if (!outputs || !locals) return;
    for (const property of locals.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const name = memberKeyName(property);
      const template = name === null ? undefined : outputs.get(name);
      if (template) matches.push({ node: property.value, argument: localsNode, role: 'html', library: 'template', placeholder: null, template });
    }
  }

  /**
   * A path that is absolute whatever the input in it: text starting with `/`, `path.resolve(…)`, or
   * `path.join` of an absolute first part (`__dirname`, `process.cwd()`, `import.meta.dirname`).
   */
  private isAbsolutePath(node: TSESTree.Node, depth: number): boolean {
    if (depth > 4) return false;
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.Identifier) {
      if (target.name === '__dirname' || target.name === '__filename') return true;
      const init = this.constInit(target);
      return init !== null && this.isAbsolutePath(init, depth + 1);
    }
    if (target.type === AST_NODE_TYPES.MemberExpression) return /^import\.meta\.(?:dirname|filename)$/u.test(this.sourceCode.getText(target));
    if (target.type === AST_NODE_TYPES.CallExpression) {
      if (dottedName(target.callee) === 'process.cwd') return true;
      if (!this.isPathFunction(target)) return false;
      const name = propertyName(unwrap(target.callee).type === AST_NODE_TYPES.MemberExpression ? (unwrap(target.callee) as TSESTree.MemberExpression).property : target.callee);
      if (name === 'resolve') return true;
      const first = target.arguments[0];
      return name === 'join' && first !== undefined && first.type !== AST_NODE_TYPES.SpreadElement && this.isAbsolutePath(first, depth + 1);
    }
    const head = this.pieces(target)[0];
    return typeof head === 'string' ? head.startsWith('/') : head !== undefined && head !== target && this.isAbsolutePath(head, depth + 1);
  }

  /** Koa: `ctx.body = html` (HTML unless the text starts with fixed non-markup or a type is set). */
  private matchAssignment(site: TSESTree.AssignmentExpression, kind: TaintKind): SinkMatch[] {
    if (kind !== 'xss' || site.left.type !== AST_NODE_TYPES.MemberExpression) return [];
    const property = propertyName(site.left.property);
    if (property === null || !(htmlBodyProperties.koa as readonly string[]).includes(property)) return [];
    let object = unwrap(site.left.object);
    if (object.type === AST_NODE_TYPES.MemberExpression && propertyName(object.property) === 'response') object = unwrap(object.object);
    const receiver = this.responseReceiver(object);
    if (!receiver?.styles.includes('koa')) return [];
    const declared = this.declaredContentType(site, receiver.root, receiver.owner);
    if (declared !== null && !isHtmlType(declared)) return [];
    if (declared === null) {
      const first = this.pieces(site.right)[0];
      if (typeof first === 'string' && !first.trimStart().startsWith('<') && first.trim() !== '') return [];
    }
    return [{ node: site.right, argument: site.right, role: 'html', library: 'koa', placeholder: null }];
  }

  /** `return { statusCode: 302, headers: { Location: url } }`, `return { headers, body: html }` of a handler. */
  private matchReturnedResponse(site: TSESTree.ObjectExpression, kind: TaintKind): SinkMatch[] {
    const style = this.returnedResponses().get(site);
    if (style === undefined) return [];
    const matches: SinkMatch[] = [];
    const property = (name: string): TSESTree.Property | null => {
      for (const candidate of site.properties) if (candidate.type === AST_NODE_TYPES.Property && memberKeyName(candidate) === name) return candidate;
      return null;
    };
    for (const model of returnedResponseSinkModels[kind] as readonly ReturnedResponseSinkModel[]) {
      if (!model.styles.includes(style)) continue;
      const headerObjects = (model.headers ?? []).flatMap((name) => {
        const found = property(name);
        const object = found ? this.constObject(found.value) : null;
        return object ? [object] : [];
      });
      const headerValues = (header: string): TSESTree.Node[] =>
        headerObjects.flatMap((object) =>
          object.properties.flatMap((entry) => {
            if (entry.type !== AST_NODE_TYPES.Property || memberKeyName(entry)?.toLowerCase() !== header) return [];
            // `multiValueHeaders: { Location: [url] }`: each value of the list.
            const value = unwrap(entry.value);
            return value.type === AST_NODE_TYPES.ArrayExpression ? value.elements.flatMap((element) => (element && element.type !== AST_NODE_TYPES.SpreadElement ? [element] : [])) : [entry.value];
          }),
        );
      const role: SinkRole = model.mode === 'html' ? 'html' : model.mode === 'url' ? 'url' : 'text';
      const status = model.redirectStatus === undefined ? null : property(model.redirectStatus);
      if (model.header !== undefined && !(status !== null && isNonRedirectStatus(status.value))) {
        for (const value of headerValues(model.header)) matches.push({ node: value, argument: value, role, library: model.library, placeholder: null });
      }
      if (model.property !== undefined) {
        if (model.html === 'declared') {
          const declared = headerValues('content-type').map((value) => this.stringValue(value));
          if (!declared.some((type) => type !== null && isHtmlType(type))) continue;
        }
        const body = property(model.property);
        if (body) matches.push({ node: body.value, argument: body.value, role, library: model.library, placeholder: null });
      }
      if (model.nested !== undefined) {
        // `return { redirect: { destination: url } }`: each step an object written here or in a constant.
        let value: TSESTree.Node | null = site;
        for (const name of model.nested) {
          const object: TSESTree.ObjectExpression | null = value ? this.constObject(value) : null;
          const found: TSESTree.Property | undefined = object?.properties.find((candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && memberKeyName(candidate) === name);
          value = found ? found.value : null;
        }
        if (value) matches.push({ node: value, argument: value, role, library: model.library, placeholder: null });
      }
    }
    return matches;
  }

  /**
   * `return html` of a Nest or Fastify handler that declares an HTML `Content-Type`: a
   * `@Header('Content-Type', 'text/html')` decorator on the method, or `reply.type('text/html')`
   * before the return.
   */
  private matchReturnedBody(site: TSESTree.ReturnStatement, kind: TaintKind): SinkMatch[] {
    const body = this.returnedBodies().get(site);
    if (!body || !site.argument) return [];
    const matches: SinkMatch[] = [];
    for (const model of returnedBodySinkModels[kind] as readonly ReturnedBodySinkModel[]) {
      if (!model.styles.includes(body.style)) continue;
      if (model.redirect) {
        const url = this.redirectedTo(site.argument, body.fn, model.decorators ?? [], model.redirect);
        if (url) matches.push({ node: url, argument: url, role: 'url', library: model.library, placeholder: null });
        continue;
      }
      let declared: string | null = null;
      if (model.declared === 'decorator') {
        // `@Res()` takes the response over: Nest ignores the return value unless `passthrough` is set.
        if (body.fn.params.some((param) => (param.decorators ?? []).some((decorator) => this.takesResponseOver(decorator)))) continue;
        declared = this.decoratedContentType(body.fn, model.decorators ?? []);
      } else {
        const index = responseParameters[body.style];
        const param = typeof index === 'number' ? body.fn.params[index] : undefined;
        if (param?.type !== AST_NODE_TYPES.Identifier) continue;
        declared = this.declaredContentType(site, param.name, body.fn);
      }
      if (declared === null || !isHtmlType(declared)) continue;
      matches.push({ node: site.argument, argument: site.argument, role: 'html', library: model.library, placeholder: null });
    }
    return matches;
  }

  /**
   * What a returned value makes the redirect URL of a method decorated `@Redirect(url)` by one of
   * `redirect.modules`: the value itself (a string: not an object literal, whose fields fill the
   * URL's placeholders), or the `url` of a returned object. Null without such a decorator.
   */
  private redirectedTo(returned: TSESTree.Node, fn: FunctionNode, decorators: readonly string[], redirect: NonNullable<ReturnedBodySinkModel['redirect']>): TSESTree.Node | null {
    const method = fn.parent;
    if (method.type !== AST_NODE_TYPES.MethodDefinition || method.value !== fn) return null;
    const decorated = (method.decorators ?? []).some((decorator) => {
      const source = decoratorSource(decorator.expression, (node) => scopeOf(this.sourceCode, node));
      return source !== null && redirect.modules.includes(source.module) && decorators.includes(source.name);
    });
    if (!decorated) return null;
    const value = unwrap(returned);
    if (redirect.returned === 'value') return value.type === AST_NODE_TYPES.ObjectExpression ? null : returned;
    if (value.type !== AST_NODE_TYPES.ObjectExpression) return null;
    for (const property of value.properties) {
      if (property.type === AST_NODE_TYPES.Property && !property.computed && memberKeyName(property) === 'url') return property.value;
    }
    return null;
  }

  /** `@Res()` / `@Response()` without `{ passthrough: true }`. */
  private takesResponseOver(decorator: TSESTree.Decorator): boolean {
    const call = unwrap(decorator.expression);
    const name = dottedName(call.type === AST_NODE_TYPES.CallExpression ? call.callee : call);
    if (name !== 'Res' && name !== 'Response') return false;
    return !(call.type === AST_NODE_TYPES.CallExpression && call.arguments.some((argument) => this.constObject(argument)?.properties.some((property) => property.type === AST_NODE_TYPES.Property && memberKeyName(property) === 'passthrough' && unwrap(property.value).type === AST_NODE_TYPES.Literal && (unwrap(property.value) as TSESTree.Literal).value === true) === true));
  }

  /** The `Content-Type` a header decorator of the method `fn` sets (`@Header('Content-Type', 'text/html')`), or null. */
  private decoratedContentType(fn: FunctionNode, decorators: readonly string[]): string | null {
    const method = fn.parent;
    if (method.type !== AST_NODE_TYPES.MethodDefinition || method.value !== fn) return null;
    // Written (espree leaves `decorators` out), or compiled: `__decorate([(0, common_1.Header)(…)], …)`.
    const expressions = [...(method.decorators ?? []).map((decorator) => decorator.expression), ...(compiledDecoratorsOf(this.sourceCode.ast, (node) => scopeOf(this.sourceCode, node)).methods.get(fn)?.decorators ?? [])];
    for (const expression of expressions) {
      const call = unwrap(expression);
      if (call.type !== AST_NODE_TYPES.CallExpression) continue;
      const decorator = decoratorSource(call, (node) => scopeOf(this.sourceCode, node))?.name ?? dottedName(call.callee);
      if (!decorators.includes(decorator ?? '')) continue;
      const [name, value] = call.arguments;
      if (name && value && this.stringValue(name)?.toLowerCase() === 'content-type') return this.stringValue(value);
    }
    return null;
  }

  /**
   * The response object a member call is made on, looking through chained setters
   * (`res.status(302).redirect`): a handler's response parameter, a Nest `@Res()` parameter, or a
   * helper parameter named like one. `root` is its name, for finding earlier `Content-Type` calls.
   */
  private responseReceiver(node: TSESTree.Node): ResponseReceiver | null {
    let target = unwrap(node);
    for (let steps = 0; steps < 10 && target.type === AST_NODE_TYPES.CallExpression; steps++) {
      const callee = unwrap(target.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
      if (!CHAIN_METHODS.has(propertyName(callee.property) ?? '')) return this.responseView(target);
      target = unwrap(callee.object);
    }
    const viewed = target.type === AST_NODE_TYPES.MemberExpression ? this.responseView(target) : null;
    if (viewed) return viewed;
    // `this.res` in a Sails action's `fn`: the response, with an Express response's methods.
    if (target.type === AST_NODE_TYPES.MemberExpression && target.object.type === AST_NODE_TYPES.ThisExpression && propertyName(target.property) === sailsActionContext.response) {
      const action = sailsActionOfThis(target.object, (candidate) => this.handlers.get(candidate)?.style === 'sails-action');
      return action ? { styles: ['express'], root: `this.${sailsActionContext.response}`, owner: action } : null;
    }
    // `context.res` of a handler whose response is a member of its parameter (see `responseMembers`).
    if (target.type === AST_NODE_TYPES.MemberExpression && !target.computed && unwrap(target.object).type === AST_NODE_TYPES.Identifier) {
      const object = unwrap(target.object) as TSESTree.Identifier;
      const owner = this.parameterOwner(object);
      const held = owner ? this.responseMemberOf(owner.fn) : null;
      if (!owner || !held || owner.param !== owner.fn.params[held.param] || owner.param.type !== AST_NODE_TYPES.Identifier || propertyName(target.property) !== held.member) return null;
      return { styles: [this.handlers.get(owner.fn)!.style], root: `${object.name}.${held.member}`, owner: owner.fn };
    }
    if (target.type !== AST_NODE_TYPES.Identifier) return null;
    const owner = this.parameterOwner(target);
    if (!owner) return null;
    const { fn, index, param } = owner;
    const handler = this.handlers.get(fn);
    // `({ query, res }) => …`: the response destructured from the parameter that holds it.
    const held = this.responseMemberOf(fn);
    if (held) {
      if (held.param !== index || param.type !== AST_NODE_TYPES.ObjectPattern || !handler) return null;
      const destructured = param.properties.some((property) => property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === held.member && property.value.type === AST_NODE_TYPES.Identifier && property.value.name === target.name);
      return destructured ? { styles: [handler.style], root: target.name, owner: fn } : null;
    }
    if (handler) {
      if (handler.style === 'nest') {
        const decorated = (param.decorators ?? []).some((decorator) => /^(?:Res|Response|response)$/.test(dottedName(decorator.expression) ?? ''));
        return decorated ? { styles: ['nest'], root: target.name, owner: fn } : null;
      }
      return responseParameters[handler.style] === index && param.type === AST_NODE_TYPES.Identifier ? { styles: [handler.style], root: target.name, owner: fn } : null;
    }
    if (param.type !== AST_NODE_TYPES.Identifier) return null;
    const styles = Object.hasOwn(responseParameterNames, target.name) ? responseParameterNames[target.name] : undefined;
    if (styles) return { styles, root: target.name, owner: fn };
    const passed = this.passedResponseStyles(fn, index);
    return passed.length > 0 ? { styles: passed, root: target.name, owner: fn } : null;
  }

  /**
   * The request styles of the handler responses this file's calls of the helper `fn` pass as its
   * parameter `index` (`moveTo(res, url)` for `function moveTo(out, target)`, a Hapi `h`, a Hono
   * `c`): the code shows the parameter is a response, whatever its name. Also through helpers that
   * pass it on. Once per helper and parameter; a cycle of helpers reads as none.
   */
  private passedResponseStyles(fn: FunctionNode, index: number): readonly string[] {
    let byIndex = this.passedResponses.get(fn);
    if (!byIndex) this.passedResponses.set(fn, (byIndex = new Map()));
    const known = byIndex.get(index);
    if (known) return known;
    byIndex.set(index, []);
    const styles = new Set<string>();
    for (const call of this.callSitesOf(fn)) {
      const argument = call.arguments[index];
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement || unwrap(argument).type !== AST_NODE_TYPES.Identifier) continue;
      for (const style of this.responseReceiver(argument)?.styles ?? []) styles.add(style);
    }
    const result = [...styles];
    byIndex.set(index, result);
    return result;
  }

  /**
   * `ctx.response`, `h.response(value)`: a response object of a handler's response, with the same
   * methods (see `responseViews`), read as the response it belongs to (same root and owner, so its
   * status is found where the handler sets it).
   */
  private responseView(target: TSESTree.CallExpression | TSESTree.MemberExpression): ResponseReceiver | null {
    const call = target.type === AST_NODE_TYPES.CallExpression;
    const member = call ? unwrap(target.callee) : target;
    if (member.type !== AST_NODE_TYPES.MemberExpression || member.computed) return null;
    const name = propertyName(member.property);
    const styles = Object.entries(responseViews).filter(([, view]) => view.member === name && view.call === call).map(([style]) => style);
    if (styles.length === 0) return null;
    const base = this.responseReceiver(member.object);
    const kept = base?.styles.filter((style) => styles.includes(style)) ?? [];
    return base && kept.length > 0 ? { ...base, styles: kept } : null;
  }

  /** The function whose parameter declares `identifier` (also inside a pattern), with the parameter and its position. */
  private parameterOwner(identifier: TSESTree.Identifier): { fn: FunctionNode; index: number; param: TSESTree.Parameter } | null {
    const variable = findVariable(scopeOf(this.sourceCode, identifier), identifier.name);
    const definition = variable ? singleDefinition(variable) : null;
    if (definition?.type !== 'Parameter' || !isFunction(definition.node)) return null;
    const fn = definition.node;
    const index = fn.params.findIndex((param) => within(definition.name, param));
    const param = fn.params[index];
    return param ? { fn, index, param } : null;
  }

  /** Where a handler's response is held, when it is a member of a parameter (see `responseMembers`). */
  private responseMemberOf(fn: FunctionNode): { param: number; member: string } | null {
    const style = this.handlers.get(fn)?.style;
    return style !== undefined && Object.hasOwn(responseMembers, style) ? (responseMembers[style] ?? null) : null;
  }

  /**
   * Whether the function `owner` (whose parameter the response `root` is, callbacks included)
   * gives the response a status, and every status it gives is a number outside 3xx: then browsers
   * do not follow its `Location` header. A status the rule cannot read, a redirect method, or no
   * status at all (one may be set elsewhere) keeps the header a redirect. Collected once per
   * handler and response name.
   */
  private setsOnlyNonRedirectStatus(owner: FunctionNode, root: string): boolean {
    let byRoot = this.nonRedirectStatus.get(owner);
    if (!byRoot) this.nonRedirectStatus.set(owner, (byRoot = new Map()));
    const known = byRoot.get(root);
    if (known !== undefined) return known;
    const statuses: (TSESTree.Node | null)[] = [];
    walkNodes(owner.body, (node) => {
      if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
        const object = dottedName(node.left.object);
        if (STATUS_PROPERTIES.has(propertyName(node.left.property) ?? '') && (object === root || object === `${root}.response`)) statuses.push(node.right);
        return;
      }
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const callee = unwrap(node.callee);
      const base = callee.type === AST_NODE_TYPES.MemberExpression ? chainBase(callee.object) : null;
      if (callee.type !== AST_NODE_TYPES.MemberExpression || (base !== root && base !== `${root}.response`)) return;
      const method = propertyName(callee.property) ?? '';
      if (REDIRECT_METHODS.has(method)) statuses.push(null);
      else if (STATUS_METHODS.has(method)) statuses.push(node.arguments[0] ?? null);
    });
    const result = statuses.length > 0 && statuses.every((status) => status !== null && isNonRedirectStatus(status));
    byRoot.set(root, result);
    return result;
  }

  /**
   * The last `Content-Type` set on the response `root` before `site`: in the function of the sink,
   * or else, for a callback the handler creates (`stream.on('data', (chunk) => res.write(chunk))`),
   * in the functions around it up to `owner` (the one whose parameter `root` is), before the
   * callback is created there. `res.type('json')`, `res.set('Content-Type', ...)`,
   * `res.writeHead(200, { ... })`, `reply.header(...)`, `ctx.type = ...`. Null when none is set.
   */
  private declaredContentType(site: SinkSite, root: string, owner: FunctionNode): string | null {
    let fn: TSESTree.Node | undefined = site.parent;
    while (fn && !isFunction(fn)) fn = fn.parent;
    if (!fn) return null;
    let limit = site.type === AST_NODE_TYPES.CallExpression || site.type === AST_NODE_TYPES.NewExpression ? site.callee.range[1] : site.range[0];
    let point: TSESTree.Node = site;
    for (let steps = 0; steps < 16; steps++) {
      const declared = this.declaredBefore(fn, root, limit, point);
      if (declared !== null || fn === owner) return declared;
      limit = fn.range[0];
      point = fn;
      let outer: TSESTree.Node | undefined = fn.parent;
      while (outer && !isFunction(outer)) outer = outer.parent;
      if (!outer || !within(outer, owner)) return null;
      fn = outer;
    }
    return null;
  }

  /** The `Content-Type` declared last on `root` by declarations of `fn` that end before `limit`. */
  private declaredBefore(fn: TSESTree.Node, root: string, limit: number, point: TSESTree.Node): string | null {
    // The declarations that end before the sink; the one that takes effect last wins.
    const declarations = this.contentTypeDeclarations(fn, root);
    let low = 0;
    let high = declarations.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (declarations[middle]!.end <= limit) low = middle + 1;
      else high = middle;
    }
    const inline = low === 0 ? null : declarations[low - 1]!;
    let best = inline ? { at: inline.at, value: inline.latest } : null;
    // A helper handed the response counts only where it always runs before the sink (not in
    // another branch of an `if`), and only when it sets the type after any inline declaration.
    for (const helper of this.helperDeclarations(fn, root)) {
      if (helper.end > limit) break;
      if ((!best || helper.end > best.at) && dominates(helper.call, point, fn)) best = { at: helper.end, value: helper.value };
    }
    return best?.value ?? null;
  }

  private readonly helperCalls = new Map<TSESTree.Node, Map<string, { call: TSESTree.CallExpression; end: number; value: string }[]>>();

  /** The calls of same-file helpers that set a `Content-Type` on response `root` in `fn`, in order (see `helperContentType`). */
  private helperDeclarations(fn: TSESTree.Node, root: string): { call: TSESTree.CallExpression; end: number; value: string }[] {
    let byRoot = this.helperCalls.get(fn);
    if (!byRoot) {
      byRoot = new Map();
      this.helperCalls.set(fn, byRoot);
    }
    const cached = byRoot.get(root);
    if (cached) return cached;
    const found: { call: TSESTree.CallExpression; end: number; value: string }[] = [];
    walkOwn(fn, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const callee = unwrap(node.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier) return;
      const value = this.helperContentType(node, callee, root);
      if (value !== null) found.push({ call: node, end: node.range[1], value });
    });
    found.sort((a, b) => a.end - b.end);
    byRoot.set(root, found);
    return found;
  }

  /**
   * Every `Content-Type` a function declares on response `root` (`res.type()`, `res.set()`,
   * `ctx.type =`, `writeHead`...), sorted by where each ends, with the value that takes effect last
   * among it and those before it. Collected once per function and response name.
   */
  private contentTypeDeclarations(fn: TSESTree.Node, root: string): { end: number; latest: string; at: number }[] {
    let byRoot = this.contentTypes.get(fn);
    if (!byRoot) {
      byRoot = new Map();
      this.contentTypes.set(fn, byRoot);
    }
    const cached = byRoot.get(root);
    if (cached) return cached;
    const found: { end: number; at: number; value: string }[] = [];
    const note = (node: TSESTree.Node, at: number, value: string | null): void => {
      if (value !== null) found.push({ end: node.range[1], at, value });
    };
    walkOwn(fn, (node) => {
      if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
        const name = propertyName(node.left.property);
        const object = dottedName(node.left.object);
        if ((name === 'type' || name === 'contentType') && (object === root || object === `${root}.response`)) note(node, node.range[0], this.stringValue(node.right));
        return;
      }
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const callee = unwrap(node.callee);
      if (callee.type === AST_NODE_TYPES.Identifier) {
        // `setResponseHeader(event, 'content-type', 'text/html')` of h3, imported or provided by Nitro.
        const shape = this.h3HeaderSetter(callee);
        const [event, name, value] = node.arguments;
        if (!shape || !event || unwrap(event).type !== AST_NODE_TYPES.Identifier || (unwrap(event) as TSESTree.Identifier).name !== root) return;
        if (shape === 'pair' && name && value && this.stringValue(name)?.toLowerCase() === 'content-type') note(node, node.range[1], this.stringValue(value));
        const headers = shape === 'object' && name ? this.headerNode(name, 'content-type') : null;
        if (headers) note(node, node.range[1], this.stringValue(headers));
        return;
      }
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
      let base = unwrap(callee.object);
      while (base.type === AST_NODE_TYPES.CallExpression && unwrap(base.callee).type === AST_NODE_TYPES.MemberExpression) {
        base = unwrap((unwrap(base.callee) as TSESTree.MemberExpression).object);
      }
      if (base.type !== AST_NODE_TYPES.Identifier || base.name !== root) return;
      const method = propertyName(callee.property);
      const [first, second] = node.arguments;
      if ((method === 'type' || method === 'contentType') && first) note(node, node.range[1], this.stringValue(first));
      if (method === 'set' || method === 'header' || method === 'setHeader' || method === 'headers' || method === 'writeHead') {
        if (first && second && this.stringValue(first)?.toLowerCase() === 'content-type') note(node, node.range[1], this.stringValue(second));
        for (const argument of node.arguments) {
          const value = this.headerNode(argument, 'content-type');
          note(node, node.range[1], value ? this.stringValue(value) : null);
        }
      }
    });
    found.sort((a, b) => a.end - b.end);
    const declarations: { end: number; latest: string; at: number }[] = [];
    let best: { at: number; value: string } | null = null;
    for (const entry of found) {
      if (!best || entry.at > best.at) best = entry;
      declarations.push({ end: entry.end, latest: best.value, at: best.at });
    }
    byRoot.set(root, declarations);
    return declarations;
  }

  /** How an h3 header utility takes its header (see `h3HeaderSetters`), when `callee` is one: imported from h3 or unbound (Nitro's auto-import). */
  private h3HeaderSetter(callee: TSESTree.Identifier): 'pair' | 'object' | null {
    if (!Object.hasOwn(h3HeaderSetters, callee.name)) return null;
    const scope = scopeOf(this.sourceCode, callee);
    const source = importSource(scope, callee.name);
    if (source !== null ? !h3Modules.includes(source.module) || source.imported !== callee.name : (findVariable(scope, callee.name)?.defs.length ?? 0) > 0) return null;
    return h3HeaderSetters[callee.name] ?? null;
  }

  /** Per helper function and response parameter index: the value nodes it declares as `Content-Type`, last one last (null while computed). */
  private readonly helperTypes = new Map<FunctionNode, Map<number, readonly TSESTree.Node[] | null>>();

  /**
   * The `Content-Type` a same-file helper sets on the response handed to it (`asDownload(res,
   * 'report.txt')`, whose body does `res.set({ 'Content-Type': 'application/octet-stream' })`), as
   * `res.type()` inline would: the one it declares last on that parameter, a parameter of its own
   * read from the argument of this call. Null when the callee is not a function of this file, is
   * not handed `root`, or declares none.
   */
  private helperContentType(call: TSESTree.CallExpression, callee: TSESTree.Identifier, root: string): string | null {
    const index = call.arguments.findIndex((argument) => argument.type === AST_NODE_TYPES.Identifier && argument.name === root);
    if (index < 0) return null;
    const variable = findVariable(scopeOf(this.sourceCode, callee), callee.name);
    const definition = variable ? singleDefinition(variable) : null;
    let helper: TSESTree.Node | null | undefined = null;
    if (definition?.type === 'FunctionName') helper = definition.node;
    else if (definition?.type === 'Variable' && definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init && variable!.references.every((reference) => !reference.isWrite() || reference.init === true)) helper = unwrap(definition.node.init);
    if (!isFunction(helper)) return null;
    const values = this.helperTypeValues(helper, index);
    const last = values?.[values.length - 1];
    if (!last) return null;
    // `res.set({ 'Content-Type': type })` where `type` is a parameter of the helper: this call's argument.
    const value = unwrap(last);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const parameter = helper.params.findIndex((param) => param.type === AST_NODE_TYPES.Identifier && param.name === value.name);
      const declared = findVariable(scopeOf(this.sourceCode, value), value.name)?.defs.every((def) => def.type === 'Parameter' && def.node === helper) === true;
      if (parameter >= 0 && declared) {
        const argument = call.arguments[parameter];
        return argument && argument.type !== AST_NODE_TYPES.SpreadElement ? this.stringValue(argument) : null;
      }
    }
    return this.stringValue(last);
  }

  /** The value nodes a helper declares as `Content-Type` on its parameter `index`, in order (see `helperContentType`). */
  private helperTypeValues(helper: FunctionNode, index: number): readonly TSESTree.Node[] | null {
    let byIndex = this.helperTypes.get(helper);
    if (!byIndex) {
      byIndex = new Map();
      this.helperTypes.set(helper, byIndex);
    }
    if (byIndex.has(index)) return byIndex.get(index)!;
    byIndex.set(index, null);
    const param = helper.params[index];
    if (param?.type !== AST_NODE_TYPES.Identifier) return null;
    const name = param.name;
    const values: { end: number; value: TSESTree.Node; call: TSESTree.Node }[] = [];
    walkOwn(helper, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return;
      const callee = unwrap(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || unwrap(callee.object).type !== AST_NODE_TYPES.Identifier || (unwrap(callee.object) as TSESTree.Identifier).name !== name) return;
      const method = propertyName(callee.property);
      const [first, second] = node.arguments;
      if ((method === 'type' || method === 'contentType') && first) values.push({ end: node.range[1], value: first, call: node });
      if (method === 'set' || method === 'header' || method === 'setHeader' || method === 'writeHead') {
        if (first && second && this.stringValue(first)?.toLowerCase() === 'content-type') values.push({ end: node.range[1], value: second, call: node });
        for (const argument of node.arguments) {
          const value = this.headerNode(argument, 'content-type');
          if (value) values.push({ end: node.range[1], value, call: node });
        }
      }
    });
    values.sort((a, b) => a.end - b.end);
    // Only declarations the helper makes on every path through it: `if (asFile) res.type('bin')`
    // leaves the type to the caller. A `try` and its `catch` that both declare one count as one.
    const calls = values.map((entry) => entry.call);
    const result = values.filter((entry) => runsOnEveryPath(entry.call, helper, calls)).map((entry) => entry.value);
    byIndex.set(index, result);
    return result;
  }

  /**
   * The node of a header's value in a headers object: a literal, or a variable every declaration
   * of which is an object literal giving the header the same text (`var headers = { … }` written
   * once in a `try` and once in its `catch`).
   */
  private headerNode(node: TSESTree.Node, header: string): TSESTree.Node | null {
    const target = unwrap(node);
    const objects: TSESTree.ObjectExpression[] = [];
    if (target.type === AST_NODE_TYPES.ObjectExpression) objects.push(target);
    else if (target.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
      if (!variable || variable.defs.length === 0) return null;
      for (const definition of variable.defs) {
        const init = definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id === definition.name && definition.node.init ? unwrap(definition.node.init) : null;
        if (init?.type !== AST_NODE_TYPES.ObjectExpression) return null;
        objects.push(init);
      }
      // Written only by those declarations.
      if (variable.references.some((reference) => reference.isWrite() && reference.init !== true)) return null;
    }
    let found: TSESTree.Node | null = null;
    let text: string | null = null;
    for (const object of objects) {
      const property = object.properties.find((candidate) => candidate.type === AST_NODE_TYPES.Property && memberKeyName(candidate)?.toLowerCase() === header);
      if (property?.type !== AST_NODE_TYPES.Property) return null;
      const written = this.sourceCode.getText(property.value);
      if (text !== null && written !== text) return null;
      text = written;
      found = property.value;
    }
    return found;
  }

  /** `init` of `new Response(body, init)` declares an HTML `Content-Type`. */
  private declaresHtml(init: TSESTree.Node | null): boolean {
    if (!init) return false;
    const options = this.constObject(init);
    const headers = options?.properties.find((property) => property.type === AST_NODE_TYPES.Property && memberKeyName(property) === 'headers');
    if (headers?.type !== AST_NODE_TYPES.Property) return false;
    let value = unwrap(headers.value);
    if (value.type === AST_NODE_TYPES.NewExpression && dottedName(value.callee) === 'Headers' && value.arguments[0]) value = unwrap(value.arguments[0]);
    const type = this.headerValue(value, 'content-type');
    return type !== null && isHtmlType(type);
  }

  /** The static value of a header in a headers object literal (key compared case-insensitively). */
  private headerValue(node: TSESTree.Node, header: string): string | null {
    const object = this.constObject(node);
    for (const property of object?.properties ?? []) {
      if (property.type === AST_NODE_TYPES.Property && memberKeyName(property)?.toLowerCase() === header) return this.stringValue(property.value);
    }
    return null;
  }

  private matchesFallback(call: TSESTree.CallExpression, model: FallbackSinkModel, hasOrigin: boolean): boolean {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const method = propertyName(callee.property);
    if (method === null || !model.methods.includes(method)) return false;
    const receiver = unwrap(callee.object);
    if (model.kind === 'nosql' && this.input.mongoProject === false) return false;
    if (model.receivers.length > 0) {
      const name = receiver.type === AST_NODE_TYPES.CallExpression ? null : dottedName(receiver);
      if (name === null) return false;
      const last = name.slice(name.lastIndexOf('.') + 1);
      if (NOT_MODELS.has(last)) return false;
      const accepted = model.receivers.some((entry) => {
        if (entry.startsWith('/')) {
          const end = entry.lastIndexOf('/');
          return new RegExp(entry.slice(1, end), entry.slice(end + 1)).test(last);
        }
        return entry === last.toLowerCase();
      });
      if (!accepted) return false;
      // A capitalised receiver imported from a library we do not model is not a database model.
      if (hasOrigin && model.kind === 'nosql' && receiver.type === AST_NODE_TYPES.Identifier) {
        const origin = originOf(receiver, this.sourceCode);
        if (origin && !origin.module.startsWith('.') && !origin.module.startsWith('@/') && !origin.module.startsWith('~')) return false;
      }
    }
    if (model.chainContains && !this.chainContains(receiver, model.chainContains)) return false;
    const options = model.notWithKeys && call.arguments[model.argument] ? unwrap(call.arguments[model.argument]!) : null;
    if (options?.type === AST_NODE_TYPES.ObjectExpression && model.notWithKeys?.some((key) => options.properties.some((property) => property.type === AST_NODE_TYPES.Property && !property.computed && propertyName(property.key) === key))) return false;
    if (model.requireSqlText) {
      const argument = call.arguments[model.argument];
      const prefix = argument ? this.staticPrefix(argument, 0) : null;
      if (prefix === null || !sqlStatementStart.test(prefix)) return false;
    }
    return true;
  }

  private chainContains(node: TSESTree.Node, methods: readonly string[]): boolean {
    let current = unwrap(node);
    let helpers = 0;
    for (let steps = 0; steps < 30; steps++) {
      if (current.type === AST_NODE_TYPES.CallExpression) {
        const callee = unwrap(current.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression) {
          const name = propertyName(callee.property);
          if (name !== null && methods.includes(name)) return true;
          current = unwrap(callee.object);
          continue;
        }
        // `const orders = () => db.collection('orders')`, then `orders().find(…)`: the chain the
        // helper of this file returns (its one returned expression), two helpers deep at most.
        const helper = callee.type === AST_NODE_TYPES.Identifier && helpers < 2 ? resolveFunction(callee, scopeOf(this.sourceCode, callee)) : null;
        const returned = helper ? singleReturn(helper) : null;
        if (!returned) return false;
        helpers++;
        current = unwrap(returned);
        continue;
      }
      if (current.type === AST_NODE_TYPES.MemberExpression) {
        current = unwrap(current.object);
        continue;
      }
      if (current.type === AST_NODE_TYPES.Identifier) {
        const init = this.constInit(current);
        if (!init) return false;
        current = init;
        continue;
      }
      return false;
    }
    return false;
  }

  /** The static text at the start of a query argument (template head, literal, `+` left side). */
  private staticPrefix(node: TSESTree.Node, depth: number): string | null {
    if (depth > 4) return null;
    const target = unwrap(node);
    if (target.type === AST_NODE_TYPES.TemplateLiteral) return target.quasis[0]?.value.cooked ?? null;
    if (target.type === AST_NODE_TYPES.Literal) return typeof target.value === 'string' ? target.value : null;
    if (target.type === AST_NODE_TYPES.BinaryExpression && target.operator === '+') return this.staticPrefix(target.left, depth + 1);
    if (target.type === AST_NODE_TYPES.ObjectExpression) {
      const text = target.properties.find((property) => property.type === AST_NODE_TYPES.Property && SQL_CONFIG_TEXT.has(memberKeyName(property) ?? ''));
      return text?.type === AST_NODE_TYPES.Property ? this.staticPrefix(text.value, depth + 1) : null;
    }
    if (target.type === AST_NODE_TYPES.Identifier) {
      const variable = findVariable(scopeOf(this.sourceCode, target), target.name);
      const definition = variable?.defs[0];
      if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init) {
        return this.staticPrefix(definition.node.init, depth + 1);
      }
    }
    return null;
  }

  /** `spawn(..., { shell: true })`, or a shell program: `spawn('sh', ['-c', cmd])`. */
  private runsShell(call: TSESTree.CallExpression): boolean {
    const program = call.arguments[0];
    if (program?.type === AST_NODE_TYPES.Literal && typeof program.value === 'string') {
      const base = program.value.slice(program.value.lastIndexOf('/') + 1).toLowerCase();
      if ((shellPrograms as readonly string[]).includes(base)) return true;
    }
    for (const argument of call.arguments) {
      const target = unwrap(argument);
      if (target.type !== AST_NODE_TYPES.ObjectExpression) continue;
      for (const property of target.properties) {
        if (property.type !== AST_NODE_TYPES.Property || memberKeyName(property) !== 'shell') continue;
        const value = unwrap(property.value);
        if (value.type === AST_NODE_TYPES.Literal && (value.value === false || value.value === null)) continue;
        if (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') continue;
        return true;
      }
    }
    return false;
  }
}

/** A `Content-Type` under which browsers render markup. */
function isHtmlType(type: string): boolean {
  const value = type.toLowerCase();
  return value === 'html' || value.includes('html') || value.includes('xml') || value.includes('svg');
}

/** The dotted name at the start of a chain of calls (`res` of `res.status(201).set`, `ctx.response`), or null. */
function chainBase(node: TSESTree.Node): string | null {
  let base = unwrap(node);
  while (base.type === AST_NODE_TYPES.CallExpression && unwrap(base.callee).type === AST_NODE_TYPES.MemberExpression) {
    base = unwrap((unwrap(base.callee) as TSESTree.MemberExpression).object);
  }
  return dottedName(base);
}

/** A status code written as a number outside 3xx (`201`): browsers do not follow a `Location` with it. */
function isNonRedirectStatus(node: TSESTree.Node): boolean {
  const value = unwrap(node);
  return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'number' && (value.value < 300 || value.value > 399);
}

/**
 * Whether `node` runs whenever `point` (a later node of the same function `fn`) does: no `if`,
 * `?:`, `&&`/`||`/`??` right side, loop body, `switch` case, `try` block or `catch` between `node`
 * and `fn` holds `node` without also holding `point`.
 */
function dominates(node: TSESTree.Node, point: TSESTree.Node, fn: TSESTree.Node): boolean {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent && parent !== fn; child = parent, parent = parent.parent) {
    if (branches(parent, child) && !within(point, child)) return false;
  }
  return true;
}

/** Whether `child` of `parent` runs only on some paths through `parent`. */
function branches(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
      return child !== parent.test;
    case AST_NODE_TYPES.LogicalExpression:
      return child === parent.right;
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
      return child === parent.body || (parent.type === AST_NODE_TYPES.ForStatement && child === parent.update);
    case AST_NODE_TYPES.SwitchCase:
    case AST_NODE_TYPES.CatchClause:
    case AST_NODE_TYPES.AssignmentPattern:
    case AST_NODE_TYPES.ChainExpression:
      return true;
    case AST_NODE_TYPES.TryStatement:
      return child === parent.block || child === parent.handler;
    default:
      return false;
  }
}

/**
 * Whether `node` runs on every path through `fn` (see `branches`), a `try` block and its `catch`
 * counting as taken when both hold one of `alike` (the same kind of statement on either path).
 */
function runsOnEveryPath(node: TSESTree.Node, fn: TSESTree.Node, alike: readonly TSESTree.Node[]): boolean {
  let child: TSESTree.Node = node;
  for (let parent = node.parent; parent && parent !== fn; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.CatchClause) continue;
    if (parent.type === AST_NODE_TYPES.TryStatement && parent.handler && (child === parent.block || child === parent.handler)) {
      const other = child === parent.block ? parent.handler : parent.block;
      if (alike.some((candidate) => within(candidate, other))) continue;
      return false;
    }
    if (branches(parent, child)) return false;
  }
  return true;
}

/** The values a returned expression may be: each branch of `ok ? respond(200, x) : respond(404, y)`. */
/** Whether `fn` is a page component's `getInitialProps`: `Page.getInitialProps = fn` (maybe wrapped), or a static method of that name. */
function isInitialPropsFunction(fn: FunctionNode): boolean {
  let node: TSESTree.Node = fn;
  for (let depth = 0; depth < 4; depth++) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.MethodDefinition) return !parent.computed && propertyName(parent.key) === nextPageData.componentMember;
    if (parent.type === AST_NODE_TYPES.AssignmentExpression) return parent.left.type === AST_NODE_TYPES.MemberExpression && !parent.left.computed && propertyName(parent.left.property) === nextPageData.componentMember;
    if (parent.type !== AST_NODE_TYPES.CallExpression) return false;
    node = parent;
  }
  return false;
}

function answerBranches(value: TSESTree.Node, depth = 0): TSESTree.Node[] {
  const target = unwrap(value);
  if (depth < 4 && target.type === AST_NODE_TYPES.ConditionalExpression) return [...answerBranches(target.consequent, depth + 1), ...answerBranches(target.alternate, depth + 1)];
  if (target.type === AST_NODE_TYPES.AwaitExpression) return answerBranches(target.argument, depth + 1);
  return [target];
}

/** The object literal a response helper returns: its expression body, or its one `return` of one. */
function helperAnswer(fn: FunctionNode): TSESTree.ObjectExpression | null {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) {
    const body = unwrap(fn.body);
    return body.type === AST_NODE_TYPES.ObjectExpression ? body : null;
  }
  const objects: TSESTree.ObjectExpression[] = [];
  walkOwn(fn.body, (inner) => {
    if (inner.type !== AST_NODE_TYPES.ReturnStatement || !inner.argument) return;
    const value = unwrap(inner.argument);
    if (value.type === AST_NODE_TYPES.ObjectExpression) objects.push(value);
  });
  return objects.length === 1 ? objects[0]! : null;
}

/** The text of a string literal or a template without expressions, else null. */
function literalText(node: TSESTree.Node): string | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal && typeof target.value === 'string') return target.value;
  if (target.type === AST_NODE_TYPES.TemplateLiteral && target.expressions.length === 0) return target.quasis[0]?.value.cooked ?? null;
  return null;
}

/** The one expression a function returns: an arrow's expression body, or its only `return` (await unwrapped). */
function singleReturn(fn: FunctionNode): TSESTree.Node | null {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return fn.body;
  const returns: TSESTree.ReturnStatement[] = [];
  walkOwn(fn.body, (node) => {
    if (node.type === AST_NODE_TYPES.ReturnStatement) returns.push(node);
  });
  const only = returns.length === 1 ? returns[0]?.argument : null;
  if (!only) return null;
  const value = unwrap(only);
  return value.type === AST_NODE_TYPES.AwaitExpression ? value.argument : value;
}
