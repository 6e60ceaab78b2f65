// The Node options VS Code's client starts the language server with (client/src/node/main.ts), and the
// bench starts it with to measure what VS Code users get (bench/cases/20-server.mjs).
//
// A young generation (V8's semi-spaces) of at most 2 MiB: the server's allocations are short-lived (a parse
// and its findings per document version), and V8's default lets the young generation grow to 16 MiB per
// semi-space and keep it. Measured with 200 open documents (npm run bench, 20-server, load 2-5, 2026-12-02):
// RSS 159-161 MiB by default, 140-141 MiB with this; edit-to-diagnostics and the 2,000-edit burst stayed
// within their run-to-run spread. A command-line option, read when V8 starts, not a flag changed while it
// runs (v8.setFlagsFromString, whose effect after start-up Node leaves undefined).
export const SERVER_NODE_ARGS: readonly string[] = ['--max-semi-space-size=2'];
