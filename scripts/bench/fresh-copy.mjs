// A fresh copy of a benchmark corpus, for runs that must start with the plugin's caches cold: the
// same files under a new path (the plugin's per-process caches are keyed by path), without the
// plugin's disk cache (node_modules/.cache/eslint-plugin-api-security, at any depth) and without
// the `.tgz` archives the corpus was unpacked from. On Linux the files are hard links (`cp -al`):
// a copy takes a second instead of minutes on a busy disk, and nothing here writes to a corpus
// file (lint runs read them; the plugin writes its cache files anew, by rename, into a directory
// removed from the copy first). Elsewhere, or when `cp -al` fails, a real copy.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';

const PLUGIN_CACHE = path.join('node_modules', '.cache', 'eslint-plugin-api-security');

/** Copies `root` (followed if it is a symlink, as a worktree's `.cache/real-world` is) to `copy`. */
export function freshCopy(root, copy) {
  const real = realpathSync(root);
  if (process.platform === 'linux') {
    try {
      execFileSync('cp', ['-al', real, copy], { stdio: 'ignore' });
      removePluginCaches(copy);
      return;
    } catch {
      // No GNU cp, or links across devices: the real copy below.
      rmSync(copy, { recursive: true, force: true });
    }
  }
  cpSync(real, copy, { recursive: true, filter: (source) => !source.endsWith('.tgz') && !source.endsWith(PLUGIN_CACHE) });
}

function removePluginCaches(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isFile() && entry.name.endsWith('.tgz')) rmSync(full);
    else if (entry.isDirectory()) {
      if (full.endsWith(PLUGIN_CACHE)) rmSync(full, { recursive: true, force: true });
      else removePluginCaches(full);
    }
  }
}
