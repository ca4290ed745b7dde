/** The JavaFX review workstation and its SQLite case store (issue 5). The only module that imports JavaFX. */
package org.karyo.app;
