// npm run org:seed -- --alias <org alias> [--dry-run]
import { main } from './commands';

main('seed');
