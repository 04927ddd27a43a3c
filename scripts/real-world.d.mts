export interface Backend {
  name: string;
  version: string;
  framework: string;
  dirs: string[];
  /** A regular expression (source text) of files to leave out, matched on the path with `/`. */
  exclude?: string;
  /** 2 for the backends added after the first nine (not in the bench's corpus). */
  set?: number;
}
export declare const backends: readonly Backend[];
export declare const benchBackends: readonly Backend[];
export declare const cacheDir: string;
export declare function fetchBackend(backend: Backend): string;
export declare function sourceFiles(dir: string): string[];
export declare function serverFiles(backend: Backend): { packageDir: string; files: string[] };
