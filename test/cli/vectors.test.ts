import { describe, expect, it } from 'vitest'
import { checkChannelName } from '../../src/channel-key/channel-name.js'
import { keyKinds } from '../../src/cli/kinds/index.js'
import { inputNumber, inputString, loadVectors, type VectorCase } from '../vectors/load.js'
import { distinctCases } from './fixtures.js'
import { runCli } from './process.js'

/** The --service each reference function corresponds to. */
const serviceOfFunction: Readonly<Record<string, string | undefined>> = {
  generate: undefined,
  generateMediaChannelKey: 'media',
  generateRecordingKey: 'recording',
  generatePublicSharingKey: 'public-sharing',
  generateInChannelPermissionKey: 'in-channel-permission',
}

/** --permission names of the digits the vectors use. */
const permissionNames: Readonly<Record<string, string>> = { '0': 'no-upload', '3': 'audio-video-upload' }

/** Numeric inputs and their options. The `=` form keeps negative values from reading as options. */
const integerOptions = [
  ['unixTs', 'unix-ts'],
  ['randomInt', 'random-int'],
  ['uid', 'uid'],
  ['expiredTs', 'expired-ts'],
] as const

interface Invocation {
  readonly args: string[]
  readonly env: Record<string, string>
}

/**
 * Builds the command line for one vector case. Even cases pass the App
 * Certificate in AGORA_APP_CERTIFICATE and odd ones in --app-certificate, so
 * both paths see every kind.
 */
function invocation(kind: string, vector: VectorCase, index: number): Invocation {
  if (!(vector.function in serviceOfFunction)) throw new TypeError(`no --service for ${vector.function}`)
  const args = ['generate', kind, `--app-id=${inputString(vector.input, 'appID')}`]
  args.push(`--channel=${inputString(vector.input, 'channelName')}`)
  for (const [field, option] of integerOptions) {
    if (field in vector.input) args.push(`--${option}=${String(inputNumber(vector.input, field))}`)
  }

  const service = serviceOfFunction[vector.function]
  if (service !== undefined) args.push(`--service=${service}`)
  if ('permission' in vector.input) {
    const name = permissionNames[inputString(vector.input, 'permission')]
    if (name === undefined) throw new TypeError('vector permission is not "0" or "3"')
    args.push(`--permission=${name}`)
  }

  const certificate = inputString(vector.input, 'appCertificate')
  if (index % 2 === 0) return { args, env: { AGORA_APP_CERTIFICATE: certificate } }
  return { args: [...args, `--app-certificate=${certificate}`], env: {} }
}

// The AccessToken kinds have their own vector suite in tokens.test.ts.
const channelKeyKinds = keyKinds.filter((kind) => kind.name.startsWith('dynamic-key'))

for (const kind of channelKeyKinds) {
  const vectors = distinctCases(loadVectors(kind.name).cases)

  describe.concurrent(`cli generate ${kind.name} vectors`, () => {
    it('has cases', () => {
      expect(vectors.length).toBeGreaterThan(0)
    })

    it.each(vectors.map((vector, index) => [vector.name, vector, index] as const))(
      '%s',
      async (_name, vector, index) => {
        const { args, env } = invocation(kind.name, vector, index)
        const run = await runCli(args, env)
        expect(run.stdout).toBe(`${vector.expected}\n`)
        expect(run.status).toBe(0)
        // A warning appears exactly when the channel name breaks Agora's rules.
        const nameIsValid = checkChannelName(inputString(vector.input, 'channelName')).valid
        expect(run.stderr === '').toBe(nameIsValid)
      },
    )
  })
}
