import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/run.js'
import { knownCertificates, redactCertificates } from '../../src/cli/output.js'

const certificate = '5cfd2fd1755d40ecb72977518be15d3b'
const appId = '970ca35de60c44645bbae8a215061b33'

/** Runs the CLI in this process with the certificate in the environment and returns its output. */
async function run(args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const status = await runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { AGORA_APP_CERTIFICATE: certificate },
  })
  return { status, stdout, stderr }
}

// A certificate pasted next to other hex digits forms a run longer than 32
// characters, and every character of the certificate is still in it.
const strayArguments: readonly (readonly [string, string])[] = [
  ['a trailing digit', `${certificate}0`],
  ['a leading digit', `0${certificate}`],
  ['the certificate twice', certificate + certificate],
  ['upper case and a digit', `${certificate.toUpperCase()}f`],
]

describe('cli stderr redaction', () => {
  it.each(strayArguments)('hides a certificate with %s', async (_name, stray) => {
    const result = await run(['generate', 'dynamic-key', `--app-id=${appId}`, '--channel=a', stray])
    expect(result.status).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('unexpected argument')
    expect(result.stderr.toLowerCase()).not.toContain(certificate)
  })

  it('hides a long unknown option', async () => {
    const result = await run(['verify', `--${certificate}0`])
    expect(result.status).toBe(2)
    expect(result.stderr.toLowerCase()).not.toContain(certificate)
  })

  it('names the hidden length', async () => {
    // util.parseArgs quotes an unknown option in its message, so the hex run reaches stderr.
    const result = await run(['verify', `--${certificate}00`])
    expect(result.stderr).toContain('<34 hex characters>')
  })

  it('quotes no long argument', async () => {
    const result = await run(['generate', 'dynamic-key', `--app-id=${appId}`, '--channel=a', `${certificate}00`])
    expect(result.stderr).toContain('unexpected argument [34 characters, not shown]')
  })

  it('keeps short hex runs', async () => {
    const result = await run(['generate', 'dynamic-key', `--app-id=${appId}`, '--channel=a', 'abcdef0123'])
    expect(result.stderr).toContain('abcdef0123')
  })
})

describe('redactCertificates', () => {
  it('hides every copy in any case', () => {
    const text = `a ${certificate.toUpperCase()} b ${certificate} c`
    expect(redactCertificates(text, [certificate])).toBe('a [redacted] b [redacted] c')
  })

  it('leaves other text alone', () => {
    expect(redactCertificates(`appId ${appId}`, [certificate])).toBe(`appId ${appId}`)
  })
})

describe('knownCertificates', () => {
  it('reads the variable and both flag forms', () => {
    const args = ['verify', 'key', '--app-certificate', 'aaaaaaaaaaaaaaaaaaaa', '--app-certificate=bbbbbbbbbbbbbbbbbbbb']
    expect(knownCertificates(args, { AGORA_APP_CERTIFICATE: ' cccccccccccccccccccc ' })).toEqual([
      'cccccccccccccccccccc',
      'aaaaaaaaaaaaaaaaaaaa',
      'bbbbbbbbbbbbbbbbbbbb',
    ])
  })

  it('ignores values too short to be certificates', () => {
    expect(knownCertificates(['--app-certificate', 'x'], { AGORA_APP_CERTIFICATE: '' })).toEqual([])
  })
})
