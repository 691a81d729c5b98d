import { detectKeyFormat } from '../../channel-key/detect.js'
import { AgoraKeysError } from '../../errors.js'
import { formatOptions, parseCommandLine, stringOption, type OptionSpecs } from '../args.js'
import { EXIT_FAILURE, EXIT_OK, type CliContext, type Command } from '../command.js'
import { inspectAccessToken } from '../inspect/access-token.js'
import { inspectAccessToken2 } from '../inspect/access-token2.js'
import { inspectChannelKey } from '../inspect/channel-key.js'
import {
  channelNameWarnings,
  formatInspection,
  inspectionJson,
  type InspectRequest,
  type Inspection,
} from '../inspect/report.js'
import { formatError } from '../output.js'
import { readKeyArgument, readUserOption, userOptions } from '../target.js'
import { nowOption, readNow } from '../time.js'

/** Options of `agora-keys inspect`. */
export const inspectOptions: OptionSpecs = {
  channel: {
    type: 'string',
    valueName: 'NAME',
    description:
      "Channel name to compare with the key, and to check against Agora's channel-name rules. " +
      'Only "006" (as a CRC-32) and "007" store it. For an RTM "006" token, pass the user account.',
  },
  ...userOptions(
    'Compared with the uid that DynamicKey2, DynamicKey3, "006" (as a CRC-32) and "007" store.',
    'Only "006" and "007" tokens can carry one.',
  ),
  now: nowOption,
  json: {
    type: 'boolean',
    description:
      'Print one JSON object: format, version, now, fields, comparisons and warnings. Every Unix ' +
      'time x comes with xIso, an ISO 8601 UTC string, or null where 0 means no limit.',
  },
  help: { type: 'boolean', short: 'h', description: 'Show this help.' },
}

/** Warning codes and what each means, for the help text. */
const WARNING_CODES: readonly (readonly [string, string])[] = [
  ['uid-zero', 'uid 0 (or an empty "007" uid) lets any user join'],
  ['uid-account-zero', 'a "007" uid of "0" is a string account, not uid 0'],
  ['uid-not-integer', 'a "007" uid with digits that no integer uid is written as'],
  ['issued-in-future', 'the issue time is more than 300 seconds ahead of now'],
  ['join-window', 'a Channel Key used more than 300 seconds after unixTs'],
  ['call-expired', 'a Channel Key whose expiredTs has passed'],
  ['expired-before-issue', 'a Channel Key whose expiredTs is before its unixTs'],
  ['token-expired', 'the token has expired'],
  ['privilege-expired', 'a privilege has expired while the token has not'],
  ['privilege-outlives-token', 'a "007" privilege lasts longer than the token'],
  ['expire-zero', 'a "007" expire of 0, whose meaning Agora does not document'],
  ['expire-over-24-hours', 'a "007" expire above the documented 24-hour maximum'],
  ['expire-looks-like-duration', 'a Unix time under 100000000, probably a duration'],
  ['expire-looks-like-timestamp', 'a "007" duration above 100000000, probably a Unix time'],
  ['missing-join-privilege', 'a "007" rtc service without joinChannel'],
  ['unknown-service', 'a service type agora-keys does not know'],
  ['unknown-permission', 'a DynamicKey5 permission other than "0" and "3"'],
  ['channel-name-*', "a channel name that breaks Agora's rules"],
]

function inspectHelp(): string {
  const width = Math.max(...WARNING_CODES.map(([code]) => code.length)) + 2
  return [
    'Usage: agora-keys inspect <key-or-token> [options]',
    '',
    'Detects the format of a Channel Key (DynamicKey 001 to 005), an AccessToken "006" or an',
    'AccessToken2 "007", and prints the fields it stores, with every time as a Unix time, an',
    'ISO 8601 UTC time and a distance from now. It needs no App Certificate, so it cannot tell',
    'whether the signature is valid: use agora-keys verify for that.',
    '',
    'Options:',
    formatOptions(inspectOptions),
    '',
    'Warnings flag values that are likely mistakes:',
    ...WARNING_CODES.map(([code, meaning]) => `  ${code.padEnd(width)}${meaning}`),
    '',
    'Exit status: 0 when the key was decoded (even with warnings), 1 when it cannot be',
    'decoded, 2 for invalid usage.',
    '',
    'Example:',
    '  agora-keys inspect "$TOKEN" --channel room-1 --uid 42 --now "$(date +%s)"',
    '',
  ].join('\n')
}

async function inspectKey(key: string, request: InspectRequest): Promise<Inspection> {
  // Surrounding whitespace is ignored here, so the format's own parser reports it.
  const format = detectKeyFormat(key.trim())
  if (format === 'access-token') return inspectAccessToken(key, request)
  if (format === 'access-token2') return inspectAccessToken2(key, request)
  // parseKey also explains a string that matches no format, by the version it is closest to.
  return inspectChannelKey(key, request)
}

/** Reports a key that does not decode: one stderr line, and with --json an object on stdout. */
function reportMalformed(error: AgoraKeysError, key: string, json: boolean, context: CliContext): number {
  context.stderr(formatError(error))
  if (json) {
    const output = {
      format: detectKeyFormat(key.trim()) ?? null,
      error: { code: error.code, message: error.message, field: error.field ?? null },
    }
    context.stdout(`${JSON.stringify(output, null, 2)}\n`)
  }
  return EXIT_FAILURE
}

/** `agora-keys inspect <key>`: decodes any key or token and explains its fields. */
export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'Decode a key or token and explain its fields, dates and likely mistakes',
  help: inspectHelp,

  async run(args, context) {
    const { values, positionals } = parseCommandLine(args, inspectOptions)
    if (values.help === true) {
      context.stdout(inspectHelp())
      return EXIT_OK
    }
    const key = readKeyArgument(positionals, 'inspect')
    const channelName = stringOption(values, 'channel')
    const request: InspectRequest = {
      now: readNow(values),
      target: { ...readUserOption(values), ...(channelName === undefined ? {} : { channelName }) },
    }

    let inspection: Inspection
    try {
      inspection = await inspectKey(key, request)
    } catch (error) {
      if (error instanceof AgoraKeysError && error.code.startsWith('ERR_KEY_')) {
        return reportMalformed(error, key, values.json === true, context)
      }
      throw error
    }
    if (channelName !== undefined) {
      inspection = {
        ...inspection,
        warnings: [...inspection.warnings, ...channelNameWarnings(channelName, '--channel')],
      }
    }

    if (values.json === true) {
      context.stdout(`${JSON.stringify(inspectionJson(inspection, request.now), null, 2)}\n`)
    } else {
      context.stdout(formatInspection(inspection, request.now, values.now !== undefined))
    }
    return EXIT_OK
  },
}
