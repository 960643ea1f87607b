import fs from "node:fs/promises";
import path from "node:path";
import { InvalidManifestError, type ClusterPort, type ListElement, type ObjectRef } from "@/lib/cluster/cluster-port";
import { parseObjectManifest } from "@/lib/cluster/object-manifest";
import { isApplicationName, readJson, writeJsonAtomic } from "./state-store";

// Objects other than Applications in the sandbox cluster: one JSON file each, under
//   objects/<kind>/<namespace or _cluster>/<name>.json   applicationsets/<appset>/<key value>.json
// One file per ApplicationSet element, so two runs adding elements at once never lose one.

type ObjectPort = Pick<
  ClusterPort,
  "applyObject" | "getObject" | "deleteObject" | "upsertListElement" | "removeListElement" | "listListElements"
>;

export function createSandboxObjects(root: string): ObjectPort {
  const objectFile = (ref: ObjectRef) => {
    if (!isApplicationName(ref.name) || (ref.namespace && !isApplicationName(ref.namespace)) || !/^\w+$/.test(ref.kind))
      throw new InvalidManifestError(`Not a valid object reference: ${ref.kind} ${ref.name}`);
    return path.join(root, "objects", ref.kind, ref.namespace ?? "_cluster", `${ref.name}.json`);
  };
  const elementDir = (appSet: string) => {
    if (!isApplicationName(appSet)) throw new InvalidManifestError(`Not an ApplicationSet name: ${appSet}`);
    return path.join(root, "applicationsets", appSet);
  };
  const elementFile = (appSet: string, value: string) => {
    if (!isApplicationName(value)) throw new InvalidManifestError(`Not a list element key: ${value}`);
    return path.join(elementDir(appSet), `${value}.json`);
  };

  return {
    async applyObject(manifest) {
      const object = parseObjectManifest(manifest);
      const ref: ObjectRef = {
        apiVersion: object.apiVersion as string,
        kind: object.kind as string,
        name: object.metadata.name as string,
        ...(typeof object.metadata.namespace === "string" ? { namespace: object.metadata.namespace } : {}),
      };
      await writeJsonAtomic(objectFile(ref), object);
      return ref;
    },
    getObject: (ref) => readJson<Record<string, unknown>>(objectFile(ref)),
    async deleteObject(ref) {
      await fs.rm(objectFile(ref), { force: true });
    },
    async upsertListElement(appSet, key, element) {
      const value = element[key];
      if (!value) throw new InvalidManifestError(`List element has no ${key}`);
      await writeJsonAtomic(elementFile(appSet, value), element);
    },
    async removeListElement(appSet, _key, value) {
      await fs.rm(elementFile(appSet, value), { force: true });
    },
    async listListElements(appSet) {
      const dir = elementDir(appSet);
      const files = (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".json")).sort();
      const elements = await Promise.all(files.map((f) => readJson<ListElement>(path.join(dir, f))));
      return elements.filter((e): e is ListElement => e !== null);
    },
  };
}
