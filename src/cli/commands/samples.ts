import { quoteString } from '../../validate.js'
import { formatOptions, parseCommandLine, usageError, type OptionSpecs } from '../args.js'
import { EXIT_OK, type Command } from '../command.js'
import { sampleGroups, type SampleGroup, type SampleKey } from '../kinds/index.js'

/** Options of `agora-keys samples`. */
export const samplesOptions: OptionSpecs = {
  json: { type: 'boolean', description: 'Print the groups, their inputs and their keys as JSON.' },
  help: { type: 'boolean', short: 'h', description: 'Show this help.' },
}

function samplesHelp(): string {
  return [
    'Usage: agora-keys samples [options]',
    '',
    "Prints a key of every kind and service for the sample inputs in Agora's documentation,",
    "so the output can be compared with Agora's reference implementations.",
    '',
    'Options:',
    formatOptions(samplesOptions),
    '',
  ].join('\n')
}

async function groupKeys(group: SampleGroup): Promise<SampleKey[]> {
  const keys: SampleKey[] = []
  for (const kind of group.kinds) keys.push(...(await kind.samples()))
  return keys
}

function formatGroup(group: SampleGroup, keys: readonly SampleKey[]): string {
  const inputWidth = Math.max(...Object.keys(group.inputs).map((name) => name.length)) + 2
  const labelWidth = Math.max(...keys.map((key) => key.label.length)) + 2
  return [
    `${group.heading}:`,
    ...Object.entries(group.inputs).map(([name, value]) => `  ${name.padEnd(inputWidth)}${String(value)}`),
    ...group.notes.map((note) => `  ${note}`),
    '',
    ...keys.map((key) => `${key.label.padEnd(labelWidth)}${key.key}`),
    '',
  ].join('\n')
}

/** `agora-keys samples`: prints keys for Agora's documented sample inputs. */
export const samplesCommand: Command = {
  name: 'samples',
  summary: "Print a key of every kind for Agora's documented sample inputs",
  help: samplesHelp,

  async run(args, context) {
    const { values, positionals } = parseCommandLine(args, samplesOptions)
    if (values.help === true) {
      context.stdout(samplesHelp())
      return EXIT_OK
    }
    const [extra] = positionals
    if (extra !== undefined) throw usageError(`unexpected argument ${quoteString(extra)}: samples takes no arguments`)

    const groups = []
    for (const group of sampleGroups) groups.push({ group, keys: await groupKeys(group) })

    if (values.json === true) {
      const output = groups.map(({ group, keys }) => ({ heading: group.heading, inputs: group.inputs, keys }))
      context.stdout(`${JSON.stringify(output, null, 2)}\n`)
    } else {
      context.stdout(groups.map(({ group, keys }) => formatGroup(group, keys)).join('\n'))
    }
    return EXIT_OK
  },
}
