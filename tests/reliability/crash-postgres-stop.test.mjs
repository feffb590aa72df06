// Crash suite (crash-suite.mjs): postgres, PostgreSQL stopped with pg_ctl -m immediate, then started
// again under the same relais serve, which must reconnect by itself (issue 3, "Faults").
import { crashTest } from './crash-suite.mjs';

crashTest({ engine: 'postgres', mode: 'pg-stop', keepServer: true });
