import { isMap, isScalar, isSeq, type Document, type YAMLMap } from "yaml";
import { AppError } from "@/lib/errors";
import { imageTagSchema } from "../service-spec";
import { parseYamlFile, printYamlFile, readScalarText } from "./yaml-doc";

const file = "kustomization.yaml";

function findImageIndex(doc: Document, image: string): number {
  const images = doc.get("images", true);
  if (images === undefined || (isScalar(images) && images.value === null)) return -1;
  if (!isSeq(images)) throw new AppError("conflict", `${file}: \`images\` is not a list`);
  return images.items.findIndex((item) => isMap(item) && (item as YAMLMap).get("name") === image);
}

/** The overlay's tag for `image`, or null when the overlay does not pin one. */
export function readImageTag(kustomizationYaml: string, image: string): string | null {
  const doc = parseYamlFile(kustomizationYaml, file);
  const index = findImageIndex(doc, image);
  return index < 0 ? null : readScalarText(doc, ["images", index, "newTag"]);
}

/**
 * Pins `image` to `tag` in an overlay's kustomization, leaving comments and every other entry as
 * they are. A digest on the same entry is dropped: kustomize would let it win over the tag.
 */
export function setImageTag(kustomizationYaml: string, image: string, tag: string): string {
  const parsedTag = imageTagSchema.safeParse(tag);
  if (!parsedTag.success)
    throw new AppError("validation", "Invalid image tag", { tag: parsedTag.error.issues.map((i) => i.message) });
  const doc = parseYamlFile(kustomizationYaml, file);
  if (!isMap(doc.contents)) throw new AppError("conflict", `${file} is not a mapping`);
  const index = findImageIndex(doc, image);
  if (index < 0) {
    const images = doc.get("images", true);
    const entry = doc.createNode({ name: image, newTag: tag });
    if (isSeq(images)) images.add(entry);
    else doc.set("images", doc.createNode([entry]));
  } else {
    doc.setIn(["images", index, "newTag"], tag);
    doc.deleteIn(["images", index, "digest"]);
  }
  return printYamlFile(doc);
}
