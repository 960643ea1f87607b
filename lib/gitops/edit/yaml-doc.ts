import { isScalar, parseDocument, type Document } from "yaml";
import { AppError } from "@/lib/errors";
import { stringifyOptions } from "../yaml-file";

/** A file from the GitOps repo; someone may have hand-edited it into something we cannot parse. */
export function parseYamlFile(text: string, file: string): Document.Parsed {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new AppError("conflict", `${file} is not valid YAML: ${doc.errors[0]?.message ?? "parse error"}`);
  }
  return doc;
}

export function printYamlFile(doc: Document): string {
  return doc.toString(stringifyOptions);
}

/** Scalar text as written: `newTag: 1.10` must read as "1.10", not the number 1.1. */
export function readScalarText(doc: Document, path: unknown[]): string | null {
  const node = doc.getIn(path, true);
  if (!isScalar(node) || node.value === null || node.value === undefined) return null;
  return node.source ?? String(node.value);
}
