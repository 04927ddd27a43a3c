/**
 * Netlify Functions: every file of the functions directory is a function deployed under its name
 * (`netlify/functions/report.ts`, `netlify/functions/report/index.ts` and
 * `netlify/functions/report/report.ts` are `report`). A v2 function is the module's default export
 * (`export default async (req: Request, context: Context) => …`), served at
 * `/.netlify/functions/<name>` or at the path(s) its exported `config` declares (`export const
 * config = { path: '/api/report', method: ['GET'] }`); a v1 function is its `handler` export
 * (`exports.handler = async (event, context) => …`), served at `/.netlify/functions/<name>`. The
 * route model (`analysis/routes/frameworks/netlify.ts`) reads this table.
 */
export const netlifyFunctions = {
  configFile: 'netlify.toml',
  /**
   * The functions directory when `netlify.toml` names none (`[functions] directory`, `[build]
   * functions`), or when the project has no `netlify.toml`: the folder is Netlify's convention,
   * whatever the project's manifest lists (a function may import nothing of Netlify's).
   */
  defaultDirectory: 'netlify/functions',
  /** Where a function without a `config.path` is served. */
  urlPrefix: '/.netlify/functions',
  /** The export that is a v1 function's handler. */
  v1Export: 'handler',
  /** The export of a v2 function's configuration, and its keys. */
  configExport: 'config',
  configPath: 'path',
  configMethod: 'method',
} as const;
