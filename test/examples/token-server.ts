import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dynamicKey5, verifyAccessToken2 } from '../../src/index.js'
import { SETUP_TIMEOUT_MS } from '../package/dist.js'

/** Made-up credentials for one test file, so no real App Certificate is ever needed. */
export interface Credentials {
  readonly appId: string
  readonly appCertificate: string
}

/** An example server that a test started on loopback. */
export interface TokenServer {
  /** The server's origin, such as http://127.0.0.1:40123. */
  readonly origin: string
  /** Everything the server wrote to stdout and stderr so far. */
  readonly output: () => string
  /** Stops the server and waits for it to exit. */
  readonly stop: () => Promise<void>
}

/** Maximum time a server process may take to print its "listening on" line. */
const LISTEN_TIMEOUT_MS = 20_000

/** Returns a fresh App ID and App Certificate: 32 random hex characters each. */
export function makeCredentials(): Credentials {
  return { appId: randomBytes(16).toString('hex'), appCertificate: randomBytes(16).toString('hex') }
}

/**
 * Spawns a server process and resolves once it prints "listening on
 * http://127.0.0.1:PORT". Rejects with its output if it exits first or
 * prints nothing of the kind within 20 s.
 */
export function startServerProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<TokenServer> {
  const child = spawn(command, [...args], { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
  const exited = once(child, 'exit')
  let output = ''
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill()
      await exited
    }
  }

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`${command} did not print "listening on" within 20 s; its output:\n${output}`))
    }, LISTEN_TIMEOUT_MS)
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const origin = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]
      if (origin !== undefined) {
        clearTimeout(timer)
        resolve({ origin, output: () => output, stop })
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`${command} exited (${String(code ?? signal)}) before listening; its output:\n${output}`))
    })
  })
}

interface JsonResponse {
  readonly status: number
  readonly text: string
  readonly body: Record<string, unknown>
}

/**
 * Defines the tests that every example token server must pass: a valid "007"
 * RTC token and Channel Key for good input, HTTP 400 with the error code for
 * bad input, and no App Certificate in any response or log line.
 */
export function describeTokenServer(title: string, start: (credentials: Credentials) => Promise<TokenServer>): void {
  describe(title, () => {
    const credentials = makeCredentials()
    const { appId, appCertificate } = credentials
    let server: TokenServer | undefined

    beforeAll(async () => {
      server = await start(credentials)
    }, SETUP_TIMEOUT_MS)

    afterAll(async () => {
      await server?.stop()
    })

    async function get(pathAndQuery: string): Promise<JsonResponse> {
      if (server === undefined) throw new Error('the example server did not start')
      const response = await fetch(`${server.origin}${pathAndQuery}`)
      const text = await response.text()
      return { status: response.status, text, body: JSON.parse(text) as Record<string, unknown> }
    }

    it('issues a valid RTC token', async () => {
      const response = await get('/rtc?channel=room-1&uid=42')
      expect(response.status, response.text).toBe(200)
      const token = String(response.body.token)
      expect(token.startsWith('007')).toBe(true)
      const result = await verifyAccessToken2(token, { appCertificate, appId, channelName: 'room-1', uid: 42 })
      expect(result.reasons).toEqual([])
      expect(result.valid).toBe(true)
    })

    it('signs for the requested uid', async () => {
      const token = String((await get('/rtc?channel=room-1&uid=42')).body.token)
      const result = await verifyAccessToken2(token, { appCertificate, appId, channelName: 'room-1', uid: 43 })
      expect(result.valid).toBe(false)
      expect(result.reasons.map((reason) => reason.code)).toEqual(['uid'])
    })

    it('issues a valid Channel Key', async () => {
      const response = await get('/channel-key?channel=room-1&uid=42')
      expect(response.status, response.text).toBe(200)
      const key = String(response.body.key)
      expect(key.startsWith('005')).toBe(true)
      const result = await dynamicKey5.verify(key, { appCertificate, channelName: 'room-1', uid: 42 })
      expect(result.reasons).toEqual([])
      expect(result.valid).toBe(true)
    })

    it('rejects a missing channel', async () => {
      const response = await get('/rtc?uid=42')
      expect(response.status).toBe(400)
      expect(response.body.error).toBe('ERR_INVALID_ARGUMENT')
      expect(response.body.field).toBe('channelName')
    })

    it('rejects a missing uid', async () => {
      const response = await get('/channel-key?channel=room-1')
      expect(response.status).toBe(400)
      expect(response.body.error).toBe('ERR_INVALID_INTEGER')
      expect(response.body.field).toBe('uid')
    })

    it('returns 404 for other paths', async () => {
      const response = await get('/token?channel=room-1&uid=42')
      expect(response.status).toBe(404)
      expect(response.body.error).toBe('not found')
    })

    it('keeps the certificate private', async () => {
      const rejected = await get('/rtc?channel=room-1&uid=abc')
      expect(rejected.status).toBe(400)
      expect(rejected.text).not.toContain(appCertificate)
      // The rejection above is logged, so the output is not empty.
      expect(server?.output()).toContain('rejected: ERR_INVALID_INTEGER')
      expect(server?.output()).not.toContain(appCertificate)
    })
  })
}
