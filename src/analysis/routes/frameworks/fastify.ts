import type { FrameworkExtractor } from '../types.js';

/** Placeholder until the extractor lands. */
export const fastifyExtractor: FrameworkExtractor = {
  framework: 'fastify',
  extract: () => ({}),
};
