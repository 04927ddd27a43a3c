import type { ResponseSinkModel, SinkModel } from '../taint-types.js';
import { fsPathFunctions, fsPromisesPathFunctions } from './fs-functions.js';

const FS = ['fs', 'node:fs', 'fs-extra', 'graceful-fs'];
const FS_PROMISES = ['fs/promises', 'node:fs/promises'];

/**
 * fs-extra's own functions (it also re-exports every `fs` function), with the argument positions
 * that are paths: `copy`, `move` and the link helpers take a source and a destination.
 */
export const fsExtraPathFunctions: Readonly<Record<string, readonly number[]>> = {
  copy: [0, 1], copySync: [0, 1], move: [0, 1], moveSync: [0, 1],
  ensureLink: [0, 1], ensureLinkSync: [0, 1], createLink: [0, 1], createLinkSync: [0, 1],
  ensureSymlink: [0, 1], ensureSymlinkSync: [0, 1], createSymlink: [0, 1], createSymlinkSync: [0, 1],
  emptyDir: [0], emptydir: [0], emptyDirSync: [0], emptydirSync: [0],
  ensureFile: [0], ensureFileSync: [0], createFile: [0], createFileSync: [0],
  ensureDir: [0], ensureDirSync: [0], mkdirs: [0], mkdirsSync: [0], mkdirp: [0], mkdirpSync: [0],
  outputFile: [0], outputFileSync: [0], outputJson: [0], outputJSON: [0], outputJsonSync: [0], outputJSONSync: [0],
  pathExists: [0], pathExistsSync: [0],
  readJson: [0], readJSON: [0], readJsonSync: [0], readJSONSync: [0],
  writeJson: [0], writeJSON: [0], writeJsonSync: [0], writeJSONSync: [0],
  remove: [0], removeSync: [0],
};

/** `Member[a,b,...]` of the functions of a table that take a path at `index`. */
function takingPathAt(table: Readonly<Record<string, readonly number[]>>, index: number): string {
  return Object.keys(table).filter((name) => table[name]?.includes(index)).join(',');
}

/**
 * File system calls that open, write, list or delete the path they are given: every path-taking
 * function of `fs` and `fs/promises` (generated from the Node.js typings) and of fs-extra.
 */
export const pathSinks = [
  { kind: 'path', library: 'fs', module: FS, path: `Member[${takingPathAt(fsPathFunctions, 0)}].Argument[0]` },
  { kind: 'path', library: 'fs', module: FS, path: `Member[${takingPathAt(fsPathFunctions, 1)}].Argument[1]` },
  { kind: 'path', library: 'fs', module: FS, path: `Member[promises].Member[${takingPathAt(fsPromisesPathFunctions, 0)}].Argument[0]` },
  { kind: 'path', library: 'fs', module: FS, path: `Member[promises].Member[${takingPathAt(fsPromisesPathFunctions, 1)}].Argument[1]` },
  { kind: 'path', library: 'fs/promises', module: FS_PROMISES, path: `Member[${takingPathAt(fsPromisesPathFunctions, 0)}].Argument[0]` },
  { kind: 'path', library: 'fs/promises', module: FS_PROMISES, path: `Member[${takingPathAt(fsPromisesPathFunctions, 1)}].Argument[1]` },
  { kind: 'path', library: 'fs-extra', module: 'fs-extra', path: `Member[${takingPathAt(fsExtraPathFunctions, 0)}].Argument[0]` },
  { kind: 'path', library: 'fs-extra', module: 'fs-extra', path: `Member[${takingPathAt(fsExtraPathFunctions, 1)}].Argument[1]` },
  // archiver reads the file or the whole directory tree at the path into the archive it sends.
  { kind: 'path', library: 'archiver', module: 'archiver', path: 'ReturnValue.Member[directory,file].Argument[0]' },
  { kind: 'path', library: 'archiver', module: 'archiver', path: 'Member[create].ReturnValue.Member[directory,file].Argument[0]' },
] as const satisfies readonly SinkModel[];

/**
 * `res.sendFile(path)` and `res.download(path)` serve any file unless a `root` option confines them.
 * Hapi's inert `h.file(path)` confines a relative path to the route's `relativeTo` directory by
 * default (a path that leaves it is a 403): it serves any file with `{ confine: false }`, and an
 * absolute path (`path.join(__dirname, …)`) is not resolved against that directory.
 * `res.render(view)` (Express, and Koa's `ctx.render` of koa-views) resolves the view's name
 * against the views directory: `../` leaves it, so a client-chosen name renders any template file
 * of the disk, an uploaded one included (which runs code), and an absolute name is taken as is.
 */
export const pathResponseSinks = [
  { kind: 'path', library: 'express', styles: ['express', 'nest'], methods: ['sendFile', 'download'], argument: 0, unlessOption: 'root' },
  { kind: 'path', library: '@hapi/inert', styles: ['hapi'], methods: ['file'], argument: 0, confinedUnlessFalse: 'confine' },
  { kind: 'path', library: 'express', styles: ['express', 'nest'], methods: ['render'], argument: 0 },
  { kind: 'path', library: 'koa-views', styles: ['koa'], methods: ['render'], argument: 0 },
] as const satisfies readonly ResponseSinkModel[];

/**
 * Upload storage engines whose options take callbacks that hand the engine a path: multer's
 * `diskStorage({ destination(req, file, cb) { cb(null, dir) }, filename(req, file, cb) { cb(null, name) } })`
 * writes the upload to `path.join(dir, name)`, so a request value in either (`req.body.folder`)
 * places the file anywhere the server may write. `callbackParameter` is the index of the callback
 * `cb` among the option function's parameters, `argument` the index of the path among `cb`'s;
 * `request` the index of the Express request the option functions receive (a source), with `style`;
 * `file` the index of the uploaded file they receive, read as the request's `file` (`req.file`):
 * its `originalname` and `mimetype` are the client's (`cb(null, file.originalname)` writes to
 * `../../app.js` when the client names the file so), the members the server chose are not.
 */
export const storageCallbackSinks = [
  { kind: 'path', library: 'multer', module: 'multer', path: 'Member[diskStorage]', options: ['destination', 'filename'], callbackParameter: 2, argument: 1, request: 0, file: 1, style: 'express' },
] as const;
