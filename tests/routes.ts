// The real App Router handlers, imported the way Next.js loads them.
export * as blueprintsRoute from "@/app/api/v1/blueprints/route";
export * as blueprintRoute from "@/app/api/v1/blueprints/[blueprint]/route";
export * as entitiesRoute from "@/app/api/v1/blueprints/[blueprint]/entities/route";
export * as entityRoute from "@/app/api/v1/blueprints/[blueprint]/entities/[entity]/route";
