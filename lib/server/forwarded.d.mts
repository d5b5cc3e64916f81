export function clientAddressOf(forwardedFor: string | string[] | undefined | null, remoteAddress: string | undefined | null, hops: number): string;
