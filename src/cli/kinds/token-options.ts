import { SALT_MAX, SALT_MIN } from '../../access-token/inputs.js'
import { randomIntInRange } from '../../random.js'
import { checkUint32, checkWrappingUint32 } from '../../validate.js'
import { integerOption, stringOption, usageError, type OptionSpecs, type OptionValues } from '../args.js'

/**
 * Options of the AccessToken kinds that name the RTC channel and user. Both
 * "006" and "007" sign an integer uid as its decimal text and uid 0 as the
 * empty string, so the descriptions apply to both.
 */
export const rtcUserOptions: OptionSpecs = {
  channel: {
    type: 'string',
    valueName: 'NAME',
    description:
      'Channel name, required for --service rtc. Write --channel=NAME for a name that starts ' +
      "with a dash. A warning is printed when the name breaks Agora's rules.",
  },
  uid: {
    type: 'string',
    valueName: 'N',
    description:
      'Integer user ID the client joins with, an unsigned 32-bit integer (write --uid=-1; ' +
      'negatives down to -2147483648 wrap to unsigned). 0 lets any user join. Default: 0.',
  },
  account: {
    type: 'string',
    valueName: 'NAME',
    description:
      'String user account the client joins with, in place of --uid. It is signed as given, ' +
      'so the account "42" never matches a client that joins with the integer uid 42.',
  },
}

/** Builds the --user-id option of the RTM and Chat services, naming the services that require it. */
export function userIdOption(services: string): OptionSpecs {
  return {
    'user-id': {
      type: 'string',
      valueName: 'ID',
      description: `User ID the client logs in with, required for ${services}.`,
    },
  }
}

/** The --salt option. Both token versions draw its default from the references' range. */
export const saltOption: OptionSpecs = {
  salt: {
    type: 'string',
    valueName: 'N',
    description: `Random unsigned 32-bit integer that makes each token unique. Default: a fresh value from ${String(SALT_MIN)} to ${String(SALT_MAX)}, the references' range.`,
  },
}

/** The signed user of an RTC token: an integer uid or a string account. */
export type RtcUser = { readonly uid: number } | { readonly account: string }

/** Reads --uid or --account, of which at most one may be given. Neither is uid 0. */
export function readRtcUser(values: OptionValues): RtcUser {
  const account = stringOption(values, 'account')
  const uid = integerOption(values, 'uid')
  if (account !== undefined && uid !== undefined) {
    throw usageError(
      '--uid and --account are both given, so pass --uid for a client that joins with an integer uid, or --account for one that joins with a string account',
      '--account',
    )
  }
  if (account !== undefined) return { account }
  return { uid: uid === undefined ? 0 : checkWrappingUint32(uid, '--uid') }
}

/** Reads a string option that the chosen service requires. */
export function requireStringOption(values: OptionValues, name: string, service: string): string {
  const value = stringOption(values, name)
  if (value === undefined) throw usageError(`missing --${name}: --service ${service} needs it`, `--${name}`)
  return value
}

/** Rejects options that the chosen service does not use, so a typo cannot go unnoticed. */
export function rejectUnusedOptions(values: OptionValues, names: readonly string[], service: string): void {
  for (const name of names) {
    if (values[name] !== undefined) {
      throw usageError(`--${name} does not apply to --service ${service}`, `--${name}`)
    }
  }
}

/** Reads --salt, or draws a fresh one so that --json can print the value that was signed. */
export function readSalt(values: OptionValues): number {
  const salt = integerOption(values, 'salt')
  return salt === undefined ? randomIntInRange(SALT_MIN, SALT_MAX) : checkUint32(salt, '--salt')
}
