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
  // Who may import whom (docs/architecture.md): shared ← engine ← hosts, and the renderer
  // talks to a host only through the contract in shared/.
  {
    // The engine is plain Node: tests, the CLI and the browser-mode server run it without Electron, and it knows no host.
    files: ['electron/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The engine never imports electron.' }],
          patterns: [{ group: ['electron/*', '**/cli/**', '**/server/**', '**/desktop/**', '**/common/**', '**/renderer/**'], message: 'The engine imports no host and no renderer code.' }],
        },
      ],
    },
  },
  ...[
    ['cli', ['server', 'desktop']],
    ['server', ['cli', 'desktop']],
    ['desktop', ['cli', 'server']],
    ['common', ['cli', 'server', 'desktop']],
  ].map(([host, others]) => ({
    // Each host stands beside the others; what they share is in electron/common.
    files: [`electron/${host}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...others.map((o) => `**/${o}/**`), '**/renderer/**'], message: `electron/${host} imports neither another host nor the renderer; shared host code goes in electron/common.` }] }],
    },
  })),
  {
    // shared/ is pure: no Node, no Electron, no DOM-only modules, and nothing from the engine, the hosts or the renderer.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared/ is pure TypeScript.' }],
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'child_process', '@duckdb/*', 'react', 'react-dom'], message: 'shared/ runs anywhere: no Node, DuckDB or React.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports neither electron/ nor renderer/.' },
          ],
        },
      ],
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
