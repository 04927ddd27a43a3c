import type { ResponseSinkModel, SinkModel } from '../taint-types.js';

const FS = ['fs', 'node:fs', 'fs-extra', 'graceful-fs'];
const FS_PROMISES = ['fs/promises', 'node:fs/promises'];

/** `fs` functions whose first argument is a file or directory path (sync, callback and promise forms). */
const ONE_PATH = [
  'readFile', 'readFileSync', 'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createReadStream',
  'createWriteStream', 'unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'readdir', 'readdirSync', 'opendir',
  'opendirSync', 'stat', 'statSync', 'lstat', 'lstatSync', 'access', 'accessSync', 'open', 'openSync', 'exists', 'existsSync',
  'mkdir', 'mkdirSync', 'truncate', 'truncateSync', 'chmod', 'chmodSync', 'chown', 'chownSync', 'readlink', 'readlinkSync',
  'realpath', 'realpathSync', 'utimes', 'utimesSync', 'watch', 'watchFile',
  // fs-extra
  'outputFile', 'outputFileSync', 'readJson', 'readJsonSync', 'readJSON', 'writeJson', 'writeJsonSync', 'outputJson',
  'remove', 'removeSync', 'emptyDir', 'ensureFile', 'ensureDir', 'pathExists',
].join(',');
/** Functions that take a source and a destination path. */
const TWO_PATHS = ['copyFile', 'copyFileSync', 'rename', 'renameSync', 'symlink', 'symlinkSync', 'link', 'linkSync', 'cp', 'cpSync', 'copy', 'copySync', 'move', 'moveSync'].join(',');

/** File system calls that open, write, list or delete the path they are given. */
export const pathSinks = [
  { kind: 'path', library: 'fs', module: FS, path: `Member[${ONE_PATH},${TWO_PATHS}].Argument[0]` },
  { kind: 'path', library: 'fs', module: FS, path: `Member[${TWO_PATHS}].Argument[1]` },
  { kind: 'path', library: 'fs', module: FS, path: `Member[promises].Member[${ONE_PATH},${TWO_PATHS}].Argument[0]` },
  { kind: 'path', library: 'fs', module: FS, path: `Member[promises].Member[${TWO_PATHS}].Argument[1]` },
  { kind: 'path', library: 'fs/promises', module: FS_PROMISES, path: `Member[${ONE_PATH},${TWO_PATHS}].Argument[0]` },
  { kind: 'path', library: 'fs/promises', module: FS_PROMISES, path: `Member[${TWO_PATHS}].Argument[1]` },
] as const satisfies readonly SinkModel[];

/** `res.sendFile(path)` and `res.download(path)` serve any file unless a `root` option confines them. */
export const pathResponseSinks = [
  { kind: 'path', library: 'express', styles: ['express', 'nest'], methods: ['sendFile', 'download'], argument: 0, unlessOption: 'root' },
] as const satisfies readonly ResponseSinkModel[];
