package org.karyo.app.cli.cases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.karyo.app.imports.FolderScan;
import org.karyo.app.imports.MetaphaseScreen;
import org.karyo.app.store.CaseRecord;
import org.karyo.app.store.Cell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code karyo case import ACCESSION FILES...}: imports images and folders (sub-folders too,
 * hidden ones skipped; any letter case of png/tif/tiff/jpg/jpeg/bmp). Each file is screened
 * (tiny, blank, screenshot) and checked as in the window; refusals are listed with reasons.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Imports metaphase images (files or folders) into a case; says what was refused and why.")
final class CaseImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACCESSION", description = "the case")
    String accession;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "image files or folders")
    List<Path> files;

    @Mixin
    CaseCommand.StoreOptions store;

    @Override
    public Integer call() {
        return CaseCommand.withStore(spec, store, (ws, out, err) -> {
            CaseRecord c = CaseCommand.require(ws, accession);
            List<Path> todo = new ArrayList<>();
            for (Path p : files) {
                if (Files.isDirectory(p)) {
                    FolderScan scan = FolderScan.of(p);
                    out.println(p + ": " + scan.describe());
                    scan.images().forEach(f -> todo.add(f.file()));
                } else {
                    todo.add(p);
                }
            }
            int added = 0;
            List<String> refused = new ArrayList<>();
            for (Path f : todo) {
                try {
                    Optional<String> no = MetaphaseScreen.refuse(f);
                    if (no.isPresent()) {
                        refused.add(no.get());
                        continue;
                    }
                    Cell cell = ws.store().cells().importImage(c.id(), f);
                    added++;
                    out.println("cell " + cell.ordinal() + ": " + cell.label() + " (" + cell.width() + " x "
                            + cell.height() + " px)");
                } catch (RuntimeException e) {
                    refused.add(f.getFileName() + ": " + e.getMessage());
                }
            }
            refused.forEach(r -> err.println("refused: " + r));
            out.println(added + " of " + todo.size() + " images imported into " + c.accession()
                    + (refused.isEmpty() ? "" : "; " + refused.size() + " refused"));
            return added == 0 || !refused.isEmpty() ? CaseCommand.FAILED : CaseCommand.OK;
        });
    }
}
