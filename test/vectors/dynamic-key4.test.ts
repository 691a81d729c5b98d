import { describe, expect, it } from 'vitest'
import {
  generateMediaChannelKey,
  generatePublicSharingKey,
  generateRecordingKey,
} from '../../src/dynamic-key4/index.js'
import type { ChannelKeyWithUidOptions } from '../../src/index.js'
import { uidKeyOptions } from './channel-key-options.js'
import { loadVectors } from './load.js'

const vectors = loadVectors('dynamic-key4')

const generators: Record<string, (options: ChannelKeyWithUidOptions) => Promise<string>> = {
  generateMediaChannelKey,
  generateRecordingKey,
  generatePublicSharingKey,
}

describe('dynamic-key4 vectors', () => {
  it('has cases', () => {
    expect(vectors.cases.length).toBeGreaterThan(0)
  })

  it('covers every generator', () => {
    const functions = new Set(vectors.cases.map((c) => c.function))
    expect([...functions].sort()).toEqual(Object.keys(generators).sort())
  })

  it('has signed-input cases', () => {
    const signed = vectors.cases.filter((c) => c.note === 'signed input wraps to uint32')
    expect(signed.length).toBeGreaterThan(0)
  })

  it.each(vectors.cases.map((c) => [c.name, c] as const))('%s', async (_name, vector) => {
    const generator = generators[vector.function]
    if (generator === undefined) throw new Error(`no generator for ${vector.function}`)
    const key = await generator(uidKeyOptions(vector.input))
    expect(key).toBe(vector.expected)
  })
})
