// npm run org:validate -- --alias <org alias> [--dry-run]
import { main } from './commands';

main('validate');
