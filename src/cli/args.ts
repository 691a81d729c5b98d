import { parseArgs } from 'node:util'
import { AgoraKeysError } from '../errors.js'
import { checkTimestamp, quoteString, UINT32_MAX } from '../validate.js'

/** One command-line option: its parser type and its help entry. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean'
  /** One-letter alias, without the dash. */
  readonly short?: string
  /** Placeholder for the value in help, such as "N" or "HEX". Only for string options. */
  readonly valueName?: string
  /** Help text: the value the option sets, its unit and its default. */
  readonly description: string
}

/** Options by long name, without the leading dashes. */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>

/** Parsed option values by long name: a string, true for a boolean flag, or undefined when absent. */
export type OptionValues = Readonly<Record<string, string | boolean | undefined>>

/** Result of {@link parseCommandLine}. */
export interface ParsedCommandLine {
  readonly values: OptionValues
  readonly positionals: readonly string[]
}

/** Makes the error every usage mistake raises: code ERR_INVALID_ARGUMENT, exit status 2. */
export function usageError(message: string, field?: string): AgoraKeysError {
  return new AgoraKeysError('ERR_INVALID_ARGUMENT', message, field === undefined ? {} : { field })
}

/** Tells whether `error` is one of the errors util.parseArgs throws for bad input. */
function isParseArgsError(error: unknown): error is Error {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')
}

/**
 * Parses arguments strictly with util.parseArgs: an unknown option, a missing
 * value or an option given twice raises a usage error (ERR_INVALID_ARGUMENT).
 * Values that start with a dash, such as a negative uid, need the
 * `--uid=-1` form.
 */
export function parseCommandLine(args: readonly string[], specs: OptionSpecs): ParsedCommandLine {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {}
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short }
  }

  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; tokens: true; allowPositionals: true }>>
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true, tokens: true })
  } catch (error) {
    if (isParseArgsError(error)) throw usageError(error.message)
    throw error
  }

  // parseArgs keeps the last of repeated options silently, which hides typos in scripts.
  const seen = new Set<string>()
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue
    if (seen.has(token.name)) throw usageError(`option --${token.name} is given more than once`, token.name)
    seen.add(token.name)
  }
  return { values: parsed.values, positionals: parsed.positionals }
}

/** Reads a string option; a boolean can only appear here if the specs are wrong, so it is a bug. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name]
  if (typeof value === 'boolean') throw new TypeError(`option --${name} is declared as a boolean`)
  return value
}

const DECIMAL_INTEGER = /^-?[0-9]+$/

/**
 * Reads an integer option written in decimal, such as `--uid 42` or
 * `--uid=-1`. The range is left to the library's checks, which name the
 * option in their message.
 */
export function integerOption(values: OptionValues, name: string): number | undefined {
  const text = stringOption(values, name)
  if (text === undefined) return undefined
  if (!DECIMAL_INTEGER.test(text)) {
    throw new AgoraKeysError(
      'ERR_INVALID_INTEGER',
      `--${name} must be a decimal integer, got ${quoteString(text)}`,
      { field: `--${name}` },
    )
  }
  return Number(text)
}

/**
 * Checks a timestamp option with the library's rules, but with a shell hint
 * in place of the library's JavaScript one for millisecond values.
 */
export function checkTimestampOption(value: number, name: string): number {
  if (value > UINT32_MAX) {
    throw new AgoraKeysError(
      'ERR_TIMESTAMP_IN_MILLISECONDS',
      `--${name} is ${String(value)}, above the uint32 maximum ${String(UINT32_MAX)}, so it looks like milliseconds; pass seconds, such as the output of date +%s`,
      { field: `--${name}` },
    )
  }
  return checkTimestamp(value, `--${name}`)
}

/** Reads an option whose value must be one of `choices`. */
export function choiceOption<Choice extends string>(
  values: OptionValues,
  name: string,
  choices: readonly Choice[],
): Choice | undefined {
  const text = stringOption(values, name)
  if (text === undefined) return undefined
  const choice = choices.find((candidate) => candidate === text)
  if (choice === undefined) {
    throw usageError(`--${name} must be one of ${choices.join(', ')}, got ${quoteString(text)}`, `--${name}`)
  }
  return choice
}

/** Column where option descriptions start in help text. */
const DESCRIPTION_COLUMN = 30
/** Width help text is wrapped to. */
const HELP_WIDTH = 80

/** Wraps `text` into lines of at most `width` characters, indenting every line. */
export function wrapText(text: string, indent: number, width = HELP_WIDTH): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter((part) => part.length > 0)) {
    if (line.length > 0 && indent + line.length + 1 + word.length > width) {
      lines.push(' '.repeat(indent) + line)
      line = word
    } else {
      line = line.length > 0 ? `${line} ${word}` : word
    }
  }
  if (line.length > 0) lines.push(' '.repeat(indent) + line)
  return lines
}

/** Formats options as help lines: the option and its value name, then the wrapped description. */
export function formatOptions(specs: OptionSpecs): string {
  const lines: string[] = []
  for (const [name, spec] of Object.entries(specs)) {
    const short = spec.short === undefined ? '    ' : `-${spec.short}, `
    const value = spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : ''
    const left = `  ${short}--${name}${value}`
    const description = wrapText(spec.description, DESCRIPTION_COLUMN)
    const first = description[0]?.trimStart() ?? ''
    if (left.length + 2 <= DESCRIPTION_COLUMN) {
      lines.push(left.padEnd(DESCRIPTION_COLUMN) + first, ...description.slice(1))
    } else {
      lines.push(left, ...description)
    }
  }
  return lines.join('\n')
}
