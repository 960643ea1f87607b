// npm run peers:build:kyverno — build (or reuse) the Kyverno CLI the policy-gate comparison needs.
import { ensureGoPeer } from "./go-build";
import { kyvernoPeer } from "./recipes";

const built = await ensureGoPeer(kyvernoPeer);
console.log(`[peers] kyverno ${kyvernoPeer.version}: ${built.bin("kyverno")}`);
