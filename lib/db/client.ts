import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

// One Prisma client per process, created on first use so that importing this module (e.g. during
// `next build`) needs no database.
const holder = globalThis as unknown as { __prisma?: PrismaClient };

export function createPrismaClient(url = process.env.DATABASE_URL): PrismaClient {
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
  // Enough for the web requests plus the built-in worker's concurrent publishes.
  const max = Number(process.env.DATABASE_POOL_SIZE || 20);
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max }) });
}

function instance(): PrismaClient {
  return (holder.__prisma ??= createPrismaClient());
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = instance();
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
