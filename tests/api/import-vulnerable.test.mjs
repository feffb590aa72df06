// `relais import vulnerable` on the sample files (docs/import.md): the dry run reports and writes
// nothing; the import records the town register factor for the matched members, reports the
// unmatched rows with their line, and the profiles read through the API show it; a malformed file
// is refused as a whole (exit status 1).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { addUser, freshDatabase, runRelais, startServer } from './harness.mjs';

let database;
let server;
let agent;

before(async () => {
  database = await freshDatabase();
  const { stdout } = await runRelais(['organisation', 'add', '--name', 'Manche Habitat', '--siren', '732829320'], { database: database.url });
  const organisation = Number(stdout.trim().split(/\s+/).pop());
  await runRelais(['import', 'stock', 'docs/samples/stock.csv'], { database: database.url });
  await runRelais(['import', 'households', 'docs/samples/households.csv'], { database: database.url });
  const account = await addUser(database, { email: 'agent@example.fr', password: 'registre de la mairie', roles: ['call_agent'], organisation });
  server = await startServer({ database });
  agent = server.client();
  await agent.login(account);
});
after(async () => {
  if (server) await server.stop();
  if (database) await database.drop();
});

async function heleneProfile() {
  const hit = (await agent.get('/api/v1/households/search?q=LOC-000101')).body.items[0];
  assert.ok(hit, 'the sample household LOC-000101');
  const res = await agent.get(`/api/v1/households/${hit.id}/vulnerability`);
  assert.equal(res.status, 200, res.text);
  return res.body.items.find((p) => p.first_name === 'Hélène');
}

test('the dry run reports every row and writes nothing; the import records the matched members', async () => {
  const dry = await runRelais(['import', 'vulnerable', 'docs/samples/vulnerable.csv', '--dry-run'], { database: database.url });
  assert.match(dry.stdout, /Vérification seule \(rien n'a été écrit\) : 3 personne\(s\) rapprochée\(s\), 2 ligne\(s\) non rapprochée\(s\)/);
  assert.match(dry.stderr, /line 5: non rapprochée : aucun membre/);
  assert.match(dry.stderr, /line 6: non rapprochée : « handicap » est une donnée de santé/);
  assert.equal((await heleneProfile()).recorded, false);

  const done = await runRelais(['import', 'vulnerable', 'docs/samples/vulnerable.csv'], { database: database.url });
  assert.match(done.stdout, /Import terminé : 3 personne\(s\) rapprochée\(s\), 2 ligne\(s\) non rapprochée\(s\)/);
  const helene = await heleneProfile();
  assert.deepEqual(helene.factors.map((f) => [f.factor, f.source]).sort(), [
    ['lives_alone', 'town_register_import'], ['no_relative_nearby', 'town_register_import'], ['town_register', 'town_register_import'],
  ]);
  assert.match(helene.computed.summary, /inscrit·e au registre de la mairie/);
});

test('a malformed file is refused as a whole, every problem with its line and column', async () => {
  const file = join(database.url.startsWith('sqlite://') ? database.url.slice(9, -'relais.db'.length) : '/tmp', `registre-${process.pid}.csv`);
  await writeFile(file, 'nom;prenom;date_naissance;adresse\nDupont;Marie;31/02/1940;1 rue Haute\n;Paul;01/01/1940;2 rue Basse\n');
  await assert.rejects(runRelais(['import', 'vulnerable', file], { database: database.url }), (e) => {
    assert.match(e.message, /\(1\)/);
    assert.match(e.message, /line 2, column date_naissance/);
    assert.match(e.message, /line 3, column nom: nom manquant/);
    assert.match(e.message, /fichier refusé, 2 erreur\(s\) ; rien n'a été importé/);
    return true;
  });
});
