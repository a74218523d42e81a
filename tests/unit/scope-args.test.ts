import { describe, expect, it } from "vitest";
import { scopeArgs } from "@/lib/db/scoped";

describe("scopeArgs", () => {
  it("adds the organization to every filter, overriding any other organization", () => {
    expect(scopeArgs("findMany", { where: { status: "active", organizationId: "other" } }, "org1")).toEqual({
      where: { status: "active", organizationId: "org1" },
    });
    for (const op of ["findUnique", "findFirst", "count", "update", "updateMany", "delete", "deleteMany", "aggregate", "groupBy"]) {
      expect(scopeArgs(op, { where: { id: "x" } }, "org1").where).toEqual({ id: "x", organizationId: "org1" });
    }
    expect(scopeArgs("findMany", {}, "org1")).toEqual({ where: { organizationId: "org1" } });
  });

  it("sets the organization on created rows", () => {
    expect(scopeArgs("create", { data: { name: "a", organizationId: "evil" } }, "org1")).toEqual({
      data: { name: "a", organizationId: "org1" },
    });
    expect(scopeArgs("createMany", { data: [{ a: 1 }, { a: 2 }] }, "org1")).toEqual({
      data: [
        { a: 1, organizationId: "org1" },
        { a: 2, organizationId: "org1" },
      ],
    });
  });

  it("scopes both sides of an upsert", () => {
    expect(scopeArgs("upsert", { where: { id: "x" }, create: { a: 1 }, update: { a: 2 } }, "org1")).toEqual({
      where: { id: "x", organizationId: "org1" },
      create: { a: 1, organizationId: "org1" },
      update: { a: 2 },
    });
  });
});
