package io.starling.it.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.starling.it.NodeProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A malformed password, ACL or dynamic-security file stops a node at start (its own JVM, as
 * {@code bin/starling} runs it) with exit status 1 and a message naming the file and, where the
 * fault is on one line, the line: the broker never runs more open than its files say.
 */
class BadSecurityFilesIT {

    @TempDir
    Path dir;

    private String refusedStart(String config) {
        try (NodeProcess node = NodeProcess.startInBackground(dir, config)) {
            assertEquals(1, node.awaitExit(Duration.ofSeconds(30)), node.tail());
            return node.tail();
        }
    }

    @Test
    void malformedPasswordFileStopsStartNamingFileAndLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("passwd"), "carol:$7$101$bm90YmFzZTY0$\nno colon here\n");
        String output = refusedStart("password_file " + bad + "\n");
        assertTrue(output.contains(bad + ":1:"), output);
    }

    @Test
    void malformedAclFileStopsStartNamingFileAndLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("acl"), "user alice\ntopic readwrite alice/#\ntopic sometimes x\n");
        String output = refusedStart("acl_file " + bad + "\n");
        assertTrue(output.contains(bad + ":3:"), output);
    }

    @Test
    void malformedDynamicSecurityFileStopsStartNamingTheFile() throws Exception {
        Path bad = Files.writeString(dir.resolve("dynsec.json"), "{\"clients\": [ {\"username\": \"a\" }\n");
        String output = refusedStart("plugin dynamic-security\nplugin_opt_config_file " + bad + "\n");
        assertTrue(output.contains(bad.toString()), output);
    }
}
