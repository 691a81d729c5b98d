import { createHmac, randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { hexEncode } from '../../src/bytes/index.js'
import { MAX_CACHED_KEYS, hmacBackend, hmacWithCachedKey } from '../../src/hmac/web.js'

const data = new Uint8Array([1, 2, 3])

/** Returns a random key that no other test uses, so the module's cache starts without it. */
function freshKey(): Uint8Array {
  return new Uint8Array(randomBytes(16))
}

function expectedMac(key: Uint8Array | string): string {
  return createHmac('sha1', key).update(data).digest('hex')
}

/** Signs with a reused key and returns how many times WebCrypto imported a key meanwhile. */
async function importsDuring(run: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(globalThis.crypto.subtle, 'importKey')
  try {
    await run()
    return spy.mock.calls.length
  } finally {
    spy.mockRestore()
  }
}

describe('web HMAC key cache', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('imports a reused key once', async () => {
    const key = freshKey()
    const imports = await importsDuring(async () => {
      for (let i = 0; i < 5; i++) {
        expect(hexEncode(await hmacWithCachedKey('SHA-1', key, data))).toBe(expectedMac(key))
      }
    })
    expect(imports).toBe(1)
  })

  it('imports other keys every call', async () => {
    const key = freshKey()
    const imports = await importsDuring(async () => {
      for (let i = 0; i < 3; i++) await hmacBackend.hmac('SHA-1', key, data)
    })
    expect(imports).toBe(3)
  })

  it('keeps hashes apart', async () => {
    const key = freshKey()
    await hmacWithCachedKey('SHA-1', key, data)
    const sha256 = await hmacWithCachedKey('SHA-256', key, data)
    expect(hexEncode(sha256)).toBe(createHmac('sha256', key).update(data).digest('hex'))
  })

  it('keeps text apart from bytes', async () => {
    // "é" is C3 A9 in UTF-8, while the byte E9 alone reads as "é" in Latin-1.
    const text = `é${hexEncode(freshKey())}`
    const latin1 = Uint8Array.from(text, (character) => character.charCodeAt(0))
    expect(hexEncode(await hmacWithCachedKey('SHA-1', text, data))).toBe(expectedMac(text))
    expect(hexEncode(await hmacWithCachedKey('SHA-1', latin1, data))).toBe(expectedMac(latin1))
  })

  it('evicts the least recently used', async () => {
    const recentKey = freshKey()
    const oldKey = freshKey()
    await hmacWithCachedKey('SHA-1', oldKey, data)
    await hmacWithCachedKey('SHA-1', recentKey, data)
    // Using `recentKey` after each new key keeps it recent, while `oldKey` falls out.
    for (let i = 0; i < MAX_CACHED_KEYS - 1; i++) {
      await hmacWithCachedKey('SHA-1', freshKey(), data)
      await hmacWithCachedKey('SHA-1', recentKey, data)
    }
    expect(await importsDuring(() => hmacWithCachedKey('SHA-1', recentKey, data))).toBe(0)
    expect(await importsDuring(() => hmacWithCachedKey('SHA-1', oldKey, data))).toBe(1)
  })

  it('retries a failed import', async () => {
    const key = freshKey()
    const subtle = globalThis.crypto.subtle
    const failure = new Error('import failed')
    vi.spyOn(subtle, 'importKey').mockRejectedValueOnce(failure)
    await expect(hmacWithCachedKey('SHA-1', key, data)).rejects.toBe(failure)
    expect(hexEncode(await hmacWithCachedKey('SHA-1', key, data))).toBe(expectedMac(key))
  })
})
