// npm run org:preflight -- --alias <org alias> [--dry-run]
import { main } from './commands';

main('preflight');
