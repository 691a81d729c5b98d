import { describe, expect, it } from 'vitest'
import { AgoraKeysError } from '../../src/errors.js'
import { randomIntInRange, randomUint32 } from '../../src/random.js'

describe('randomUint32', () => {
  it('returns uint32 integers', () => {
    for (let i = 0; i < 1000; i++) {
      const value = randomUint32()
      expect(Number.isInteger(value)).toBe(true)
      expect(value).toBeGreaterThanOrEqual(0)
      expect(value).toBeLessThanOrEqual(0xffffffff)
    }
  })

  it('varies between calls', () => {
    const values = new Set(Array.from({ length: 64 }, () => randomUint32()))
    expect(values.size).toBeGreaterThan(60)
  })
})

describe('randomIntInRange', () => {
  it('stays inside the range', () => {
    for (let i = 0; i < 2000; i++) {
      const value = randomIntInRange(1, 99_999_999)
      expect(value).toBeGreaterThanOrEqual(1)
      expect(value).toBeLessThanOrEqual(99_999_999)
    }
  })

  it('covers a small range', () => {
    const seen = new Set<number>()
    for (let i = 0; i < 500; i++) seen.add(randomIntInRange(3, 6))
    expect([...seen].sort()).toEqual([3, 4, 5, 6])
  })

  it('accepts the full uint32 range', () => {
    const value = randomIntInRange(0, 0xffffffff)
    expect(value).toBeGreaterThanOrEqual(0)
    expect(value).toBeLessThanOrEqual(0xffffffff)
  })

  it('returns the bound of a one-value range', () => {
    expect(randomIntInRange(7, 7)).toBe(7)
  })

  it.each([
    ['min above max', 5, 4],
    ['negative min', -1, 4],
    ['max above uint32', 0, 2 ** 32],
    ['fractional bound', 0.5, 4],
    ['NaN bound', Number.NaN, 4],
  ])('rejects %s', (_name, min, max) => {
    let thrown: unknown
    try {
      randomIntInRange(min, max)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(AgoraKeysError)
    expect((thrown as AgoraKeysError).code).toBe('ERR_INVALID_ARGUMENT')
  })
})
