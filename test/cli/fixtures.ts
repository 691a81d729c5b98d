import { inflateSync } from 'node:zlib'
import { packAccessToken } from '../../src/access-token/build.js'
import { packSigningInfo } from '../../src/access-token2/token.js'
import type { AccessToken2Service } from '../../src/access-token2/services.js'
import { signSigningInfo } from '../../src/access-token2/signing.js'
import { base64Encode, ByteWriter } from '../../src/bytes/index.js'
import { deflate } from '../../src/compress/index.js'
import { inputString, loadVectors, type VectorCase } from '../vectors/load.js'

// Agora's sample credentials, read from the vectors so no literal is typed twice.
const sampleCase = loadVectors('access-token2').cases.find(
  (vector) => vector.name === 'reference-test: python3/test/AccessToken2Test.py:test_service_rtc',
)
if (sampleCase === undefined) throw new Error('vectors/access-token2.json has no python3 test_service_rtc case')

/** The sample App ID, in the references' mixed case. */
export const appId = inputString(sampleCase.input, 'appID')
/** Agora's published sample App Certificate. */
export const certificate = inputString(sampleCase.input, 'appCertificate')
/** A second valid certificate: the sample one with its halves swapped. */
export const otherCertificate = certificate.slice(16) + certificate.slice(0, 16)
/** Runs the CLI with the sample certificate in the environment. */
export const certificateEnv = { AGORA_APP_CERTIFICATE: certificate }

/**
 * Builds a signed "006" token without the builders' input checks, for values
 * the builders reject but other implementations write, such as a privilege
 * expiry of 3600.
 */
export function craftAccessToken(options: {
  channelName: string
  uidString: string
  salt: number
  ts: number
  privileges: ReadonlyMap<number, number>
}): Promise<string> {
  return packAccessToken({ appId, appCertificate: certificate, ...options })
}

/**
 * Builds a signed "007" token without the builders' input checks, for values
 * such as an expire that looks like a Unix time.
 */
export async function craftAccessToken2(options: {
  issueTs: number
  expire: number
  salt: number
  services: readonly AccessToken2Service[]
}): Promise<string> {
  const inputs = { appId, appCertificate: certificate, ...options }
  const signingInfo = packSigningInfo(inputs)
  const signature = await signSigningInfo(certificate, options.issueTs, options.salt, signingInfo)
  const payload = new ByteWriter().putBytes(signature, 'signature').putRaw(signingInfo).toBytes()
  return `007${base64Encode(deflate(payload))}`
}

/** Inflates the body of a "007" token to the lower-case hex of its payload. */
export function payloadHex(token: string): string {
  return inflateSync(Buffer.from(token.slice(3), 'base64')).toString('hex')
}

/**
 * Keeps the first case of each distinct function and input. The reference
 * tests repeat Agora's sample inputs once per language, and each repeat
 * would only start another process for the same command line.
 */
export function distinctCases(cases: readonly VectorCase[]): VectorCase[] {
  const seen = new Set<string>()
  return cases.filter((vector) => {
    const signature = JSON.stringify([vector.function, vector.input])
    if (seen.has(signature)) return false
    seen.add(signature)
    return true
  })
}
