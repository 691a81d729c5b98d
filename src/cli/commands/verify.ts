import { verifyAccessToken } from '../../access-token/index.js'
import { ServiceType, verifyAccessToken2 } from '../../access-token2/index.js'
import { detectKeyFormat, type KeyFormat } from '../../channel-key/detect.js'
import { parseKey, verifyKey } from '../../channel-key/parse-key.js'
import type { VerifyReason, VerifyResult } from '../../channel-key/types.js'
import { malformedResult } from '../../channel-key/verify-checks.js'
import { checkAppId } from '../../validate.js'
import {
  choiceOption,
  formatOptions,
  parseCommandLine,
  stringOption,
  usageError,
  type OptionSpecs,
  type OptionValues,
} from '../args.js'
import { EXIT_FAILURE, EXIT_OK, type CliContext, type Command } from '../command.js'
import { APP_ID_ENV, appCertificateOption, CERTIFICATE_ENV, resolveAppCertificate } from '../credentials.js'
import { VERSION_FORMATS } from '../inspect/channel-key.js'
import { channelNameWarnings, FORMAT_NAMES, FORMAT_VERSIONS, quote } from '../inspect/report.js'
import { formatWarning } from '../output.js'
import { readKeyArgument, readUserOption, userOptions, type UserOption } from '../target.js'
import { isoTime, nowOption, readNow } from '../time.js'

/** "007" service types by their --service names. */
const SERVICE_TYPES = {
  rtc: ServiceType.rtc,
  rtm: ServiceType.rtm,
  streaming: ServiceType.streaming,
  fpa: ServiceType.fpa,
  chat: ServiceType.chat,
  fcdn: ServiceType.fcdn,
  apaas: ServiceType.apaas,
  rtm2: ServiceType.rtm2,
  'convo-ai': ServiceType.convoAi,
  stt: ServiceType.stt,
} as const
type ServiceName = keyof typeof SERVICE_TYPES
const SERVICE_NAMES = Object.keys(SERVICE_TYPES) as ServiceName[]

/** Options of `agora-keys verify`. */
export const verifyOptions: OptionSpecs = {
  channel: {
    type: 'string',
    valueName: 'NAME',
    description:
      'Channel name the client joins, required for Channel Keys and "006", which sign it. For an ' +
      'RTM "006" token, pass the user account. For "007" it is optional: when given, the token ' +
      'must hold an rtc service for this channel.',
  },
  ...userOptions(
    'Default for Channel Keys and "006": 0. For "007" it is optional: when given, the rtc service ' +
      'must store this uid or uid 0.',
    'Only "006" and "007" tokens can be built for an account.',
  ),
  'app-id': {
    type: 'string',
    valueName: 'HEX',
    description: `The App ID the key must carry, 32 hex characters. Default: the ${APP_ID_ENV} environment variable. With neither, the App ID is not checked.`,
  },
  'app-certificate': appCertificateOption,
  service: {
    type: 'string',
    valueName: 'NAME',
    description:
      `"007" only: the token must hold a service of this type (${SERVICE_NAMES.join(', ')}), ` +
      'and only its privileges are checked for expiry. Default: every service is checked.',
  },
  now: nowOption,
  json: {
    type: 'boolean',
    description: 'Print one JSON object: valid, format, version, now, nowIso and the reasons.',
  },
  help: { type: 'boolean', short: 'h', description: 'Show this help.' },
}

function verifyHelp(): string {
  return [
    'Usage: agora-keys verify <key-or-token> --channel NAME [--uid N | --account NAME] [options]',
    '',
    'Verifies a Channel Key (DynamicKey 001 to 005), an AccessToken "006" or an AccessToken2',
    '"007" with the App Certificate: the signature, the App ID, the times against now, and the',
    'channel and uid. It prints VALID, or INVALID and one line per failed check with its code.',
    '',
    'Options:',
    formatOptions(verifyOptions),
    '',
    'Exit status: 0 valid, 1 invalid (including a key that cannot be decoded), 2 invalid usage.',
    '',
    'Example:',
    `  read -rs ${CERTIFICATE_ENV} && export ${CERTIFICATE_ENV}`,
    '  agora-keys verify "$TOKEN" --channel room-1 --uid 42',
    '',
  ].join('\n')
}

/** Reads the App ID to compare with: --app-id, else AGORA_APP_ID, else none. */
function readExpectedAppId(values: OptionValues, context: CliContext): string | undefined {
  const flag = stringOption(values, 'app-id')
  if (flag !== undefined) return checkAppId(flag, '--app-id')
  const fromEnvironment = context.env[APP_ID_ENV]
  return fromEnvironment === undefined || fromEnvironment === '' ? undefined : checkAppId(fromEnvironment, APP_ID_ENV)
}

/** The verifier inputs read from the command line. */
interface VerifyInputs {
  readonly appCertificate: string
  readonly appId: string | undefined
  readonly now: number
  readonly channelName: string | undefined
  readonly user: UserOption
  readonly service: ServiceName | undefined
}

function requireChannel(inputs: VerifyInputs, name: string): string {
  if (inputs.channelName === undefined) {
    throw usageError(`missing --channel: a ${name} signs the channel name, so verify needs it`, '--channel')
  }
  return inputs.channelName
}

function optionalAppId(appId: string | undefined): { appId?: string } {
  return appId === undefined ? {} : { appId }
}

function verifyChannelKey(key: string, format: KeyFormat, inputs: VerifyInputs): Promise<VerifyResult<unknown>> {
  if (inputs.user.account !== undefined) {
    throw usageError('--account does not apply to Channel Keys, which sign only integer uids, so use --uid', '--account')
  }
  return verifyKey(key, {
    appCertificate: inputs.appCertificate,
    channelName: requireChannel(inputs, FORMAT_NAMES[format]),
    ...(inputs.user.uid === undefined ? {} : { uid: inputs.user.uid }),
    ...optionalAppId(inputs.appId),
    now: inputs.now,
  })
}

/** Runs the verifier of the detected format. */
async function runVerifier(key: string, format: KeyFormat, inputs: VerifyInputs): Promise<VerifyResult<unknown>> {
  if (inputs.service !== undefined && format !== 'access-token2') {
    throw usageError('--service applies only to AccessToken2 "007" tokens', '--service')
  }
  const { appCertificate, now, user } = inputs
  if (format === 'access-token') {
    return verifyAccessToken(key, {
      appCertificate,
      channelName: requireChannel(inputs, FORMAT_NAMES[format]),
      ...user,
      ...optionalAppId(inputs.appId),
      now,
    })
  }
  if (format === 'access-token2') {
    const uid = user.account ?? user.uid
    return verifyAccessToken2(key, {
      appCertificate,
      now,
      ...optionalAppId(inputs.appId),
      ...(inputs.channelName === undefined ? {} : { channelName: inputs.channelName }),
      ...(uid === undefined ? {} : { uid }),
      ...(inputs.service === undefined ? {} : { serviceType: SERVICE_TYPES[inputs.service] }),
    })
  }
  return verifyChannelKey(key, format, inputs)
}

/**
 * Detects the format of `key`, ignoring surrounding whitespace so that the
 * format's own verifier reports it. For a string of no known shape it returns
 * the error of parseKey, which names what is wrong by the format the string is
 * closest to.
 */
function resolveFormat(key: string): { readonly format: KeyFormat } | { readonly malformed: VerifyResult<never> } {
  const format = detectKeyFormat(key.trim())
  if (format !== undefined) return { format }
  try {
    // NOTE: no string is known that parseKey accepts and detectKeyFormat rejects. If one
    // exists, it is verified as the version it parsed as.
    return { format: VERSION_FORMATS[parseKey(key).version] }
  } catch (error) {
    return { malformed: malformedResult(error) }
  }
}

/** Returns the DynamicKey4 service whose signature matched, which verify finds because the key does not store it. */
function matchedService(result: VerifyResult<unknown>): string | undefined {
  const fields: unknown = result.fields
  if (typeof fields !== 'object' || fields === null || !('service' in fields)) return undefined
  return typeof fields.service === 'string' ? fields.service : undefined
}

function reasonLine(reason: VerifyReason): string {
  const code = reason.errorCode === undefined ? reason.code : `${reason.code} (${reason.errorCode})`
  return `  ${code}: ${reason.message}`
}

function formatResult(result: VerifyResult<unknown>, format: KeyFormat | undefined, inputs: VerifyInputs, pinned: boolean): string {
  const name = format === undefined ? 'a string of no known key format' : FORMAT_NAMES[format]
  const checked = [
    inputs.channelName === undefined ? undefined : `channel ${quote(inputs.channelName)}`,
    inputs.user.uid === undefined ? undefined : `uid ${String(inputs.user.uid)}`,
    inputs.user.account === undefined ? undefined : `account ${quote(inputs.user.account)}`,
  ].filter((part) => part !== undefined)
  const service = matchedService(result)
  if (service !== undefined) checked.push(`service ${service}`)
  const target = checked.length === 0 ? '' : ` for ${checked.join(', ')}`
  const clock = `at ${isoTime(inputs.now)} (${pinned ? `--now ${String(inputs.now)}` : 'the system clock'})`
  const lines = [`${result.valid ? 'VALID' : 'INVALID'}: ${name}${target}, ${clock}`, ...result.reasons.map(reasonLine)]
  return `${lines.join('\n')}\n`
}

/** `agora-keys verify <key>`: checks a key or token with the App Certificate. */
export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Verify a key or token with the App Certificate, with exit status 1 when invalid',
  help: verifyHelp,

  async run(args, context) {
    const { values, positionals } = parseCommandLine(args, verifyOptions)
    if (values.help === true) {
      context.stdout(verifyHelp())
      return EXIT_OK
    }
    const key = readKeyArgument(positionals, 'verify')
    const inputs: VerifyInputs = {
      appCertificate: resolveAppCertificate(values, context).value,
      appId: readExpectedAppId(values, context),
      now: readNow(values),
      channelName: stringOption(values, 'channel'),
      user: readUserOption(values),
      service: choiceOption(values, 'service', SERVICE_NAMES),
    }
    if (inputs.channelName !== undefined) {
      for (const warning of channelNameWarnings(inputs.channelName, '--channel')) {
        context.stderr(formatWarning(`${warning.message} (${warning.code})`))
      }
    }

    const resolved = resolveFormat(key)
    const format = 'format' in resolved ? resolved.format : undefined
    const result = 'format' in resolved ? await runVerifier(key, resolved.format, inputs) : resolved.malformed
    if (values.json === true) {
      const service = matchedService(result)
      const output = {
        valid: result.valid,
        format: format ?? null,
        version: format === undefined ? null : FORMAT_VERSIONS[format],
        ...(service === undefined ? {} : { service }),
        now: inputs.now,
        nowIso: isoTime(inputs.now),
        reasons: result.reasons,
      }
      context.stdout(`${JSON.stringify(output, null, 2)}\n`)
    } else {
      context.stdout(formatResult(result, format, inputs, values.now !== undefined))
    }
    return result.valid ? EXIT_OK : EXIT_FAILURE
  },
}
