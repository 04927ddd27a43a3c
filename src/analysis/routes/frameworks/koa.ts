import type { FrameworkExtractor } from '../types.js';

/** Placeholder until the extractor lands. */
export const koaExtractor: FrameworkExtractor = {
  framework: 'koa',
  extract: () => ({}),
};
