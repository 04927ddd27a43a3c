// Lints the example apps with the built plugin (run `npm run build` first), the way a user would.
import apiSecurity from '../dist/index.js';

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.next/**'] },
  {
    ...apiSecurity.configs.recommended,
    files: ['**/*.{js,ts,tsx,mjs,cjs}'],
  },
];
