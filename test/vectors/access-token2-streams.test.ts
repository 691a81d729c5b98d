import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseAccessToken2, verifyAccessToken2 } from '../../src/access-token2/index.js'
import { inputNumber, inputString, loadVectors, vectorsDir, type VectorCase } from './load.js'

/** One literal token that a reference's own test file contains. */
interface ReferenceLiteral {
  readonly literal: string
  readonly payloadMatchesExpected?: boolean
}

/** A kind-file case with the reference-test details that load.ts leaves out. */
interface ReferenceTestCase extends VectorCase {
  readonly referenceTest?: { readonly literals?: readonly ReferenceLiteral[] }
}

/** One entry of divergences.json, reduced to what this file reads. */
interface Divergence {
  readonly kind: string
  readonly name: string
  readonly input: Record<string, unknown>
  readonly canonical: string
  readonly disagreeing: Record<string, { readonly output?: string; readonly payloadIdentical?: boolean }>
}

/** A token written with another deflate stream than the canonical one, for the same payload. */
interface OtherStream {
  readonly label: string
  readonly token: string
  readonly canonical: string
  readonly appCertificate: string
  readonly issueTs: number
}

/**
 * Collects every "007" token in vectors/ whose deflate stream differs from the
 * canonical token's but whose payload is the same: literals from the
 * references' tests, and Go and Node outputs listed in divergences.json.
 */
function otherStreams(): OtherStream[] {
  const streams: OtherStream[] = []
  for (const vector of loadVectors('access-token2').cases as readonly ReferenceTestCase[]) {
    const literals = vector.referenceTest?.literals ?? []
    literals.forEach((literal, index) => {
      if (literal.literal === vector.expected || literal.payloadMatchesExpected !== true) return
      streams.push({
        label: `${vector.name} literal ${String(index)}`,
        token: literal.literal,
        canonical: vector.expected,
        appCertificate: inputString(vector.input, 'appCertificate'),
        issueTs: inputNumber(vector.input, 'issueTs'),
      })
    })
  }

  const file = path.join(vectorsDir, 'divergences.json')
  const { divergences } = JSON.parse(readFileSync(file, 'utf8')) as { divergences: Divergence[] }
  for (const entry of divergences) {
    if (entry.kind !== 'access-token2') continue
    for (const [reference, outcome] of Object.entries(entry.disagreeing)) {
      if (outcome.output === undefined || outcome.payloadIdentical !== true) continue
      streams.push({
        label: `${entry.name} (${reference})`,
        token: outcome.output,
        canonical: entry.canonical,
        appCertificate: inputString(entry.input, 'appCertificate'),
        issueTs: inputNumber(entry.input, 'issueTs'),
      })
    }
  }
  return streams
}

const streams = otherStreams()

/** Builder cases of both 007 files. access-token2.test.ts parses and verifies the core cases. */
const builderCases = [
  ...loadVectors('access-token2').cases.filter((vector) => vector.function !== 'AccessToken2'),
  ...loadVectors('access-token2-extra').cases,
]

describe('access-token2 other deflate streams', () => {
  it('finds Go and Node streams', () => {
    const labels = streams.map((stream) => stream.label)
    expect(labels.some((label) => label.endsWith('(go)'))).toBe(true)
    expect(labels.some((label) => label.endsWith('(nodejs)'))).toBe(true)
    expect(labels.some((label) => label.includes(' literal '))).toBe(true)
  })

  it.each(streams.map((stream) => [stream.label, stream] as const))('parses %s', async (_label, stream) => {
    expect(stream.token).not.toBe(stream.canonical)
    expect(await parseAccessToken2(stream.token)).toEqual(await parseAccessToken2(stream.canonical))
  })

  it.each(streams.map((stream) => [stream.label, stream] as const))('verifies %s', async (_label, stream) => {
    const options = { appCertificate: stream.appCertificate, now: stream.issueTs }
    const result = await verifyAccessToken2(stream.token, options)
    expect(result.reasons).toEqual([])
    expect(result.valid).toBe(true)
  })
})

describe('access-token2 builder tokens', () => {
  it.each(builderCases.map((vector) => [vector.name, vector] as const))('verifies %s', async (_name, vector) => {
    const options = {
      appCertificate: inputString(vector.input, 'appCertificate'),
      now: inputNumber(vector.input, 'issueTs'),
    }
    const result = await verifyAccessToken2(vector.expected, options)
    expect(result.reasons).toEqual([])
    expect(result.valid).toBe(true)
  })
})
