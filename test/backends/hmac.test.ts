import { createHmac, randomBytes, randomInt } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hexDecode, hexEncode, utf8Encode } from '../../src/bytes/index.js'
import { hmac, hmacBackendName } from '../../src/hmac/index.js'
import { hmacBackend as nodeBackend } from '../../src/hmac/node.js'
import type { HashName, HmacBackend } from '../../src/hmac/types.js'
import { hmacBackend as webBackend } from '../../src/hmac/web.js'

/** The backend under the `#hmac-backend` alias of the current vitest project. */
const aliasedBackend: HmacBackend = { name: hmacBackendName(), hmac }

const backends: readonly (readonly [string, HmacBackend])[] = [
  ['node', nodeBackend],
  ['web', webBackend],
  ['aliased', aliasedBackend],
]

interface PublishedCase {
  readonly name: string
  readonly key: Uint8Array
  readonly data: Uint8Array
  /** Expected MAC in hex. RFC 4231 test case 5 publishes only its first 128 bits. */
  readonly mac: string
}

function repeat(byte: number, count: number): Uint8Array {
  return new Uint8Array(count).fill(byte)
}

const counting = hexDecode('0102030405060708090a0b0c0d0e0f10111213141516171819', 'key')

/** The test cases of RFC 2202, section 3 (HMAC-SHA-1). */
const rfc2202: readonly PublishedCase[] = [
  {
    name: 'case 1',
    key: repeat(0x0b, 20),
    data: utf8Encode('Hi There'),
    mac: 'b617318655057264e28bc0b6fb378c8ef146be00',
  },
  {
    name: 'case 2',
    key: utf8Encode('Jefe'),
    data: utf8Encode('what do ya want for nothing?'),
    mac: 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79',
  },
  {
    name: 'case 3',
    key: repeat(0xaa, 20),
    data: repeat(0xdd, 50),
    mac: '125d7342b9ac11cd91a39af48aa17b4f63f175d3',
  },
  {
    name: 'case 4',
    key: counting,
    data: repeat(0xcd, 50),
    mac: '4c9007f4026250c6bc8414f9bf50c86c2d7235da',
  },
  {
    name: 'case 5',
    key: repeat(0x0c, 20),
    data: utf8Encode('Test With Truncation'),
    mac: '4c1a03424b55e07fe7f27be1d58bb9324a9a5a04',
  },
  {
    name: 'case 6',
    key: repeat(0xaa, 80),
    data: utf8Encode('Test Using Larger Than Block-Size Key - Hash Key First'),
    mac: 'aa4ae5e15272d00e95705637ce8a3b55ed402112',
  },
  {
    name: 'case 7',
    key: repeat(0xaa, 80),
    data: utf8Encode(
      'Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data',
    ),
    mac: 'e8e99d0f45237d786d6bbaa7965c7808bbff1a91',
  },
]

/** The test cases of RFC 4231, section 4 (HMAC-SHA-256). */
const rfc4231: readonly PublishedCase[] = [
  {
    name: 'case 1',
    key: repeat(0x0b, 20),
    data: utf8Encode('Hi There'),
    mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
  },
  {
    name: 'case 2',
    key: utf8Encode('Jefe'),
    data: utf8Encode('what do ya want for nothing?'),
    mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  },
  {
    name: 'case 3',
    key: repeat(0xaa, 20),
    data: repeat(0xdd, 50),
    mac: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
  },
  {
    name: 'case 4',
    key: counting,
    data: repeat(0xcd, 50),
    mac: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
  },
  {
    name: 'case 5 (truncated to 128 bits)',
    key: repeat(0x0c, 20),
    data: utf8Encode('Test With Truncation'),
    mac: 'a3b6167473100ee06e0c796c2955552b',
  },
  {
    name: 'case 6',
    key: repeat(0xaa, 131),
    data: utf8Encode('Test Using Larger Than Block-Size Key - Hash Key First'),
    mac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  },
  {
    name: 'case 7',
    key: repeat(0xaa, 131),
    data: utf8Encode(
      'This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.',
    ),
    mac: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
]

const published: readonly (readonly [HashName, readonly PublishedCase[]])[] = [
  ['SHA-1', rfc2202],
  ['SHA-256', rfc4231],
]

describe.each(backends)('%s HMAC backend', (_name, backend) => {
  describe.each(published)('%s', (hash, cases) => {
    it.each(cases)('passes RFC $name', async ({ key, data, mac }) => {
      const output = await backend.hmac(hash, key, data)
      expect(hexEncode(output).slice(0, mac.length)).toBe(mac)
    })
  })

  it('returns a plain Uint8Array', async () => {
    const output = await backend.hmac('SHA-256', new Uint8Array([1]), new Uint8Array([2]))
    expect(Object.getPrototypeOf(output)).toBe(Uint8Array.prototype)
    expect(output.length).toBe(32)
  })

  it('accepts empty key and data', async () => {
    const output = await backend.hmac('SHA-1', new Uint8Array(0), new Uint8Array(0))
    expect(hexEncode(output)).toBe(
      createHmac('sha1', new Uint8Array(0)).update(new Uint8Array(0)).digest('hex'),
    )
  })

  it('reads only the view of a subarray', async () => {
    // Views with non-zero offsets into larger buffers, as ByteReader hands out.
    const keyBacking = new Uint8Array(randomBytes(64))
    const dataBacking = new Uint8Array(randomBytes(300))
    const key = keyBacking.subarray(5, 37)
    const data = dataBacking.subarray(17, 250)
    const expected = createHmac('sha256', key).update(data).digest('hex')
    expect(hexEncode(await backend.hmac('SHA-256', key, data))).toBe(expected)
  })

  it('leaves its inputs unchanged', async () => {
    const key = new Uint8Array(randomBytes(20))
    const data = new Uint8Array(randomBytes(100))
    const keyCopy = key.slice()
    const dataCopy = data.slice()
    await backend.hmac('SHA-1', key, data)
    expect(key).toStrictEqual(keyCopy)
    expect(data).toStrictEqual(dataCopy)
  })

  it.each([
    ['ASCII', '5CFd2fd1755d40ecb72977518be15d3b', 'ACS970CA35de60c44645bbae8a215061b33room-1'],
    ['empty', '', ''],
    ['non-ASCII', 'ключ', '名字 😀 é'],
    ['lone surrogates', '\ud800key', 'data\udc00 and \ud83d'],
  ])('signs %s strings as UTF-8', async (_name, key, data) => {
    const expected = await backend.hmac('SHA-1', utf8Encode(key), utf8Encode(data))
    expect(hexEncode(await backend.hmac('SHA-1', key, data))).toBe(hexEncode(expected))
    expect(hexEncode(await backend.hmac('SHA-1', key, utf8Encode(data)))).toBe(hexEncode(expected))
    expect(hexEncode(await backend.hmac('SHA-1', utf8Encode(key), data))).toBe(hexEncode(expected))
  })
})

describe('HMAC backends agree', () => {
  const hashes: readonly (readonly [HashName, string])[] = [
    ['SHA-1', 'sha1'],
    ['SHA-256', 'sha256'],
  ]

  it.each(hashes)('%s on random input', async (hash, nodeName) => {
    // Key lengths cross the 64-byte block size, where HMAC hashes the key first.
    for (let i = 0; i < 200; i++) {
      const key = new Uint8Array(randomBytes(randomInt(0, 150)))
      const data = new Uint8Array(randomBytes(randomInt(0, 2000)))
      const expected = createHmac(nodeName, key).update(data).digest('hex')
      const context = `key ${hexEncode(key)}, data length ${String(data.length)}`
      expect(hexEncode(await nodeBackend.hmac(hash, key, data)), context).toBe(expected)
      expect(hexEncode(await webBackend.hmac(hash, key, data)), context).toBe(expected)
    }
  })
})
