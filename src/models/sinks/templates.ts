/**
 * Template engines' unescaped output, as data (see `analysis/taint/templates.ts`). Each engine
 * escapes its ordinary output tag for HTML; these are the forms that write a value as markup. The
 * first group of each pattern is the output expression.
 */
export interface RawOutputSyntax {
  engine: string;
  /** Template file extensions the syntax applies to. */
  extensions: readonly string[];
  pattern: RegExp;
  /** Whether an expression is written `helper arg1 arg2` (Handlebars helpers without parentheses). */
  helperCalls: boolean;
}

export const rawTemplateOutputs: readonly RawOutputSyntax[] = [
  // EJS: `<%- value %>` (and `<%_ … _%>` whitespace slurping does not change escaping).
  { engine: 'ejs', extensions: ['ejs', 'html'], pattern: /<%-([\s\S]*?)[-_]?%>/u, helperCalls: false },
  // Handlebars and Mustache: triple braces and the `&` tag.
  { engine: 'handlebars', extensions: ['hbs', 'handlebars', 'mustache', 'html'], pattern: /\{\{\{~?([^}]*?)~?\}\}\}/u, helperCalls: true },
  { engine: 'handlebars', extensions: ['hbs', 'handlebars', 'mustache', 'html'], pattern: /\{\{~?&([^}]*?)~?\}\}/u, helperCalls: true },
  // Pug: unescaped interpolation `!{value}` and unescaped buffered code `p!= value`.
  { engine: 'pug', extensions: ['pug', 'jade'], pattern: /!\{([^}]*)\}/u, helperCalls: false },
  { engine: 'pug', extensions: ['pug', 'jade'], pattern: /^[ \t]*[\w.#:-]*(?:\([^)\n]*\))?!=[ \t]*(\S.*)$/mu, helperCalls: false },
  // Nunjucks (and Jinja-like engines): the `safe` filter.
  { engine: 'nunjucks', extensions: ['njk', 'nunjucks', 'html'], pattern: /\{\{-?([^}]*?)\|\s*safe\s*-?\}\}/u, helperCalls: false },
];

/** Extensions tried, in order, for a view named without one. */
export const templateExtensions: readonly string[] = ['ejs', 'hbs', 'handlebars', 'pug', 'jade', 'njk', 'nunjucks', 'mustache', 'html'];

/**
 * Response methods that render a view with its locals, per request style: Express `res.render`
 * (and Nest's `@Res()`), koa-views `ctx.render`, @fastify/view `reply.view`, @hapi/vision `h.view`.
 */
export const renderMethods: Readonly<Record<string, readonly string[]>> = {
  express: ['render'],
  nest: ['render'],
  koa: ['render'],
  fastify: ['view'],
  hapi: ['view'],
};
