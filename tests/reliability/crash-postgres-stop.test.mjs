// Crash suite (crash-suite.mjs): postgres, PostgreSQL stopped with pg_ctl -m immediate, then started again.
import { crashTest } from './crash-suite.mjs';

crashTest({ engine: 'postgres', mode: 'pg-stop' });
