// `mocha` for the suite files in the browser bundle: the browser build of mocha defines suite(), test(),
// ... as globals once set up (web/index.ts); these forward to them, so the suite files import them as on
// the desktop.
type Fn = (...args: unknown[]) => unknown;
const global = (name: string): Fn => (globalThis as unknown as Record<string, Fn>)[name];

export const suite = (...args: unknown[]) => global('suite')(...args);
export const test = (...args: unknown[]) => global('test')(...args);
export const suiteSetup = (...args: unknown[]) => global('suiteSetup')(...args);
export const suiteTeardown = (...args: unknown[]) => global('suiteTeardown')(...args);
export const setup = (...args: unknown[]) => global('setup')(...args);
export const teardown = (...args: unknown[]) => global('teardown')(...args);
