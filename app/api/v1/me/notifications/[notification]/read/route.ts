import { z } from "zod";
import { route } from "@/lib/http/route";
import { getNotificationRecipient, markNotificationRead } from "@/lib/notifications/notifications";

const params = z.object({ notification: z.uuid("Not a notification id") });

// POST /api/v1/me/notifications/{notification}/read — dismiss one of the caller's portal notices
export const POST = route(
  {
    params,
    doc: { summary: "Dismiss one of the caller's notifications", responses: { 204: "Dismissed" } },
  },
  async ({ params, authorize }) => {
    authorize("update", { kind: "notification", recipient: await getNotificationRecipient(params.notification) });
    await markNotificationRead(params.notification);
  },
);
