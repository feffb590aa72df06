// Crash suite (crash-suite.mjs): postgres, relais serve killed with SIGKILL.
import { crashTest } from './crash-suite.mjs';

crashTest({ engine: 'postgres', mode: 'kill' });
