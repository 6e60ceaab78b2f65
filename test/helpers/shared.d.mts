// Types of shared.mjs for the test files.
export declare const SHARED: string;
export declare const REQUIRE_SHARED: string;
export declare const HOW_TO_RUN_SHARED: string;
/**
 * The `skip` option of a test that reads `SHARED/...parts`: false when it exists, the reason when it does not.
 * When FARGATE_LINT_REQUIRE_SHARED is set, a missing folder throws instead, which fails the test file.
 */
export declare function skipWithoutShared(...parts: string[]): string | false;
