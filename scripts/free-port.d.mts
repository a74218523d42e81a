export function freePort(): Promise<number>;
export function portFromEnv(env: Record<string, string | undefined>, name: string, avoid?: number[]): Promise<number>;
