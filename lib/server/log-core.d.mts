import type { Logger } from 'pino';

export function routeOf(url: string | undefined | null): string;
export function requestIdOf(header: string | string[] | undefined | null): string;
export function scrubText(text: string): string;
export type ErrorFields = { type?: string; message: string; code?: string | number; digest?: string; stack?: string; cause?: ErrorFields };
export function errorFields(err: unknown): ErrorFields;
export function createLogger(bindings?: Record<string, unknown>): Logger;
export function getLogger(): Logger;
