import { ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

// Names of sets and signatures are unique per organization, compared without case ("Launch" and
// "launch" would be indistinguishable in a menu). The check gives the readable refusal; the unique
// index catches two saves racing past it, answered the same way.

type Finder = (args: { where: { name: { equals: string; mode: "insensitive" }; NOT?: { id: string } } }) => Promise<unknown>;

export async function assertNameFree(find: Finder, name: string, what: string, exceptId?: string): Promise<void> {
  const clash = await find({ where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { NOT: { id: exceptId } } : {}) } });
  if (clash) throw new ValidationError({ name: `${what} named "${name}" already exists; pick another name` });
}

export async function onNameClash<T>(what: string, name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002")
      throw new ValidationError({ name: `${what} named "${name}" already exists; pick another name` });
    throw e;
  }
}
