import { setup } from './postgres-global';

export default setup;
