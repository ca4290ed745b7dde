package org.karyo.app.store;

/** A change was attempted on a signed-off case. */
public class CaseLockedException extends StoreException {

    public CaseLockedException(String accession) {
        super("Case " + accession + " is signed off; reopen it to change it");
    }
}
