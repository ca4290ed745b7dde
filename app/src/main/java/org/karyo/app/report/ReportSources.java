package org.karyo.app.report;

import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds the case store for {@code karyo report}: a provider set here (the application or a test
 * installs one), else the first {@link ReportSourceProvider} service on the class path. Empty when
 * neither exists yet, so the command can say "no case store" instead of failing.
 */
public final class ReportSources {

    private static volatile ReportSourceProvider installed;

    private ReportSources() {}

    /** Installs (or with null removes) the provider used before any ServiceLoader service. */
    public static void install(ReportSourceProvider provider) {
        installed = provider;
    }

    public static Optional<ReportSourceProvider> provider() {
        ReportSourceProvider p = installed;
        if (p != null) {
            return Optional.of(p);
        }
        Iterator<ReportSourceProvider> it =
                ServiceLoader.load(ReportSourceProvider.class).iterator();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }

    /** The source on {@code db} (null: the default store), or empty when no case store is available. */
    public static Optional<ReportSource> open(String db) throws IOException {
        Optional<ReportSourceProvider> p = provider();
        return p.isEmpty() ? Optional.empty() : Optional.ofNullable(p.get().open(db));
    }
}
