import type { SinkModel } from '../taint-types.js';

const CHILD_PROCESS = ['child_process', 'node:child_process'];

/** Calls that run a command. `text` arguments go through a shell; argv arrays only with one. */
export const shellSinks = [
  { kind: 'shell', library: 'child_process', module: CHILD_PROCESS, path: 'Member[exec,execSync].Argument[0]' },
  { kind: 'shell', library: 'child_process', module: CHILD_PROCESS, path: 'Member[spawn,spawnSync,execFile,execFileSync].Argument[0]' },
  { kind: 'shell', library: 'child_process', module: CHILD_PROCESS, path: 'Member[spawn,spawnSync,execFile,execFileSync].Argument[1]', mode: 'argv-shell' },
  // `$` and `execa` are also plain functions: `$(file, args, options)`.
  { kind: 'shell', library: 'execa', module: 'execa', path: 'Member[execa,execaSync,$].Argument[0]' },
  { kind: 'shell', library: 'execa', module: 'execa', path: 'Member[execa,execaSync,$].Argument[1]', mode: 'argv-shell' },
  { kind: 'shell', library: 'execa', module: 'execa', path: 'Argument[0]' },
  { kind: 'shell', library: 'execa', module: 'execa', path: 'Argument[1]', mode: 'argv-shell' },
  { kind: 'shell', library: 'execa', module: 'execa', path: 'Member[execaCommand,execaCommandSync,command,commandSync].Argument[0]' },
  { kind: 'shell', library: 'shelljs', module: 'shelljs', path: 'Member[exec].Argument[0]' },
  // A tagged template (`$\`ls ${dir}\``) passes each interpolation as one argument, never through a
  // shell: only a tag bound with `shell: true` (`$({ shell: true })\`...\``) runs the joined text in
  // one. zx's `$` quotes every interpolation for the shell, so it is not a sink.
  { kind: 'shell', library: 'execa', module: 'execa', path: 'Member[execa,execaSync,$].ReturnValue', mode: 'template', requiresOption: 'shell' },
] as const satisfies readonly SinkModel[];

/** Programs that interpret their arguments as shell code (`spawn('sh', ['-c', cmd])`). */
export const shellPrograms = ['sh', 'bash', 'zsh', 'dash', 'ksh', 'cmd', 'cmd.exe', 'powershell', 'powershell.exe', 'pwsh'] as const;
