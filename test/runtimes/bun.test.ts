import { describeCommandLineRuntime, runtimeBinary } from './harness.js'

describeCommandLineRuntime('Bun runtime', [
  {
    // Bun matches the "bun" condition of the exports map, which points at dist/node, so
    // the library runs on Bun's node:crypto and node:zlib. --no-install stops it fetching
    // missing packages.
    build: 'node',
    label: 'bun',
    // The platform package ships the binary, and bun's install script, when npm
    // runs it, moves it to bun/bin/bun.exe and leaves the first place empty.
    binary: () =>
      runtimeBinary(
        ['@oven/bun-linux-x64/bin/bun', 'bun/bin/bun.exe'],
        'run `npm ci`; the devDependency "bun" installs it for linux-x64',
      ),
    args: (entry) => ['--no-install', entry],
  },
])
