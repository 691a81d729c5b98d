import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sortAscending } from '../../src/bytes/index.js'

describe('sortAscending', () => {
  it('matches a numeric sort', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 0xffff }), { maxLength: 40 }), (values) => {
        const expected = [...values].sort((a, b) => a - b)
        expect(sortAscending([...values])).toStrictEqual(expected)
      }),
      { numRuns: 2000 },
    )
  })

  it('sorts in place', () => {
    const values = [3, 1, 2]
    expect(sortAscending(values)).toBe(values)
    expect(values).toStrictEqual([1, 2, 3])
  })

  it('sorts numbers, not strings', () => {
    expect(sortAscending([100, 9, 10])).toStrictEqual([9, 10, 100])
  })

  it('keeps sorted input', () => {
    const values = [1, 2, 2, 1000]
    expect(sortAscending(values)).toBe(values)
    expect(values).toStrictEqual([1, 2, 2, 1000])
  })
})
