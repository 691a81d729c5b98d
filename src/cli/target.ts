import { checkWrappingUint32, quoteString } from '../validate.js'
import { integerOption, stringOption, usageError, type OptionSpecs, type OptionValues } from './args.js'

/** Reads the one key or token argument of inspect and verify. */
export function readKeyArgument(positionals: readonly string[], command: string): string {
  const [key, extra] = positionals
  if (key === undefined) throw usageError(`missing key: agora-keys ${command} <key-or-token> [options]`)
  if (extra !== undefined) {
    throw usageError(`unexpected argument ${quoteString(extra)}: ${command} takes one key or token`)
  }
  return key
}

/** Builds the --uid and --account options of inspect and verify, with a note for each. */
export function userOptions(uidNote: string, accountNote: string): OptionSpecs {
  return {
    uid: {
      type: 'string',
      valueName: 'N',
      description:
        'Integer uid the client joins with, an unsigned 32-bit integer (write --uid=-1; negatives ' +
        `down to -2147483648 wrap to unsigned). ${uidNote}`,
    },
    account: {
      type: 'string',
      valueName: 'NAME',
      description: `String user account the client joins with, in place of --uid. ${accountNote}`,
    },
  }
}

/** The user given with --uid or --account, at most one of them. */
export interface UserOption {
  /** Wrapped to unsigned 32 bits. */
  readonly uid?: number
  readonly account?: string
}

/** Reads --uid or --account. Giving both is a usage error. */
export function readUserOption(values: OptionValues): UserOption {
  const uid = integerOption(values, 'uid')
  const account = stringOption(values, 'account')
  if (uid !== undefined && account !== undefined) {
    throw usageError('--uid and --account are both given, but a client joins with one or the other', '--account')
  }
  if (account !== undefined) return { account }
  return uid === undefined ? {} : { uid: checkWrappingUint32(uid, '--uid') }
}
