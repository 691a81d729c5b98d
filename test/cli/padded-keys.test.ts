// A token pasted with surrounding whitespace must reach its own parser, whose
// message asks the user to remove the whitespace, not a Channel Key message.
import { describe, expect, it } from 'vitest'
import { RtcTokenBuilder } from '../../src/access-token/index.js'
import { RtcRole, RtcTokenBuilder2 } from '../../src/access-token2/index.js'
import { generate as generateDynamicKey3 } from '../../src/dynamic-key3/index.js'
import { generateMediaChannelKey } from '../../src/dynamic-key5/index.js'
import { appId, certificate, certificateEnv } from './fixtures.js'
import { runCli } from './process.js'

const issued = 1_700_000_000
const now = `--now=${String(issued + 10)}`
const base = { appId, appCertificate: certificate, channelName: 'room-1' }

async function paddedKeys(): Promise<(readonly [string, string])[]> {
  const token6 = await RtcTokenBuilder.buildTokenWithUid({ ...base, uid: 42, role: 1, privilegeExpiredTs: 0, salt: 1, ts: issued })
  const token7 = await RtcTokenBuilder2.buildTokenWithUid({
    ...base,
    uid: 42,
    role: RtcRole.PUBLISHER,
    tokenExpire: 600,
    issueTs: issued,
    salt: 1,
  })
  const key5 = await generateMediaChannelKey({ ...base, uid: 42, unixTs: issued, randomInt: 1 })
  const key3 = await generateDynamicKey3({ ...base, uid: 42, unixTs: issued, randomInt: 1 })
  return [
    ['dynamic-key3', `${key3}\t`],
    ['access-token', `${token6} `],
    ['access-token2', `${token7}\n`],
    ['dynamic-key5', ` ${key5}`],
  ]
}

describe.concurrent('cli padded keys', () => {
  it('verify names the format and the whitespace', async () => {
    for (const [format, key] of await paddedKeys()) {
      const json = await runCli(['verify', key, '--channel=room-1', now, '--json'], certificateEnv)
      expect(json.status, format).toBe(1)
      const output = JSON.parse(json.stdout) as { format: string | null; reasons: { message: string }[] }
      expect(output.format, format).toBe(format)
      expect(output.reasons[0]?.message, format).toContain('remove the surrounding whitespace')
      expect(output.reasons[0]?.message, format).not.toContain('not a Channel Key')
    }
  })

  it('inspect names the whitespace', async () => {
    for (const [format, key] of await paddedKeys()) {
      const run = await runCli(['inspect', key, now])
      expect(run.status, format).toBe(1)
      expect(run.stderr, format).toContain('remove the surrounding whitespace')
      expect(run.stderr, format).not.toContain('not a Channel Key')
    }
  })
})
