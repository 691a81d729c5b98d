import { describe, expect, it } from 'vitest'
import {
  CHANNEL_NAME_CHARACTERS,
  CHANNEL_NAME_MAX_BYTES,
  checkChannelName,
  type ChannelNameProblemCode,
} from '../../src/channel-key/channel-name.js'
import { checkChannelName as rootExport } from '../../src/index.js'

function problemCodes(name: string): ChannelNameProblemCode[] {
  return checkChannelName(name).problems.map((problem) => problem.code)
}

describe('checkChannelName', () => {
  it('is exported from the root', () => {
    expect(rootExport).toBe(checkChannelName)
  })

  it('accepts every allowed character', () => {
    // The whole set is longer than the byte limit, so check it as two names.
    const half = Math.ceil(CHANNEL_NAME_CHARACTERS.length / 2)
    for (const name of [CHANNEL_NAME_CHARACTERS.slice(0, half), CHANNEL_NAME_CHARACTERS.slice(half)]) {
      const check = checkChannelName(name)
      expect(check.problems).toEqual([])
      expect(check.valid).toBe(true)
    }
  })

  it('allows the documented punctuation', () => {
    for (const character of '!#$%&()+-:;<=.>?@[]^_{}|~, ') {
      expect(checkChannelName(`a${character}b`).valid).toBe(true)
    }
  })

  it('rejects undocumented punctuation', () => {
    for (const character of ['"', "'", '*', '/', '\\', '`', '\t', '\n', '\0']) {
      const check = checkChannelName(`a${character}b`)
      expect(check.valid).toBe(false)
      expect(check.invalidCharacters).toEqual([character])
      expect(problemCodes(`a${character}b`)).toEqual(['invalid-characters'])
    }
  })

  it('accepts exactly 63 bytes', () => {
    const check = checkChannelName('a'.repeat(CHANNEL_NAME_MAX_BYTES))
    expect(CHANNEL_NAME_MAX_BYTES).toBe(63)
    expect(check.byteLength).toBe(63)
    expect(check.valid).toBe(true)
  })

  it('rejects 64 bytes', () => {
    const check = checkChannelName('a'.repeat(64))
    expect(check.valid).toBe(false)
    expect(check.byteLength).toBe(64)
    expect(problemCodes('a'.repeat(64))).toEqual(['too-long'])
    expect(check.problems[0]?.message).toContain('64 bytes')
  })

  it('counts UTF-8 bytes, not code units', () => {
    // 21 CJK characters are 21 UTF-16 code units but 63 UTF-8 bytes, and 22 are 66.
    expect(checkChannelName('频'.repeat(21)).byteLength).toBe(63)
    expect(problemCodes('频'.repeat(22))).toEqual(['too-long', 'invalid-characters'])
  })

  it('lists each bad character once', () => {
    const check = checkChannelName('a/b/c*d/é😀')
    expect(check.invalidCharacters).toEqual(['/', '*', 'é', '😀'])
    expect(check.problems).toHaveLength(1)
    expect(check.problems[0]?.message).toContain('"/", "*", "é", "😀"')
  })

  it('caps the listed characters', () => {
    const name = 'ÀÁÂÃÄÅÆÇÈÉÊË'
    const check = checkChannelName(name)
    expect(check.invalidCharacters).toHaveLength(12)
    expect(check.problems[0]?.message).toContain('and 2 more')
  })

  it('quotes invisible characters', () => {
    const check = checkChannelName('a\tb')
    expect(check.problems[0]?.message).toContain('"\\t"')
  })

  it('flags the empty name', () => {
    const check = checkChannelName('')
    expect(check.valid).toBe(false)
    expect(check.byteLength).toBe(0)
    expect(problemCodes('')).toEqual(['empty'])
  })

  it('reports a lone surrogate', () => {
    const check = checkChannelName('a\ud800')
    expect(check.invalidCharacters).toEqual(['\ud800'])
    expect(check.byteLength).toBe(4)
  })

  it('does not throw on non-strings', () => {
    const values: unknown[] = [undefined, null, 42, {}, ['a']]
    for (const value of values) {
      const check = checkChannelName(value as string)
      expect(check.valid).toBe(false)
      expect(check.problems.map((problem) => problem.code)).toEqual(['not-a-string'])
    }
  })
})
