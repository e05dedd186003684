package io.starling.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a configuration file line by line into a {@link ConfigDraft}, following
 * {@code include_dir} the way Mosquitto does: only from the main file, loading the directory's
 * {@code *.conf} files in {@link MosquittoFileOrder}, each completely, at the place of the line.
 */
final class ConfigFileReader {

    private static final Logger LOG = LoggerFactory.getLogger("io.starling.config");

    private final ConfigDraft draft;
    private final Path mainFile;

    ConfigFileReader(ConfigDraft draft, Path mainFile) {
        this.draft = draft;
        this.mainFile = mainFile;
    }

    void readMain() throws ConfigException {
        read(mainFile, true);
    }

    private void read(Path file, boolean main) throws ConfigException {
        OptionApplier applier = new OptionApplier(draft);
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
            ConfigLine line = ConfigLine.parse(file, i + 1, lines.get(i));
            if (line == null) {
                continue;
            }
            if (line.option().equals("include_dir")) {
                includeDir(line, main);
            } else {
                applier.apply(line);
            }
        }
    }

    private static List<String> lines(Path file) throws ConfigException {
        if (Files.isDirectory(file)) {
            throw new ConfigException(file, 0, null, "config file is a directory");
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new ConfigException(file, 0, null, "malformed UTF-8 in config file");
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, null, "unable to open config file: no such file");
        } catch (IOException e) {
            throw new ConfigException(file, 0, null, "unable to open config file: " + e);
        }
    }

    private void includeDir(ConfigLine line, boolean main) throws ConfigException {
        String value = line.wholeText();
        if (!main) {
            LOG.warn("{}: include_dir ignored: as in Mosquitto, only the main config file may include"
                    + " others", line.where());
            return;
        }
        for (Path included : confFiles(line, value)) {
            if (isSameFile(included, mainFile)) {
                throw line.error("include_dir '" + value + "' must not contain the main config file");
            }
            LOG.info("Loading config file {}", included);
            read(included, false);
        }
    }

    /** The {@code *.conf} entries of the directory, in the order Mosquitto loads them. */
    private static List<Path> confFiles(ConfigLine line, String value) throws ConfigException {
        List<String> names = new ArrayList<>();
        Path dir;
        try {
            dir = Path.of(value);
        } catch (InvalidPathException e) {
            throw line.error("invalid include_dir path '" + value + "'");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            entries.map(p -> p.getFileName().toString())
                    // case-sensitive, and ".conf" alone is not a config file name
                    .filter(name -> name.endsWith(".conf") && name.length() > ".conf".length())
                    .forEach(names::add);
        } catch (IOException e) {
            throw line.error("unable to open include_dir '" + value + "'");
        }
        names.sort(MosquittoFileOrder.INSTANCE);
        return names.stream().map(dir::resolve).toList();
    }

    private static boolean isSameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
