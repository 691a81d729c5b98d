/** Exit status of a successful run. */
export const EXIT_OK = 0
/** Exit status of a failed check (a `verify` that finds problems) or an unexpected error. */
export const EXIT_FAILURE = 1
/** Exit status of invalid usage or input: an unknown option, a missing value, a malformed App ID. */
export const EXIT_USAGE = 2

/**
 * Output streams and environment of a command. main.ts binds them to
 * process.stdout, process.stderr and process.env, so commands never read
 * `process` directly.
 */
export interface CliContext {
  /** Writes text to standard output as given, with no newline added. */
  readonly stdout: (text: string) => void
  /** Writes text to standard error as given, with no newline added. */
  readonly stderr: (text: string) => void
  /** Environment variables. */
  readonly env: Readonly<Record<string, string | undefined>>
}

/** One subcommand of `agora-keys`, such as `generate` or `samples`. */
export interface Command {
  /** The word that selects the command on the command line. */
  readonly name: string
  /** One line for the global help. */
  readonly summary: string
  /** Full help text, printed by `agora-keys <name> --help`. */
  help(): string
  /** Runs the command with the arguments after its name and returns the exit status. */
  run(args: readonly string[], context: CliContext): Promise<number>
}
