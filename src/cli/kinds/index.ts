import { accessTokenKind } from './access-token.js'
import { accessToken2Kind } from './access-token2.js'
import { CHANNEL_KEY_SAMPLE } from './channel-key-options.js'
import { dynamicKeyKind } from './dynamic-key.js'
import { dynamicKey2Kind } from './dynamic-key2.js'
import { dynamicKey3Kind } from './dynamic-key3.js'
import { dynamicKey4Kind } from './dynamic-key4.js'
import { dynamicKey5Kind } from './dynamic-key5.js'
import type { KeyKind } from './kind.js'
import { TOKEN_SAMPLE } from './token-sample.js'

export type { GeneratedKey, GenerateRequest, KeyKind, SampleKey } from './kind.js'

/** Every kind `agora-keys generate` accepts, in the order help lists them. */
export const keyKinds: readonly KeyKind[] = [
  dynamicKeyKind,
  dynamicKey2Kind,
  dynamicKey3Kind,
  dynamicKey4Kind,
  dynamicKey5Kind,
  accessTokenKind,
  accessToken2Kind,
]

/** The Channel Key kinds, which share one set of sample inputs. */
const channelKeyKinds: readonly KeyKind[] = keyKinds.filter((kind) => kind.name.startsWith('dynamic-key'))

/** Kinds that share one set of sample inputs, printed under one heading by `agora-keys samples`. */
export interface SampleGroup {
  readonly heading: string
  /** The sample inputs, except the App Certificate, which is never printed. */
  readonly inputs: Readonly<Record<string, string | number>>
  /** Sentences printed below the inputs. */
  readonly notes: readonly string[]
  readonly kinds: readonly KeyKind[]
}

/** Groups of `agora-keys samples`, in print order. */
export const sampleGroups: readonly SampleGroup[] = [
  {
    heading: "Channel Keys for the sample inputs in Agora's documentation and reference tests",
    inputs: {
      appId: CHANNEL_KEY_SAMPLE.appId,
      channelName: CHANNEL_KEY_SAMPLE.channelName,
      uid: CHANNEL_KEY_SAMPLE.uid,
      unixTs: CHANNEL_KEY_SAMPLE.unixTs,
      randomInt: CHANNEL_KEY_SAMPLE.randomInt,
      expiredTs: CHANNEL_KEY_SAMPLE.expiredTs,
    },
    notes: [
      "appCertificate is Agora's published sample certificate; agora-keys prints no certificate.",
      'dynamic-key binds no uid and no expiry, so it ignores uid and expiredTs.',
    ],
    kinds: channelKeyKinds,
  },
  {
    heading: "AccessTokens for the sample inputs in Agora's reference tests",
    inputs: {
      appId: TOKEN_SAMPLE.appId,
      channelName: TOKEN_SAMPLE.channelName,
      uid: TOKEN_SAMPLE.uid,
      salt: TOKEN_SAMPLE.salt,
      ts: TOKEN_SAMPLE.ts,
      privilegeExpiredTs: TOKEN_SAMPLE.privilegeExpiredTs,
      issueTs: TOKEN_SAMPLE.issueTs,
      expire: TOKEN_SAMPLE.expire,
    },
    notes: [
      'ts and privilegeExpiredTs are "006" Unix times. issueTs is the "007" issue time, and expire is its token and privilege lifetime in seconds.',
      'ts and issueTs are in January 1970, so every token here has expired.',
      'uid-0 signs uid 0, and account signs the uid as a string account. rtm and chat-user sign the uid as the user ID.',
    ],
    kinds: [accessTokenKind, accessToken2Kind],
  },
]

/** Finds a kind by its command-line name. */
export function findKind(name: string): KeyKind | undefined {
  return keyKinds.find((kind) => kind.name === name)
}
