/** Writes a synthetic API project, cut by feature, of exactly `fileCount` source files below `dir`. */
export declare function writeApiProject(dir: string, fileCount: number, options?: { nodeModules?: string | null }): string[];
/** Writes a layered API project of exactly `fileCount` source files below `dir`. */
export declare function writeLayeredProject(dir: string, fileCount: number): { files: string[]; controllers: string[] };
