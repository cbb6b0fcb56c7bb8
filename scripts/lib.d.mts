/** Types of scripts/lib.mjs for the TypeScript callers (e2e). */
import type { ChildProcess, SpawnOptions } from "node:child_process";

export const offlineEnv: NodeJS.ProcessEnv;
export function run(cmd: string, args: string[], options?: SpawnOptions): Promise<void>;
export function waitUntilUp(origin: string, child: ChildProcess, timeoutMs: number): Promise<void>;
