import { describe, expect, it } from 'vitest'
import type { OptionSpecs } from '../../src/cli/args.js'
import { inspectOptions } from '../../src/cli/commands/inspect.js'
import { samplesOptions } from '../../src/cli/commands/samples.js'
import { verifyOptions } from '../../src/cli/commands/verify.js'
import { keyKinds } from '../../src/cli/kinds/index.js'
import { packageVersion, runCli } from './process.js'

describe.concurrent('cli help and version', () => {
  it('prints the package version', async () => {
    for (const flag of ['--version', '-v']) {
      const run = await runCli([flag])
      expect(run.status).toBe(0)
      expect(run.stdout).toBe(`${packageVersion()}\n`)
    }
  })

  it('lists the commands', async () => {
    const run = await runCli(['--help'])
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^Usage: agora-keys <command>/)
    for (const word of ['generate', 'inspect', 'verify', 'samples', 'AGORA_APP_CERTIFICATE', 'Exit status']) {
      expect(run.stdout).toContain(word)
    }
  })

  it('shows usage without a command', async () => {
    const run = await runCli([])
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^Usage: agora-keys <command>/)
  })

  it('accepts the help command', async () => {
    const viaFlag = await runCli(['generate', '--help'])
    const viaCommand = await runCli(['help', 'generate'])
    expect(viaCommand.status).toBe(0)
    expect(viaCommand.stdout).toBe(viaFlag.stdout)
  })

  it('lists every kind', async () => {
    const run = await runCli(['generate', '-h'])
    expect(run.status).toBe(0)
    for (const kind of keyKinds) expect(run.stdout).toContain(`  ${kind.name} `)
  })

  it('documents every kind option', async () => {
    for (const kind of keyKinds) {
      const run = await runCli(['generate', kind.name, '--help'])
      expect(run.status).toBe(0)
      expect(run.stdout).toContain(`Usage: agora-keys generate ${kind.name}`)
      for (const option of [...Object.keys(kind.options), 'app-id', 'app-certificate', 'json', 'help']) {
        expect(run.stdout, `${kind.name} --${option}`).toContain(`--${option}`)
      }
    }
  })

  it('gives units for times', async () => {
    const run = await runCli(['generate', 'dynamic-key5', '--help'])
    // Joins wrapped lines, so each description reads as one line up to the next option.
    const text = run.stdout.replace(/\s+/g, ' ')
    const unixTs = /--unix-ts <SECONDS> ([^-]+)/.exec(text)?.[1] ?? ''
    expect(unixTs).toContain('Unix time in seconds')
    expect(unixTs).toContain('300 seconds')
    const expiredTs = /--expired-ts <SECONDS> ([^-]+)/.exec(text)?.[1] ?? ''
    expect(expiredTs).toContain('Unix time in seconds')
    expect(expiredTs).toContain('0 means no limit')
  })

  it('shows samples help', async () => {
    const run = await runCli(['samples', '--help'])
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^Usage: agora-keys samples/)
  })

  const commandOptions: readonly (readonly [string, OptionSpecs])[] = [
    ['inspect', inspectOptions],
    ['verify', verifyOptions],
    ['samples', samplesOptions],
  ]

  it.each(commandOptions)('documents every %s option', async (command, options) => {
    const run = await runCli([command, '--help'])
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(new RegExp(`^Usage: agora-keys ${command} `))
    for (const name of Object.keys(options)) expect(run.stdout, `${command} --${name}`).toContain(`--${name}`)
  })

  it('gives units for token times', async () => {
    // Joins wrapped lines, so each description reads as one line up to the next option.
    const token = (await runCli(['generate', 'access-token', '--help'])).stdout.replace(/\s+/g, ' ')
    expect(/--privilege-expired-ts <SECONDS> (.+?) --ts /.exec(token)?.[1]).toContain('absolute Unix time in seconds')
    expect(/--ts <SECONDS> (.+?) --salt /.exec(token)?.[1]).toContain('Unix time in seconds')
    const token2 = (await runCli(['generate', 'access-token2', '--help'])).stdout.replace(/\s+/g, ' ')
    expect(/--token-expire <SECONDS> (.+?) --privilege-expire /.exec(token2)?.[1]).toContain('duration in seconds')
    expect(/--privilege-expire <SECONDS> (.+?) --join-channel-expire /.exec(token2)?.[1]).toContain('duration in seconds')
    expect(/--issue-ts <SECONDS> (.+?) --salt /.exec(token2)?.[1]).toContain('Unix time in seconds')
  })

  it('lists the inspect warnings', async () => {
    const run = await runCli(['inspect', '--help'])
    for (const code of ['uid-zero', 'token-expired', 'privilege-outlives-token', 'join-window', 'channel-name-*']) {
      expect(run.stdout).toContain(`  ${code} `)
    }
  })
})
