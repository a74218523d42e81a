import type { ReactNode } from "react";

// The API reference, drawn from the generated OpenAPI document (lib/api/v1/openapi.ts): the
// operations grouped by tag, each with its method, path, scope, parameters and the JSON Schemas
// of its body and answer. Plain server-rendered HTML: no script, no external assets.

type Json = Record<string, unknown>;
type Param = { name?: string; in?: string; required?: boolean; description?: string; schema?: Json; $ref?: string };
type Op = {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  "x-scopes"?: string[];
  parameters?: Param[];
  requestBody?: { content: Record<string, { schema: Json }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Json }> }>;
};

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-800",
  post: "bg-emerald-100 text-emerald-800",
  put: "bg-amber-100 text-amber-800",
  patch: "bg-amber-100 text-amber-800",
  delete: "bg-red-100 text-red-800",
};

function typeOf(schema: Json | undefined): string {
  if (!schema) return "";
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map(String).join(" | ");
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Json[]).map(typeOf).filter(Boolean).join(" or ");
  return String(schema.type ?? (schema.format ? "string" : "any"));
}

function SchemaBlock({ label, schema }: { label: string; schema: Json }) {
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-sm font-medium text-slate-700">{label}</summary>
      <pre className="mt-1 max-h-96 overflow-auto rounded-md bg-slate-50 p-3 text-xs leading-relaxed text-slate-800">
        {JSON.stringify(schema, null, 2)}
      </pre>
    </details>
  );
}

function Operation({ method, path, op, components }: { method: string; path: string; op: Op; components: Json }) {
  const params = (op.parameters ?? []).map((p) =>
    p.$ref ? ((components.parameters as Record<string, Param>)[p.$ref.split("/").pop()!] ?? p) : p,
  );
  const success = Object.entries(op.responses).find(([code]) => code.startsWith("2"));
  const errors = Object.entries(op.responses).filter(([code]) => !code.startsWith("2"));
  const body = op.requestBody?.content["application/json"]?.schema;
  return (
    <article id={op.operationId} className="border-t border-slate-100 py-4 first:border-t-0" data-testid="api-operation">
      <h3 className="flex flex-wrap items-center gap-2 font-mono text-sm">
        <span className={`rounded px-1.5 py-0.5 text-xs font-semibold uppercase ${METHOD_STYLE[method] ?? ""}`}>{method}</span>
        <span className="text-slate-900">{path}</span>
        {op["x-scopes"]?.length ? (
          <span className="rounded bg-slate-100 px-1.5 py-0.5 font-sans text-xs text-slate-600">scope: {op["x-scopes"].join(", ")}</span>
        ) : (
          <span className="rounded bg-slate-100 px-1.5 py-0.5 font-sans text-xs text-slate-600">public</span>
        )}
      </h3>
      <p className="mt-1 text-sm font-medium text-slate-800">{op.summary}</p>
      {op.description && <p className="mt-1 text-sm text-slate-600">{op.description}</p>}
      {params.length > 0 && (
        <table className="mt-3 w-full text-left text-xs">
          <thead className="uppercase text-slate-500">
            <tr>
              <th className="py-1 font-medium">Parameter</th>
              <th className="py-1 font-medium">In</th>
              <th className="py-1 font-medium">Type</th>
              <th className="py-1 font-medium">Description</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {params.map((p) => (
              <tr key={`${p.in}-${p.name}`}>
                <td className="py-1 font-mono">
                  {p.name}
                  {p.required && <span className="text-red-700">*</span>}
                </td>
                <td className="py-1">{p.in}</td>
                <td className="py-1 font-mono">{typeOf(p.schema)}</td>
                <td className="py-1 text-slate-600">{p.description ?? (p.schema?.description as string | undefined) ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {body && <SchemaBlock label="Request body (application/json)" schema={body} />}
      {success?.[1].content && (
        <SchemaBlock label={`Response ${success[0]} (application/json)`} schema={success[1].content["application/json"]!.schema} />
      )}
      {errors.length > 0 && (
        <p className="mt-2 text-xs text-slate-500">
          Errors (problem details): {errors.map(([code, r]) => `${code} ${r.description}`).join(" · ")}
        </p>
      )}
    </article>
  );
}

export function ApiReference({ doc }: { doc: Json }) {
  const paths = doc.paths as Record<string, Record<string, Op>>;
  const components = doc.components as Json;
  const tags = (doc.tags as { name: string }[]).map((t) => t.name);
  const section = (tag: string): ReactNode[] =>
    Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.tags?.includes(tag))
        .map(([method, op]) => <Operation key={`${method} ${path}`} method={method} path={path} op={op} components={components} />),
    );
  return (
    <div className="space-y-6">
      <nav aria-label="API sections" className="flex flex-wrap gap-2 text-sm">
        {tags.map((t) => (
          <a key={t} href={`#tag-${t}`} className="rounded-md border border-slate-200 bg-white px-2.5 py-1 hover:bg-slate-50">
            {t}
          </a>
        ))}
        <a href="#problems" className="rounded-md border border-slate-200 bg-white px-2.5 py-1 hover:bg-slate-50">
          Errors
        </a>
      </nav>
      {tags.map((t) => (
        <section key={t} id={`tag-${t}`} className="rounded-lg border border-slate-200 bg-white px-5 py-2 shadow-sm">
          <h2 className="py-2 text-base font-semibold">{t}</h2>
          {section(t)}
        </section>
      ))}
      <section id="problems" className="rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm">
        <h2 className="text-base font-semibold">Errors</h2>
        <p className="mt-1 text-sm text-slate-600">
          Every refusal is RFC 9457 problem details (application/problem+json). Bad input lists each field in <code>errors</code>, with the
          channel id for a post&apos;s per-channel fields.
        </p>
        <SchemaBlock label="Problem" schema={(components.schemas as Json).Problem as Json} />
      </section>
    </div>
  );
}
