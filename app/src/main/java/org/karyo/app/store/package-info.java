/**
 * The SQLite case store: patients, cases, cells (metaphase images), boxes, detection runs, users
 * and the append-only audit trail. No JavaFX here; every mutation is one committed transaction and
 * a signed-off case refuses all changes ({@link org.karyo.app.store.CaseLockedException}).
 */
package org.karyo.app.store;
