/** Types of shop-cluster.js, for the TypeScript tests that start the topology. */
import type { ChildProcess } from "child_process"

export type ShopRole = "server" | "worker" | "shared"

export type ShopProcess = {
  role: ShopRole
  url: string
  port: number
  pid: number
  logFile: string
  process: ChildProcess
  stop: () => Promise<void>
  kill: () => Promise<void>
}

export type ProcessEnvInput = {
  role: ShopRole
  port: number
  databaseUrl: string
  redisUrl?: string
  extra?: Record<string, string>
}

export const LOAD_TEST_ENV: Record<string, string>
export const ROOT: string
export function freePort(): Promise<number>
export function processEnv(input: ProcessEnvInput): NodeJS.ProcessEnv
export function startShopProcess(
  input: Omit<ProcessEnvInput, "port"> & { appDir?: string; port?: number; logFile: string; timeoutMs?: number }
): Promise<ShopProcess>
export function startCluster(input: {
  appDir?: string
  servers?: number
  workers?: number
  basePort?: number
  databaseUrl: string
  redisUrl: string
  logDir: string
  extra?: Record<string, string>
  /** Per role, on top of `extra`. */
  roleExtra?: Partial<Record<ShopRole, Record<string, string>>>
}): Promise<{ servers: ShopProcess[]; workers: ShopProcess[]; stop: () => Promise<void> }>
