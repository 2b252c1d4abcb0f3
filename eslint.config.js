import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dist-electron', 'release', 'test-output', 'scratch', 'sample-data/*.csv'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain-JavaScript launchers and build scripts run in Node.
    files: ['scripts/**/*.mjs', 'bin/**/*.js', '*.config.js'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The engine is plain Node: tests, the CLI and the browser-mode server run it without Electron.
    files: ['electron/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The engine never imports electron (DESIGN §1).' }], patterns: ['electron/*'] }],
    },
  },
  {
    // shared/ is pure: no Node, no Electron, no DOM-only modules.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'shared/ is pure TypeScript.' }], patterns: ['node:*', 'fs', 'path', 'os', 'child_process', '@duckdb/*', 'react', 'react-dom'] }],
    },
  },
  {
    // The renderer reaches the engine only through the contract.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Use the contract client.' }], patterns: ['node:*', '@duckdb/*', '**/electron/**'] }],
    },
  },
);
