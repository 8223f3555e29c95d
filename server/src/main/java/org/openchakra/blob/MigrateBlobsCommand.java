package org.openchakra.blob;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openchakra.OpenChakraApplication;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code ./openchakra migrate-blobs --to <filesystem|postgres|s3> [--keep-source]}: moves every blob to
 * that store (see {@link BlobMigration}), printing progress and a summary on standard output. Runs while
 * the servers run: they read each blob from wherever it is recorded at the time. Exits 0 when every blob
 * is in the store, 1 when some were left behind (listed), 2 for a bad command line.
 */
@Component
@Profile(OpenChakraApplication.MIGRATE_BLOBS_COMMAND)
class MigrateBlobsCommand implements CommandLineRunner, ExitCodeGenerator {

    private final BlobMigration migration;
    private final BlobCatalog catalog;
    private int exitCode;

    MigrateBlobsCommand(BlobMigration migration, BlobCatalog catalog) {
        this.migration = migration;
        this.catalog = catalog;
    }

    @Override
    public void run(String... args) {
        List<String> arguments = Arrays.asList(args);
        Optional<BlobStoreType> to = option(arguments, "--to").flatMap(BlobStoreType::of);
        if (to.isEmpty()) {
            System.err.println(
                    "Usage: openchakra migrate-blobs --to <" + String.join("|", names()) + "> [--keep-source]");
            exitCode = 2;
            return;
        }
        System.out.println("Blobs by store before: " + catalog.counts());
        BlobMigration.Outcome outcome;
        try {
            outcome = migration.moveAll(to.get(), arguments.contains("--keep-source"), System.out::println);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            exitCode = 2;
            return;
        }
        System.out.println("Moved " + outcome.moved() + " blobs (" + outcome.bytes() + " bytes) to the "
                + to.get().value() + " store; " + outcome.leftBehind().size() + " left where they were.");
        System.out.println("Blobs by store after: " + catalog.counts());
        exitCode = outcome.leftBehind().isEmpty() ? 0 : 1;
    }

    private static List<String> names() {
        return Arrays.stream(BlobStoreType.values()).map(BlobStoreType::value).toList();
    }

    private static Optional<String> option(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).startsWith(name + "=")) {
                return Optional.of(args.get(i).substring(name.length() + 1));
            }
            if (args.get(i).equals(name) && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
        }
        return Optional.empty();
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
