// Generates src/api/ws.generated.ts, the WebSocket message types, from openapi/v0/asyncapi.yaml.
//
// No AsyncAPI-to-TypeScript generator keeps the contract's property names (modelina renames
// them), so this reuses the REST generator: the AsyncAPI message payloads and schemas are
// placed beside the REST schemas they reference in one in-memory OpenAPI document, which
// openapi-typescript turns into types exactly as it does for the REST contract.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import yaml from "js-yaml";
import openapiTS, { astToString } from "openapi-typescript";

const here = dirname(fileURLToPath(import.meta.url));
const contractDir = resolve(here, "../../openapi/v0");
const output = resolve(here, "../src/api/ws.generated.ts");

const asyncapi = yaml.load(readFileSync(resolve(contractDir, "asyncapi.yaml"), "utf8"));
const openapi = yaml.load(readFileSync(resolve(contractDir, "openapi.yaml"), "utf8"));

const REST_REF = "./openapi.yaml#/components/schemas/";

/** Point references into openapi.yaml at the merged document's own components. */
function localise(node) {
  if (Array.isArray(node)) return node.map(localise);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === "$ref" && typeof value === "string" && value.startsWith(REST_REF)
        ? `#/components/schemas/${value.slice(REST_REF.length)}`
        : localise(value),
    ]),
  );
}

const pascal = (key) => key.charAt(0).toUpperCase() + key.slice(1);
const schemas = { ...openapi.components.schemas };
const messages = []; // [wire type, schema name]

function add(name, schema) {
  if (name in schemas) throw new Error(`asyncapi.yaml redefines the REST schema ${name}`);
  schemas[name] = localise(schema);
}

for (const [name, schema] of Object.entries(asyncapi.components.schemas)) add(name, schema);
for (const [key, message] of Object.entries(asyncapi.components.messages)) {
  const name = `${pascal(key)}Message`;
  add(name, message.payload);
  messages.push([message.name, name]);
}

const document = {
  openapi: "3.1.0",
  info: { title: asyncapi.info.title, version: asyncapi.info.version },
  paths: {},
  components: { schemas },
};
const types = astToString(await openapiTS(document));

const closeCodes = asyncapi.components.schemas.CloseCode;
const closeCodeEntries = closeCodes["x-enum-varnames"].map(
  (name, index) => `  ${name}: ${closeCodes.enum[index]},`,
);
const channel = Object.values(asyncapi.channels)[0];

writeFileSync(
  output,
  `// Generated from openapi/v0/asyncapi.yaml by scripts/generate-ws-types.mjs. Do not edit.

${types}
type Schemas = components["schemas"];

/** The address of the live channel; fill in \`session_id\` and add \`?ticket=\`. */
export const WS_CHANNEL_ADDRESS = ${JSON.stringify(channel.address)};

/** Every message of the live channel, by its \`type\`. */
export interface WsMessages {
${messages.map(([type, name]) => `  ${JSON.stringify(type)}: Schemas[${JSON.stringify(name)}];`).join("\n")}
}

export type WsMessageType = keyof WsMessages;

/** Any message the server sends, told apart by \`type\`. */
export type WsMessage = WsMessages[WsMessageType];

/** The close codes the server uses; see the contract for what each asks of the client. */
export const WS_CLOSE_CODES = {
${closeCodeEntries.join("\n")}
} as const satisfies Record<string, Schemas["CloseCode"]>;
`,
);
