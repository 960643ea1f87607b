import { wire } from "@/lib/wiring";

// Test files call routes and lib/runs directly, without a start-up: wire them as the entry points do.
wire();
