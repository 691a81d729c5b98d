import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { childEnvironment, runtimeBinary } from './harness.js'

/** A workerd process serving one Worker on a loopback port. */
export interface WorkerdServer {
  /** The Worker's origin, such as http://127.0.0.1:40123. */
  readonly origin: string
  /** Everything workerd wrote to stdout and stderr so far. */
  readonly output: () => string
  /** Stops workerd and waits for it to exit. */
  readonly stop: () => Promise<void>
}

export interface WorkerdOptions {
  /** Folder with the Worker's module file. The config file is written there. */
  readonly dir: string
  /** The file name of the Worker's ES module inside `dir`. */
  readonly module: string
  /** Text bindings, which the Worker reads from its `env` argument. */
  readonly bindings?: Readonly<Record<string, string>>
}

/** Connection errors that mean workerd is still starting, not that it failed. */
const startingCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET'])

/** Characters allowed in a binding value, so that it needs no escaping in the Cap'n Proto text. */
const PLAIN_TEXT = /^[\w.@:/-]*$/

/** Finds a free loopback port by letting the OS pick one and releasing it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port)
        else reject(new Error('the OS assigned no port'))
      })
    })
  })
}

/**
 * Returns a workerd config that serves the Worker on 127.0.0.1 only. No
 * compatibilityFlags are set, so nodejs_compat is off and node: imports would
 * fail to load.
 */
function workerdConfig(port: number, options: WorkerdOptions): string {
  const bindings = Object.entries(options.bindings ?? {}).map(([name, value]) => {
    if (!PLAIN_TEXT.test(value)) throw new Error(`binding ${name} has characters that need escaping`)
    return `(name = "${name}", text = "${value}")`
  })
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .mainWorker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${String(port)}", http = (), service = "main") ],
);

const mainWorker :Workerd.Worker = (
  modules = [ (name = "${options.module}", esModule = embed "${options.module}") ],
  compatibilityDate = "2025-01-01",
  bindings = [ ${bindings.join(', ')} ],
);
`
}

/**
 * Starts workerd on a free loopback port and waits until it responds to HTTP:
 * any response counts, tried every 100 ms for at most 10 s. Throws with
 * workerd's output if it exits or does not respond.
 */
export async function startWorkerd(options: WorkerdOptions): Promise<WorkerdServer> {
  const binary = runtimeBinary(
    '@cloudflare/workerd-linux-64/bin/workerd',
    'run `npm ci`; the devDependency "workerd" installs it for linux-64',
  )
  const port = await freePort()
  const configFile = path.join(options.dir, 'config.capnp')
  writeFileSync(configFile, workerdConfig(port, options))

  let output = ''
  const workerd = spawn(binary, ['serve', configFile], {
    cwd: options.dir,
    env: childEnvironment(),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  workerd.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  workerd.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = once(workerd, 'exit')

  const server: WorkerdServer = {
    origin: `http://127.0.0.1:${String(port)}`,
    output: () => output,
    stop: async () => {
      if (workerd.exitCode === null && workerd.signalCode === null) {
        workerd.kill()
        await exited
      }
    },
  }

  let lastError: unknown
  for (let attempt = 0; attempt < 100; attempt++) {
    if (workerd.exitCode !== null || workerd.signalCode !== null) {
      throw new Error(`workerd exited (${String(workerd.exitCode ?? workerd.signalCode)}):\n${output}`)
    }
    try {
      const response = await fetch(`${server.origin}/ready`)
      await response.body?.cancel()
      return server
    } catch (error) {
      const code = (error as { cause?: { code?: unknown } }).cause?.code
      if (typeof code !== 'string' || !startingCodes.has(code)) {
        await server.stop()
        throw new Error(`fetching ${server.origin} failed; workerd output:\n${output}`, { cause: error })
      }
      lastError = error
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  await server.stop()
  throw new Error(`workerd did not respond within 10 s; workerd output:\n${output}`, { cause: lastError })
}
