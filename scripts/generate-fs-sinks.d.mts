/** The text of src/models/sinks/fs-functions.ts, generated from the installed @types/node. */
export declare function generateFsSinks(): string;
