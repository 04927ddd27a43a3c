import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * A file the command was told to read or write (`--diff`, `--settings`, `--output`, a path to
 * scan) that it cannot use. The message names the file and the reason; the exit code is 2.
 */
export class InputPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputPathError';
  }
}

/** `path not found: x` for a path to scan that does not exist. */
export class PathNotFoundError extends InputPathError {
  constructor(readonly missing: string) {
    super(`path not found: ${missing}`);
    this.name = 'PathNotFoundError';
  }
}

const cannotRead = (role: string, shown: string, reason: string): InputPathError =>
  new InputPathError(`cannot read ${role} ${shown}: ${reason}`);

/** Why a file system call failed, in words: each errno gets its own reason. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'not found';
    case 'ENOTDIR':
      return 'not found (a part of the path is a file, not a directory)';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symlink loop';
    case 'ENAMETOOLONG':
      return 'name too long';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'input/output error';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Reads a JSON input such as `--diff base.json`. Only regular files are read: a directory or a
 * FIFO is refused before `readFileSync` (which would fail late or block).
 */
export function readInputFile(file: string, shown: string, role: string): string {
  let stat;
  try {
    stat = statSync(file);
  } catch (error) {
    throw cannotRead(role, shown, describeFsError(error));
  }
  if (stat.isDirectory()) throw cannotRead(role, shown, 'is a directory');
  if (!stat.isFile()) throw cannotRead(role, shown, 'not a regular file');
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw cannotRead(role, shown, describeFsError(error));
  }
}

/**
 * Checks, before any scanning, that `--output` can be written: its directory exists and is
 * writable, and the path itself is not a directory. A scan of a large project must not end in a
 * failed write.
 */
export function checkOutputPath(file: string, shown: string): void {
  const fail = (reason: string): never => {
    throw new InputPathError(`cannot write --output ${shown}: ${reason}`);
  };
  const parent = path.dirname(file);
  let parentStat;
  try {
    parentStat = statSync(parent);
  } catch (error) {
    fail(`its directory ${path.dirname(shown) || '.'}: ${describeFsError(error)}`);
  }
  if (parentStat && !parentStat.isDirectory()) fail(`its directory ${path.dirname(shown)} is not a directory`);
  try {
    accessSync(parent, constants.W_OK);
  } catch (error) {
    fail(`its directory ${path.dirname(shown) || '.'}: ${describeFsError(error)}`);
  }
  let stat;
  try {
    stat = statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    fail(describeFsError(error));
  }
  if (stat?.isDirectory()) fail('is a directory');
  try {
    accessSync(file, constants.W_OK);
  } catch (error) {
    fail(describeFsError(error));
  }
}
