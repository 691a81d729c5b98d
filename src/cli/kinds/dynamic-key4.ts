import type { ChannelKeyWithUidOptions } from '../../channel-key/inputs.js'
import {
  generateMediaChannelKey,
  generatePublicSharingKey,
  generateRecordingKey,
} from '../../dynamic-key4/index.js'
import {
  CHANNEL_KEY_SAMPLE,
  channelKeyWithUidOptions,
  readChannelKeyInputs,
  readService,
  serviceOptions,
  type ServiceName,
} from './channel-key-options.js'
import type { KeyKind, SampleKey } from './kind.js'

/** Services of DynamicKey4, which has no in-channel-permission service. */
const SERVICES = ['media', 'recording', 'public-sharing'] as const satisfies readonly ServiceName[]

const GENERATORS: Readonly<Record<(typeof SERVICES)[number], (options: ChannelKeyWithUidOptions) => Promise<string>>> = {
  media: generateMediaChannelKey,
  recording: generateRecordingKey,
  'public-sharing': generatePublicSharingKey,
}

/** DynamicKey4 (version 004), one key per service. */
export const dynamicKey4Kind: KeyKind = {
  name: 'dynamic-key4',
  version: '004',
  summary: 'DynamicKey4 ("004" prefix): media, recording or public-sharing',
  details: [
    'DynamicKey4: "004" followed by 100 characters. It signs the service, App ID, channel ' +
      'name, issue time, random nonce, uid and expiry, and stores neither the service, the ' +
      'channel name nor the uid.',
  ],
  example:
    'agora-keys generate dynamic-key4 --app-id 970ca35de60c44645bbae8a215061b33 --channel room-1 ' +
    '--uid 42 --service recording',
  options: { ...channelKeyWithUidOptions, ...serviceOptions(SERVICES) },

  async generate({ appId, appCertificate, values }) {
    const inputs = readChannelKeyInputs(values)
    const service = readService(values, SERVICES)
    const key = await GENERATORS[service]({ appId, appCertificate, ...inputs })
    return { key, service, inputs: { ...inputs }, channelName: inputs.channelName }
  },

  async samples() {
    const keys: SampleKey[] = []
    for (const service of SERVICES) {
      keys.push({ label: `dynamic-key4 ${service}`, key: await GENERATORS[service](CHANNEL_KEY_SAMPLE) })
    }
    return keys
  },
}
