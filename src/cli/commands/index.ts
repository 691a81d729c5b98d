import type { Command } from '../command.js'
import { generateCommand } from './generate.js'
import { samplesCommand } from './samples.js'

/** Every subcommand, in the order the global help lists them. */
export const commands: readonly Command[] = [generateCommand, samplesCommand]

/** Finds a subcommand by name. */
export function findCommand(name: string): Command | undefined {
  return commands.find((command) => command.name === name)
}
