export { builtKustomizePath, KUSTOMIZE_VERSION, locateKustomize, type Located } from "./locate";
export { kustomizeCommand, renderKustomization } from "./render";
