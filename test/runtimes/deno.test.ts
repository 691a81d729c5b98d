import path from 'node:path'
import { describeCommandLineRuntime, runtimeBinary } from './harness.js'

describeCommandLineRuntime('Deno runtime', [
  {
    // Deno matches the "deno" condition of the exports map, which points at dist/node, so
    // the library runs on Deno's node:crypto and node:zlib.
    build: 'node',
    label: 'deno',
    binary: () =>
      runtimeBinary(
        '@deno/linux-x64-glibc/deno',
        'run `npm ci`; the devDependency "deno" installs it for linux-x64-glibc',
      ),
    // --cached-only keeps Deno off the network. The package resolves from node_modules.
    args: (entry) => ['run', '--no-prompt', '--cached-only', entry],
    env: (dir) => ({ DENO_DIR: path.join(dir, '.deno') }),
  },
])
