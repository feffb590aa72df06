// `relais import ledger` on the sample files (docs/import.md): the dry run checks and writes
// nothing; the import creates the lines, a second import leaves them unchanged, a corrected line is
// updated by its reference; a file with an unknown tenant or a bad cell is refused as a whole, with
// the line and column of every problem, and nothing of it is kept (exit status 1).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { freshDatabase, runRelais } from './harness.mjs';

let database;
const header = 'reference_ligne;reference_locataire;date;nature;montant;mode_paiement;libelle\n';

before(async () => {
  database = await freshDatabase();
  await runRelais(['organisation', 'add', '--name', 'Manche Habitat', '--siren', '732829320'], { database: database.url });
  await runRelais(['import', 'stock', 'docs/samples/stock.csv'], { database: database.url });
  await runRelais(['import', 'households', 'docs/samples/households.csv'], { database: database.url });
});
after(async () => {
  if (database) await database.drop();
});

function tempFile(name) {
  return join(database.url.startsWith('sqlite://') ? database.url.slice(9, -'relais.db'.length) : '/tmp', `${name}-${process.pid}.csv`);
}
const importLedger = (file, extra = []) => runRelais(['import', 'ledger', file, ...extra], { database: database.url });

test('dry run, import, re-import, correction by reference', async () => {
  const dry = await importLedger('docs/samples/ledger.csv', ['--dry-run']);
  assert.match(dry.stdout, /Vérification seule \(rien n'a été écrit\) : 13 ligne\(s\) créée\(s\), 0 mise\(s\) à jour, 0 inchangée\(s\)/);
  const done = await importLedger('docs/samples/ledger.csv');
  assert.match(done.stdout, /Import terminé : 13 ligne\(s\) créée\(s\), 0 mise\(s\) à jour, 0 inchangée\(s\)/);
  const again = await importLedger('docs/samples/ledger.csv');
  assert.match(again.stdout, /Import terminé : 0 ligne\(s\) créée\(s\), 0 mise\(s\) à jour, 13 inchangée\(s\)/);
  const file = tempFile('corrige');
  await writeFile(file, `${header}E2026-09-000117;LOC-000117;12/09/2026;paiement;210,00;chèque;Chèque n° 1234567\n`);
  const corrected = await importLedger(file);
  assert.match(corrected.stdout, /0 ligne\(s\) créée\(s\), 1 mise\(s\) à jour, 0 inchangée\(s\)/);
});

test('an unknown tenant or a bad cell refuses the whole file, and nothing of it is kept', async () => {
  const file = tempFile('refuse');
  await writeFile(file, `${header}N1;LOC-000101;01/10/2026;loyer;281,30;;\nN2;LOC-999999;01/10/2026;loyer;100;;\n`);
  await assert.rejects(importLedger(file), (e) => {
    assert.match(e.message, /line 3, column reference_locataire: locataire inconnu « LOC-999999 »/);
    assert.match(e.message, /fichier refusé, 1 erreur\(s\) ; rien n'a été importé/);
    return true;
  });
  await writeFile(file, `${header}N1;LOC-000101;31/09/2026;loyer;281,30;;\nN2;LOC-000101;01/10/2026;paiement;100;;\n`);
  await assert.rejects(importLedger(file), (e) => {
    assert.match(e.message, /line 2, column date/);
    assert.match(e.message, /line 3, column mode_paiement: mode de paiement manquant pour un paiement/);
    assert.match(e.message, /fichier refusé, 2 erreur\(s\) ; rien n'a été importé/);
    return true;
  });
  // N1 was not kept by the refused files: importing it alone creates it.
  await writeFile(file, `${header}N1;LOC-000101;01/10/2026;loyer;281,30;;\n`);
  assert.match((await importLedger(file)).stdout, /1 ligne\(s\) créée\(s\)/);
});
