import { defaultEnvironments, type GitopsOptions } from "@/lib/gitops/manifests/gitops-options";
import {
  languages,
  supportedFrameworks,
  templates,
  type Language,
  type ServiceSpec,
  type Template,
} from "@/lib/gitops/service-spec";

/** The reference payment service, in Slipway's spec shape. */
export function makeSpec(overrides: Partial<ServiceSpec> = {}): ServiceSpec {
  const language = overrides.language ?? "java";
  return {
    name: "payment-service",
    team: "backend-team",
    language,
    framework: supportedFrameworks[language][0] ?? "",
    template: "api-service",
    port: 8080,
    database: true,
    redis: false,
    public: true,
    image: "registry.local/payments/payment-service",
    version: "0.1.0",
    ...overrides,
  };
}

export function makeOptions(overrides: Partial<GitopsOptions> = {}): GitopsOptions {
  return {
    environments: defaultEnvironments,
    gitopsRepoUrl: "https://forgejo.local/platform/gitops.git",
    appRepoUrl: "https://forgejo.local/backend-team/payment-service.git",
    domain: "apps.example.com",
    catalogUrl: "https://slipway.example.com/catalog/service/payment-service",
    ...overrides,
  };
}

export type Combo = {
  id: string;
  template: Template;
  language: Language;
  database: boolean;
  redis: boolean;
  public: boolean;
};

/** Every template × database × redis × public; languages rotate so each meets every template. */
export function listCombos(): Combo[] {
  const combos: Combo[] = [];
  for (const template of templates) {
    for (const database of [false, true]) {
      for (const redis of [false, true]) {
        for (const isPublic of [false, true]) {
          const language = languages[(combos.length + templates.indexOf(template)) % languages.length] ?? "java";
          const flags = [database && "db", redis && "redis", isPublic && "public"].filter(Boolean).join("-") || "plain";
          combos.push({
            id: `${template}-${language}-${flags}`,
            template,
            language,
            database,
            redis,
            public: isPublic,
          });
        }
      }
    }
  }
  return combos;
}
