import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const nodeBuiltinBan = {
  patterns: [
    {
      group: ['node:*'],
      message:
        'Only src/hmac/node.ts, src/compress/node.ts and src/cli/ may import Node built-ins; browser and worker bundles must never see them.',
    },
  ],
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/hmac/node.ts', 'src/compress/node.ts', 'src/cli/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', nodeBuiltinBan],
      'no-restricted-globals': [
        'error',
        { name: 'Buffer', message: 'Use Uint8Array; Buffer does not exist in browsers and workers.' },
        { name: 'process', message: 'Only the CLI may read process.' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use randomUint32() from src/random.ts.' },
      ],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The examples are plain scripts for Node.js, Deno and Workers, so they use those globals.
    files: ['test/examples/**/*.js'],
    languageOptions: {
      globals: {
        console: 'readonly',
        Deno: 'readonly',
        process: 'readonly',
        Response: 'readonly',
        URL: 'readonly',
      },
    },
  },
)
