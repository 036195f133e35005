package workshop.cli.grade;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One entry of the submissions folder: a learner's directory or a {@code .zip} of one, with or without
 * one top-level folder. Its name (without {@code .zip}) is the learner's id.
 */
record SubmissionFolder(String learner, Path entry) {

    private static final long MAX_UNZIPPED_BYTES = 200L * 1024 * 1024;
    private static final int MAX_ZIP_ENTRIES = 20_000;

    /** What could be opened: the folder that holds the exercise folders, or why there is none. */
    record Opened(Path root, String problem) {
    }

    static List<SubmissionFolder> list(Path submissions) throws IOException {
        try (Stream<Path> entries = Files.list(submissions)) {
            return entries.filter(entry -> !entry.getFileName().toString().startsWith("."))
                    .filter(entry -> !entry.getFileName().toString().equals("__MACOSX"))
                    .sorted()
                    .map(entry -> new SubmissionFolder(learnerId(entry), entry))
                    .toList();
        }
    }

    private static String learnerId(Path entry) {
        String name = entry.getFileName().toString();
        return Files.isRegularFile(entry) && name.toLowerCase().endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
    }

    /** Opens the submission, unzipping it into {@code scratch} if it is a file. */
    Opened open(Path scratch) {
        Path base;
        if (Files.isDirectory(entry)) {
            base = entry;
        } else {
            try {
                base = unzip(entry, scratch.resolve("unzipped"));
            } catch (IOException | IllegalArgumentException e) {
                return new Opened(null, "not a readable zip file (" + entry.getFileName() + ": " + e.getMessage() + ")");
            }
        }
        Path root = exerciseHolder(base, 3);
        if (root == null) {
            return new Opened(null, "empty submission: no exercise-NN-* folder in it");
        }
        return new Opened(root, null);
    }

    /** The folder holding {@code exercise-*} folders, descending through single top-level folders. */
    private static Path exerciseHolder(Path dir, int depth) {
        try (Stream<Path> children = Files.list(dir)) {
            List<Path> folders = children.filter(child -> Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS))
                    .filter(child -> !child.getFileName().toString().startsWith("."))
                    .filter(child -> !child.getFileName().toString().equals("__MACOSX"))
                    .toList();
            if (folders.stream().anyMatch(f -> f.getFileName().toString().matches("exercise-\\d\\d-.+"))) {
                return dir;
            }
            return folders.size() == 1 && depth > 0 ? exerciseHolder(folders.getFirst(), depth - 1) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Path unzip(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        long total = 0;
        int count = 0;
        boolean any = false;
        try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
            byte[] buffer = new byte[8192];
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                any = true;
                if (++count > MAX_ZIP_ENTRIES) {
                    throw new IOException("more than " + MAX_ZIP_ENTRIES + " entries");
                }
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry " + entry.getName() + " points outside the zip's folder");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (var out = Files.newOutputStream(target)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        total += n;
                        if (total > MAX_UNZIPPED_BYTES) {
                            throw new IOException("it unpacks to more than " + MAX_UNZIPPED_BYTES / (1024 * 1024) + " MB");
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
        }
        if (!any) {
            throw new IOException("no zip entries found");
        }
        return into;
    }
}
