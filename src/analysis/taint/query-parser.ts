/**
 * Whether a project's query strings parse to strings only. Express 5 (and NestJS 11's
 * `@nestjs/platform-express`, built on it) parses `?a[$ne]=x` with its "simple" parser, Node's
 * `querystring`: every value of `req.query` is a string or an array of strings, never an object,
 * unless the app sets `app.set('query parser', 'extended')` or a parser function of its own.
 * Express 4's default is `qs`, which builds nested objects (`{ a: { $ne: 'x' } }`).
 *
 * MongoDB reads a filter value that is a string or an array of strings as a value to match (a
 * string by equality; an array by equality with the whole array or with an element of an array
 * field): neither carries an operator, since operators are keys of an object. So a field read from
 * such a query (`req.query.token`, `@Query('token')`) cannot inject operators into
 * `findOne({ token })`. It is still text: a `$where` or `$regex` it reaches stays reported, and so
 * does the whole query object (its keys are the client's: `?$where=…` is a top-level operator).
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectIndexOf } from '../project/index.js';
import { projectDependencyVersions, projectRoot, readProjectFile } from '../routes/project-files.js';

/** How long one reading of a project's files is trusted before their sizes and dates are checked again. */
const REVALIDATE_MS = 1000;
/** A mention of the setting, in any quotes: `app.set('query parser', …)`, `set("query parser", …)`. */
const QUERY_PARSER_SETTING = /(['"`])query parser\1/u;

interface FileMention {
  size: number;
  mtimeMs: number;
  mentions: boolean;
}

interface RootVerdict {
  checkedAt: number;
  files: Map<string, FileMention>;
  flat: boolean;
}

const verdicts = new Map<string, RootVerdict>();

/**
 * True when the project of `filename` runs Express 5 by its nearest `package.json` (`express`
 * with major 5, or no `express` and `@nestjs/platform-express` with major 11 or more) and no
 * project file mentions the `query parser` setting. False when unknown: a file not on disk, no
 * manifest, a version range that names no single major (`>=4`, `*`, `workspace:`), or a project
 * whose files cannot be listed.
 */
export function flatQueryStrings(filename: string): boolean {
  const file = path.resolve(filename);
  if (!isFile(file)) return false;
  const root = projectRoot(file);
  if (root === null) return false;
  const now = Date.now();
  let verdict = verdicts.get(root);
  if (verdict && now - verdict.checkedAt < REVALIDATE_MS) return verdict.flat;
  verdict ??= { checkedAt: now, files: new Map(), flat: false };
  verdict.checkedAt = now;
  verdicts.set(root, verdict);
  verdict.flat = declaresExpressFive(projectDependencyVersions(file)) && !mentionsQueryParser(file, verdict.files);
  return verdict.flat;
}

/** Whether some project file mentions the `query parser` setting; each file read again only when it changed. */
function mentionsQueryParser(file: string, cache: Map<string, FileMention>): boolean {
  const index = projectIndexOf(file);
  // Without the list of files the whole-project negative cannot be established.
  if (index === null) return true;
  const files = index.files();
  for (const known of cache.keys()) if (!files.has(known)) cache.delete(known);
  let mentions = false;
  for (const candidate of files) {
    const stat = statOf(candidate);
    if (!stat) continue;
    let entry = cache.get(candidate);
    if (entry?.size !== stat.size || entry.mtimeMs !== stat.mtimeMs) {
      const text = readProjectFile(candidate);
      // A file that cannot be read might set it: counted as a mention.
      entry = { ...stat, mentions: text === null || QUERY_PARSER_SETTING.test(text) };
      cache.set(candidate, entry);
    }
    if (entry.mentions) mentions = true;
  }
  return mentions;
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
