// npm run org:deploy -- --alias <org alias> [--dry-run] [--no-publish]
import { main } from './commands';

main('deploy');
