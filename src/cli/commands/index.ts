import type { Command } from '../command.js'
import { generateCommand } from './generate.js'
import { inspectCommand } from './inspect.js'
import { samplesCommand } from './samples.js'
import { verifyCommand } from './verify.js'

/** Every subcommand, in the order the global help lists them. */
export const commands: readonly Command[] = [generateCommand, inspectCommand, verifyCommand, samplesCommand]

/** Finds a subcommand by name. */
export function findCommand(name: string): Command | undefined {
  return commands.find((command) => command.name === name)
}
