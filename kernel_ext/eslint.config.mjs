// Lint for the extension's TypeScript: typescript-eslint's recommended rules.
import tseslint from 'typescript-eslint';

export default tseslint.config(...tseslint.configs.recommended, {
  ignores: ['lib/', 'lib-test/', 'labextension/', 'node_modules/', 'py/'],
});
