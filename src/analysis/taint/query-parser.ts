/**
 * Which frameworks' query strings parse to strings only in a project. Express 5 (and NestJS 11's
 * `@nestjs/platform-express`, built on it) parses `?a[$ne]=x` with its "simple" parser, Node's
 * `querystring`: every value of `req.query` is a string or an array of strings, never an object,
 * unless the app sets `app.set('query parser', 'extended')` or a parser function of its own.
 * Express 4's default is `qs`, which builds nested objects (`{ a: { $ne: 'x' } }`). Koa, Fastify,
 * Hapi and Hono parse flat in every version unless the app installs a parser of its own
 * (`flatQueryStyles` of the framework models).
 *
 * MongoDB reads a filter value that is a string or an array of strings as a value to match (a
 * string by equality; an array by equality with the whole array or with an element of an array
 * field): neither carries an operator, since operators are keys of an object. So a field read from
 * such a query (`req.query.token`, `ctx.query.token`, `@Query('token')`) cannot inject operators into
 * `findOne({ token })`. It is still text: a `$where` or `$regex` it reaches stays reported, and so
 * does the whole query object (its keys are the client's: `?$where=…` is a top-level operator).
 */
import fs from 'node:fs';
import path from 'node:path';
import { flatQueryStyles as FLAT_QUERY_STYLES, type RequestStyle } from '../../models/frameworks/request-inputs.js';
import { projectIndexOf } from '../project/index.js';
import { projectDependencyVersions, projectRoot, readProjectFile } from '../routes/project-files.js';

/** How long one reading of a project's files is trusted before their sizes and dates are checked again. */
const REVALIDATE_MS = 1000;

type FlatStyle = keyof typeof FLAT_QUERY_STYLES;
const STYLES = Object.keys(FLAT_QUERY_STYLES) as FlatStyle[];
/** Styles whose parser no option replaces: flat for any file, on disk or not. */
const ALWAYS_FLAT: ReadonlySet<RequestStyle> = new Set(STYLES.filter((style) => FLAT_QUERY_STYLES[style].replacedBy === null));

interface FileMention {
  size: number;
  mtimeMs: number;
  /** The styles whose parser this file replaces (or might: an unreadable file replaces all). */
  replaces: readonly FlatStyle[];
}

interface RootVerdict {
  checkedAt: number;
  files: Map<string, FileMention>;
  flat: ReadonlySet<RequestStyle>;
  /** The index generation `replaced` was read at (see `ProjectIndex.generation`). */
  generation: number;
  replaced: ReadonlySet<FlatStyle> | null;
}

const verdicts = new Map<string, RootVerdict>();

/**
 * The request styles whose query fields are flat in the project of `filename`: Express when its
 * nearest `package.json` runs Express 5 (`express` with major 5, or no `express` and
 * `@nestjs/platform-express` with major 11 or more), Koa, Fastify and Hapi, each unless some project
 * file installs a parser of its own, and Hono always. Only Hono when the rest is unknown: a file
 * not on disk, no manifest, or a project whose files cannot be listed (an Express version range
 * that names no single major leaves Express out).
 */
export function flatQueryStrings(filename: string): ReadonlySet<RequestStyle> {
  const file = path.resolve(filename);
  if (!isFile(file)) return ALWAYS_FLAT;
  const root = projectRoot(file);
  if (root === null) return ALWAYS_FLAT;
  const now = Date.now();
  let verdict = verdicts.get(root);
  if (verdict && now - verdict.checkedAt < REVALIDATE_MS) return verdict.flat;
  verdict ??= { checkedAt: now, files: new Map(), flat: ALWAYS_FLAT, generation: -1, replaced: null };
  verdict.checkedAt = now;
  verdicts.set(root, verdict);
  const replaced = replacedParsers(file, verdict);
  const flat = new Set(ALWAYS_FLAT);
  if (replaced !== null) {
    for (const style of STYLES) if (!replaced.has(style)) flat.add(style);
    if (!declaresExpressFive(projectDependencyVersions(file))) flat.delete('express');
  }
  verdict.flat = flat;
  return verdict.flat;
}

/**
 * The styles whose query parser some project file replaces; each file read again only when it
 * changed. Null when the project's files cannot be listed (no whole-project negative then). The
 * sizes and dates are the project index's: while its generation stays the same no file changed,
 * and the last answer holds without a `stat` of every file.
 */
function replacedParsers(file: string, verdict: RootVerdict): ReadonlySet<FlatStyle> | null {
  const index = projectIndexOf(file);
  if (index === null) return null;
  const generation = index.generation();
  if (verdict.generation === generation && verdict.replaced !== null) return verdict.replaced;
  const cache = verdict.files;
  const files = index.files();
  for (const known of cache.keys()) if (!files.has(known)) cache.delete(known);
  const replaced = new Set<FlatStyle>();
  for (const candidate of files) {
    const stat = index.version(candidate);
    if (!stat) continue;
    let entry = cache.get(candidate);
    if (entry?.size !== stat.size || entry.mtimeMs !== stat.mtimeMs) {
      const text = readProjectFile(candidate);
      // A file that cannot be read might replace any parser.
      const replaces = STYLES.filter((style) => {
        const pattern = FLAT_QUERY_STYLES[style].replacedBy;
        return pattern !== null && (text === null || pattern.test(text));
      });
      entry = { size: stat.size, mtimeMs: stat.mtimeMs, replaces };
      cache.set(candidate, entry);
    }
    for (const style of entry.replaces) replaced.add(style);
  }
  verdict.generation = generation;
  verdict.replaced = replaced;
  return replaced;
}

/** `express` with major 5, or no `express` and `@nestjs/platform-express` with major 11 or more. */
function declaresExpressFive(versions: ReadonlyMap<string, string> | null): boolean {
  if (versions === null) return false;
  const express = versions.get('express');
  if (express !== undefined) return majorOf(express) === 5;
  const nest = versions.get('@nestjs/platform-express');
  const major = nest === undefined ? null : majorOf(nest);
  return major !== null && major >= 11;
}

/** The single major a version or simple range names (`5.2.1`, `^5.0.0`, `~5.1`, `5.x`); null for other ranges. */
export function majorOf(version: string): number | null {
  const match = /^[\^~=v]*(\d+)(?:\.(?:\d+|x|\*)){0,2}(?:-[\w.]+)?$/u.exec(version.trim());
  return match ? Number(match[1]) : null;
}

function statOf(file: string): { size: number; mtimeMs: number } | null {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? { size: stat.size, mtimeMs: stat.mtimeMs } : null;
  } catch {
    // Missing or unreadable: no answer from this file.
    return null;
  }
}

function isFile(file: string): boolean {
  return statOf(file) !== null;
}
