export { builtKustomizePath, KUSTOMIZE_VERSION, locateKustomize, peersCacheDir, type Located } from "./locate";
export { kustomizeCommand, renderKustomization } from "./render";
