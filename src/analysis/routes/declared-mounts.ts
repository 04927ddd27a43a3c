import type { TSESLint } from '@typescript-eslint/utils';
import type { ApiSecuritySettings, MountDeclaration } from '../../utils/settings.js';
import { classifyRoute, type AuthVerdict, type AuthVocabulary, type ScopeOf } from './auth.js';
import { joinPaths, matchesPathPattern } from './paths.js';
import type { Route, RouteGuard } from './types.js';

/** The linted file's path relative to the working directory, with `/` separators. */
export function relativeFilename(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): string {
  const cwd = context.cwd.split('\\').join('/');
  const file = context.filename.split('\\').join('/');
  return file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file;
}

/** The `settings['api-security'].mounts` entry that covers a file, if any. */
export function declaredMountFor(settings: ApiSecuritySettings, relativeFile: string): MountDeclaration | undefined {
  return settings.mounts.find((mount) => matchesPathPattern(mount.files, relativeFile));
}

/**
 * Judges a route with the mount its file declares in settings, when the route model could not see
 * the mount: the prefix joins the path, the declared middleware runs in front, and
 * `authenticated: true` vouches for the mount. Shared by the rule and the inventory, so both read
 * the setting alike.
 */
export function classifyWithDeclaredMount(
  route: Route,
  mount: MountDeclaration | undefined,
  vocabulary: AuthVocabulary,
  scopeOf: ScopeOf,
): { route: Route; verdict: AuthVerdict } {
  if (!mount || !route.owner?.mountedElsewhere) return { route, verdict: classifyRoute(route, vocabulary, scopeOf) };
  const guards: RouteGuard[] = (mount.middleware ?? []).map((name) => ({
    kind: 'middleware',
    name,
    node: route.reportNode,
    fn: null,
    level: 'mount',
  }));
  const mounted: Route = {
    ...route,
    path: mount.prefix === undefined ? route.path : joinPaths(mount.prefix, route.path),
    guards: [...guards, ...route.guards],
    owner: { ...route.owner, mountedElsewhere: false },
  };
  const verdict = classifyRoute(mounted, vocabulary, scopeOf);
  if (verdict.status === 'unauthenticated' && mount.authenticated === true) {
    return { route: mounted, verdict: { ...verdict, status: 'authenticated', by: 'settings mount' } };
  }
  return { route: mounted, verdict };
}
