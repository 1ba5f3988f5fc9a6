// Generates src/api/constraints.generated.ts, the validation constraints of every request and
// response property, from openapi/v0/openapi.yaml, so that forms show (and the browser checks)
// exactly what the server will enforce instead of a retyped copy that drifts.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import yaml from "js-yaml";

const here = dirname(fileURLToPath(import.meta.url));
const output = resolve(here, "../src/api/constraints.generated.ts");
const openapi = yaml.load(readFileSync(resolve(here, "../../openapi/v0/openapi.yaml"), "utf8"));

const LOCAL_REF = "#/components/schemas/";
const KEYWORDS = [
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "pattern",
  "enum",
];

function deref(schema) {
  if (typeof schema.$ref !== "string") return schema;
  if (!schema.$ref.startsWith(LOCAL_REF)) throw new Error(`Unsupported $ref ${schema.$ref}`);
  const target = openapi.components.schemas[schema.$ref.slice(LOCAL_REF.length)];
  if (target === undefined) throw new Error(`Dangling $ref ${schema.$ref}`);
  // A property's own keywords (its description) sit beside the reference in OpenAPI 3.1.
  const { $ref: _ref, ...siblings } = schema;
  return deref({ ...target, ...siblings });
}

/** One property's constraints, with `oneOf: [X, null]` and `type: [X, "null"]` read as a nullable X. */
function constraintsOf(property, required) {
  let schema = deref(property);
  let nullable = false;
  if (Array.isArray(schema.oneOf)) {
    const branches = schema.oneOf.map(deref);
    const values = branches.filter((branch) => branch.type !== "null");
    nullable = values.length < branches.length;
    // A real union (an arrow plotted or by value) has no single set of constraints.
    schema = values.length === 1 ? { ...values[0] } : {};
  }
  let type = schema.type;
  if (Array.isArray(type)) {
    nullable ||= type.includes("null");
    const types = type.filter((name) => name !== "null");
    type = types.length === 1 ? types[0] : undefined;
  }
  const entry = {};
  if (type !== undefined) entry.type = type;
  if (schema.format !== undefined) entry.format = schema.format;
  for (const keyword of KEYWORDS) {
    if (schema[keyword] !== undefined) entry[keyword] = schema[keyword];
  }
  entry.nullable = nullable;
  entry.required = required;
  return entry;
}

const table = {};
for (const [name, schema] of Object.entries(openapi.components.schemas)) {
  if (schema.type !== "object" || schema.properties === undefined) continue;
  const required = new Set(schema.required ?? []);
  table[name] = Object.fromEntries(
    Object.entries(schema.properties).map(([property, definition]) => [
      property,
      constraintsOf(definition, required.has(property)),
    ]),
  );
}

// One line per property keeps the file readable in a diff.
const body = Object.entries(table)
  .map(([name, properties]) => {
    const lines = Object.entries(properties).map(
      ([property, entry]) => `    ${JSON.stringify(property)}: ${JSON.stringify(entry)},`,
    );
    return `  ${JSON.stringify(name)}: {\n${lines.join("\n")}\n  },`;
  })
  .join("\n");

// The scopes a personal access token may hold, in the contract's order, each with the one-line
// explanation the bearer scheme gives it (`x-scopes`), for the token form's checkboxes.
const scopeDescriptions = openapi.components.securitySchemes.bearer_auth["x-scopes"] ?? {};
const tokenScopes = (openapi.components.schemas.TokenScope?.enum ?? []).map((scope) => {
  const description = scopeDescriptions[scope];
  if (typeof description !== "string") throw new Error(`bearer_auth x-scopes has no description of ${scope}`);
  return `  { scope: ${JSON.stringify(scope)}, description: ${JSON.stringify(description)} },`;
});

writeFileSync(
  output,
  `// Generated from openapi/v0/openapi.yaml by scripts/generate-constraints.mjs. Do not edit.
import type { PropertyConstraints } from "./constraints";
import type { components } from "./types.generated";

/** Each object schema's properties with the constraints the server validates. */
export const SCHEMA_CONSTRAINTS = {
${body}
} as const satisfies Record<
  string,
  Record<string, PropertyConstraints>
>;

/** The scopes a personal access token may hold, each with what it allows. */
export const TOKEN_SCOPES = [
${tokenScopes.join("\n")}
] as const satisfies readonly { scope: components["schemas"]["TokenScope"]; description: string }[];
`,
);
