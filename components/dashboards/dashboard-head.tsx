import { Card, PageHeader } from "@/components/ui/page-header";
import { DashboardFilters, PeriodSwitch, type FilterOptions } from "./dashboard-filters";
import { DASHBOARDS, DashboardTabs } from "./dashboard-nav";

/**
 * What every dashboard opens with: title, tabs, the filter form, the 7/30/90-day switch where the
 * view has a period, and the message when the requested period could not be used.
 */
export function DashboardHead({
  slug,
  subtitle,
  params,
  options,
  periodSwitch = false,
  problem = null,
}: {
  slug: (typeof DASHBOARDS)[number]["slug"];
  subtitle: string;
  params: URLSearchParams;
  options: FilterOptions;
  periodSwitch?: boolean;
  problem?: string | null;
}) {
  const base = `/dashboards/${slug}`;
  return (
    <>
      <PageHeader title="Dashboards" subtitle={subtitle} />
      <DashboardTabs current={slug} />
      <Card className="mb-4">
        <DashboardFilters action={base} params={params} options={options} />
      </Card>
      {periodSwitch ? <PeriodSwitch base={base} params={params} /> : null}
      {problem ? (
        <p role="alert" className="mb-4 text-sm text-red-700">
          {problem}
        </p>
      ) : null}
    </>
  );
}
