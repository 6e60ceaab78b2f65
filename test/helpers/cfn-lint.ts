// cfn-lint's ECS task-definition rules and the fargate-lint rules that report the same mistakes (the table
// at the end of ../shared/peer-tests/README.md, and test/peer/README.md).
export const CFN_LINT_ECS_RULES: Record<string, string[]> = {
  E3047: ['fargate-cpu-memory'],
  E3048: [
    'fargate-network-mode',
    'fargate-task-size-required',
    'fargate-log-driver',
    'fargate-unsupported-parameter',
    'fargate-cpu-memory',
  ],
  E3053: ['awsvpc-host-port'],
  E3042: ['essential-container'],
  E3046: ['fargate-log-driver', 'awslogs-options'],
};
