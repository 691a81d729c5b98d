import { describe, expect, it } from 'vitest'
import { generate } from '../../src/dynamic-key3/index.js'
import { uidKeyOptions } from './channel-key-options.js'
import { loadVectors } from './load.js'

const vectors = loadVectors('dynamic-key3')

describe('dynamic-key3 vectors', () => {
  it('has cases', () => {
    expect(vectors.cases.length).toBeGreaterThan(0)
  })

  it('has signed-input cases', () => {
    const signed = vectors.cases.filter((c) => c.note === 'signed input wraps to uint32')
    expect(signed.length).toBeGreaterThan(0)
  })

  it.each(vectors.cases.map((c) => [c.name, c] as const))('%s', async (_name, vector) => {
    expect(vector.function).toBe('generate')
    expect(await generate(uidKeyOptions(vector.input))).toBe(vector.expected)
  })
})
