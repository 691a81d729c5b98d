import { describe, expect, it } from 'vitest'
import { generate } from '../../src/dynamic-key/index.js'
import { inputNumber, inputString, loadVectors } from './load.js'

const vectors = loadVectors('dynamic-key')

describe('dynamic-key vectors', () => {
  it('has cases', () => {
    expect(vectors.cases.length).toBeGreaterThan(0)
  })

  it.each(vectors.cases.map((c) => [c.name, c] as const))('%s', async (_name, vector) => {
    expect(vector.function).toBe('generate')
    const key = await generate({
      appId: inputString(vector.input, 'appID'),
      appCertificate: inputString(vector.input, 'appCertificate'),
      channelName: inputString(vector.input, 'channelName'),
      unixTs: inputNumber(vector.input, 'unixTs'),
      randomInt: inputNumber(vector.input, 'randomInt'),
    })
    expect(key).toBe(vector.expected)
  })
})
