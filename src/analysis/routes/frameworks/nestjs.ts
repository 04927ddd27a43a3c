import type { FrameworkExtractor } from '../types.js';

/** Placeholder until the extractor lands. */
export const nestjsExtractor: FrameworkExtractor = {
  framework: 'nestjs',
  extract: () => ({}),
};
