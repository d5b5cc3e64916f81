export function clientAddressOf(forwardedFor: string | string[] | undefined | null, remoteAddress: string | undefined | null, hops: number): string;
export function lanAddress(interfaces: Record<string, { address: string; family: string | number; internal: boolean }[] | undefined> | null | undefined): string | null;
export function requestOrigin(input?: { forwardedHost?: string | null; host?: string | null; forwardedProto?: string | null; lan?: string | null }): string;
export function configuredOrigin(...values: (string | null | undefined)[]): string;
