import { describe, expect, it } from 'vitest'
import { matchAccessTokenCrcs } from '../../src/access-token/index.js'
import { crc32, utf8Encode } from '../../src/bytes/index.js'
import { thrownBy } from './errors-thrown.js'

const fields = { crcChannelName: crc32(utf8Encode('room-1')), crcUid: crc32(utf8Encode('42')) }

describe('matchAccessTokenCrcs fields', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', '006abc'],
    ['an array', []],
  ])('rejects %s', (_name, value) => {
    const error = thrownBy(() => matchAccessTokenCrcs(value as never, { channelName: 'room-1' }))
    expect(error.code).toBe('ERR_INVALID_ARGUMENT')
    expect(error.field).toBe('fields')
  })

  it.each([
    ['a missing crcUid', { crcChannelName: 1 }, 'crcUid'],
    ['a string crcChannelName', { crcChannelName: '1', crcUid: 1 }, 'crcChannelName'],
    ['a negative crcUid', { crcChannelName: 1, crcUid: -1 }, 'crcUid'],
    ['a crcChannelName above uint32', { crcChannelName: 2 ** 32, crcUid: 1 }, 'crcChannelName'],
  ])('rejects %s', (_name, value, field) => {
    const error = thrownBy(() => matchAccessTokenCrcs(value as never, { channelName: 'room-1' }))
    expect(error.code).toBe('ERR_INVALID_INTEGER')
    expect(error.field).toBe(field)
  })

  it('still matches valid fields', () => {
    expect(matchAccessTokenCrcs(fields, { channelName: 'room-1', uid: 42 })).toEqual({ channelName: true, uid: true })
    expect(matchAccessTokenCrcs(fields, { channelName: 'room-2', uid: 42 })).toEqual({ channelName: false, uid: true })
  })
})
