import { checkChannelName } from '../../channel-key/channel-name.js'
import { quoteString } from '../../validate.js'
import { formatOptions, parseCommandLine, usageError, wrapText, type OptionSpecs, type OptionValues } from '../args.js'
import { EXIT_OK, type CliContext, type Command } from '../command.js'
import {
  CERTIFICATE_ENV,
  CERTIFICATE_PLACEHOLDER,
  credentialOptions,
  resolveAppCertificate,
  resolveAppId,
} from '../credentials.js'
import { findKind, keyKinds, type KeyKind } from '../kinds/index.js'
import { formatWarning } from '../output.js'

/** Options every kind takes. */
const commonOptions: OptionSpecs = {
  ...credentialOptions,
  json: {
    type: 'boolean',
    description: `Print a JSON object with the kind, every signed input (the App Certificate replaced by "${CERTIFICATE_PLACEHOLDER}") and the key, instead of the key alone.`,
  },
  help: { type: 'boolean', short: 'h', description: 'Show help for generate, or for one kind when a kind is given.' },
}

/** Merges the options of every kind, so the kind can appear anywhere among the options. */
function allOptions(): OptionSpecs {
  let options: OptionSpecs = { ...commonOptions }
  for (const kind of keyKinds) options = { ...options, ...kind.options }
  return options
}

const kindNames = (): string => keyKinds.map((kind) => kind.name).join(', ')

function generateHelp(): string {
  const width = Math.max(...keyKinds.map((kind) => kind.name.length)) + 2
  const kinds = keyKinds.map((kind) => `  ${kind.name.padEnd(width)}${kind.summary}`)
  return [
    'Usage: agora-keys generate <kind> [options]',
    '',
    'Generates a key and prints it on one line.',
    '',
    'Kinds:',
    ...kinds,
    '',
    'Options of every kind:',
    formatOptions(commonOptions),
    '',
    "Run 'agora-keys generate <kind> --help' for the options of one kind.",
    '',
    'Example:',
    `  read -rs ${CERTIFICATE_ENV} && export ${CERTIFICATE_ENV}`,
    '  agora-keys generate dynamic-key5 --app-id 970ca35de60c44645bbae8a215061b33 --channel room-1 --uid 42',
    '',
  ].join('\n')
}

function kindHelp(kind: KeyKind): string {
  return [
    `Usage: agora-keys generate ${kind.name} [options]`,
    '',
    ...kind.details.flatMap((paragraph) => [...wrapText(paragraph, 0), '']),
    'Options:',
    formatOptions(kind.options),
    formatOptions(commonOptions),
    '',
    'Example:',
    `  read -rs ${CERTIFICATE_ENV} && export ${CERTIFICATE_ENV}`,
    `  ${kind.example}`,
    '',
  ].join('\n')
}

/** Rejects options that another kind defines but this one does not take. */
function rejectForeignOptions(values: OptionValues, kind: KeyKind): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || name in commonOptions || name in kind.options) continue
    throw usageError(
      `--${name} does not apply to ${kind.name}; run 'agora-keys generate ${kind.name} --help' for its options`,
      `--${name}`,
    )
  }
}

function selectKind(positionals: readonly string[]): KeyKind {
  const [name, extra] = positionals
  if (name === undefined) throw usageError(`missing kind: agora-keys generate <kind>, where kind is one of ${kindNames()}`)
  const kind = findKind(name)
  if (kind === undefined) throw usageError(`unknown kind ${quoteString(name)}; use one of ${kindNames()}`)
  if (extra !== undefined) throw usageError(`unexpected argument ${quoteString(extra)} after the kind`)
  return kind
}

/** `agora-keys generate <kind>`: generates one key and prints it, or a JSON object with --json. */
export const generateCommand: Command = {
  name: 'generate',
  summary: 'Generate a key and print it',
  help: generateHelp,

  async run(args, context: CliContext) {
    const { values, positionals } = parseCommandLine(args, allOptions())
    if (values.help === true) {
      const kind = positionals[0] === undefined ? undefined : findKind(positionals[0])
      context.stdout(kind === undefined ? generateHelp() : kindHelp(kind))
      return EXIT_OK
    }

    const kind = selectKind(positionals)
    rejectForeignOptions(values, kind)
    const appId = resolveAppId(values, context)
    const certificate = resolveAppCertificate(values, context)
    const generated = await kind.generate({ appId, appCertificate: certificate.value, values })

    if (generated.channelName !== undefined) {
      for (const problem of checkChannelName(generated.channelName).problems) {
        context.stderr(formatWarning(`${problem.message} (${problem.code})`))
      }
    }

    if (values.json !== true) {
      context.stdout(`${generated.key}\n`)
      return EXIT_OK
    }
    const output = {
      kind: kind.name,
      version: kind.version,
      ...(generated.service === undefined ? {} : { service: generated.service }),
      inputs: {
        appId,
        appCertificate: CERTIFICATE_PLACEHOLDER,
        appCertificateSource: certificate.source,
        ...generated.inputs,
      },
      key: generated.key,
    }
    context.stdout(`${JSON.stringify(output, null, 2)}\n`)
    return EXIT_OK
  },
}
