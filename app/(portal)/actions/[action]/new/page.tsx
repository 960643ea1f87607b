import { RunForm } from "@/components/actions/run-form";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-user";
import { can, forbiddenMessage, type Resource } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";
import { getEntity } from "@/lib/catalog/entity-lookup";
import { loadEntityFormOptions } from "@/lib/catalog/form-options";
import { listEntities } from "@/lib/catalog/search";
import { loadOr404, toUrlSearchParams, type RawSearchParams } from "@/lib/http/page-params";
import { getAction } from "@/lib/runs/action-mirror";
import { inputSchemaFor } from "@/lib/runs/input-options";

type Props = { params: Promise<{ action: string }>; searchParams: Promise<RawSearchParams> };

// The picker is a hint only; any identifier may be typed.
const ENTITY_OPTION_CAP = 200;

export default async function NewRunPage({ params, searchParams }: Props) {
  const { action: id } = await params;
  const entityParam = toUrlSearchParams(await searchParams).get("entity");
  const user = await requirePageUser();
  const action = await loadOr404(() => getAction(id));
  const needsEntity = action.trigger !== "create";
  const entity = needsEntity && entityParam ? await loadOr404(() => getEntity(action.blueprint, entityParam)) : null;

  // With the entity known, its team counts too (the same check the API makes on submit).
  const resource: Resource = {
    kind: "action",
    id: action.id,
    allowedRoles: action.executeRoles as Role[],
    team: entity?.team ?? null,
  };
  if (!can(user, "execute", resource))
    return (
      <>
        <PageHeader title={`${action.title}: not available to you`} subtitle={action.description} />
        <Card>
          <p role="alert" className="text-sm text-slate-700" data-testid="refusal-reason">
            {forbiddenMessage("execute", resource, user)}.
          </p>
          <p className="mt-2 text-sm text-slate-500">
            Your roles and teams come from your identity provider groups (see{" "}
            <Link className="text-indigo-700 hover:underline" href="/me">
              your profile
            </Link>
            ).{" "}
            {entity ? (
              <Link
                className="text-indigo-700 hover:underline"
                href={`/catalog/${action.blueprint}/${entity.identifier}`}
              >
                Back to {entity.title}
              </Link>
            ) : null}
          </p>
        </Card>
      </>
    );

  const entityOptions =
    needsEntity && !entity
      ? (
          await listEntities(action.blueprint, { limit: ENTITY_OPTION_CAP, sort: "identifier", order: "asc" })
        ).items.map((e) => e.identifier)
      : [];
  const { teams } = await loadEntityFormOptions(null);
  const inputSchema = await inputSchemaFor(
    action.id,
    action.inputSchema,
    entity ? { blueprint: action.blueprint, identifier: entity.identifier } : null,
    user.email,
  );
  return (
    <>
      <PageHeader title={action.title} subtitle={action.description} />
      <Card>
        <RunForm
          action={{
            id: action.id,
            title: action.title,
            blueprint: action.blueprint,
            trigger: action.trigger,
            inputSchema,
          }}
          entity={entity ? { identifier: entity.identifier, title: entity.title } : null}
          entityOptions={entityOptions}
          teams={{ all: teams, mine: user.teams }}
        />
      </Card>
    </>
  );
}
