/**
 * Switches that turn on code for development or test runs only (`if (config.dev) app.post(…)`):
 * routes registered only when one is on are not part of a production server, as test files are
 * not (see `analysis/routes/dev-switch.ts`). Data only.
 */

/**
 * Values of an environment setting that name a run other than production. A comparison with one
 * of them holds only when the setting was given that value on purpose; `!== 'production'` also
 * holds when nothing was set, which is how many servers run in production, so it is not one.
 */
export const nonProductionEnvironments: ReadonlySet<string> = new Set(['development', 'dev', 'test', 'testing', 'e2e']);

/**
 * Last names (lowercased, without `_`) of the setting that holds the environment:
 * `process.env.NODE_ENV`, `config.env`, `settings.environment`, `options.mode`, `APP_ENV`;
 * compared with one of `nonProductionEnvironments`.
 */
export const environmentSettingNames: ReadonlySet<string> = new Set(['nodeenv', 'env', 'environment', 'mode', 'appenv']);

/**
 * The last name of a flag that is on for development or test runs only, lowercased and without
 * `_`: `dev`, `isDev`, `config.development`, `devMode`, `IS_TEST`, `testing`, `enableTestRoutes`,
 * `__DEV__`. A debug flag (`debug`, `verbose`) is not one: servers run with it in production.
 */
export const devSwitchName = /^(?:is|enable|enabled|use|run|allow|with)?(?:dev|development|test|testing|e2e)(?:mode|env|environment|routes|endpoints|server|build|only)?$/u;
