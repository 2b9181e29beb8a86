/** Types for build-if-stale.mjs (used by the e2e tests). */
export function isStale(): boolean;
export function buildIfStale(options?: { quiet?: boolean }): boolean;
