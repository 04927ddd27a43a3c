/**
 * Which request styles' upload names are base names in a project (see `baseNameUploadMembers`):
 * those whose parser option that keeps the client's directories (`preservePath: true`) no file of
 * the project sets. Unknown (a file not on disk, a project whose files cannot be listed or read):
 * none, so that the names stay path input.
 */
import path from 'node:path';
import { baseNameUploadMembers, type RequestStyle } from '../../models/frameworks/request-inputs.js';
import { projectIndexOf } from '../project/index.js';
import { readProjectFile } from '../routes/project-files.js';

type BaseNameStyle = keyof typeof baseNameUploadMembers;
const STYLES = Object.keys(baseNameUploadMembers) as BaseNameStyle[];
const NONE: ReadonlySet<RequestStyle> = new Set();

interface RootVerdict {
  /** The index generation the answer was read at (see `ProjectIndex.generation`). */
  generation: number;
  styles: ReadonlySet<RequestStyle>;
  /** Per file, by size and date: the styles whose reduction it turns off. */
  files: Map<string, { size: number; mtimeMs: number; keeps: readonly BaseNameStyle[] }>;
}

const verdicts = new Map<string, RootVerdict>();

/** The styles whose upload names are base names in the project of `filename`. */
export function baseNameUploadStyles(filename: string): ReadonlySet<RequestStyle> {
  const index = projectIndexOf(path.resolve(filename));
  if (index === null) return NONE;
  const generation = index.generation();
  let verdict = verdicts.get(index.root);
  if (verdict?.generation === generation) return verdict.styles;
  verdict ??= { generation: -1, styles: NONE, files: new Map() };
  verdicts.set(index.root, verdict);
  const files = index.files();
  for (const known of verdict.files.keys()) if (!files.has(known)) verdict.files.delete(known);
  const kept = new Set<BaseNameStyle>();
  for (const file of files) {
    const stat = index.version(file);
    if (!stat) continue;
    let entry = verdict.files.get(file);
    if (entry?.size !== stat.size || entry.mtimeMs !== stat.mtimeMs) {
      const text = readProjectFile(file);
      // A file that cannot be read might set the option.
      entry = { size: stat.size, mtimeMs: stat.mtimeMs, keeps: STYLES.filter((style) => text === null || baseNameUploadMembers[style].keptBy.test(text)) };
      verdict.files.set(file, entry);
    }
    for (const style of entry.keeps) kept.add(style);
  }
  verdict.generation = generation;
  verdict.styles = new Set(STYLES.filter((style) => !kept.has(style)));
  return verdict.styles;
}
