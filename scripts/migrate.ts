// npm run db:migrate — apply SQL migrations to DATABASE_URL (or the embedded database) and exit.
import { prepareDatabase } from "@/lib/db/bootstrap";

const db = await prepareDatabase((l) => console.log(l));
console.log("Migrations applied.");
// A server another process owns (a running `npm start`) stays up.
if (db.embedded && !db.embedded.reused) await db.embedded.stop();
