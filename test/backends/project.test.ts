import { describe, expect, it } from 'vitest'
import { hmacBackendName } from '../../src/hmac/index.js'
import { compressBackend } from '#compress-backend'

/** The backend each vitest project must alias, as named in vitest.config.ts. */
const expectedBackends: Record<string, 'node' | 'web'> = {
  'node-backend': 'node',
  'web-backend': 'web',
}

describe('vitest project backends', () => {
  it('aliases the project backend', ({ task }) => {
    const project = task.file.projectName ?? '(none)'
    const expected = expectedBackends[project]
    expect(expected, `unknown vitest project ${project}`).toBeDefined()
    expect(hmacBackendName()).toBe(expected)
    expect(compressBackend.name).toBe(expected)
  })
})
