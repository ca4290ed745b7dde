package org.karyo.app.store;

import java.util.List;

/** What {@link Cells#importFolder} did: the cells added, and one message per file it refused. */
public record FolderImport(List<Cell> imported, List<String> problems) {

    public FolderImport {
        imported = List.copyOf(imported);
        problems = List.copyOf(problems);
    }
}
