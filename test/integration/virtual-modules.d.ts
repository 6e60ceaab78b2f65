// Modules that build.mjs generates while bundling the suite.
declare module 'virtual:integration-test-files' {
  /** [file name, loader] for every suite/*.test.ts, in name order; a loader evaluates its file once. */
  export const testFiles: [string, () => unknown][];
}

/** Which build of the suite this is (build.mjs): the desktop extension host's or the browser's. */
declare const FARGATE_LINT_SUITE_PLATFORM: 'node' | 'browser';
