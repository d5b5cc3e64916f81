export function withDatabase(url: string, name: string): string;
export function createDatabase(url: string, name: string): Promise<string>;
export function dropStaleDatabases(url: string, prefix: string): Promise<void>;
export function dropDatabase(url: string, name: string): Promise<void>;
