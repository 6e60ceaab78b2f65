/**
 * In the web workbench (code-server) the extension host's console is forwarded mixed with the workbench's
 * own messages; the suite's lines carry this prefix so the runner can show them alone. Desktop VS Code
 * prints the extension host's console as it is, so no prefix there.
 */
export const OUTPUT_MARKER = '[fargate-lint-suite] ';
