import { Document } from "yaml";

// No folding: long annotations and URLs stay on one line, which keeps diffs of later edits small.
const stringifyOptions = { lineWidth: 0, minContentWidth: 0 } as const;

/** One YAML document as file text, with an optional `#` header explaining who owns the file. */
export function toYamlFile(value: unknown, header?: string): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  if (header)
    doc.commentBefore = header
      .split("\n")
      .map((line) => ` ${line}`)
      .join("\n");
  return doc.toString(stringifyOptions);
}

/** Several YAML documents in one file (`---` between them), the header above the first. */
export function toYamlDocuments(values: readonly unknown[], header?: string): string {
  return values.map((v, i) => toYamlFile(v, i === 0 ? header : undefined)).join("---\n");
}

export { stringifyOptions };
