// Loaded before every test file (test/run-tests.mjs passes it with --import): what the node entry points
// (node/main.ts, cli/main.ts) set up first, so tests that use the core directly read the IAM data too.
import { setIamDataReader } from '../../server/src/core/iam/data';
import { nodeIamDataReader } from '../../server/src/node/iam-data';

setIamDataReader(nodeIamDataReader());
