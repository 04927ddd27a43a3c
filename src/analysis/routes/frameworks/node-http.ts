import type { FrameworkExtractor } from '../types.js';

/** Placeholder until the extractor lands. */
export const nodeHttpExtractor: FrameworkExtractor = {
  framework: 'node-http',
  extract: () => ({}),
};
