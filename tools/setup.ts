// `npm run setup`: provisions the runtime only (daprd, Dapr CLI, Kafka jars, Redis, PostgreSQL).
import { provision } from './provision.ts';

await provision();
