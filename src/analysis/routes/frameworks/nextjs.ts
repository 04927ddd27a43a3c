import type { FrameworkExtractor } from '../types.js';

/** Placeholder until the extractor lands. */
export const nextjsExtractor: FrameworkExtractor = {
  framework: 'nextjs',
  extract: () => ({}),
};
