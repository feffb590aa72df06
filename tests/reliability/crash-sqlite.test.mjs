// Crash suite (crash-suite.mjs): sqlite, relais serve killed with SIGKILL.
import { crashTest } from './crash-suite.mjs';

crashTest({ engine: 'sqlite', mode: 'kill' });
