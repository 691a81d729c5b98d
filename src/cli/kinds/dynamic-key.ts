import { generate } from '../../dynamic-key/index.js'
import { CHANNEL_KEY_SAMPLE, channelKeyOptions, readChannelKeyInputs } from './channel-key-options.js'
import type { KeyKind } from './kind.js'

/** DynamicKey, the first Channel Key (version 001). */
export const dynamicKeyKind: KeyKind = {
  name: 'dynamic-key',
  version: '001',
  summary: 'DynamicKey: 90 hex characters with no version prefix, no uid and no expiry',
  details: [
    'DynamicKey, the first Channel Key: 90 hex characters with no version prefix. It signs ' +
      'the App ID, channel name, issue time and random nonce, and binds no uid and no expiry.',
  ],
  example: 'agora-keys generate dynamic-key --app-id 970ca35de60c44645bbae8a215061b33 --channel room-1',
  options: channelKeyOptions,

  async generate({ appId, appCertificate, values }) {
    const { channelName, unixTs, randomInt } = readChannelKeyInputs(values)
    const key = await generate({ appId, appCertificate, channelName, unixTs, randomInt })
    return { key, inputs: { channelName, unixTs, randomInt }, channelName }
  },

  async samples() {
    return [{ label: 'dynamic-key', key: await generate(CHANNEL_KEY_SAMPLE) }]
  },
}
