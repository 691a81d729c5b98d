import type { ChannelKeyWithUidOptions } from '../../channel-key/inputs.js'
import { CHANNEL_KEY_SAMPLE, channelKeyWithUidOptions, readChannelKeyInputs } from './channel-key-options.js'
import type { KeyKind } from './kind.js'

/** The help fields of a kind, which differ between DynamicKey2 and DynamicKey3. */
export type KindDescription = Pick<KeyKind, 'name' | 'version' | 'summary' | 'details' | 'example'>

/**
 * Builds a kind with one generator and the uid options. DynamicKey2 and
 * DynamicKey3 take the same inputs and differ only in layout.
 */
export function uidChannelKeyKind(
  description: KindDescription,
  generate: (options: ChannelKeyWithUidOptions) => Promise<string>,
): KeyKind {
  return {
    ...description,
    options: channelKeyWithUidOptions,

    async generate({ appId, appCertificate, values }) {
      const inputs = readChannelKeyInputs(values)
      const key = await generate({ appId, appCertificate, ...inputs })
      return { key, inputs: { ...inputs }, channelName: inputs.channelName }
    },

    async samples() {
      return [{ label: description.name, key: await generate(CHANNEL_KEY_SAMPLE) }]
    },
  }
}
