import { fileURLToPath } from 'node:url';

/**
 * The folder of the gRPC contracts (packages/contracts/proto): promotion's own
 * API and Dapr's AppCallback. The same path from src/ and from dist/.
 */
export const protoDir = fileURLToPath(new URL('../proto/', import.meta.url));
