/**
 * How compilers write imports in the CommonJS they emit, so that a module used by compiled code is
 * the module its source imported. Data only.
 *
 * The helpers that wrap `require('m')` for a default or namespace import and hand back the module
 * (or an object whose `default` is it): TypeScript's and tslib's `__importDefault`/`__importStar`,
 * Babel's `_interopRequireDefault`/`_interopRequireWildcard` (and the snake-case names of SWC's
 * helpers), esbuild's and Rolldown's `__toESM`. Called bare or as a member (`tslib_1.__importDefault`).
 */
export const interopHelpers: readonly string[] = [
  '__importDefault', '__importStar', '_interopRequireDefault', '_interopRequireWildcard', 'interopRequireDefault',
  'interopRequireWildcard', '_interop_require_default', '_interop_require_wildcard', '__toESM',
];
