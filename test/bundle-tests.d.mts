// Types of bundle-tests.mjs for the test that uses it (new-rule.test.ts).
export declare function bundleTest(file: string, outfile: string, setup?: string): Promise<void>;
