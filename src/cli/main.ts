#!/usr/bin/env node
/**
 * Entry point of the agora-keys command, built to dist/node/cli.js. It binds
 * the commands to this process; everything else is in run.ts.
 * @module
 */
import { runCli } from './run.js'

// A closed pipe (`agora-keys samples | head -1`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
})

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
})
