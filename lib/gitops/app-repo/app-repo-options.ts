export type AppRepoOptions = {
  // Baked into the pipeline when known; otherwise the pipeline reads the GITOPS_REPO_URL variable.
  gitopsRepoUrl?: string;
  // The overlay the pipeline pins to every build of main.
  devEnvironment?: string;
};

/** The registry host of an image name, as `docker login` wants it (Docker Hub when none is named). */
export function getRegistryHost(image: string): string {
  const first = image.split("/")[0] ?? "";
  const isHost = image.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  return isHost ? first : "docker.io";
}
