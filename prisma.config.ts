import { defineConfig } from "prisma/config";

// Migrations are plain SQL applied by scripts/migrate.ts; this config only serves `prisma generate`.
export default defineConfig({
  schema: "prisma/schema.prisma",
});
