/**
 * React Server Components directives, as Next.js (App Router) reads them. A directive is a string
 * literal statement of a directive prologue: the first statements of a module or of a function
 * body, before any other statement. The same text anywhere else is an ordinary string.
 */
export const serverActionDirectives = {
  /**
   * First in a module: every exported async function of the module is a server action. First in
   * an async function's body (in a server component): that function is one. Next.js gives each
   * action an id that any client can POST to, with arguments of its choice.
   */
  server: 'use server',
  /** First in a module: the module runs in the browser, and cannot define server actions. */
  client: 'use client',
} as const;

/**
 * How a server action is served: a POST to the path of the page that uses it, which is not the
 * action's own (the same action runs under any page that imports it), so a `middleware.ts`
 * matcher written for paths does not say whether it runs in front of the action.
 */
export const serverActionMethod = 'POST';

/**
 * Suffixes dropped from an action's name before it is matched against public-route patterns as a
 * path: `signInAction` is `/sign-in`, public by the default `**` + `/sign-in` pattern like a route.
 */
export const serverActionNameSuffixes: readonly string[] = ['Action'];
