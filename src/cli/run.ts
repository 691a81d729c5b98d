import { AgoraKeysError } from '../errors.js'
import { quoteString } from '../validate.js'
import { usageError } from './args.js'
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliContext } from './command.js'
import { commands, findCommand } from './commands/index.js'
import { APP_ID_ENV, CERTIFICATE_ENV } from './credentials.js'
import { formatError, formatUnexpectedError, knownCertificates, redactCertificates } from './output.js'
import { readPackageVersion } from './version.js'

function globalHelp(): string {
  const width = Math.max(...commands.map((command) => command.name.length)) + 4
  return [
    'Usage: agora-keys <command> [options]',
    '',
    'Generates, inspects and verifies Agora Channel Keys and AccessTokens on the command line.',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
    '',
    'Options:',
    "  -h, --help     Show this help. 'agora-keys <command> --help' shows the options of a command.",
    '  -v, --version  Print the agora-keys version.',
    '',
    'Environment:',
    `  ${CERTIFICATE_ENV}  App Certificate, safer than --app-certificate, which shows in ps`,
    `  ${APP_ID_ENV.padEnd(CERTIFICATE_ENV.length)}  App ID, used when --app-id is absent`,
    '',
    'Exit status:',
    `  ${String(EXIT_OK)}  success`,
    `  ${String(EXIT_FAILURE)}  verify found the key invalid, inspect could not decode it, or an unexpected error`,
    `  ${String(EXIT_USAGE)}  invalid usage or input, such as an unknown option or a malformed App ID`,
    '',
  ].join('\n')
}

/** Prints the help of `agora-keys help [command]`. */
function printHelp(args: readonly string[], context: CliContext): number {
  const [name, extra] = args
  if (extra !== undefined) throw usageError(`unexpected argument ${quoteString(extra)}: help takes one command name`)
  if (name === undefined) {
    context.stdout(globalHelp())
    return EXIT_OK
  }
  const command = findCommand(name)
  if (command === undefined) throw usageError(`unknown command ${quoteString(name)}; run 'agora-keys --help' for the list`)
  context.stdout(command.help())
  return EXIT_OK
}

async function dispatch(args: readonly string[], context: CliContext): Promise<number> {
  const [first, ...rest] = args
  if (first === undefined) {
    context.stderr(globalHelp())
    return EXIT_USAGE
  }
  if (first === '--help' || first === '-h' || first === 'help') return printHelp(rest, context)
  if (first === '--version' || first === '-v') {
    const [extra] = rest
    if (extra !== undefined) throw usageError(`unexpected argument ${quoteString(extra)} after --version`)
    context.stdout(`${readPackageVersion()}\n`)
    return EXIT_OK
  }
  if (first.startsWith('-')) {
    throw usageError(`unknown option ${quoteString(first)} before the command; run 'agora-keys --help'`)
  }

  const command = findCommand(first)
  if (command === undefined) {
    throw usageError(`unknown command ${quoteString(first)}; run 'agora-keys --help' for the list`)
  }
  return command.run(rest, context)
}

/**
 * Runs agora-keys with the arguments after the program name and returns the
 * exit status. Every error ends here as one stderr line: an AgoraKeysError
 * exits with 2 (1 for ERR_UNSUPPORTED_RUNTIME, a fault of the runtime rather
 * than the input), and any other error exits with 1. Every write to stdout
 * and stderr has the certificates of this run (from AGORA_APP_CERTIFICATE or
 * --app-certificate) replaced by "[redacted]", even where an option echoes one.
 */
export async function runCli(args: readonly string[], unsafeContext: CliContext): Promise<number> {
  const certificates = knownCertificates(args, unsafeContext.env)
  const context: CliContext = {
    ...unsafeContext,
    stdout: (text) => {
      unsafeContext.stdout(redactCertificates(text, certificates))
    },
    stderr: (text) => {
      unsafeContext.stderr(redactCertificates(text, certificates))
    },
  }
  try {
    return await dispatch(args, context)
  } catch (error) {
    if (error instanceof AgoraKeysError) {
      context.stderr(formatError(error))
      return error.code === 'ERR_UNSUPPORTED_RUNTIME' ? EXIT_FAILURE : EXIT_USAGE
    }
    context.stderr(formatUnexpectedError(error))
    return EXIT_FAILURE
  }
}
