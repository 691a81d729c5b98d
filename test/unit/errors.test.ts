import { describe, expect, it, vi } from 'vitest'
import { AgoraKeysError, isAgoraKeysError } from '../../src/errors.js'
import * as root from '../../src/index.js'

describe('AgoraKeysError', () => {
  const cause = new RangeError('inner')
  const error = new AgoraKeysError('ERR_KEY_TRUNCATED', 'key ends inside uid', {
    field: 'uid',
    cause,
  })

  it('has name, code and field', () => {
    expect(error.name).toBe('AgoraKeysError')
    expect(error.code).toBe('ERR_KEY_TRUNCATED')
    expect(error.field).toBe('uid')
    expect(error.message).toBe('key ends inside uid')
  })

  it('keeps the cause', () => {
    expect(error.cause).toBe(cause)
  })

  it('is an Error', () => {
    expect(error).toBeInstanceOf(Error)
    expect(error).toBeInstanceOf(AgoraKeysError)
    expect(Object.prototype.toString.call(error)).toBe('[object Error]')
    expect(String(error)).toBe('AgoraKeysError: key ends inside uid')
  })

  it('has a stack naming the class', () => {
    expect(error.stack).toContain('AgoraKeysError: key ends inside uid')
  })

  it('omits cause and field when not given', () => {
    const bare = new AgoraKeysError('ERR_UNSUPPORTED_RUNTIME', 'no WebCrypto')
    expect(bare.field).toBeUndefined()
    expect('cause' in bare).toBe(false)
  })

  it('keeps a falsy cause', () => {
    const withZero = new AgoraKeysError('ERR_INVALID_ARGUMENT', 'm', { cause: 0 })
    expect('cause' in withZero).toBe(true)
    expect(withZero.cause).toBe(0)
  })

  it('is exported from the root', () => {
    expect(root.AgoraKeysError).toBe(AgoraKeysError)
    expect(root.isAgoraKeysError).toBe(isAgoraKeysError)
  })
})

describe('isAgoraKeysError', () => {
  const error = new AgoraKeysError('ERR_INVALID_APP_ID', 'bad', { field: 'appId' })

  it('accepts the class', () => {
    expect(isAgoraKeysError(error)).toBe(true)
  })

  it('matches the code', () => {
    expect(isAgoraKeysError(error, 'ERR_INVALID_APP_ID')).toBe(true)
    expect(isAgoraKeysError(error, 'ERR_INVALID_APP_CERTIFICATE')).toBe(false)
  })

  it.each([
    ['a plain Error', new Error('bad')],
    ['a look-alike object', { name: 'AgoraKeysError', code: 'ERR_INVALID_APP_ID', message: 'x' }],
    ['a string', 'ERR_INVALID_APP_ID'],
    ['null', null],
    ['undefined', undefined],
  ])('rejects %s', (_name, value) => {
    expect(isAgoraKeysError(value)).toBe(false)
    expect(isAgoraKeysError(value, 'ERR_INVALID_APP_ID')).toBe(false)
  })

  it('accepts errors of another copy', async () => {
    // After resetModules, the import loads a second instance of the module, as when an app
    // loads both the ESM and the CommonJS build.
    vi.resetModules()
    const copy = await import('../../src/errors.js')
    expect(copy.AgoraKeysError).not.toBe(AgoraKeysError)
    const foreign = new copy.AgoraKeysError('ERR_KEY_TRUNCATED', 'short', { field: 'uid' })
    expect(foreign instanceof AgoraKeysError).toBe(false)
    expect(isAgoraKeysError(foreign)).toBe(true)
    expect(isAgoraKeysError(foreign, 'ERR_KEY_TRUNCATED')).toBe(true)
    expect(isAgoraKeysError(foreign, 'ERR_INVALID_APP_ID')).toBe(false)
    expect(copy.isAgoraKeysError(error)).toBe(true)
  })

  it('narrows the type', () => {
    const caught: unknown = error
    if (!isAgoraKeysError(caught)) throw new Error('expected an AgoraKeysError')
    expect(caught.field).toBe('appId')
  })
})
