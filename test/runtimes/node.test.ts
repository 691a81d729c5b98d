import { describeCommandLineRuntime } from './harness.js'

describeCommandLineRuntime('Node runtime', [
  {
    build: 'node',
    label: 'node',
    binary: () => process.execPath,
    args: (entry) => [entry],
  },
  {
    // The browser condition comes first in the exports map, so Node resolves dist/web.
    build: 'web',
    label: 'node --conditions=browser',
    binary: () => process.execPath,
    args: (entry) => ['--conditions=browser', entry],
  },
])
