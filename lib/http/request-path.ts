/** Set by proxy.ts on every page request: the path asked for, which a 404 page names. */
export const REQUEST_PATH_HEADER = "x-slipway-path";
