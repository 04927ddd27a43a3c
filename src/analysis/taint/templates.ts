/**
 * Views a handler renders (`res.render('catalog/index', { q })`): the template file and the
 * variables it writes without escaping. Every common engine escapes `<%= q %>`, `{{ q }}` and
 * `#{q}`, and offers an unescaped form for trusted markup: EJS `<%- q %>`, Handlebars and Mustache
 * `{{{ q }}}` / `{{& q }}`, Pug `!{q}` and `p!= q`, Nunjucks `{{ q | safe }}`. A request value
 * passed to the view under a name the template writes raw is reflected XSS, and the fix goes in the
 * template. The template is found the way Express and koa-views find it by default: a `views`
 * directory next to the linted file or in one of its parent directories up to the project root.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { rawTemplateOutputs, templateExtensions, type RawOutputSyntax } from '../../models/sinks/templates.js';

/** A variable a template writes without escaping, where it first does. */
export interface RawOutput {
  /** The template file, absolute. */
  file: string;
  line: number;
  /** The tag as written, e.g. `<%- q %>`. */
  tag: string;
}

/** The variables of one template written raw, by name. */
export type RawOutputs = ReadonlyMap<string, RawOutput>;

interface Cached {
  size: number;
  mtimeMs: number;
  outputs: RawOutputs;
}

const parsed = new Map<string, Cached>();
const MAX_TEMPLATE_BYTES = 512 * 1024;
/** Directory levels looked at above the linted file for a `views` directory. */
const MAX_LEVELS = 4;

/**
 * The raw outputs of the view `view` rendered from `fromFile`, or null when no template file of
 * that name is found (the view is then not judged).
 */
export function renderedTemplate(view: string, fromFile: string): RawOutputs | null {
  const file = findTemplate(view, fromFile);
  return file === null ? null : rawOutputsOf(file);
}

function findTemplate(view: string, fromFile: string): string | null {
  if (view.includes('\0') || path.isAbsolute(view)) return null;
  const named = path.extname(view) !== '' && templateExtensions.includes(path.extname(view).slice(1));
  let dir = path.dirname(fromFile);
  for (let level = 0; level <= MAX_LEVELS; level++) {
    for (const base of [path.join(dir, 'views'), path.join(dir, 'src', 'views')]) {
      const candidates = named ? [path.join(base, view)] : templateExtensions.map((extension) => path.join(base, `${view}.${extension}`));
      for (const candidate of candidates) if (isFile(candidate)) return candidate;
    }
    if (existsSync(path.join(dir, 'package.json'))) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Reads a template once per version (size and mtime). */
function rawOutputsOf(file: string): RawOutputs {
  const stat = statSync(file);
  const known = parsed.get(file);
  if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return known.outputs;
  const text = stat.size > MAX_TEMPLATE_BYTES ? '' : readFileSync(file, 'utf8');
  const syntaxes = rawTemplateOutputs.filter((syntax) => syntax.extensions.includes(path.extname(file).slice(1)));
  const outputs = new Map<string, RawOutput>();
  for (const syntax of syntaxes) collect(text, file, syntax, outputs);
  parsed.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, outputs });
  return outputs;
}

function collect(text: string, file: string, syntax: RawOutputSyntax, outputs: Map<string, RawOutput>): void {
  for (const match of text.matchAll(new RegExp(syntax.pattern.source, `${syntax.pattern.flags.replace('g', '')}g`))) {
    const expression = match[1] ?? '';
    for (const name of variablesOf(expression, syntax.helperCalls)) {
      if (outputs.has(name)) continue;
      const line = text.slice(0, match.index).split('\n').length;
      outputs.set(name, { file, line, tag: match[0].trim().replace(/\s+/gu, ' ').slice(0, 60) });
    }
  }
}

/**
 * The view variables an output expression reads: its leading name (`user` of `user.bio`, `q` of
 * `q || ''`), through `locals.` and `this.`; for helper calls written without parentheses
 * (Handlebars `{{{ markdown body }}}`), the arguments after the helper's name.
 */
function variablesOf(expression: string, helperCalls: boolean): string[] {
  const trimmed = expression.trim();
  if (trimmed === '' || /^include\b/u.test(trimmed)) return [];
  const words = helperCalls ? trimmed.split(/\s+/u) : [trimmed];
  const parts = helperCalls && words.length > 1 ? words.slice(1) : words;
  const names: string[] = [];
  for (const part of parts) {
    const head = /^(?:(?:locals|this|it)\.)?([A-Za-z_$][\w$]*)/u.exec(part.trim());
    if (head?.[1] !== undefined && !KEYWORDS.has(head[1])) names.push(head[1]);
  }
  return names;
}

const KEYWORDS = new Set(['true', 'false', 'null', 'undefined', 'typeof', 'new', 'include', 'else', 'if']);
