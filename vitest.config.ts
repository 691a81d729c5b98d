import path from 'node:path'
import { defineConfig } from 'vitest/config'

/** Points the backend aliases at one implementation, as the two builds do. */
function backendAliases(runtime: 'node' | 'web'): Record<string, string> {
  return {
    '#hmac-backend': path.resolve(`src/hmac/${runtime}.ts`),
    '#compress-backend': path.resolve(`src/compress/${runtime}.ts`),
  }
}

export default defineConfig({
  test: {
    projects: [
      {
        // Every test, with the node:crypto and node:zlib backends.
        resolve: { alias: backendAliases('node') },
        test: {
          name: 'node-backend',
          include: ['test/**/*.test.ts'],
          exclude: ['test/bench/**'],
          testTimeout: 60_000,
        },
      },
      {
        // The conformance suites again, with the WebCrypto and CompressionStream backends.
        resolve: { alias: backendAliases('web') },
        test: {
          name: 'web-backend',
          include: ['test/vectors/**/*.test.ts', 'test/backends/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
    ],
  },
})
