// Type-checks consumer code against the declarations of the packed package,
// as they load in a TypeScript project that installed agora-keys.
import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SETUP_TIMEOUT_MS, packageRoot } from './dist.js'
import { packAndInstall, type PackedInstall } from './pack.js'

const tsc = path.join(packageRoot, 'node_modules', 'typescript', 'bin', 'tsc')

/** Code that uses every subpath the way the README does, including type-level checks. */
const subpathConsumer = `
import { detectKeyFormat, parseKey, verifyKey, isAgoraKeysError, RtcRole2, RtcTokenBuilder2 } from 'agora-keys'
import * as dynamicKey from 'agora-keys/dynamic-key'
import * as dynamicKey2 from 'agora-keys/dynamic-key2'
import * as dynamicKey3 from 'agora-keys/dynamic-key3'
import * as dynamicKey4 from 'agora-keys/dynamic-key4'
import { InChannelPermission, generateInChannelPermissionKey, type DynamicKey5Fields } from 'agora-keys/dynamic-key5'
import { RtcRole, RtcTokenBuilder, parseAccessToken } from 'agora-keys/access-token'
import { parseAccessToken2, type AccessToken2Fields } from 'agora-keys/access-token2'

const credentials = { appId: '970CA35de60c44645bbae8a215061b33', appCertificate: '5CFd2fd1755d40ecb72977518be15d3b' }

export async function use(): Promise<void> {
  const key = await generateInChannelPermissionKey({ ...credentials, channelName: 'c', permission: InChannelPermission.NoUpload })
  const parsed = parseKey(key)
  if (parsed.version === '005') {
    const fields: DynamicKey5Fields = parsed
    console.log(fields.serviceType)
  } else if (parsed.version === '003') {
    console.log(parsed.uid)
  }
  console.log(detectKeyFormat(key), (await verifyKey(key, { ...credentials, channelName: 'c' })).valid)
  await dynamicKey.generate({ ...credentials, channelName: 'c' })
  await dynamicKey2.generate({ ...credentials, channelName: 'c', uid: 1 })
  await dynamicKey3.generate({ ...credentials, channelName: 'c', uid: 1 })
  await dynamicKey4.generateRecordingKey({ ...credentials, channelName: 'c', uid: 1 })
  const token6 = await RtcTokenBuilder.buildTokenWithUid({ ...credentials, channelName: 'c', uid: 1, role: RtcRole.PUBLISHER, privilegeExpiredTs: 0 })
  console.log(parseAccessToken(token6).salt)
  const token7 = await RtcTokenBuilder2.buildTokenWithUid({ ...credentials, channelName: 'c', uid: 1, role: RtcRole2.PUBLISHER, tokenExpire: 600 })
  const fields: AccessToken2Fields = await parseAccessToken2(token7)
  console.log(fields.services.length)
  try {
    // @ts-expect-error uid builders take an integer uid only
    await RtcTokenBuilder2.buildTokenWithUid({ ...credentials, channelName: 'c', uid: '1', role: RtcRole2.PUBLISHER, tokenExpire: 600 })
  } catch (error) {
    if (isAgoraKeysError(error, 'ERR_UID_NOT_INTEGER')) console.log(error.field)
  }
}
`

/** Code that reaches values and types through the root's namespaces, such as dynamicKey5. */
const namespaceConsumer = `
import { dynamicKey4, dynamicKey5 } from 'agora-keys'

export const permission: string = dynamicKey5.InChannelPermission.NoUpload
export type Fields5 = dynamicKey5.DynamicKey5Fields
export type Fields4 = dynamicKey4.DynamicKey4Fields
export type Options5 = dynamicKey5.ChannelKeyWithUidOptions
`

// node10 ignores `exports` and finds the subpaths' declarations through typesVersions.
const configurations = {
  node10: { module: 'commonjs', moduleResolution: 'node10' },
  node16: { module: 'node16', moduleResolution: 'node16' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
} as const

describe('declarations in a consumer project', () => {
  let install: PackedInstall | undefined

  beforeAll(async () => {
    install = await packAndInstall()
    writeFileSync(path.join(install.dir, 'package.json'), '{ "private": true, "type": "module" }\n')
    writeFileSync(path.join(install.dir, 'subpaths.ts'), subpathConsumer)
    writeFileSync(path.join(install.dir, 'namespaces.ts'), namespaceConsumer)
  }, SETUP_TIMEOUT_MS)

  afterAll(() => {
    install?.remove()
  })

  /** Runs tsc --noEmit on one file and returns its diagnostics ('' when clean). */
  async function typeCheck(
    file: string,
    configuration: keyof typeof configurations,
    skipLibCheck: boolean,
  ): Promise<string> {
    if (install === undefined) throw new Error('npm pack failed')
    const { module, moduleResolution } = configurations[configuration]
    const args = [tsc, '--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,dom']
    args.push('--module', module, '--moduleResolution', moduleResolution, '--skipLibCheck', String(skipLibCheck), file)
    const cwd = install.dir
    // tsc prints its diagnostics on stdout and exits with 2 when there are any.
    return new Promise((resolve) => {
      execFile(process.execPath, args, { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
        resolve(error === null ? '' : `${stdout}${stderr}` || error.message)
      })
    })
  }

  it.each(Object.keys(configurations) as (keyof typeof configurations)[])(
    'subpath imports type-check with %s',
    async (configuration) => {
      expect(await typeCheck('subpaths.ts', configuration, true)).toBe('')
    },
  )

  // tsc writes the declarations (tsup's bundled ones turned the types of the
  // `export * as dynamicKeyN` namespaces into values), so lib checking passes.
  it('declarations pass lib checking', async () => {
    expect(await typeCheck('subpaths.ts', 'node16', false)).toBe('')
  })

  it('root namespaces expose values and types', async () => {
    expect(await typeCheck('namespaces.ts', 'bundler', true)).toBe('')
  })
})
