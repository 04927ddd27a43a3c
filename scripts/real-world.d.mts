export interface Backend {
  name: string;
  version: string;
  framework: string;
  dirs: string[];
}
export declare const backends: readonly Backend[];
export declare const cacheDir: string;
export declare function fetchBackend(backend: Backend): string;
export declare function sourceFiles(dir: string): string[];
export declare function serverFiles(backend: Backend): { packageDir: string; files: string[] };
