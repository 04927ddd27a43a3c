import type { FrameworkExtractor } from '../types.js';

/** Placeholder until the extractor lands. */
export const hapiExtractor: FrameworkExtractor = {
  framework: 'hapi',
  extract: () => ({}),
};
