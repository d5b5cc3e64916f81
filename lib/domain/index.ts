/**
 * KEKASIHKU domain rules (docs/rules.md) as pure functions: no database, no React, no Next.
 * Pages, queries, certificates and reports all call these (or SQL tested against them).
 */
export * from './types';
export * from './dates';
export * from './today';
export * from './age';
export * from './recall';
export * from './journey';
export * from './windows';
export * from './indicators';
export * from './certificate';
export * from './identifiers';
export * from './catalogue';
export * from './progress';
export * from './dashboard';
export * from './group-sessions';
export * from './whatsapp';
export * from './coverage-rows';
export * from './lessons';
export * from './knowledge';
export * from './data-rights';
