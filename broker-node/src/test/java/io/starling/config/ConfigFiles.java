package io.starling.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes configuration text to files in a test's temporary directory, and reads parsed configurations. */
final class ConfigFiles {

    private ConfigFiles() {
    }

    static Path write(Path dir, String name, String... lines) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", lines) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The listeners as parsed, their security options left out: those are tested on their own. */
    static List<ListenerConfig> listenersWithoutSecurity(BrokerConfig config) {
        return config.listeners().stream().map(l -> l.withSecurity(SecurityConfig.open())).toList();
    }
}
