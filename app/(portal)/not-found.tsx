import { NotFoundMessage } from "@/components/layout/not-found-message";

// Inside the portal (navigation kept) for pages that call notFound().
export default function PortalNotFound() {
  return <NotFoundMessage />;
}
