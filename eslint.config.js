import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Import zones keep the process boundary by tooling, not memory (architecture.md). */
const zone = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

/** An import of that layer's folder or of anything inside it (`../service`, `../../service/grants`). */
const layer = (name) => [`**/${name}`, `**/${name}/**`];

/** The layer rules of the architecture; exported so a unit test proves each one refuses an import. */
export const importZones = [
  {
    ...zone(
      ['renderer/**'],
      ['**/electron/**', 'electron', 'node:*'],
      'The renderer talks to main only through window.certdesk.',
    ),
    ignores: ['renderer/vite.config.ts'],
  },
  zone(
    ['shared/**'],
    ['**/electron/**', '**/renderer/**', 'electron', 'node:*'],
    'shared/ stays platform-neutral.',
  ),
  // One zone per layer: a later zone for the same files replaces an earlier one's patterns, never adds to them.
  zone(
    ['electron/core/**'],
    [
      'electron',
      '**/renderer/**',
      ...layer('service'),
      ...layer('main'),
      ...layer('cli'),
      ...layer('preload'),
    ],
    'core is the engine: it never imports electron, the service, main, the CLI or the renderer.',
  ),
  zone(
    ['electron/service/**'],
    ['electron', '**/renderer/**', ...layer('main'), ...layer('cli'), ...layer('preload')],
    'The service composes core; main, the CLI and the harness drive it, never the other way round.',
  ),
  zone(
    ['electron/cli/**'],
    ['electron', '**/renderer/**', ...layer('main'), ...layer('preload')],
    'The CLI is plain Node beside main: it reaches the engine through the service only.',
  ),
  zone(
    ['electron/main/**'],
    ['**/renderer/**', ...layer('cli'), ...layer('preload')],
    'Main is Electron glue over the service; it never imports renderer, CLI or preload code.',
  ),
  zone(
    ['electron/preload/**'],
    ['**/renderer/**', ...layer('core'), ...layer('service'), ...layer('main'), ...layer('cli')],
    'The preload only exposes the channel list: shared/ipc and electron.',
  ),
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'scripts/**/*.mjs',
      'eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'off',
      // Handler tables implement an async contract; many handlers have nothing to await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  ...importZones,
);
