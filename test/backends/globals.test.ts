import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { inflateSync } from 'node:zlib'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { deflate } from '../../src/compress/index.js'
import { compressBackend } from '../../src/compress/web.js'
import { hmacBackend } from '../../src/hmac/web.js'
import { randomUint32 } from '../../src/random.js'
import { distFile, packageRoot } from '../package/dist.js'
import { rejectionOf } from '../unit/errors-thrown.js'

describe('web backends without globals', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('HMAC rejects without crypto', async () => {
    vi.stubGlobal('crypto', undefined)
    const error = await rejectionOf(() => hmacBackend.hmac('SHA-1', new Uint8Array(1), new Uint8Array(1)))
    expect(error.code).toBe('ERR_UNSUPPORTED_RUNTIME')
    expect(error.message).toContain('crypto.subtle')
  })

  it('HMAC rejects without crypto.subtle', async () => {
    // Browsers expose crypto.getRandomValues but not crypto.subtle outside secure contexts.
    vi.stubGlobal('crypto', { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) })
    const error = await rejectionOf(() => hmacBackend.hmac('SHA-256', new Uint8Array(1), new Uint8Array(1)))
    expect(error.code).toBe('ERR_UNSUPPORTED_RUNTIME')
  })

  it('random throws without crypto', async () => {
    vi.stubGlobal('crypto', undefined)
    const error = await rejectionOf(() => Promise.resolve().then(randomUint32))
    expect(error.code).toBe('ERR_UNSUPPORTED_RUNTIME')
    expect(error.message).toContain('getRandomValues')
  })

  it('deflate needs no CompressionStream', () => {
    vi.stubGlobal('CompressionStream', undefined)
    const data = new Uint8Array([1, 2, 3, 1, 2, 3, 1, 2, 3])
    expect(new Uint8Array(inflateSync(deflate(data)))).toStrictEqual(data)
  })

  it('inflate needs no DecompressionStream', async () => {
    vi.stubGlobal('DecompressionStream', undefined)
    const data = new Uint8Array([1, 2, 3, 1, 2, 3, 1, 2, 3])
    expect(await compressBackend.inflate(deflate(data), 100)).toStrictEqual(data)
  })
})

/** Lists, by subpath, the dist/web files that package.json `exports` maps the browser condition to. */
function webEntries(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { browser?: { import?: { default?: string } } }>
  }
  const entries: Record<string, string> = {}
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    if (typeof target === 'string') continue
    const file = target.browser?.import?.default
    if (file !== undefined) entries[subpath] = file
  }
  return entries
}

function firstCase(kind: string): { expected: string; input: Record<string, unknown> } {
  const file = path.join(packageRoot, 'vectors', `${kind}.json`)
  const vectors = JSON.parse(readFileSync(file, 'utf8')) as {
    cases: { expected: string; input: Record<string, unknown> }[]
  }
  const first = vectors.cases[0]
  if (first === undefined) throw new Error(`${file} has no cases`)
  return first
}

/**
 * Deletes the globals, then imports every web entry and calls into the root.
 * Prints one JSON object: import errors by subpath, then the call results.
 */
const childScript = `
delete globalThis.crypto
delete globalThis.CompressionStream
delete globalThis.DecompressionStream
const [entries, credentials, token] = JSON.parse(process.argv[1])
const imports = {}
for (const [subpath, url] of Object.entries(entries)) {
  try {
    await import(url)
    imports[subpath] = 'ok'
  } catch (error) {
    imports[subpath] = String(error)
  }
}
const lib = await import(entries['.'])
const options = { ...credentials, channelName: 'room' }
async function codeOf(run) {
  try {
    await run()
    return 'resolved'
  } catch (error) {
    return lib.isAgoraKeysError(error) ? error.code : String(error)
  }
}
console.log(JSON.stringify({
  imports,
  backend: lib.hmacBackendName(),
  hmac: await codeOf(() => lib.dynamicKey.generate({ ...options, unixTs: 1, randomInt: 1 })),
  random: await codeOf(() => lib.dynamicKey.generate(options)),
  inflate: await codeOf(() => lib.parseAccessToken2(token)),
}))
`

describe('dist/web without globals', () => {
  it('imports, then rejects calls', async () => {
    const entries: Record<string, string> = {}
    for (const [subpath, file] of Object.entries(webEntries())) {
      entries[subpath] = pathToFileURL(distFile(file.replace(/^\.\/dist\//, ''))).href
    }
    const token = firstCase('access-token2').expected
    const input = firstCase('dynamic-key').input
    const credentials = { appId: input.appID, appCertificate: input.appCertificate }

    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--input-type=module', '-e', childScript, JSON.stringify([entries, credentials, token])],
        { timeout: 30_000 },
        (error, out, stderr) => {
          if (error === null) resolve(out)
          else reject(new Error(`${error.message}\n${stderr}`))
        },
      )
    })
    const result = JSON.parse(stdout) as {
      imports: Record<string, string>
      backend: string
      hmac: string
      random: string
      inflate: string
    }

    for (const subpath of Object.keys(entries)) expect(result.imports[subpath], subpath).toBe('ok')
    expect(result.backend).toBe('web')
    expect(result.hmac).toBe('ERR_UNSUPPORTED_RUNTIME')
    expect(result.random).toBe('ERR_UNSUPPORTED_RUNTIME')
    // Parsing a "007" token needs neither WebCrypto nor DecompressionStream.
    expect(result.inflate).toBe('resolved')
  })
})
