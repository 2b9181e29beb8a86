/** Types for ports-and-exits.mjs. */
import type { ChildProcess } from "node:child_process";

export function freePort(): Promise<number>;
export function waitForExit(child: ChildProcess, ms: number): Promise<boolean>;
