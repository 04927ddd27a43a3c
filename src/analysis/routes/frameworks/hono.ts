import type { FrameworkExtractor } from '../types.js';

/** Placeholder until the extractor lands. */
export const honoExtractor: FrameworkExtractor = {
  framework: 'hono',
  extract: () => ({}),
};
