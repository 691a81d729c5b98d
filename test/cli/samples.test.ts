import { describe, expect, it } from 'vitest'
import { keyKinds } from '../../src/cli/kinds/index.js'
import { loadVectors, type VectorCase } from '../vectors/load.js'
import { runCli } from './process.js'

/** The reference function of each --service name, as the vectors name them. */
const functionOfService: Readonly<Record<string, string>> = {
  media: 'generateMediaChannelKey',
  recording: 'generateRecordingKey',
  'public-sharing': 'generatePublicSharingKey',
  'in-channel-permission': 'generateInChannelPermissionKey',
}

const permissionDigits: Readonly<Record<string, string>> = { 'no-upload': '0', 'audio-video-upload': '3' }

/**
 * Finds the reference-test vector of a sample label such as
 * "dynamic-key5 in-channel-permission no-upload". Every reference test of a
 * kind uses the same sample inputs, so the first match is the expected key.
 */
function vectorOfLabel(label: string): VectorCase | undefined {
  const [kind = '', service, permission] = label.split(' ')
  const wanted = service === undefined ? 'generate' : functionOfService[service]
  return loadVectors(kind).cases.find(
    (vector) =>
      vector.name.startsWith('reference-test: ') &&
      vector.function === wanted &&
      (permission === undefined || vector.input.permission === permissionDigits[permission]),
  )
}

/** Splits the key lines (label, spaces, key) out of the text output. */
function keyLines(stdout: string): [string, string][] {
  return stdout
    .split('\n')
    .filter((line) => /^[a-z]/.test(line) && !line.endsWith(':'))
    .map((line) => {
      const match = /^(.+?)\s{2,}(\S+)$/.exec(line)
      if (match === null) throw new Error(`sample line has no key: ${line}`)
      return [match[1] ?? '', match[2] ?? '']
    })
}

describe('cli samples', () => {
  it('prints the vector keys', async () => {
    const run = await runCli(['samples'])
    expect(run.status).toBe(0)
    expect(run.stderr).toBe('')
    const lines = keyLines(run.stdout)
    expect(lines.length).toBeGreaterThanOrEqual(keyKinds.length)
    for (const [label, key] of lines) {
      const vector = vectorOfLabel(label)
      expect(vector, label).toBeDefined()
      expect(key, label).toBe(vector?.expected)
    }
  })

  it('covers every kind', async () => {
    const run = await runCli(['samples'])
    const kinds = new Set(keyLines(run.stdout).map(([label]) => label.split(' ')[0]))
    expect([...kinds].sort()).toEqual(keyKinds.map((kind) => kind.name).sort())
  })

  it('prints no certificate', async () => {
    const run = await runCli(['samples'])
    const certificates = new Set(
      keyKinds.flatMap((kind) => loadVectors(kind.name).cases.map((vector) => String(vector.input.appCertificate))),
    )
    for (const certificate of certificates) {
      expect(run.stdout.toLowerCase()).not.toContain(certificate.toLowerCase())
    }
  })

  it('prints JSON groups', async () => {
    const text = await runCli(['samples'])
    const json = await runCli(['samples', '--json'])
    expect(json.status).toBe(0)
    const groups = JSON.parse(json.stdout) as { heading: string; inputs: object; keys: { label: string; key: string }[] }[]
    const fromJson = groups.flatMap((group) => group.keys.map((key) => [key.label, key.key]))
    expect(fromJson).toEqual(keyLines(text.stdout))
  })

  it('rejects arguments', async () => {
    const run = await runCli(['samples', 'extra'])
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('(ERR_INVALID_ARGUMENT)')
  })
})
