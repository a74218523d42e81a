import { z } from "zod";
import { defineOperation } from "../operation";

export const openApiOp = defineOperation({
  id: "getOpenApi",
  method: "GET",
  path: "/api/v1/openapi.json",
  scope: null,
  summary: "This API's OpenAPI 3.1 document",
  description: "Public: needs no key. Generated from the same declarations the routes validate with.",
  tags: ["Meta"],
  response: z.record(z.string(), z.unknown()),
});
