// npm run org:setup -- --alias <org alias> [--dry-run] [--duration-days N] [--dev-hub ALIAS]
import { main } from './commands';

main('setup');
