export function isDraining(): boolean;
export function startDraining(): void;
export function onClose(fn: () => Promise<void> | void): void;
export function runClosers(timeoutMs?: number): Promise<unknown[]>;
export function isPostgresWriteAfterClose(err: unknown): boolean;
export function onDatabaseFault(fn: () => Promise<void> | void): void;
export function runDatabaseFault(): Promise<unknown[]>;
