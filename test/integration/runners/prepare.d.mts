// Types of prepare.mjs for the TypeScript runner (run-electron.ts).
export declare const ROOT: string;
export declare const FIXTURE_WORKSPACE: string;
export interface Prepared {
  /** Temporary folder holding the unpacked .vsix and the workspace copy. */
  temp: string;
  /** The unpacked package's extension/ folder: extensionDevelopmentPath. */
  extensionPath: string;
  /** The bundled suite: extensionTestsPath. */
  testsPath: string;
  /** A fresh copy of test/integration/fixtures/workspace. */
  workspacePath: string;
  cleanup(): void;
}
export declare function packageExtension(): string;
export declare function unzip(zipFile: string, target: string): Promise<string[]>;
export declare function prepare(): Promise<Prepared>;
export declare function writeUserSettings(userDataDir: string): void;
