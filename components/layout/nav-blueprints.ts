import { cache } from "react";
import { listBlueprints } from "@/lib/catalog/blueprints";

/** The blueprints, read once per request for the navigation and the breadcrumbs both. */
export const listNavBlueprints = cache(() => listBlueprints());
