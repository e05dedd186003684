package io.starling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The message is what main prints before exiting with status 1. */
class ConfigExceptionTest {

    @Test
    void messageIsFileLineReason() {
        ConfigException e = new ConfigException(Path.of("/etc/starling/starling.conf"), 12, "foo_bar",
                "unknown option 'foo_bar'");

        assertEquals("/etc/starling/starling.conf:12: unknown option 'foo_bar'", e.getMessage());
        assertEquals("foo_bar", e.option());
        assertEquals("unknown option 'foo_bar'", e.reason());
    }

    @Test
    void messageWithoutLineIsFileReason() {
        ConfigException e = new ConfigException(Path.of("/etc/starling/starling.conf"), 0, null, "config file is a directory");

        assertEquals("/etc/starling/starling.conf: config file is a directory", e.getMessage());
    }

    @Test
    void commandLineMessageIsReasonAlone() {
        ConfigException e = ConfigException.commandLine("--foo", "unknown option '--foo'");

        assertEquals("unknown option '--foo'", e.getMessage());
    }
}
