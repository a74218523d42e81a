import { v1Handler } from "@/lib/api/v1/handler";
import { buildOpenApi } from "@/lib/api/v1/openapi";
import { V1_OPERATIONS } from "@/lib/api/v1/operations";
import { openApiOp } from "@/lib/api/v1/operations/meta";

export const GET = v1Handler(openApiOp, async () => buildOpenApi(V1_OPERATIONS));
