// Stand-in for Next's `server-only` marker package under vitest.
export {};
