// npm run db:migrate — apply SQL migrations to DATABASE_URL (or the embedded database) and exit.
import { prepareDatabase } from "@/lib/db/bootstrap";

const db = await prepareDatabase((l) => console.log(l));
console.log("Migrations applied.");
await db.embedded?.stop();
