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
  /** A project deploys on Netlify when it depends on one of these, or has `configFile`. */
  packages: ['@netlify/functions', 'netlify-cli'],
  configFile: 'netlify.toml',
  /** The functions directory when `netlify.toml` names none (`[functions] directory`, `[build] functions`). */
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
