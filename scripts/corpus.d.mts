export declare const root: string;
export declare const CORPUS_PACKAGES: readonly (readonly [string, number])[];
export declare function sourcesOf(relative: string, limit: number): string[];
export declare function thirdPartyCorpus(): string[];
export declare function lintNameOf(file: string): string;
